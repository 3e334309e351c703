import { Children, Fragment, isValidElement, type ReactNode } from "react";

/**
 * A document page: what the person came to do first (beside the document on a wide screen, above it
 * on a narrow one), the document itself (viewer and metadata), then how it is being processed.
 * One column below 1280 px; two from there (document | actions and processing). Each slot is a
 * stack of cards, so areas add their panels without changing the layout.
 */
export function DocumentLayout({ actions, document, processing }: { actions?: ReactNode; document: ReactNode; processing?: ReactNode }) {
  const hasActions = hasContent(actions);
  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] xl:grid-rows-[auto_1fr]" data-layout="document">
      {hasActions ? <div className="min-w-0 space-y-6 xl:col-start-2 xl:row-start-1" data-slot="actions">{actions}</div> : null}
      <div className="min-w-0 space-y-6 xl:col-start-1 xl:row-span-2 xl:row-start-1" data-slot="document">{document}</div>
      <div className={`min-w-0 space-y-6 xl:col-start-2 ${hasActions ? "xl:row-start-2" : "xl:row-span-2 xl:row-start-1"}`} data-slot="processing">
        {processing}
      </div>
    </div>
  );
}

/** Whether a slot renders anything: a fragment of cards that are all `null` does not. */
function hasContent(node: ReactNode): boolean {
  return Children.toArray(node).some((child) =>
    isValidElement<{ children?: ReactNode }>(child) && child.type === Fragment ? hasContent(child.props.children) : true,
  );
}

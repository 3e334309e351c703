import Link from "next/link";
import type { ReactNode } from "react";
import { FocusedStatus } from "./success-message";

/** Trang trước / Trang sau; `label` names the navigation when a page has two. */
export function Pagination({ page, hasNext, href, label = "Phân trang" }: { page: number; hasNext: boolean; href: (page: number) => string; label?: string }) {
  if (page <= 1 && !hasNext) return null;
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between text-sm">
      {page > 1 ? (
        <Link className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50" href={href(page - 1)}>
          ← Trang trước
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-600">Trang {page}</span>
      {hasNext ? (
        <Link className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50" href={href(page + 1)}>
          Trang sau →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

export { ListTable, tableClass, tdClass, thClass } from "./list-table";

/**
 * A status line at the top of a page. `focus` for the result of a step after its redirect ("Đã vào
 * sổ, số đến 12."): focus moves to it (WCAG 2.4.3); a standing notice ("Hồ sơ đã đóng") takes none.
 */
export function FormMessageStatic({ children, focus = false }: { children: ReactNode; focus?: boolean }) {
  return <FocusedStatus focus={focus}>{children}</FocusedStatus>;
}

/** The query of the current tab: the list's parameters without the page. */
export function currentTabQuery(sp: Record<string, string | undefined>): string {
  return new URLSearchParams(Object.entries(sp).filter(([k, v]) => v && k !== "page") as [string, string][]).toString();
}

// The blocks every page is made of, as client components: a page hands them strings and its own nodes, and the
// page's RSC payload carries one element for each instead of the three to five it draws (components/ui/blocks.tsx).
export { Card, EmptyState, ListTabs, PageHeader, ScrollBox } from "./blocks";
export { MetaList } from "./meta-list";

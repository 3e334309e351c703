import Link from "next/link";
import type { ReactNode } from "react";
import { countLabel } from "@/lib/format";
import { FocusedStatus } from "./success-message";

export function PageHeader({ title, description, actions }: { title: string; description?: string; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
        {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex gap-2">{actions}</div> : null}
    </div>
  );
}

export function Card({ title, children, actions, id }: { title?: string; children: ReactNode; actions?: ReactNode; id?: string }) {
  return (
    <section id={id} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      {title || actions ? (
        <div className="mb-4 flex items-center justify-between gap-2">
          {title ? <h2 className="text-base font-semibold text-slate-900">{title}</h2> : <span />}
          {actions}
        </div>
      ) : null}
      {children}
    </section>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
      <p className="font-medium text-slate-800">{title}</p>
      {children ? <div className="mt-2 text-sm text-slate-600">{children}</div> : null}
    </div>
  );
}

export function Pagination({ page, hasNext, href }: { page: number; hasNext: boolean; href: (page: number) => string }) {
  if (page <= 1 && !hasNext) return null;
  return (
    <nav aria-label="Phân trang" className="mt-4 flex items-center justify-between text-sm">
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

/** A success note rendered by the server (e.g. after a redirect), announced politely. */
/**
 * A status line at the top of a page. `focus` for the result of a step after its redirect ("Đã vào
 * sổ, số đến 12."): focus moves to it (WCAG 2.4.3); a standing notice ("Hồ sơ đã đóng") takes none.
 */
export function FormMessageStatic({ children, focus = false }: { children: ReactNode; focus?: boolean }) {
  return <FocusedStatus focus={focus}>{children}</FocusedStatus>;
}

/** A bordered list table: the header labels, then the rows given as children. */
/**
 * A box that scrolls sideways on a phone (its table or diagram is wider than the screen). It is
 * focusable and named, so a keyboard user can scroll it too (WCAG 2.1.1; axe scrollable-region-focusable).
 */
export function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

/** The inbox tabs above a list: each a link to a filtered view of the same list. */
export function ListTabs({ base, label, tabs, current }: { base: string; label: string; tabs: { label: string; query: string; count?: number }[]; current: string }) {
  return (
    <nav aria-label={label} className="mb-3 flex flex-wrap gap-2 text-sm">
      {tabs.map((t) => (
        <Link
          key={t.label}
          href={`${base}${t.query ? `?${t.query}` : ""}`}
          aria-current={current === t.query ? "page" : undefined}
          className={`rounded-full border px-3 py-1 ${current === t.query ? "border-brand-700 bg-brand-50 text-brand-800" : "border-slate-300 bg-white"}`}
        >
          {t.label}
          {/* The space makes the tab's name "Chưa đọc 2", not "Chưa đọc2", for a screen reader. */}
          {t.count ? <>{" "}<span className="ml-0.5 rounded-full bg-brand-700 px-1.5 text-xs font-semibold text-white">{countLabel(t.count)}</span></> : null}
        </Link>
      ))}
    </nav>
  );
}

/** The query of the current tab: the list's parameters without the page. */
export function currentTabQuery(sp: Record<string, string | undefined>): string {
  return new URLSearchParams(Object.entries(sp).filter(([k, v]) => v && k !== "page") as [string, string][]).toString();
}

/** A document's metadata as label/value pairs; empty values are left out. */
// A client component: the pairs travel as data, not as a tree of elements (components/ui/meta-list.tsx).
export { MetaList } from "./meta-list";

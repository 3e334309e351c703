"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { countLabel } from "@/lib/format";

// The blocks of every page (re-exported by components/ui/page.tsx). Client components without state or handlers:
// a server page hands them strings and its own nodes, and React's payload of the page carries one element for each
// block instead of the three to five elements it draws, each with its classes (components/ui/rows.ts says why
// that matters: a server element costs some twenty times its HTML).

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

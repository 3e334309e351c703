"use client";

/**
 * Label and value pairs of a record (Thông tin văn bản, Thông tin hồ sơ…); a pair without a value is left out.
 * A client component without state or handlers: a server page hands it the pairs as data, and the page's RSC
 * payload carries ten short arrays instead of some thirty elements with their classes (components/ui/rows.ts
 * says why that matters).
 */
export function MetaList({ items }: { items: readonly (readonly [string, string])[] }) {
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
      {items.filter(([, v]) => v).map(([k, v]) => (
        <div key={k} className="flex gap-2">
          <dt className="w-28 shrink-0 text-slate-500 sm:w-36">{k}</dt>
          <dd className="min-w-0 text-slate-900">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

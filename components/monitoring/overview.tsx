import type { OverviewCount } from "@/lib/monitoring/overview";
import { formatCount, formatDate } from "@/lib/format";

/** Tổng quan: each count a link to the list of exactly those rows (plain links, as the dashboard's counts). */
export function OverviewCounts({ counts, soonUntil }: { counts: OverviewCount[]; soonUntil: string }) {
  if (!counts.length) return null;
  return (
    <section aria-labelledby="cong-viec" className="mb-6">
      <h2 id="cong-viec" className="mb-2 font-semibold text-slate-900">Công việc</h2>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
        {counts.map((c) => (
          <li key={c.key}>
            <a
              href={c.href}
              className={`block h-full rounded-lg border bg-white p-3 shadow-sm hover:border-brand-600 ${c.alert && c.count ? "border-red-300" : "border-slate-200"}`}
            >
              <span className={`block text-2xl font-semibold ${c.alert && c.count ? "text-red-700" : "text-slate-900"}`}>{formatCount(c.count)}</span>
              <span className="text-sm text-slate-700">{c.label}</span>
              {c.key === "soon" ? <span className="block text-xs text-slate-500">đến {formatDate(soonUntil)}</span> : null}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

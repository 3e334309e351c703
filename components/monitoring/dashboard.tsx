import { EmptyState } from "@/components/ui/page";
import { RowTable } from "@/components/ui/row-table";
import type { Row, RowPart } from "@/components/ui/rows";
import { formatCount } from "@/lib/format";
import type { Figures, GroupRow } from "@/lib/monitoring/dashboard";
import { drillHref } from "@/lib/monitoring/links";
import type { Progress } from "@/lib/incoming/progress";
import { FIGURE_HEADERS, formatDays } from "@/lib/monitoring/tables";

type Period = { from: string; to: string };
const KEYS: Array<Exclude<Progress, "done">> = ["received", "ontime", "late", "open", "overdue"];
/** The name, then the five counts and the average, right-aligned. */
const NUMBER_COLUMNS = [undefined, ...KEYS.map(() => "text-right"), "text-right"];

// Every count is a plain link, as a list's rows are (components/ui/rows.ts): a year's dashboard has some 40 of
// them, and each next/link is a client component the page serializes and renders on its own.

/** The five counts as links to the documents behind them, and the average processing time. */
export function FigureCards({ total, period, within }: { total: Figures; period: Period; within: string | null }) {
  return (
    <ul className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      {KEYS.map((k, i) => (
        <li key={k}>
          <a href={drillHref(period, k, { within })} className={`block h-full rounded-lg border bg-white p-3 shadow-sm hover:border-brand-600 ${k === "overdue" && total[k] ? "border-red-300" : "border-slate-200"}`}>
            <span className={`block text-2xl font-semibold ${k === "overdue" && total[k] ? "text-red-700" : "text-slate-900"}`}>{formatCount(total[k])}</span>
            <span className="text-sm text-slate-600">{FIGURE_HEADERS[i]}</span>
          </a>
        </li>
      ))}
      <li className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
        <span className="block text-2xl font-semibold text-slate-900">{formatDays(total.avgDays)}</span>
        <span className="text-sm text-slate-600">Ngày làm việc xử lý trung bình</span>
      </li>
    </ul>
  );
}

/** Per unit or per person: each number links to its documents. Rows as data (components/ui/rows.ts): a year's two tables hold some 40 rows. */
export function GroupTable({ rows, period, by, label }: { rows: GroupRow[]; period: Period; by: "handlingUnit" | "handler"; label: string }) {
  if (!rows.length) return <EmptyState title="Không có số liệu">Không có văn bản nào trong kỳ đã chọn.</EmptyState>;
  const data = rows.map((r): Row => [
    r.id,
    r.name,
    ...KEYS.map((k): RowPart => (r[k] ? ["a", drillHref(period, k, { [by]: r.id }), formatCount(r[k]), "text-brand-700 hover:underline", `${r.name}: ${formatCount(r[k])} văn bản`] : "0")),
    formatDays(r.avgDays),
  ]);
  return <RowTable headers={[label, ...FIGURE_HEADERS]} columns={NUMBER_COLUMNS} rows={data} />;
}

/** A chart rendered on the server (lib/monitoring/charts.ts) with its text alternative; the table beside it holds the figures. */
export function Chart({ svg, label }: { svg: string; label: string }) {
  return <figure role="img" aria-label={label} className="max-w-full overflow-x-auto [&_svg]:h-auto [&_svg]:max-w-full" dangerouslySetInnerHTML={{ __html: svg }} />;
}

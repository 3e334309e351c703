import { FigureCardList, type FigureCard } from "@/components/monitoring/period-blocks";
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

/** The five counts as links to the documents behind them, and the average processing time (drawn from data: period-blocks.tsx). */
export function FigureCards({ total, period, within }: { total: Figures; period: Period; within: string | null }) {
  const cards = KEYS.map((k, i): FigureCard => [drillHref(period, k, { within }), formatCount(total[k]), FIGURE_HEADERS[i], k === "overdue" && total[k] > 0]);
  return <FigureCardList cards={cards} average={formatDays(total.avgDays)} />;
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

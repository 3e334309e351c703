import "server-only";
import { getDb, type Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import type { BookColumn, TitledBook } from "@/lib/registers/book";
import { formatDate, formatDecimal } from "@/lib/format";
import { agencyLines, agencyOf } from "@/lib/work-files/books";
import { todayInVietnam } from "@/lib/dates";
import { dashboardFigures, monitoringScope, type Figures, type Period } from "./dashboard";

// The dashboard's tables as printable books, so their XLSX (and PDF) come from the register
// renderers (lib/registers/xlsx.ts, pdf.ts): the same rows as the page.

export const DASHBOARD_TABLES = ["total", "units", "people"] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];

const TABLE_TITLES: Record<DashboardTable, string> = {
  total: "TÌNH HÌNH XỬ LÝ VĂN BẢN ĐẾN",
  units: "TÌNH HÌNH XỬ LÝ VĂN BẢN ĐẾN THEO ĐƠN VỊ",
  people: "TÌNH HÌNH XỬ LÝ VĂN BẢN ĐẾN THEO CÁ NHÂN",
};

/** Days with a Vietnamese decimal comma, "—" when nothing was done. */
export const formatDays = (n: number | null) => (n == null ? "—" : formatDecimal(n));

export const FIGURE_HEADERS = ["Tiếp nhận", "Hoàn thành đúng hạn", "Hoàn thành trễ hạn", "Đang xử lý", "Đang xử lý quá hạn", "Thời gian xử lý trung bình (ngày làm việc)"];
const figureCells = (f: Figures) => [f.received, f.ontime, f.late, f.open, f.overdue].map(String).concat(formatDays(f.avgDays));
const figureColumns = (first: string | null): BookColumn[] => [
  ...(first ? [{ title: "STT", width: 5, numeric: true, centre: true }, { title: first, width: 29 }] : []),
  ...FIGURE_HEADERS.map((title, i) => ({ title, width: first ? (i === 5 ? 16 : 10) : i === 5 ? 25 : 15, numeric: i < 5, count: i < 5, centre: true })),
];

/** One table of the dashboard for the period and unit, or null when the person may not see it. */
export async function dashboardBook(actor: Actor, table: DashboardTable, period: Period, unitId?: string, given?: Db): Promise<TitledBook | null> {
  const db = given ?? (await getDb());
  const scope = await monitoringScope(actor, unitId, db);
  if (!scope) return null;
  const figures = await dashboardFigures(actor, scope, period, db, todayInVietnam());
  const unitName = scope.unitId ? scope.units.find((u) => u.id === scope.unitId)?.name : null;
  const rows =
    table === "total"
      ? [figureCells(figures.total)]
      : (table === "units" ? figures.byUnit : figures.byPerson).map((r, i) => [String(i + 1), r.name, ...figureCells(r)]);
  const a = await agencyOf(db, actor.agencyId);
  const title = TABLE_TITLES[table];
  const span = `Từ ngày ${formatDate(period.from)} đến ngày ${formatDate(period.to)}`;
  return {
    kind: "monitoring", secret: false,
    columns: figureColumns(table === "total" ? null : table === "units" ? "Đơn vị" : "Cá nhân"),
    rows,
    info: { title: `${title} ${span}`, author: a.name },
    title: [...agencyLines(a), { text: "" }, { text: title, bold: true, size: 14 }, { text: span, size: 12 }, ...(unitName ? [{ text: unitName, size: 12 }] : [])],
    emptyText: "Không có văn bản nào trong kỳ.",
    fileBase: `theo-doi-${table}-${period.from}-${period.to}`,
    sheetName: { total: "Tong hop", units: "Theo don vi", people: "Theo ca nhan" }[table],
  };
}

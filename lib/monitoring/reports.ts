import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Db } from "@/db/client";
import { incomingAssignments, incomingDocuments, outgoingDocuments, units } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { formatDate, formatDecimal } from "@/lib/format";
import { STATUS_LABELS, URGENCY_LABELS } from "@/lib/incoming/labels";
import { OUTGOING_STATUS_LABELS } from "@/lib/outgoing/labels";
import type { BookColumn, BookHeading, TitledBook } from "@/lib/registers/book";
import { vnMidnight } from "@/lib/registers/book";
import { agencyLines, agencyOf } from "@/lib/work-files/books";
import { todayInVietnam } from "@/lib/dates";
import { cachedByVersion } from "@/lib/cache/data-version";
import type { Period } from "./dashboard";
import { handledWithinAny, progressCondition, RECEIVED_STATUSES, unitTree, type Progress } from "@/lib/incoming/progress-conditions";

// Báo cáo giải quyết văn bản đến / đi (NĐ 30/2020 Phụ lục VI, the outputs of the system): for a period
// and optionally a unit, counts by status, on time / late, by type, by unit and by urgency, as a table
// printed, downloaded as PDF and XLSX by the register renderers. Secret documents are not counted
// (the figures are everyone's non-secret work, as on the dashboard).

export const REPORT_KINDS = ["incoming", "outgoing"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_TITLES: Record<ReportKind, string> = {
  incoming: "BÁO CÁO GIẢI QUYẾT VĂN BẢN ĐẾN",
  outgoing: "BÁO CÁO GIẢI QUYẾT VĂN BẢN ĐI",
};

/** Who may print the reports: the clerks and the agency's leaders. */
export const seesReports = (actor: Actor) => can(actor, "documents.readAgency");

const COLUMNS: BookColumn[] = [
  { title: "STT", width: 8, centre: true },
  { title: "Chỉ tiêu", width: 62 },
  { title: "Số văn bản", width: 15, numeric: true, count: true, centre: true },
  { title: "Tỷ lệ (%)", width: 15, centre: true },
];

const ROMAN = ["I", "II", "III", "IV", "V", "VI"];
type Group = { label: string; n: number }[];
type Q = Db;

const percent = (n: number, total: number) => (total ? formatDecimal(Math.round((n * 1000) / total) / 10) : "0");

/** The report's rows: the total, then each section numbered I, II, … with its lines 1, 2, … */
function table(totalLabel: string, total: number, sections: Array<[string, Group]>) {
  const rows: string[][] = [["", totalLabel, String(total), total ? "100" : "0"]];
  const headings: BookHeading[] = [];
  sections.forEach(([title, lines], i) => {
    headings.push({ at: rows.length, text: `${ROMAN[i]}. ${title.toLocaleUpperCase("vi")}` });
    lines.forEach((l, j) => rows.push([String(j + 1), l.label, String(l.n), percent(l.n, total)]));
  });
  return { rows, headings };
}

/** The grouped counts of a report: the figures of the whole set, and per value of each key, the largest first. */
interface Grouped {
  totals: Record<string, number>;
  groups: Group[];
}

/**
 * A report's figures in ONE statement: the period's rows with their keys and flags computed once (a
 * materialized CTE), then the whole set and each key by grouping sets. `rows` selects the columns k0, k1, …
 * (the keys, each text) and the flag columns named in `flags` (booleans) from the period's rows; each key's
 * groups come back ordered as they are printed (count descending, then the key). Was a statement per key,
 * each walking the period again.
 */
async function grouped(db: Q, rows: SQL, keys: Array<(k: string) => string>, flags: readonly string[]): Promise<Grouped> {
  const k = keys.map((_, i) => `k${i}`);
  const filters = flags.map((f) => `count(*) filter (where ${f})::int as ${f}`).join(", ");
  const { rows: out } = await db.execute<Record<string, string | number | null>>(sql`
    with r as materialized (${rows})
    select grouping(${sql.raw(k.join(", "))})::int as g, ${sql.raw(k.join(", "))}, count(*)::int as n${sql.raw(filters ? `, ${filters}` : "")}
    from r group by grouping sets ((), ${sql.raw(k.map((x) => `(${x})`).join(", "))})
    order by g, n desc, ${sql.raw(k.join(", "))}`);
  // grouping() has a bit per key, the first the highest: set on every key but the one grouped, all set on the whole.
  const all = (1 << k.length) - 1;
  const whole = out.find((r) => Number(r.g) === all);
  const totals = Object.fromEntries(["n", ...flags].map((f) => [f, Number(whole?.[f] ?? 0)]));
  const groups = keys.map((label, i) => {
    const g = all ^ (1 << (k.length - 1 - i));
    return out.filter((r) => Number(r.g) === g).map((r) => ({ label: r[k[i]] == null ? "Chưa xác định" : label(String(r[k[i]])), n: Number(r.n) }));
  });
  return { totals, groups };
}

/** A report for the period and unit, or null when the person may not print it or the unit is not of their agency. */
export async function loadReport(actor: Actor, kind: ReportKind, period: Period, unitId?: string, given?: Q, today = todayInVietnam()): Promise<TitledBook | null> {
  if (!seesReports(actor)) return null;
  const db = given ?? (await getDb());
  let unitName: string | null = null;
  if (unitId) {
    const [u] = await db.select({ name: units.name }).from(units).where(and(eq(units.id, unitId), eq(units.agencyId, actor.agencyId)));
    if (!u) return null;
    unitName = u.name;
  }
  const a = await agencyOf(db, actor.agencyId);
  // The figures are the agency's (never per reader): kept under the data version (lib/cache/data-version.ts).
  const built = await cachedByVersion(db, actor.agencyId, JSON.stringify(["report", kind, actor.agencyId, period.from, period.to, unitId ?? null, today]), () =>
    kind === "incoming" ? incomingReport(db, actor, period, unitId, today) : outgoingReport(db, actor, period, unitId));
  const title = REPORT_TITLES[kind];
  const span = `Từ ngày ${formatDate(period.from)} đến ngày ${formatDate(period.to)}`;
  return {
    kind: "report", secret: false, columns: COLUMNS, ...built,
    info: { title: `${title} ${span}`, author: a.name },
    title: [...agencyLines(a), { text: "" }, { text: title, bold: true, size: 14 }, { text: span, size: 12 }, ...(unitName ? [{ text: `Đơn vị: ${unitName}`, size: 12 }] : [])],
    emptyText: "Không có văn bản nào trong kỳ.",
    fileBase: `bao-cao-giai-quyet-van-ban-${kind === "incoming" ? "den" : "di"}-${period.from}-${period.to}`,
    sheetName: kind === "incoming" ? "Bao cao VB den" : "Bao cao VB di",
  };
}

async function incomingReport(db: Q, actor: Actor, period: Period, unitId: string | undefined, today: string) {
  const d = incomingDocuments;
  const arrived = sql`coalesce(${d.arrivalDate}, ${d.createdAt})`;
  const where = and(
    eq(d.agencyId, actor.agencyId), eq(d.secrecy, "normal"), sql`${d.status} in (${sql.join(RECEIVED_STATUSES.map((s) => sql`${s}`), sql`, `)})`,
    sql`${arrived} >= ${vnMidnight(period.from)} and ${arrived} < ${vnMidnight(period.to, 1)}`,
    unitId ? handledWithinAny([unitId]) : undefined,
  )!;
  const flag = (p: Progress) => sql`(${progressCondition(p, today)})`;
  // The unit that leads it (xử lý chính) at the first level it was given to (within the chosen unit): the first
  // leading part of each document of the period, found as a set (a join the planner sizes: per document for a few,
  // one pass over the leading parts for a year of a large agency) rather than a lookup per document.
  const leads = sql`(select distinct on (l.document_id) l.document_id, u.name from ${incomingAssignments} l join ${units} u on u.id = l.unit_id
    where l.role = 'lead' and l.unit_id is not null${unitId ? sql` and l.unit_id in ${unitTree([unitId])}` : sql``}
      and l.document_id in (select ${d.id} from ${d} where ${where})
    order by l.document_id, l.created_at)`;
  const { totals: f, groups: [status, types, byUnit, urgency] } = await grouped(db,
    sql`select ${d.status}::text as k0, ${d.docType} as k1, lead.name as k2, ${d.urgency}::text as k3,
      ${flag("ontime")} as ontime, ${flag("late")} as late, ${flag("open")} as open, ${flag("overdue")} as overdue
      from ${d} left join ${leads} lead on lead.document_id = ${d.id} where ${where}`,
    [(k) => STATUS_LABELS[k as keyof typeof STATUS_LABELS] ?? k, (k) => k, (k) => k, (k) => URGENCY_LABELS[k as keyof typeof URGENCY_LABELS] ?? k],
    ["ontime", "late", "open", "overdue"]);
  return table("Tổng số văn bản đến", f.n, [
    ["Theo tình trạng xử lý", status],
    ["Theo thời hạn giải quyết", [
      { label: "Hoàn thành đúng hạn", n: f.ontime }, { label: "Hoàn thành trễ hạn", n: f.late },
      { label: "Đang xử lý trong hạn", n: f.open - f.overdue }, { label: "Đang xử lý quá hạn", n: f.overdue },
    ]],
    ["Theo loại văn bản", types],
    ["Theo đơn vị xử lý chính", byUnit],
    ["Theo độ khẩn", urgency],
  ]);
}

async function outgoingReport(db: Q, actor: Actor, period: Period, unitId: string | undefined) {
  const o = outgoingDocuments;
  const where = and(
    eq(o.agencyId, actor.agencyId), eq(o.secrecy, "normal"),
    sql`${o.createdAt} >= ${vnMidnight(period.from)} and ${o.createdAt} < ${vnMidnight(period.to, 1)}`,
    unitId ? sql`${o.draftingUnitId} in ${unitTree([unitId])}` : undefined,
  )!;
  const reply = alias(incomingDocuments, "reply_to");
  const issuedDay = sql`(${o.issuedAt} at time zone 'Asia/Ho_Chi_Minh')::date`;
  const issued = sql`${o.status} in ('issued', 'withdrawn')`;
  const draftingUnit = sql`(select u.name from ${units} u where u.id = ${o.draftingUnitId})`;
  const { totals: f, groups: [status, types, byUnit, urgency] } = await grouped(db,
    sql`select ${o.status}::text as k0, ${o.docType} as k1, ${draftingUnit} as k2, ${o.urgency}::text as k3,
      ${issued} as issued, (${o.replyToId} is not null and ${issued}) as replies,
      (${issued} and ${reply.dueDate} is not null and ${issuedDay} <= ${reply.dueDate}) as ontime,
      (${issued} and ${reply.dueDate} is not null and ${issuedDay} > ${reply.dueDate}) as late
      from ${o} left join ${incomingDocuments} as ${sql.identifier("reply_to")} on ${reply.id} = ${o.replyToId} where ${where}`,
    [(k) => OUTGOING_STATUS_LABELS[k as keyof typeof OUTGOING_STATUS_LABELS] ?? k, (k) => k, (k) => k, (k) => URGENCY_LABELS[k as keyof typeof URGENCY_LABELS] ?? k],
    ["issued", "replies", "ontime", "late"]);
  return table("Tổng số văn bản đi (dự thảo tạo trong kỳ)", f.n, [
    ["Theo tình trạng xử lý", status],
    ["Theo thời hạn (văn bản trả lời văn bản đến có hạn)", [
      { label: "Đã phát hành", n: f.issued }, { label: "Trong đó trả lời văn bản đến", n: f.replies },
      { label: "Trả lời đúng hạn", n: f.ontime }, { label: "Trả lời trễ hạn", n: f.late },
    ]],
    ["Theo loại văn bản", types],
    ["Theo đơn vị soạn thảo", byUnit],
    ["Theo độ khẩn", urgency],
  ]);
}

import "server-only";
import { and, asc, eq, gte, isNotNull, lt, lte, sql, type SQL } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { agencies, incomingDocuments, registers } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { can, type HasPositions } from "@/lib/auth/permissions";
import { formatDate } from "@/lib/format";
import { ROLE_LABELS, STATUS_LABELS } from "@/lib/incoming/labels";
import { vietnamYear } from "./numbering";
import type { BookKind, BookQuery } from "./schemas";

export interface BookColumn {
  title: string;
  /** Share of the page width, in %; the widths of a book add up to 100. */
  width: number;
  /** Written as a number in the spreadsheet (số đến). */
  numeric?: boolean;
  /** Dates and numbers are centred in the printed book. */
  centre?: boolean;
}

export interface BookCover {
  parentName: string;
  agencyName: string;
  title: string;
  year: number;
  fromDate: string;
  toDate: string;
  fromNo: string;
  toNo: string;
  bookNo: string;
}

export interface IncomingBook {
  kind: BookKind;
  secret: boolean;
  cover: BookCover;
  columns: BookColumn[];
  /** One row per registered document, số đến ascending; every cell is plain text. */
  rows: string[][];
  /** Download name without extension, e.g. so-den-2026. */
  fileBase: string;
}

// NĐ 30/2020 Phụ lục IV (standards.md §1.2): the minimum columns, in this order and with these names.
export const REGISTER_COLUMNS: BookColumn[] = [
  { title: "Ngày đến", width: 8, centre: true },
  { title: "Số đến", width: 5, numeric: true, centre: true },
  { title: "Tác giả", width: 12 },
  { title: "Số, ký hiệu văn bản", width: 10 },
  { title: "Ngày tháng văn bản", width: 8, centre: true },
  { title: "Tên loại và trích yếu nội dung văn bản", width: 22 },
  { title: "Đơn vị hoặc người nhận", width: 14 },
  { title: "Ngày chuyển", width: 8, centre: true },
  { title: "Ký nhận", width: 7 },
  { title: "Ghi chú", width: 6 },
];

export const TRACKING_COLUMNS: BookColumn[] = [
  { title: "Số đến", width: 6, numeric: true, centre: true },
  { title: "Tên loại, số, ký hiệu, ngày tháng, cơ quan ban hành", width: 28 },
  { title: "Đơn vị/người nhận", width: 18 },
  { title: "Thời hạn giải quyết", width: 9, centre: true },
  { title: "Tiến độ giải quyết", width: 17 },
  // Filled once outgoing documents can answer an incoming one; the column is part of the form.
  { title: "Số, ký hiệu VB trả lời", width: 11 },
  { title: "Ghi chú", width: 11 },
];

const TITLES: Record<BookKind, string> = {
  register: "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN",
  tracking: "SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN",
};

/** Who may print which series: registers.print; the secret series also needs documents.readAgency (the clerk). */
export function canPrintBook(actor: HasPositions, secret: boolean): boolean {
  return can(actor, "registers.print") && (!secret || can(actor, "documents.readAgency"));
}

/** The series the actor may choose on the registers page. */
export function printableSeries(actor: HasPositions): Array<"normal" | "secret"> {
  return [false, true].filter((s) => canPrintBook(actor, s)).map((s) => (s ? "secret" : "normal"));
}

/** Midnight in Vietnam (UTC+7, no daylight saving) of an ISO date, plus `days`. */
function vnMidnight(iso: string, days = 0): Date {
  return new Date(Date.parse(`${iso}T00:00:00+07:00`) + days * 86_400_000);
}

interface Recipient {
  role: keyof typeof ROLE_LABELS;
  name: string;
}

const recipientText = (rs: Recipient[] | null) =>
  (rs ?? []).map((r) => `${r.name} (${ROLE_LABELS[r.role]?.toLowerCase() ?? r.role})`).join("; ");

/**
 * A register book of the actor's agency for a year, or null when the actor may not print it
 * (answered like a missing page). One query: each document with its top-level recipients
 * aggregated beside it, so 20,000 rows cost one round trip (the index on assignments.document_id
 * serves the correlated sub-selects).
 */
export async function loadIncomingBook(actor: Actor, q: BookQuery, given?: Db | Tx): Promise<IncomingBook | null> {
  const secret = q.series === "secret";
  if (!canPrintBook(actor, secret)) return null;
  const db = given ?? (await getDb());
  const year = q.year ?? vietnamYear(new Date());
  const d = incomingDocuments;

  const conds: SQL[] = [
    eq(registers.agencyId, actor.agencyId),
    eq(registers.kind, "incoming"),
    eq(registers.year, year),
    eq(registers.secret, secret),
    eq(d.agencyId, actor.agencyId),
    isNotNull(d.arrivalNo),
  ];
  if (q.from) conds.push(gte(d.arrivalDate, vnMidnight(q.from)));
  if (q.to) conds.push(lt(d.arrivalDate, vnMidnight(q.to, 1)));
  if (q.fromNo != null) conds.push(gte(d.arrivalNo, q.fromNo));
  if (q.toNo != null) conds.push(lte(d.arrivalNo, q.toNo));

  const recipients = sql<Recipient[] | null>`(
    select json_agg(json_build_object('role', a.role, 'name', coalesce(u.name, p.full_name, ''))
                    order by case a.role when 'lead' then 0 when 'coordinate' then 1 else 2 end, a.created_at)
    from incoming_assignments a
    left join units u on u.id = a.unit_id
    left join users p on p.id = a.user_id
    where a.document_id = ${d.id} and a.parent_id is null)`;
  const leadDeadline = sql<string | null>`(
    select min(a.deadline)::text from incoming_assignments a
    where a.document_id = ${d.id} and a.parent_id is null and a.role = 'lead')`;
  const lastProgress = sql<string | null>`(
    select e.text from incoming_events e
    where e.document_id = ${d.id} and e.kind = 'progress' order by e.id desc limit 1)`;

  const [agency] = await db
    .select({ name: agencies.name, parentName: agencies.parentName })
    .from(agencies)
    .where(eq(agencies.id, actor.agencyId));
  const books = await db
    .select({ bookNo: registers.bookNo })
    .from(registers)
    .where(and(eq(registers.agencyId, actor.agencyId), eq(registers.kind, "incoming"), eq(registers.year, year), eq(registers.secret, secret)))
    .orderBy(asc(registers.bookNo));

  const base = {
    arrivalNo: d.arrivalNo, arrivalDate: d.arrivalDate, symbol: d.symbol, issuedDate: d.issuedDate, issuerName: d.issuerName,
    docType: d.docType, subject: d.subject, note: d.note, recipients,
  };
  const rows =
    q.book === "register"
      ? await db
          .select({ ...base, handedAt: d.paperHandedAt, receiver: d.paperReceiver })
          .from(d)
          .innerJoin(registers, eq(registers.id, d.registerId))
          .where(and(...conds))
          .orderBy(asc(registers.bookNo), asc(d.arrivalNo))
      : await db
          .select({ ...base, dueDate: d.dueDate, status: d.status, doneAt: d.doneAt, leadDeadline, lastProgress })
          .from(d)
          .innerJoin(registers, eq(registers.id, d.registerId))
          .where(and(...conds))
          .orderBy(asc(registers.bookNo), asc(d.arrivalNo));

  const cells: string[][] =
    q.book === "register"
      ? (rows as Array<(typeof rows)[number] & { handedAt: string | null; receiver: string }>).map((r) => [
          formatDate(r.arrivalDate),
          String(r.arrivalNo),
          r.issuerName,
          r.symbol,
          formatDate(r.issuedDate),
          `${r.docType}\n${r.subject}`,
          recipientText(r.recipients),
          formatDate(r.handedAt),
          r.receiver,
          r.note,
        ])
      : (rows as Array<TrackingRow>).map((r) => [
          String(r.arrivalNo),
          describeDocument(r),
          recipientText(r.recipients),
          formatDate(r.dueDate ?? r.leadDeadline),
          progressText(r),
          "",
          r.note,
        ]);

  const first = rows[0];
  const last = rows[rows.length - 1];
  const kindTitle = TITLES[q.book];
  return {
    kind: q.book,
    secret,
    columns: q.book === "register" ? REGISTER_COLUMNS : TRACKING_COLUMNS,
    rows: cells,
    fileBase: `${q.book === "register" ? "so-den" : "so-theo-doi-den"}${secret ? "-mat" : ""}-${year}`,
    cover: {
      parentName: agency?.parentName ?? "",
      agencyName: agency?.name ?? "",
      title: secret ? `${kindTitle} MẬT` : kindTitle,
      year,
      // The cover shows the range asked for, or else the first and last entries printed.
      fromDate: q.from ? formatDate(q.from) : formatDate(first?.arrivalDate),
      toDate: q.to ? formatDate(q.to) : formatDate(last?.arrivalDate),
      fromNo: String(q.fromNo ?? first?.arrivalNo ?? ""),
      toNo: String(q.toNo ?? last?.arrivalNo ?? ""),
      bookNo: books.map((b) => String(b.bookNo)).join(", ") || "1",
    },
  };
}

interface TrackingRow {
  arrivalNo: number | null;
  symbol: string;
  issuedDate: string | null;
  issuerName: string;
  docType: string;
  note: string;
  recipients: Recipient[] | null;
  dueDate: string | null;
  leadDeadline: string | null;
  status: keyof typeof STATUS_LABELS;
  doneAt: Date | null;
  lastProgress: string | null;
}

/** "Công văn số 15/UBND-VX ngày 20/11/2026 của UBND tỉnh Bình Định". */
function describeDocument(r: TrackingRow): string {
  const parts = [r.docType];
  if (r.symbol) parts.push(`số ${r.symbol}`);
  if (r.issuedDate) parts.push(`ngày ${formatDate(r.issuedDate)}`);
  if (r.issuerName) parts.push(`của ${r.issuerName}`);
  return parts.join(" ");
}

function progressText(r: TrackingRow): string {
  if (r.status === "done") return r.doneAt ? `Đã hoàn thành ngày ${formatDate(r.doneAt)}` : STATUS_LABELS.done;
  return r.lastProgress ? `${STATUS_LABELS[r.status]}: ${r.lastProgress}` : STATUS_LABELS[r.status];
}

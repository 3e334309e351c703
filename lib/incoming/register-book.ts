import "server-only";
import { and, asc, eq, gte, isNotNull, lt, lte, sql, type SQL } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { incomingDocuments, registers } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { formatDate } from "@/lib/format";
import { ROLE_LABELS, STATUS_LABELS } from "./labels";
import { vietnamYear } from "@/lib/registers/numbering";
import { canPrintBook, vnMidnight, type Book, type BookColumn } from "@/lib/registers/book";
import { bookCover } from "@/lib/registers/cover";
import type { BookQuery } from "@/lib/registers/schemas";

// NĐ 30/2020 Phụ lục IV (standards.md §1.2): the minimum columns, in this order and with these names.
export const REGISTER_COLUMNS: BookColumn[] = [
  { title: "Ngày đến", width: 8, centre: true, date: true },
  { title: "Số đến", width: 5, numeric: true, centre: true },
  { title: "Tác giả", width: 12 },
  { title: "Số, ký hiệu văn bản", width: 10 },
  { title: "Ngày tháng văn bản", width: 8, centre: true, date: true },
  { title: "Tên loại và trích yếu nội dung văn bản", width: 22 },
  { title: "Đơn vị hoặc người nhận", width: 14 },
  { title: "Ngày chuyển", width: 8, centre: true, date: true },
  { title: "Ký nhận", width: 7 },
  { title: "Ghi chú", width: 6 },
];

export const TRACKING_COLUMNS: BookColumn[] = [
  { title: "Số đến", width: 6, numeric: true, centre: true },
  { title: "Tên loại, số, ký hiệu, ngày tháng, cơ quan ban hành", width: 28 },
  { title: "Đơn vị/người nhận", width: 18 },
  { title: "Thời hạn giải quyết", width: 9, centre: true, date: true },
  { title: "Tiến độ giải quyết", width: 17 },
  // The issued outgoing documents that answer this one (outgoing_documents.reply_to_id).
  { title: "Số, ký hiệu VB trả lời", width: 11 },
  { title: "Ghi chú", width: 11 },
];

const TITLES = {
  incoming: "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN",
  tracking: "SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN",
} as const;

interface Recipient {
  role: keyof typeof ROLE_LABELS;
  name: string;
}

const recipientText = (rs: Recipient[] | null) =>
  (rs ?? []).map((r) => `${r.name} (${ROLE_LABELS[r.role]?.toLowerCase() ?? r.role})`).join("; ");

/**
 * A register book of the actor's agency for a year, or null when the actor may not print it
 * (answered like a missing page). One query: each document with its top-level recipients
 * aggregated beside it, so 20,000 rows cost one round trip (the indexes on assignments.document_id
 * and outgoing_documents.reply_to_id serve the correlated sub-selects).
 */
export async function loadIncomingBook(
  actor: Actor,
  q: BookQuery & { book: "incoming" | "tracking" },
  given?: Db | Tx,
): Promise<Book | null> {
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
  // A withdrawn reply no longer answers the document.
  const replies = sql<string | null>`(
    select string_agg(o.symbol, '; ' order by o.issued_date, o.number) from outgoing_documents o
    where o.reply_to_id = ${d.id} and o.agency_id = ${d.agencyId} and o.status = 'issued')`;

  const books = await db
    .select({ bookNo: registers.bookNo })
    .from(registers)
    .where(and(eq(registers.agencyId, actor.agencyId), eq(registers.kind, "incoming"), eq(registers.year, year), eq(registers.secret, secret)))
    .orderBy(asc(registers.bookNo));

  const base = {
    arrivalNo: d.arrivalNo, arrivalDate: d.arrivalDate, symbol: d.symbol, issuedDate: d.issuedDate, issuerName: d.issuerName,
    docType: d.docType, subject: d.subject, note: d.note, recipients, voidStatus: d.status, voidReason: d.voidReason,
  };
  const rows =
    q.book === "incoming"
      ? await db
          .select({ ...base, handedAt: d.paperHandedAt, receiver: d.paperReceiver })
          .from(d)
          .innerJoin(registers, eq(registers.id, d.registerId))
          .where(and(...conds))
          .orderBy(asc(registers.bookNo), asc(d.arrivalNo))
      : await db
          .select({ ...base, dueDate: d.dueDate, status: d.status, doneAt: d.doneAt, leadDeadline, lastProgress, replies })
          .from(d)
          .innerJoin(registers, eq(registers.id, d.registerId))
          .where(and(...conds))
          .orderBy(asc(registers.bookNo), asc(d.arrivalNo));

  const cells: string[][] =
    q.book === "incoming"
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
          noteOf(r),
        ])
      : (rows as Array<TrackingRow>).map((r) => [
          String(r.arrivalNo),
          describeDocument(r),
          recipientText(r.recipients),
          formatDate(r.dueDate ?? r.leadDeadline),
          progressText(r),
          r.replies ?? "",
          noteOf(r),
        ]);

  const entry = (r: (typeof rows)[number] | undefined) => r && { date: r.arrivalDate, no: r.arrivalNo };
  return {
    kind: q.book,
    secret,
    columns: q.book === "incoming" ? REGISTER_COLUMNS : TRACKING_COLUMNS,
    rows: cells,
    fileBase: `${q.book === "incoming" ? "so-den" : "so-theo-doi-den"}${secret ? "-mat" : ""}-${year}`,
    sheetName: q.book === "incoming" ? "So den" : "So theo doi",
    cover: await bookCover(db, actor.agencyId, {
      title: TITLES[q.book], secret, year, q, first: entry(rows[0]), last: entry(rows[rows.length - 1]),
      bookNo: books.map((b) => String(b.bookNo)).join(", ") || "1",
    }),
  };
}

/** Ghi chú: the note, and a voided registration with its reason (its number stays in the book, never reused). */
function noteOf(r: { note: string; voidStatus: string; voidReason: string }): string {
  if (r.voidStatus !== "voided") return r.note;
  const voided = r.voidReason ? `Đã hủy: ${r.voidReason}` : "Đã hủy";
  return r.note ? `${r.note}\n${voided}` : voided;
}

interface TrackingRow {
  arrivalNo: number | null;
  symbol: string;
  issuedDate: string | null;
  issuerName: string;
  docType: string;
  note: string;
  voidStatus: string;
  voidReason: string;
  recipients: Recipient[] | null;
  dueDate: string | null;
  leadDeadline: string | null;
  status: keyof typeof STATUS_LABELS;
  doneAt: Date | null;
  lastProgress: string | null;
  replies: string | null;
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
  if (r.status === "voided") return STATUS_LABELS.voided;
  if (r.status === "done") return r.doneAt ? `Đã hoàn thành ngày ${formatDate(r.doneAt)}` : STATUS_LABELS.done;
  return r.lastProgress ? `${STATUS_LABELS[r.status]}: ${r.lastProgress}` : STATUS_LABELS[r.status];
}

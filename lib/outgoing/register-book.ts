import "server-only";
import { and, asc, desc, eq, gte, inArray, isNotNull, lte, sql, type SQL } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { outgoingDocuments, registers, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { formatDate } from "@/lib/format";
import { AUTHORITY_PREFIX } from "./labels";
import { canPrintBook, type Book, type BookColumn } from "@/lib/registers/book";
import { bookCover } from "@/lib/registers/cover";
import { vietnamYear } from "@/lib/registers/numbering";
import type { BookQuery } from "@/lib/registers/schemas";

// NĐ 30/2020 Phụ lục IV (standards.md §1.2): the ten minimum columns of the Sổ đăng ký văn bản đi.
export const OUTGOING_COLUMNS: BookColumn[] = [
  { title: "Số, ký hiệu văn bản", width: 10 },
  { title: "Ngày tháng văn bản", width: 8, centre: true, date: true },
  { title: "Tên loại và trích yếu nội dung văn bản", width: 22 },
  { title: "Người ký", width: 11 },
  { title: "Nơi nhận văn bản", width: 15 },
  { title: "Đơn vị, người nhận bản lưu", width: 8 },
  { title: "Số lượng bản", width: 5, numeric: true, centre: true },
  { title: "Ngày chuyển", width: 7, centre: true, date: true },
  { title: "Ký nhận", width: 6 },
  { title: "Ghi chú", width: 8 },
];

const TITLE = "SỔ ĐĂNG KÝ VĂN BẢN ĐI";
/** The default register of each series, as issuing creates it (lib/registers/numbering.ts). */
const DEFAULT_CODE = { normal: "DI", secret: "DI-MAT" } as const;

export interface OutgoingRegisterChoice {
  code: string;
  name: string;
  secret: boolean;
}

/**
 * The outgoing registers the actor may print in any of `years`, one per code (the form lets the
 * clerk pick the register; the year is chosen beside it). The default book always appears.
 */
export async function outgoingRegisterChoices(actor: Actor, years: number[], given?: Db | Tx): Promise<OutgoingRegisterChoice[]> {
  if (!canPrintBook(actor, false)) return [];
  const db = given ?? (await getDb());
  const rows = await db
    .selectDistinctOn([registers.code], { code: registers.code, name: registers.name, secret: registers.secret })
    .from(registers)
    .where(and(eq(registers.agencyId, actor.agencyId), eq(registers.kind, "outgoing"), inArray(registers.year, years)))
    .orderBy(asc(registers.code), desc(registers.year));
  const choices = rows.filter((r) => canPrintBook(actor, r.secret));
  if (!choices.some((c) => c.code === DEFAULT_CODE.normal)) choices.unshift({ code: DEFAULT_CODE.normal, name: "Sổ đăng ký văn bản đi", secret: false });
  // The default book first, then the secret ones last.
  return choices.sort((a, b) => Number(a.secret) - Number(b.secret) || Number(b.code === DEFAULT_CODE.normal) - Number(a.code === DEFAULT_CODE.normal) || a.code.localeCompare(b.code));
}

/** "so-di-2026", "so-di-mat-2026", "so-di-qd-2026": the download name of a register. */
function fileBaseOf(code: string, year: number): string {
  const slug = code
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/^di(-|$)/, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `so-di${slug ? `-${slug}` : ""}-${year}`;
}

interface Delivery {
  names: string | null;
  sent: string | null;
}

/**
 * One Sổ đăng ký văn bản đi of the actor's agency: the issued (and withdrawn) documents of one
 * register of the year, by số, or null when the actor may not print it (a secret register needs
 * documents.readAgency; answered like a missing page). One query: each document with its
 * recipients and its signer's title aggregated beside it (the index on
 * outgoing_recipients(document_id, sort_order) serves the correlated sub-select).
 */
export async function loadOutgoingBook(actor: Actor, q: BookQuery & { book: "outgoing" }, given?: Db | Tx): Promise<Book | null> {
  if (!canPrintBook(actor, false)) return null;
  const db = given ?? (await getDb());
  const year = q.year ?? vietnamYear(new Date());
  const code = q.register ?? DEFAULT_CODE[q.series];
  // The register of the year; a code with no book that year yet (e.g. on 2 January) prints empty,
  // as secret as the same code in other years.
  const known = await db
    .select({ id: registers.id, year: registers.year, secret: registers.secret, bookNo: registers.bookNo })
    .from(registers)
    .where(and(eq(registers.agencyId, actor.agencyId), eq(registers.kind, "outgoing"), eq(registers.code, code)))
    .orderBy(desc(registers.year));
  const reg = known.find((r) => r.year === year);
  const secret = reg?.secret ?? known[0]?.secret ?? code === DEFAULT_CODE.secret;
  if (!canPrintBook(actor, secret)) return null;

  const rows = reg ? await bookRows(db, actor.agencyId, reg.id, q) : [];

  const cells = rows.map((r) => [
    r.symbol ?? "",
    formatDate(r.issuedDate),
    `${r.docType}\n${r.subject}`,
    // "KT. Phó Giám đốc Lê Thị Mai" (NĐ 30/2020 Phụ lục I: thẩm quyền, chức vụ, họ tên), as it was
    // at the signature; rows written without it (generated or imported data) use the current title.
    r.signerLine || [AUTHORITY_PREFIX[r.authority], r.signerTitle, r.signerName].filter(Boolean).join(" "),
    r.delivery?.names ?? "",
    r.keptCopy,
    r.issuedAmount == null ? "" : String(r.issuedAmount),
    r.delivery?.sent ?? "",
    "",
    noteOf(r),
  ]);
  const entry = (r: (typeof rows)[number] | undefined) => r && { date: r.issuedDate, no: r.number };
  return {
    kind: "outgoing",
    secret,
    columns: OUTGOING_COLUMNS,
    rows: cells,
    fileBase: fileBaseOf(code, year),
    sheetName: "So di",
    cover: await bookCover(db, actor.agencyId, {
      title: TITLE, secret, year, q, first: entry(rows[0]), last: entry(rows[rows.length - 1]), bookNo: String(reg?.bookNo ?? 1),
    }),
  };
}

async function bookRows(db: Db | Tx, agencyId: string, registerId: string, q: BookQuery) {
  const d = outgoingDocuments;
  const conds: SQL[] = [
    eq(d.agencyId, agencyId),
    eq(d.registerId, registerId),
    inArray(d.status, ["issued", "withdrawn"]),
    isNotNull(d.number),
  ];
  if (q.from) conds.push(gte(d.issuedDate, q.from));
  if (q.to) conds.push(lte(d.issuedDate, q.to));
  if (q.fromNo != null) conds.push(gte(d.number, q.fromNo));
  if (q.toNo != null) conds.push(lte(d.number, q.toNo));

  // Nơi nhận in the order of the draft; Ngày chuyển is the day the internal or electronic copies left.
  const delivery = sql<Delivery | null>`(
    select json_build_object(
      'names', string_agg(r.name, '; ' order by r.sort_order, r.id),
      'sent', to_char(min(r.sent_at) at time zone 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY'))
    from outgoing_recipients r where r.document_id = ${d.id})`;
  // The signer's title: a leader's position first (the signature block names it), else any.
  const signerTitle = sql<string | null>`(
    select p.title from user_positions up join positions p on p.id = up.position_id
    where up.user_id = ${d.signerId} order by (p.kind = 'leader') desc, p.title limit 1)`;
  // NĐ 30/2020 Điều 18: the correcting or replacing document and the one it amends name each other.
  const amends = sql<string | null>`(
    select (case when ${d.correctsId} is not null then 'Đính chính cho văn bản số ' else 'Thay thế văn bản số ' end) || coalesce(o.symbol, '')
    from outgoing_documents o where o.id = coalesce(${d.correctsId}, ${d.replacesId}))`;
  const amendedBy = sql<string | null>`(
    select string_agg((case when o.corrects_id = ${d.id} then 'Được đính chính bởi văn bản số ' else 'Được thay thế bởi văn bản số ' end) || o.symbol, '; ' order by o.issued_date, o.number)
    from outgoing_documents o where (o.corrects_id = ${d.id} or o.replaces_id = ${d.id}) and o.status = 'issued')`;
  return db
    .select({
      amends, amendedBy,
      number: d.number, symbol: d.symbol, issuedDate: d.issuedDate, docType: d.docType, subject: d.subject, keptCopy: d.keptCopy,
      issuedAmount: d.issuedAmount, note: d.note, status: d.status, withdrawReason: d.withdrawReason, delivery,
      authority: d.authority, signerName: users.fullName, signerTitle, signerLine: d.signerLine,
    })
    .from(d)
    .innerJoin(users, eq(users.id, d.signerId))
    .where(and(...conds))
    .orderBy(asc(d.number));
}

/** Ghi chú: the draft's note, the đính chính / thay thế links, and a withdrawal with its reason (Phụ lục VI: thu hồi). */
function noteOf(r: { note: string; status: string; withdrawReason: string; amends: string | null; amendedBy: string | null }): string {
  const withdrawn = r.status !== "withdrawn" ? "" : r.withdrawReason ? `Đã thu hồi: ${r.withdrawReason}` : "Đã thu hồi";
  return [r.note, r.amends, r.amendedBy, withdrawn].filter(Boolean).join("\n");
}

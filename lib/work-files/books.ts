import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import {
  agencies, filePlanHeadings, filePlanItems, filePlans, handoverBatches, retentionPeriods, units, users, workFiles,
} from "@/db/schema";
import { canReadWorkFile, seesBatch, seesPlan } from "@/lib/access/work-files";
import type { Actor } from "@/lib/auth/actor";
import { formatDate } from "@/lib/format";
import type { BookColumn, BookHeading, TitledBook, TitleLine } from "@/lib/registers/book";
import { QUOC_HIEU, type RecordDoc } from "@/lib/registers/record";
import { loadEntries, type FileEntry } from "./entries";
import { roman } from "./labels";

// The printouts of the work files (NĐ 30/2020 Điều 28–31, Phụ lục V; standards.md §3): the Danh
// mục hồ sơ, the Mục lục hồ sơ, tài liệu nộp lưu and the Biên bản giao nhận of a hand-over batch,
// and the Mục lục văn bản of one file. Each answers null when the actor may not read it (the
// pages and routes answer that as a missing page).

export const PLAN_COLUMNS: BookColumn[] = [
  { title: "Số và ký hiệu hồ sơ", width: 14, centre: true },
  { title: "Tên đề mục và tiêu đề hồ sơ", width: 44 },
  { title: "Thời hạn bảo quản", width: 12, centre: true },
  { title: "Người lập hồ sơ", width: 18 },
  { title: "Ghi chú", width: 12 },
];

export const HANDOVER_LIST_COLUMNS: BookColumn[] = [
  { title: "Số TT", width: 6, numeric: true, centre: true },
  { title: "Số, ký hiệu HS", width: 12, centre: true },
  { title: "Tiêu đề HS", width: 36 },
  { title: "Thời gian tài liệu", width: 15, centre: true },
  { title: "Thời hạn bảo quản", width: 10, centre: true },
  { title: "Số tờ/Số trang", width: 9, centre: true },
  { title: "Ghi chú", width: 12 },
];

export const FILE_INDEX_COLUMNS: BookColumn[] = [
  { title: "STT", width: 5, numeric: true, centre: true },
  { title: "Số, ký hiệu", width: 12, centre: true },
  { title: "Ngày tháng năm", width: 9, centre: true, date: true },
  { title: "Tên loại và trích yếu", width: 36 },
  { title: "Tác giả", width: 16 },
  { title: "Tờ số/Trang số", width: 8, centre: true },
  { title: "Ghi chú", width: 14 },
];

type Q = Db | Tx;

export async function agencyOf(db: Q, agencyId: string) {
  const [a] = await db
    .select({ name: agencies.name, parentName: agencies.parentName, organId: agencies.organId, placeName: agencies.placeName })
    .from(agencies)
    .where(eq(agencies.id, agencyId));
  return a ?? { name: "", parentName: "", organId: "", placeName: "" };
}

export const agencyLines = (a: { name: string; parentName: string }): TitleLine[] => [
  ...(a.parentName ? [{ text: a.parentName.toUpperCase(), size: 11 }] : []),
  { text: a.name.toUpperCase(), bold: true, size: 11 },
];


/** Danh mục hồ sơ of the actor's agency for a year (NĐ 30/2020 Phụ lục V). */
export async function loadPlanBook(actor: Actor, year: number, given?: Q): Promise<TitledBook | null> {
  if (!seesPlan(actor)) return null;
  const db = given ?? (await getDb());
  const [plan] = await db
    .select({ id: filePlans.id })
    .from(filePlans)
    .where(and(eq(filePlans.agencyId, actor.agencyId), eq(filePlans.year, year)));
  if (!plan) return null;
  const headings = await db
    .select({ id: filePlanHeadings.id, title: filePlanHeadings.title })
    .from(filePlanHeadings)
    .where(eq(filePlanHeadings.planId, plan.id))
    .orderBy(asc(filePlanHeadings.sortOrder), asc(filePlanHeadings.abbr));
  const items = await db
    .select({
      headingId: filePlanItems.headingId, number: filePlanItems.number, code: filePlanItems.code, title: filePlanItems.title,
      retention: retentionPeriods.label, person: users.fullName, unit: units.name, note: filePlanItems.note,
    })
    .from(filePlanItems)
    .innerJoin(retentionPeriods, eq(retentionPeriods.code, filePlanItems.retentionCode))
    .leftJoin(users, eq(users.id, filePlanItems.ownerUserId))
    .leftJoin(units, eq(units.id, filePlanItems.ownerUnitId))
    .where(eq(filePlanItems.planId, plan.id))
    .orderBy(asc(filePlanItems.number));

  const rows: string[][] = [];
  const marks: BookHeading[] = [];
  headings.forEach((h, i) => {
    marks.push({ at: rows.length, text: `${roman(i + 1)}. ${h.title.toLocaleUpperCase("vi")}` });
    for (const it of items.filter((x) => x.headingId === h.id)) {
      rows.push([it.code, it.title, it.retention, it.person ?? it.unit ?? "", it.note]);
    }
  });
  const a = await agencyOf(db, actor.agencyId);
  const title = `DANH MỤC HỒ SƠ CỦA ${a.name.toLocaleUpperCase("vi")}`;
  return {
    kind: "plan", secret: false, columns: PLAN_COLUMNS, rows, headings: marks,
    info: { title: `${title} năm ${year}`, author: a.name },
    title: [...agencyLines(a), { text: "" }, { text: title, bold: true, size: 14 }, { text: `Năm ${year}`, bold: true, size: 12 }],
    emptyText: "Danh mục chưa có hồ sơ nào.",
    fileBase: `danh-muc-ho-so-${year}`, sheetName: "Danh muc ho so",
  };
}

async function readableBatch(db: Q, actor: Actor, batchId: string) {
  const [b] = await db.select().from(handoverBatches).where(eq(handoverBatches.id, batchId));
  return b && seesBatch(actor, b) ? b : null;
}

async function batchFiles(db: Q, batchId: string) {
  return db
    .select({
      id: workFiles.id, code: workFiles.code, title: workFiles.title, startDate: workFiles.startDate, endDate: workFiles.endDate,
      retention: retentionPeriods.label, sheets: workFiles.sheets, pages: workFiles.pages, description: workFiles.description,
    })
    .from(workFiles)
    .innerJoin(retentionPeriods, eq(retentionPeriods.code, workFiles.retentionCode))
    .where(eq(workFiles.batchId, batchId))
    .orderBy(asc(workFiles.batchOrder), asc(workFiles.code));
}

const span = (from: string | null, to: string | null, sep = " – ") =>
  from || to ? (from === to || !to ? formatDate(from) : !from ? formatDate(to) : `${formatDate(from)}${sep}${formatDate(to)}`) : "";

const sheetsPages = (sheets: number | null, pages: number | null) => (sheets == null && pages == null ? "" : `${sheets ?? "–"}/${pages ?? "–"}`);

async function unitName(db: Q, unitId: string) {
  const [u] = await db.select({ name: units.name }).from(units).where(eq(units.id, unitId));
  return u?.name ?? "";
}

/** Mục lục hồ sơ, tài liệu nộp lưu of a hand-over batch, its files in the batch's order. */
export async function loadHandoverListBook(actor: Actor, batchId: string, given?: Q): Promise<TitledBook | null> {
  const db = given ?? (await getDb());
  const batch = await readableBatch(db, actor, batchId);
  if (!batch) return null;
  const files = await batchFiles(db, batch.id);
  const rows = files.map((f, i) => [
    String(i + 1), f.code, f.title, span(f.startDate, f.endDate), f.retention, sheetsPages(f.sheets, f.pages), f.description,
  ]);
  const a = await agencyOf(db, batch.agencyId);
  const unit = await unitName(db, batch.unitId);
  const heading = "MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU";
  return {
    kind: "handover-list", secret: false, columns: HANDOVER_LIST_COLUMNS, rows,
    info: { title: `${heading} năm ${batch.year}`, author: a.name },
    title: [
      ...agencyLines(a), { text: "" }, { text: heading, bold: true, size: 14 },
      { text: `Đơn vị nộp lưu: ${unit}`, size: 11 }, { text: `Năm: ${batch.year}`, size: 11 },
    ],
    emptyText: "Đợt nộp lưu chưa có hồ sơ nào.",
    fileBase: `muc-luc-nop-luu-${batch.year}-${batch.id.slice(0, 8)}`, sheetName: "Muc luc nop luu",
  };
}

const vnDate = (d: Date) => {
  const [dd, mm, yyyy] = formatDate(d).split("/");
  return { dd, mm, yyyy };
};

/** Biên bản giao nhận hồ sơ, tài liệu (NĐ 30/2020 Phụ lục V): the two sides, the mass of papers, two copies. */
export async function loadHandoverRecord(actor: Actor, batchId: string, given?: Q): Promise<RecordDoc | null> {
  const db = given ?? (await getDb());
  const batch = await readableBatch(db, actor, batchId);
  if (!batch) return null;
  const files = await batchFiles(db, batch.id);
  const a = await agencyOf(db, batch.agencyId);
  const unit = await unitName(db, batch.unitId);
  const people = await db
    .select({ id: users.id, name: users.fullName })
    .from(users)
    .where(inArray(users.id, [batch.submittedBy, ...(batch.decidedBy ? [batch.decidedBy] : [])]));
  const nameOf = (id: string | null) => (id ? (people.find((p) => p.id === id)?.name ?? "") : "");
  let fileCount = 0;
  for (const f of files) fileCount += (await loadEntries(db, f.id)).reduce((n, e) => n + e.files.length, 0);
  const years = files.flatMap((f) => [f.startDate, f.endDate]).filter((d): d is string => !!d).map((d) => d.slice(0, 4)).sort();
  const period = years.length ? (years[0] === years.at(-1) ? years[0] : `${years[0]} – ${years.at(-1)}`) : String(batch.year);
  const d = vnDate(batch.decidedAt ?? batch.submittedAt);
  const giver = nameOf(batch.submittedBy);
  const receiver = batch.status === "accepted" ? nameOf(batch.decidedBy) : "";
  const dots = "……";
  return {
    kind: "handover-record",
    info: { title: "Biên bản giao nộp hồ sơ, tài liệu vào Lưu trữ cơ quan", author: a.name },
    header: { left: [...(a.parentName ? [a.parentName] : []), a.name], right: QUOC_HIEU },
    // Địa danh from the agency's settings (Quản trị → Thông tin cơ quan); dots until it is set.
    placeDate: `${a.placeName || "……"}, ngày ${d.dd} tháng ${d.mm} năm ${d.yyyy}`,
    title: ["BIÊN BẢN", "Về việc giao nộp hồ sơ, tài liệu vào Lưu trữ cơ quan"],
    paragraphs: [
      { text: `Căn cứ Danh mục hồ sơ năm ${batch.year} của ${a.name};` },
      { text: `Hôm nay, ngày ${d.dd} tháng ${d.mm} năm ${d.yyyy}, tại ${a.name}, chúng tôi gồm:` },
      { text: `Bên giao: ${unit}, đại diện là ông (bà): ${giver || dots}` },
      { text: `Bên nhận: Lưu trữ cơ quan, ${a.name}, đại diện là ông (bà): ${receiver || dots}` },
      { text: "Thống nhất lập biên bản giao nhận tài liệu với những nội dung cụ thể như sau:" },
      { text: `1. Tên khối tài liệu giao nộp: ${batch.title}` },
      { text: `2. Thời gian của tài liệu: ${period}` },
      { text: "3. Số lượng tài liệu:" },
      { text: `- Tài liệu giấy: ${batch.boxes ?? dots} hộp (cặp), ${files.length} hồ sơ, ${batch.shelfMeters || dots} mét giá;`, indent: true },
      { text: `- Tài liệu điện tử: ${files.length} hồ sơ, ${fileCount} tệp (tệp tin).`, indent: true },
      { text: `4. Tình trạng tài liệu giao nộp: ${batch.condition || dots}` },
      { text: "5. Mục lục hồ sơ, tài liệu nộp lưu kèm theo." },
      { text: "Biên bản này được lập thành hai bản; bên giao giữ một bản, bên nhận giữ một bản." },
    ],
    signatures: [
      { title: "ĐẠI DIỆN BÊN GIAO", hint: "(Ký, ghi rõ họ tên)", name: giver },
      { title: "ĐẠI DIỆN BÊN NHẬN", hint: "(Ký, ghi rõ họ tên)", name: receiver },
    ],
    fileBase: `bien-ban-giao-nhan-${batch.year}-${batch.id.slice(0, 8)}`,
    sheetName: "Bien ban giao nhan",
  };
}

/** Tờ số/Trang số: running page numbers from the documents' page counts, "1–3", "4", then "" once one is unknown. */
export function pageRanges(entries: Pick<FileEntry, "pageCount">[]): string[] {
  let next = 1;
  let known = true;
  return entries.map((e) => {
    if (!known || !e.pageCount || e.pageCount < 1) {
      known = false;
      return "";
    }
    const from = next;
    next += e.pageCount;
    return e.pageCount === 1 ? String(from) : `${from}–${next - 1}`;
  });
}

export interface FileIndexOptions {
  /** Extra Ghi chú per entry id (the export notes the files it could not merge). */
  notes?: Map<string, string>;
}

/** Mục lục văn bản trong hồ sơ (NĐ 30/2020 Điều 30): one row per document in the file's order. */
export async function loadFileIndexBook(actor: Actor, fileId: string, given?: Q, opts: FileIndexOptions = {}): Promise<TitledBook | null> {
  const db = given ?? (await getDb());
  const [file] = await db.select().from(workFiles).where(eq(workFiles.id, fileId));
  if (!file || !canReadWorkFile(actor, file)) return null;
  const entries = await loadEntries(db, file.id);
  const pages = pageRanges(entries);
  const rows = entries.map((e, i) => [
    String(e.no), e.symbol, formatDate(e.date), [e.docType, e.subject].filter(Boolean).join("\n"), e.author, pages[i],
    [e.note, e.draft ? "Dự thảo" : "", opts.notes?.get(e.id) ?? ""].filter(Boolean).join("\n"),
  ]);
  const a = await agencyOf(db, file.agencyId);
  return {
    kind: "file-index", secret: false, columns: FILE_INDEX_COLUMNS, rows,
    info: { title: `Mục lục văn bản hồ sơ ${file.code} năm ${file.year}`, author: a.name },
    title: [
      ...agencyLines(a), { text: "" }, { text: "MỤC LỤC VĂN BẢN", bold: true, size: 14 },
      { text: `Hồ sơ số: ${file.code} (năm ${file.year})`, size: 11 }, { text: `Tiêu đề hồ sơ: ${file.title}`, bold: true, size: 11 },
    ],
    emptyText: "Hồ sơ chưa có văn bản nào.",
    fileBase: `muc-luc-van-ban-${file.year}-${slug(file.code)}`, sheetName: "Muc luc van ban",
  };
}

/** An ASCII file-name piece of a file code: 01.TCCB → 01-tccb. */
export const slug = (s: string) =>
  s.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "ho-so";

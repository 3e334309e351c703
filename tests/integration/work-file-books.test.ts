import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { XMLParser } from "fast-xml-parser";
import { PDFDocument } from "pdf-lib";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencies, incomingAssignments, positions, userPositions, users, workFileEvents } from "@/db/schema";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { renderBookPdf } from "@/lib/registers/pdf";
import { renderRecordPdf } from "@/lib/registers/record-pdf";
import { renderRecordXlsx } from "@/lib/registers/record-xlsx";
import { renderBookXlsx } from "@/lib/registers/xlsx";
import {
  FILE_INDEX_COLUMNS, HANDOVER_LIST_COLUMNS, loadFileIndexBook, loadHandoverListBook, loadHandoverRecord, loadPlanBook, pageRanges, PLAN_COLUMNS,
} from "@/lib/work-files/books";
import { DOC_XML_LIMITS, exportWorkFilePdf, exportWorkFileXml, FILE_XML_LIMITS, NOT_READABLE } from "@/lib/work-files/export";
import { fileExportHref, planDownloadHref, planPrintHref } from "@/lib/work-files/links";
import { workFilePrintSchema } from "@/lib/work-files/print";
import { addUnit, buildWorld, type World } from "../factories/org";
import {
  addEntry, buildBatch, buildPlan, buildWorkFile, incomingEntryDoc, MIME, outgoingEntryDoc, pdfBytes, storedBlob, type PlanWorld,
} from "../factories/work-files";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Printouts and exports of the work files (standards.md §3; security.md §5 rows 1, 11, 13):
// the columns of NĐ 30/2020 Phụ lục V, heading rows, who may read each, the merged PDF and the XML.

const YEAR = 2026;
const XSS_TITLE = '<script>alert(1)</script> Hồ sơ tuyển dụng & "thi tuyển" ]]>';

describe.each(DB_KINDS)("work file books and exports on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let other: World;
  let plan: PlanWorld;
  let root: string;
  let fileId: string;
  let openFileId: string;
  let batchId: string;
  const entries: Record<"incoming" | "outgoing" | "docx" | "broken", string> = {} as never;
  const actors = {} as Record<"staff" | "head" | "officeChief" | "leader" | "archivist" | "clerk" | "admin" | "stranger" | "otherStaff" | "otherArchivist", Actor>;

  beforeAll(async () => {
    t = await createTestDb(kind);
    root = await fs.mkdtemp(path.join(os.tmpdir(), "wf-books-"));
    w = await buildWorld(t.db);
    other = await buildWorld(t.db);
    await t.db.update(agencies).set({ name: "Sở Nội vụ", parentName: "UBND tỉnh Bình Định" }).where(eq(agencies.id, w.agencyId));
    plan = await buildPlan(t.db, w, YEAR);
    await buildPlan(t.db, other, YEAR);

    // A staff member of another unit of the same agency: keeps files, but not these.
    const unit = await addUnit(t.db, w);
    const [pos] = await t.db.insert(positions).values({ unitId: unit.id, kind: "staff", title: "Chuyên viên" }).returning({ id: positions.id });
    const [stranger] = await t.db.insert(users).values({ agencyId: w.agencyId, username: `stranger.${unit.code}`, fullName: "Người lạ" }).returning({ id: users.id });
    await t.db.insert(userPositions).values({ userId: stranger.id, positionId: pos.id });

    batchId = await buildBatch(t.db, w, {
      year: YEAR, status: "accepted", boxes: 2, shelfMeters: "0,2", condition: "Tài liệu còn tốt", decidedBy: w.people.archivist.id,
      decidedAt: new Date("2027-01-05T09:00:00+07:00"),
    });
    fileId = await buildWorkFile(t.db, w, {
      itemId: plan.items.person, year: YEAR, code: "01.TCCB", title: XSS_TITLE, status: "archived", startDate: "2026-02-10",
      endDate: "2026-03-05", sheets: 4, pages: 7, description: "Mô tả ".repeat(120), batchId, batchOrder: 2,
    });
    openFileId = await buildWorkFile(t.db, w, {
      itemId: plan.items.unit, year: YEAR, code: "02.TCCB", title: "Hồ sơ nâng bậc lương năm 2026", retentionCode: "VV", status: "closed",
      startDate: "2026-01-05", endDate: "2026-01-05", batchId, batchOrder: 1,
    });

    const by = w.people.staff.id;
    const scan = await storedBlob(t.db, root, w.agencyId, by, await pdfBytes(3, "den"), MIME.pdf, "cong-van-den.pdf");
    const final = await storedBlob(t.db, root, w.agencyId, by, await pdfBytes(2, "di"), MIME.pdf, "quyet-dinh.pdf");
    const docx = await storedBlob(t.db, root, w.agencyId, by, new TextEncoder().encode("PK\u0003\u0004 not really"), MIME.docx, "to-trinh.docx");
    const broken = await storedBlob(t.db, root, w.agencyId, by, new TextEncoder().encode("%PDF-1.7\nthis is not a pdf"), MIME.pdf, "hong.pdf");
    entries.incoming = await addEntry(t.db, fileId, 1, { kind: "incoming", incomingId: await incomingEntryDoc(t.db, w, [scan]) });
    entries.outgoing = await addEntry(t.db, fileId, 2, { kind: "outgoing", outgoingId: await outgoingEntryDoc(t.db, w, final) });
    entries.docx = await addEntry(t.db, fileId, 3, {
      kind: "upload", storedFileId: docx, docType: "Tờ trình", symbol: "05/TTr-TCCB", docDate: "2026-03-05", author: "Phòng Tổ chức cán bộ",
      subject: "<img src=x onerror=alert(1)> & tờ trình", pageCount: 1, note: "Bản sao",
    });
    entries.broken = await addEntry(t.db, fileId, 4, {
      kind: "upload", storedFileId: broken, docType: "Biên bản", symbol: "", docDate: "2026-03-05", author: "Hội đồng tuyển dụng",
      subject: "Biên bản họp hội đồng", pageCount: 1,
    });

    const load = async (id: string) => (await loadActor(t.db, id))!;
    Object.assign(actors, {
      staff: await load(w.people.staff.id), head: await load(w.people.unit_head.id), officeChief: await load(w.people.office_chief.id), leader: await load(w.people.leader.id),
      archivist: await load(w.people.archivist.id), clerk: await load(w.people.clerk.id), admin: await load(w.people.admin.id),
      stranger: await load(stranger.id), otherStaff: await load(other.people.staff.id), otherArchivist: await load(other.people.archivist.id),
    });
  });
  afterAll(async () => {
    await t?.drop();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it("prints the Danh mục hồ sơ: five columns, Roman headings in order with their items by number", async () => {
    const b = (await loadPlanBook(actors.archivist, YEAR, t.db))!;
    expect(b.columns).toEqual(PLAN_COLUMNS);
    expect(b.columns.map((c) => c.title)).toEqual(["Số và ký hiệu hồ sơ", "Tên đề mục và tiêu đề hồ sơ", "Thời hạn bảo quản", "Người lập hồ sơ", "Ghi chú"]);
    expect(b.columns.reduce((s, c) => s + c.width, 0)).toBe(100);
    expect(b.rows).toEqual([
      ["01.TCCB", "Hồ sơ tuyển dụng công chức", "20 năm", "Người staff", ""],
      ["02.TCCB", "Hồ sơ nâng bậc lương năm", "Vĩnh viễn", "Phòng Tổ chức cán bộ", "Bản chính"],
      ["03.VP", "Hồ sơ hội nghị công chức, viên chức", "10 năm", "Văn phòng", ""],
    ]);
    expect(b.headings).toEqual([
      { at: 0, text: "I. TỔ CHỨC, CÁN BỘ" }, { at: 2, text: "II. VĂN PHÒNG" }, { at: 3, text: "III. CÔNG TÁC KHÁC" },
    ]);
    expect(b.title.map((l) => l.text)).toEqual(["UBND TỈNH BÌNH ĐỊNH", "SỞ NỘI VỤ", "", "DANH MỤC HỒ SƠ CỦA SỞ NỘI VỤ", "Năm 2026"]);
    expect(b.fileBase).toBe("danh-muc-ho-so-2026");

    // The spreadsheet: the title lines, a blank row, the header, then headings merged across the columns.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderBookXlsx(b)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell("A4").value).toBe("DANH MỤC HỒ SƠ CỦA SỞ NỘI VỤ");
    expect(PLAN_COLUMNS.map((_, i) => ws.getRow(7).getCell(i + 1).value)).toEqual(PLAN_COLUMNS.map((c) => c.title));
    expect(ws.pageSetup.printTitlesRow).toBe("7:7");
    expect(ws.getCell("A8").value).toBe("I. TỔ CHỨC, CÁN BỘ");
    expect(ws.getCell("A8").font?.bold).toBe(true);
    expect(ws.getCell("E8").isMerged).toBe(true);
    expect(ws.getCell("A9").value).toBe("01.TCCB");
    expect(ws.getCell("A11").value).toBe("II. VĂN PHÒNG");
    expect(ws.getCell("A13").value).toBe("III. CÔNG TÁC KHÁC");
    expect(ws.pageSetup.orientation).toBe("landscape");
    // The PDF: title block and table on one numbered page.
    const pdf = await renderBookPdf(b);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
    // 300 items under headings flow onto more pages.
    const many = { ...b, rows: Array.from({ length: 300 }, (_, i) => [`${i + 1}.TCCB`, "Hồ sơ", "20 năm", "Phòng", ""]), headings: [{ at: 0, text: "I" }, { at: 150, text: "II" }] };
    expect((await PDFDocument.load(await renderBookPdf(many))).getPageCount()).toBeGreaterThan(3);
  });

  it("lets planners, keepers, the archivist and leaders print the Danh mục; others and other agencies get null", async () => {
    for (const a of ["staff", "head", "leader", "archivist", "stranger"] as const) expect(await loadPlanBook(actors[a], YEAR, t.db), a).not.toBeNull();
    for (const a of ["clerk", "admin"] as const) expect(await loadPlanBook(actors[a], YEAR, t.db), a).toBeNull();
    expect(await loadPlanBook(actors.archivist, YEAR + 1, t.db)).toBeNull();
    // Another agency prints its own Danh mục, never ours.
    const theirs = (await loadPlanBook(actors.otherArchivist, YEAR, t.db))!;
    expect(theirs.title.map((l) => l.text)).not.toContain("DANH MỤC HỒ SƠ CỦA SỞ NỘI VỤ");
  });

  it("prints the Mục lục hồ sơ, tài liệu nộp lưu of a batch in batch order, for its readers only", async () => {
    const b = (await loadHandoverListBook(actors.archivist, batchId, t.db))!;
    expect(b.columns).toEqual(HANDOVER_LIST_COLUMNS);
    expect(b.columns.map((c) => c.title)).toEqual(["Số TT", "Số, ký hiệu HS", "Tiêu đề HS", "Thời gian tài liệu", "Thời hạn bảo quản", "Số tờ/Số trang", "Ghi chú"]);
    expect(b.columns.reduce((s, c) => s + c.width, 0)).toBe(100);
    expect(b.rows.map((r) => r.slice(0, 6))).toEqual([
      ["1", "02.TCCB", "Hồ sơ nâng bậc lương năm 2026", "05/01/2026", "Vĩnh viễn", ""],
      ["2", "01.TCCB", XSS_TITLE, "10/02/2026 – 05/03/2026", "20 năm", "4/7"],
    ]);
    expect(b.title.map((l) => l.text)).toContain("MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU");
    for (const a of ["staff", "head", "leader", "archivist"] as const) expect(await loadHandoverListBook(actors[a], batchId, t.db), a).not.toBeNull();
    for (const a of ["stranger", "clerk", "admin", "otherArchivist", "otherStaff"] as const) {
      expect(await loadHandoverListBook(actors[a], batchId, t.db), a).toBeNull();
      expect(await loadHandoverRecord(actors[a], batchId, t.db), a).toBeNull();
    }
    expect(await loadHandoverListBook(actors.archivist, "00000000-0000-4000-8000-000000000000", t.db)).toBeNull();
  });

  it("writes the Biên bản giao nhận: both sides, the mass, years, quantities, two copies and two signature blocks", async () => {
    const r = (await loadHandoverRecord(actors.staff, batchId, t.db))!;
    expect(r.header.left).toEqual(["UBND tỉnh Bình Định", "Sở Nội vụ"]);
    expect(r.header.right[0]).toBe("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(r.title).toEqual(["BIÊN BẢN", "Về việc giao nộp hồ sơ, tài liệu vào Lưu trữ cơ quan"]);
    expect(r.placeDate).toContain("ngày 05 tháng 01 năm 2027");
    // Địa danh from the agency's settings (issue 11 item 16); dots while it is not set.
    expect(r.placeDate.startsWith("……, ")).toBe(true);
    await t.db.update(agencies).set({ placeName: "Bình Định" }).where(eq(agencies.id, w.agencyId));
    expect((await loadHandoverRecord(actors.staff, batchId, t.db))!.placeDate).toBe("Bình Định, ngày 05 tháng 01 năm 2027");
    await t.db.update(agencies).set({ placeName: "" }).where(eq(agencies.id, w.agencyId));
    const text = r.paragraphs.map((p) => p.text).join("\n");
    expect(text).toContain("Bên giao: Phòng Tổ chức cán bộ, đại diện là ông (bà): Người staff");
    expect(text).toContain("Bên nhận: Lưu trữ cơ quan, Sở Nội vụ, đại diện là ông (bà): Người archivist");
    expect(text).toContain("1. Tên khối tài liệu giao nộp: Tài liệu của Phòng Tổ chức cán bộ");
    expect(text).toContain("2. Thời gian của tài liệu: 2026");
    expect(text).toContain("- Tài liệu giấy: 2 hộp (cặp), 2 hồ sơ, 0,2 mét giá;");
    expect(text).toContain("- Tài liệu điện tử: 2 hồ sơ, 4 tệp (tệp tin).");
    expect(text).toContain("4. Tình trạng tài liệu giao nộp: Tài liệu còn tốt");
    expect(text).toContain("Mục lục hồ sơ, tài liệu nộp lưu kèm theo");
    expect(text).toContain("lập thành hai bản");
    expect(r.signatures.map((s) => [s.title, s.name])).toEqual([["ĐẠI DIỆN BÊN GIAO", "Người staff"], ["ĐẠI DIỆN BÊN NHẬN", "Người archivist"]]);
    const pdf = await PDFDocument.load(await renderRecordPdf(r));
    expect(pdf.getPageCount()).toBe(1);
    const [page] = pdf.getPages();
    expect(page.getWidth()).toBeLessThan(page.getHeight());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderRecordXlsx(r)) as unknown as ArrayBuffer);
    const values: string[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((c) => typeof c.value === "string" && values.push(c.value)));
    expect(values).toContain("BIÊN BẢN");
    expect(values).toContain("ĐẠI DIỆN BÊN NHẬN");
  });

  it("prints the Mục lục văn bản of a file with running page numbers, for those who may read the file", async () => {
    const b = (await loadFileIndexBook(actors.staff, fileId, t.db))!;
    expect(b.columns).toEqual(FILE_INDEX_COLUMNS);
    expect(b.columns.map((c) => c.title)).toEqual(["STT", "Số, ký hiệu", "Ngày tháng năm", "Tên loại và trích yếu", "Tác giả", "Tờ số/Trang số", "Ghi chú"]);
    expect(b.columns.reduce((s, c) => s + c.width, 0)).toBe(100);
    expect(b.rows).toEqual([
      ["1", "15/UBND-VX", "10/02/2026", "Công văn\nV/v tuyển dụng công chức năm 2026", "UBND tỉnh Bình Định", "1–3", ""],
      ["2", "20/QĐ-SNV", "01/03/2026", "Quyết định\nQuyết định tuyển dụng công chức", "Sở Nội vụ", "4–5", ""],
      ["3", "05/TTr-TCCB", "05/03/2026", "Tờ trình\n<img src=x onerror=alert(1)> & tờ trình", "Phòng Tổ chức cán bộ", "6", "Bản sao"],
      ["4", "", "05/03/2026", "Biên bản\nBiên bản họp hội đồng", "Hội đồng tuyển dụng", "7", ""],
    ]);
    expect(b.title.map((l) => l.text)).toEqual(expect.arrayContaining(["MỤC LỤC VĂN BẢN", "Hồ sơ số: 01.TCCB (năm 2026)", `Tiêu đề hồ sơ: ${XSS_TITLE}`]));
    expect(pageRanges([{ pageCount: 2 }, { pageCount: null }, { pageCount: 3 }])).toEqual(["1–2", "", ""]);
    for (const a of ["staff", "head", "leader", "archivist"] as const) expect(await loadFileIndexBook(actors[a], fileId, t.db), a).not.toBeNull();
    for (const a of ["stranger", "clerk", "otherStaff", "otherArchivist"] as const) expect(await loadFileIndexBook(actors[a], fileId, t.db), a).toBeNull();
  });

  it("exports the file as one PDF: the Mục lục, then the PDFs merged; DOCX and broken PDFs noted, not fatal; a view logged", async () => {
    const views = async () =>
      (await t.db.select().from(workFileEvents).where(and(eq(workFileEvents.fileId, fileId), eq(workFileEvents.kind, "viewed")))).length;
    const before = await views();
    const out = (await exportWorkFilePdf(actors.archivist, fileId, { db: t.db, root }))!;
    const pdf = await PDFDocument.load(out.body);
    const index = (await loadFileIndexBook(actors.archivist, fileId, t.db, { notes: out.notes }))!;
    const indexPages = (await PDFDocument.load(await renderBookPdf(index))).getPageCount();
    expect(indexPages).toBe(1);
    expect(pdf.getPageCount()).toBe(indexPages + 3 + 2);
    expect(out.notes!.get(entries.docx)).toBe("Tệp to-trinh.docx không phải PDF, không gộp vào bản PDF.");
    expect(out.notes!.get(entries.broken)).toBe("Tệp hong.pdf không đọc được, không gộp vào bản PDF.");
    expect(out.notes!.has(entries.incoming)).toBe(false);
    expect(index.rows[2][6]).toBe("Bản sao\nTệp to-trinh.docx không phải PDF, không gộp vào bản PDF.");
    expect(out.fileBase).toBe("ho-so-2026-01-tccb");
    expect(await views()).toBe(before + 1);
    // A file that is not archived is not logged; strangers get nothing and leave no trace.
    await exportWorkFilePdf(actors.staff, openFileId, { db: t.db, root });
    expect((await t.db.select().from(workFileEvents).where(eq(workFileEvents.fileId, openFileId))).length).toBe(0);
    expect(await exportWorkFilePdf(actors.stranger, fileId, { db: t.db, root })).toBeNull();
    expect(await exportWorkFilePdf(actors.otherArchivist, fileId, { db: t.db, root })).toBeNull();
    expect(await views()).toBe(before + 1);
  });

  it("exports only the pages this reader may read, and says in the Mục lục which were left out and why (issue 10 item 2)", async () => {
    // The staff member's open file, kept for the Văn phòng, holds an incoming document assigned to them (its
    // scan uploaded by the clerk) and another paper they uploaded. The Chánh Văn phòng heads the file's unit and
    // reads the file and the other paper, but neither is on the document's trail nor heads the staff member's
    // unit (whose head follows what its people hold): its pages are not theirs to read.
    const clerkScan = await storedBlob(t.db, root, w.agencyId, w.people.clerk.id, await pdfBytes(4, "mat noi bo"), MIME.pdf, "bao-cao.pdf");
    const incomingId = await incomingEntryDoc(t.db, w, [clerkScan], { status: "in_progress" });
    await t.db.insert(incomingAssignments).values({ documentId: incomingId, role: "lead", userId: w.people.staff.id, assignedBy: w.people.leader.id });
    const paper = await storedBlob(t.db, root, w.agencyId, w.people.staff.id, await pdfBytes(1, "giay to"), MIME.pdf, "giay-to.pdf");
    const mine = await buildWorkFile(t.db, w, { itemId: plan.items.office, year: YEAR, code: "03.VP", title: "Hồ sơ mở", unitId: w.officeId });
    const docEntry = await addEntry(t.db, mine, 1, { kind: "incoming", incomingId });
    const paperEntry = await addEntry(t.db, mine, 2, { kind: "upload", storedFileId: paper, docType: "Giấy mời", author: "Văn phòng", subject: "Giấy mời họp", pageCount: 1 });

    const byHead = (await exportWorkFilePdf(actors.officeChief, mine, { db: t.db, root }))!;
    const headIndex = (await loadFileIndexBook(actors.officeChief, mine, t.db, { notes: byHead.notes }))!;
    const headIndexPages = (await PDFDocument.load(await renderBookPdf(headIndex))).getPageCount();
    expect((await PDFDocument.load(byHead.body)).getPageCount()).toBe(headIndexPages + 1);
    expect(byHead.notes!.get(docEntry)).toBe(NOT_READABLE);
    expect(byHead.notes!.has(paperEntry)).toBe(false);
    expect(headIndex.rows[0][6]).toBe(NOT_READABLE);

    // The owner, on the document's trail, and a leader of the agency get every page, with no such note.
    for (const who of ["staff", "leader"] as const) {
      const out = (await exportWorkFilePdf(actors[who], mine, { db: t.db, root }))!;
      const index = (await loadFileIndexBook(actors[who], mine, t.db, { notes: out.notes }))!;
      const indexPages = (await PDFDocument.load(await renderBookPdf(index))).getPageCount();
      expect((await PDFDocument.load(out.body)).getPageCount(), who).toBe(indexPages + 4 + 1);
      expect(out.notes!.has(docEntry), who).toBe(false);
    }
    // The archivist reads a file only once handed over: not this one.
    expect(await exportWorkFilePdf(actors.archivist, mine, { db: t.db, root })).toBeNull();
  });

  it("exports the metadata as XML: every field present, within its length, FileCode in three parts, user text escaped", async () => {
    const out = (await exportWorkFileXml(actors.leader, fileId, { db: t.db }))!;
    const xml = new TextDecoder().decode(out.body);
    expect(xml).not.toContain("<script>");
    expect(xml).not.toContain("<img");
    expect(xml).not.toContain("<!DOCTYPE");
    expect(xml).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    const parsed = new XMLParser({ processEntities: false, parseTagValue: false, ignoreDeclaration: true, isArray: (n) => n === "Document" }).parse(xml);
    const f = parsed.FileInfo;
    const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
    const [agency] = await t.db.select({ organId: agencies.organId }).from(agencies).where(eq(agencies.id, w.agencyId));
    expect(f.FileCode).toEqual({ OrganId: agency.organId, FileCatalog: "2026", FileNotation: "01.TCCB" });
    expect(unescape(f.Title)).toBe(XSS_TITLE);
    expect(f).toMatchObject({
      Maintenance: "20 năm", Rights: "Hạn chế", Creator: "Người staff", Language: "Tiếng Việt", StartDate: "10/02/2026", EndDate: "05/03/2026",
      DocTotal: "4", PageTotal: "7",
    });
    for (const [k, max] of Object.entries(FILE_XML_LIMITS)) {
      const v = k in f.FileCode ? f.FileCode[k] : f[k];
      expect(typeof v, k).toBe("string");
      expect(Array.from(unescape(v)).length, k).toBeLessThanOrEqual(max);
    }
    expect(Array.from(unescape(f.Description)).length).toBe(500);
    const docs = f.Documents.Document;
    expect(docs).toHaveLength(4);
    for (const d of docs) {
      for (const [k, max] of Object.entries(DOC_XML_LIMITS)) {
        expect(typeof d[k], k).toBe("string");
        expect(Array.from(unescape(d[k])).length, k).toBeLessThanOrEqual(max);
      }
    }
    expect(docs[0]).toMatchObject({ DocOrdinal: "1", TypeName: "Công văn", CodeNumber: "15", CodeNotation: "UBND-VX", IssuedDate: "10/02/2026", OrganName: "UBND tỉnh Bình Định", PageAmount: "3" });
    expect(unescape(docs[2].Subject)).toBe("<img src=x onerror=alert(1)> & tờ trình");
    expect(docs[2].Description).toBe("Bản sao");
    expect(await exportWorkFileXml(actors.stranger, fileId, { db: t.db })).toBeNull();
    // Every export of an archived file is a logged view.
    const events = await t.db.select().from(workFileEvents).where(and(eq(workFileEvents.fileId, fileId), eq(workFileEvents.kind, "viewed")));
    expect(events.at(-1)).toMatchObject({ actorId: w.people.leader.id, payload: { export: "xml" } });
  });

  it("gives the screens links that the print view and the downloads parse", () => {
    expect(planPrintHref(2026)).toBe("/files/print?book=plan&year=2026");
    expect(planDownloadHref(2026, "xlsx")).toBe("/api/work-files/books?book=plan&year=2026&format=xlsx");
    expect(fileExportHref("abc", "xml")).toBe("/api/work-files/abc/export?format=xml");
    expect(workFilePrintSchema.safeParse({ book: "file-index", file: "x' or 1=1" }).success).toBe(false);
    expect(workFilePrintSchema.parse({ book: "plan", year: "2026" })).toEqual({ book: "plan", year: 2026 });
  });
});

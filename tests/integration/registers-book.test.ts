import ExcelJS from "exceljs";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencies, incomingDocuments, outgoingDocuments, outgoingRecipients, positions, registers, users } from "@/db/schema";
import { executeAction, type ActionDefinition } from "@/lib/actions/define";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { assignDocument, handOverPaper, registerPaper, submitToLeader } from "@/lib/incoming/actions";
import { approveDraft, checkDraft, createDraft, signDraft, submitDraft } from "@/lib/outgoing/actions";
import { issueDocument, withdrawDocument } from "@/lib/outgoing/issue";
import type { Book } from "@/lib/registers/book";
import { REGISTER_COLUMNS, TRACKING_COLUMNS } from "@/lib/incoming/register-book";
import { loadBook } from "@/lib/register-books";
import { OUTGOING_COLUMNS, outgoingRegisterChoices } from "@/lib/outgoing/register-book";
import { renderBookPdf } from "@/lib/registers/pdf";
import { bookQuerySchema } from "@/lib/registers/schemas";
import { renderBookXlsx } from "@/lib/registers/xlsx";
import { isoToDisplay, todayInVietnam } from "@/lib/dates";
import { formatDate } from "@/lib/format";

/** A deadline ten days from today (the date rules refuse one before the day of assignment). */
const DUE = (() => {
  const d = new Date(`${todayInVietnam()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 10);
  return d.toISOString().slice(0, 10);
})();
import { buildWorld, callerOf, keyed, type World } from "../factories/org";
import { paper } from "../factories/incoming";
import { draftInput, MIME, storedFile } from "../factories/outgoing";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Issue: register books (product.md §6, standards.md §1.2): the columns of NĐ 30/2020 Phụ lục IV,
// số đến / số đi order, ranges, the secret series apart, who may print (security.md §5 rows 1, 11).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDef = ActionDefinition<any, any, any>;

const XSS = {
  subject: "<script>alert(1)</script> V/v thử nội dung",
  issuerName: "<img src=x onerror=alert(1)>",
  symbol: '=HYPERLINK("http://evil","x")',
  note: "@SUM(1+1)",
};


describe.each(DB_KINDS)("incoming register books on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let other: World;
  let clerk: Actor;
  let archivist: Actor;
  let staff: Actor;
  let otherClerk: Actor;
  const ids: string[] = [];
  let year: number;

  const q = (over: Record<string, string> = {}) => bookQuerySchema.parse({ year: String(year), ...over });
  const book = async (actor: Actor, over: Record<string, string> = {}) => loadBook(actor, q(over), t.db);
  const run = (def: AnyDef, userId: string, input: unknown) => executeAction(def, callerOf(userId), keyed(input), t.db);
  const ok = async <T,>(p: Promise<{ ok: boolean; data?: T }>) => {
    const r = await p;
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
    return (r as { data: T }).data;
  };
  /** An outgoing document drafted, approved, checked, signed and issued by the world's people. */
  const issued = async (over: Record<string, unknown> = {}, issue: Record<string, unknown> = {}) => {
    const secret = over.secrecy && over.secrecy !== "normal";
    const fileIds = secret ? [] : [await storedFile(t.db, w.agencyId, w.people.staff.id)];
    const { id } = await ok<{ id: string }>(run(createDraft, w.people.staff.id, draftInput(w.people.leader.id, { fileIds, ...over })));
    await ok(run(submitDraft, w.people.staff.id, { id }));
    await ok(run(approveDraft, w.people.unit_head.id, { id }));
    await ok(run(checkDraft, w.people.checker.id, { id, legal: true, format: true }));
    await ok(run(signDraft, w.people.leader.id, { id }));
    const fileId = secret ? null : await storedFile(t.db, w.agencyId, w.people.clerk.id, MIME.pdf);
    const r = await ok<{ symbol: string }>(run(issueDocument, w.people.clerk.id, { id, fileId, ...issue }));
    return { id, symbol: r.symbol };
  };
  const out: Record<"first" | "xss" | "decision" | "secret" | "withdrawn" | "draft", { id: string; symbol: string }> = {} as never;
  let agencyCode = "";
  let signerName = "";
  const register = async (userId: string, input: Record<string, unknown>) => {
    const r = await executeAction(registerPaper, callerOf(userId), keyed(paper(input)), t.db);
    expect(r).toMatchObject({ ok: true });
    return (r as { data: { id: string; year: number; arrivalNo: number } }).data;
  };

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    other = await buildWorld(t.db);
    await t.db.update(agencies).set({ parentName: "UBND tỉnh Bình Định" }).where(eq(agencies.id, w.agencyId));
    const first = await register(w.people.clerk.id, { symbol: "15/UBND-VX", note: "Bản chính" });
    year = first.year;
    ids.push(first.id);
    ids.push((await register(w.people.clerk.id, { docType: "Quyết định", subject: "Quyết định về việc điều động công chức" })).id);
    ids.push((await register(w.people.clerk.id, XSS)).id);
    await register(w.people.clerk.id, { secrecy: "confidential", subject: "Văn bản mật về công tác bảo vệ bí mật nhà nước" });
    await register(other.people.clerk.id, { subject: "Văn bản của cơ quan khác" });

    // The first document: submitted, assigned (division leads, office coordinates), paper handed over.
    expect(await run(submitToLeader, w.people.clerk.id, { id: ids[0], leaderId: w.people.leader.id })).toMatchObject({ ok: true });
    expect(
      await run(assignDocument, w.people.leader.id, {
        id: ids[0],
        instruction: "Giao phòng chủ trì.",
        recipients: [
          { kind: "unit", targetId: w.divisionId, role: "lead", deadline: DUE },
          { kind: "unit", targetId: w.officeId, role: "coordinate" },
        ],
      }),
    ).toMatchObject({ ok: true });
    expect(await run(handOverPaper, w.people.clerk.id, { id: ids[0], handedAt: todayInVietnam(), receiver: "Phan Văn Đức" })).toMatchObject({ ok: true });

    await setUpOutgoing();
    clerk = (await loadActor(t.db, w.people.clerk.id))!;
    archivist = (await loadActor(t.db, w.people.archivist.id))!;
    staff = (await loadActor(t.db, w.people.staff.id))!;
    otherClerk = (await loadActor(t.db, other.people.clerk.id))!;
  });
  afterAll(async () => t?.drop());

  /**
   * Outgoing documents of the year: three công văn in the default register (DI; the third one
   * withdrawn), a quyết định in the agency's QĐ register, a secret one in DI-MAT, and a draft that
   * was never issued. The first and the withdrawn one answer the first incoming document.
   */
  async function setUpOutgoing() {
    await t.db.update(positions).set({ title: "Giám đốc" }).where(eq(positions.id, w.people.leader.positionId));
    const [a] = await t.db.select({ code: agencies.code }).from(agencies).where(eq(agencies.id, w.agencyId));
    const [s] = await t.db.select({ name: users.fullName }).from(users).where(eq(users.id, w.people.leader.id));
    agencyCode = a.code;
    signerName = s.name;
    const [qd] = await t.db
      .insert(registers)
      .values({ agencyId: w.agencyId, kind: "outgoing", year, code: "QĐ", name: "Sổ quyết định" })
      .returning({ id: registers.id });
    out.first = await issued(
      { note: "Gửi kèm hồ sơ", recipients: [{ kind: "unit", targetId: w.officeId }, { kind: "text", name: "Sở Tài chính" }] },
      { issuedAmount: 3 },
    );
    out.xss = await issued({ subject: XSS.subject, note: XSS.note, recipients: [{ kind: "text", name: XSS.symbol }] }, { issuedAmount: 2 });
    out.withdrawn = await issued({ subject: "V/v triệu tập họp giao ban" });
    await ok(run(withdrawDocument, w.people.clerk.id, { id: out.withdrawn.id, reason: "Ban hành nhầm đối tượng." }));
    out.decision = await issued({ docType: "Quyết định", subject: "Quyết định về việc nâng bậc lương" }, { registerId: qd.id });
    // A báo cáo: a công văn numbered 01 in DI-MAT would repeat the ký hiệu 01/…-TCCB of DI, which issuing refuses.
    out.secret = await issued({ docType: "Báo cáo", secrecy: "confidential", subject: "Báo cáo mật về công tác bảo vệ bí mật nhà nước" });
    const { id: draftId } = await ok<{ id: string }>(
      run(createDraft, w.people.staff.id, draftInput(w.people.leader.id, { subject: "Dự thảo chưa phát hành", fileIds: [await storedFile(t.db, w.agencyId, w.people.staff.id)] })),
    );
    out.draft = { id: draftId, symbol: "" };
    // Issue dates spread over the year (issuing always takes today's date), and two replies.
    for (const [doc, date] of [[out.first, "03-02"], [out.xss, "03-05"], [out.withdrawn, "04-10"], [out.decision, "05-20"]] as const) {
      await t.db.update(outgoingDocuments).set({ issuedDate: `${year}-${date}` }).where(eq(outgoingDocuments.id, doc.id));
    }
    // A row without its signer line (generated or imported data): the book builds it from the authority and title.
    await t.db.update(outgoingDocuments).set({ authority: "kt", signerLine: "" }).where(eq(outgoingDocuments.id, out.xss.id));
    await t.db.update(outgoingDocuments).set({ replyToId: ids[0] }).where(inArray(outgoingDocuments.id, [out.first.id, out.withdrawn.id, out.decision.id]));
  }

  it("lists the year's documents by số đến with the ten columns of the Sổ đăng ký văn bản đến and its cover", async () => {
    const b = (await book(clerk))!;
    // book=register is what links printed before the outgoing book said.
    expect((await book(clerk, { book: "register" }))!.rows).toEqual(b.rows);
    expect(b.columns.map((c) => c.title)).toEqual([
      "Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản",
      "Đơn vị hoặc người nhận", "Ngày chuyển", "Ký nhận", "Ghi chú",
    ]);
    expect(b.columns.reduce((s, c) => s + c.width, 0)).toBe(100);
    expect(b.rows.map((r) => r[1])).toEqual(["1", "2", "3"]);
    const [first] = b.rows;
    expect(first[2]).toBe("UBND tỉnh Bình Định");
    expect(first[3]).toBe("15/UBND-VX");
    expect(first[4]).toBe("20/11/2026");
    expect(first[5]).toBe("Công văn\nV/v báo cáo tình hình thực hiện công tác cải cách hành chính năm 2026");
    expect(first[6]).toBe("Phòng Tổ chức cán bộ (xử lý chính); Văn phòng (phối hợp)");
    expect(first[7]).toBe(isoToDisplay(todayInVietnam())); // handed over on the day it arrived
    expect(first[8]).toBe("Phan Văn Đức");
    expect(first[9]).toBe("Bản chính");
    expect(first[0]).toMatch(/^\d\d\/\d\d\/\d{4}$/);
    expect(b.rows[1][6]).toBe("");
    expect(b.cover).toMatchObject({
      parentName: "UBND tỉnh Bình Định", title: "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN", year, fromNo: "1", toNo: "3", bookNo: "1",
    });
    expect(b.cover.agencyName).toMatch(/^Cơ quan /);
    expect(b.fileBase).toBe(`so-den-${year}`);
  });

  it("gives the Sổ theo dõi giải quyết văn bản đến its seven columns, with the issued replies' số, ký hiệu", async () => {
    const b = (await book(clerk, { book: "tracking" }))!;
    expect(b.columns).toEqual(TRACKING_COLUMNS);
    expect(b.columns.map((c) => c.title)).toEqual([
      "Số đến", "Tên loại, số, ký hiệu, ngày tháng, cơ quan ban hành", "Đơn vị/người nhận", "Thời hạn giải quyết",
      "Tiến độ giải quyết", "Số, ký hiệu VB trả lời", "Ghi chú",
    ]);
    expect(b.rows[0]).toEqual([
      "1", "Công văn số 15/UBND-VX ngày 20/11/2026 của UBND tỉnh Bình Định", "Phòng Tổ chức cán bộ (xử lý chính); Văn phòng (phối hợp)",
      isoToDisplay(DUE), "Đang xử lý", `${out.first.symbol}; ${out.decision.symbol}`, "Bản chính",
    ]);
    // The withdrawn reply answers no more; a document nobody answered keeps the column empty.
    expect(b.rows[0][5]).not.toContain(out.withdrawn.symbol);
    expect(b.rows[1][5]).toBe("");
    expect(b.rows[1][4]).toBe("Đã vào sổ");
    expect(b.cover.title).toBe("SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN");
  });

  it("filters by a range of số đến and by a range of arrival dates (Vietnam days)", async () => {
    expect((await book(clerk, { fromNo: "2", toNo: "3" }))!.rows.map((r) => r[1])).toEqual(["2", "3"]);
    expect((await book(clerk, { fromNo: "3" }))!.rows.map((r) => r[1])).toEqual(["3"]);
    // 15/01 23:30 and 16/01 00:10 in Vietnam are different days, though the same UTC day.
    await t.db.update(incomingDocuments).set({ arrivalDate: new Date(`${year}-01-15T23:30:00+07:00`) }).where(eq(incomingDocuments.id, ids[0]));
    await t.db.update(incomingDocuments).set({ arrivalDate: new Date(`${year}-01-16T00:10:00+07:00`) }).where(eq(incomingDocuments.id, ids[1]));
    const day = (await book(clerk, { from: `${year}-01-15`, to: `${year}-01-15` }))!;
    expect(day.rows.map((r) => r[1])).toEqual(["1"]);
    expect(day.rows[0][0]).toBe(`15/01/${year}`);
    expect(day.cover).toMatchObject({ fromDate: `15/01/${year}`, toDate: `15/01/${year}` });
    expect((await book(clerk, { from: `${year}-01-16` }))!.rows.map((r) => r[1])).toEqual(["2", "3"]);
    expect((await book(clerk, { from: `${year}-01-15`, to: `${year}-01-16`, toNo: "1" }))!.rows.map((r) => r[1])).toEqual(["1"]);
    expect((await book(clerk, { year: String(year - 1) }))!.rows).toEqual([]);
    expect(bookQuerySchema.safeParse({ from: "2026-02-01", to: "2026-01-01" }).success).toBe(false);
    expect(bookQuerySchema.safeParse({ fromNo: "5", toNo: "2" }).success).toBe(false);
  });

  it("keeps the secret series in its own book, printed only by the clerk", async () => {
    const secret = (await book(clerk, { series: "secret" }))!;
    expect(secret.rows.map((r) => r[1])).toEqual(["1"]);
    expect(secret.rows[0][5]).toContain("bảo vệ bí mật nhà nước");
    expect(secret.cover.title).toBe("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN MẬT");
    expect(secret.fileBase).toBe(`so-den-mat-${year}`);
    expect((await book(clerk))!.rows.some((r) => r[5].includes("bí mật"))).toBe(false);
    // The archivist prints the normal books, not the secret one.
    expect((await book(archivist))!.rows).toHaveLength(3);
    expect(await book(archivist, { series: "secret" })).toBeNull();
    expect(await book(archivist, { series: "secret", book: "tracking" })).toBeNull();
  });

  it("refuses people without registers.print and shows another agency only its own documents", async () => {
    expect(await book(staff)).toBeNull();
    expect(await book(staff, { book: "tracking" })).toBeNull();
    for (const k of ["leader", "unit_head", "admin", "office_chief"] as const) {
      expect(await book((await loadActor(t.db, w.people[k].id))!)).toBeNull();
    }
    const theirs = (await book(otherClerk))!;
    expect(theirs.rows).toHaveLength(1);
    expect(theirs.rows[0][5]).toContain("Văn bản của cơ quan khác");
    expect(theirs.cover.agencyName).not.toBe(clerk.agencyId);
  });

  it("writes user text as plain strings: no formula in the spreadsheet", async () => {
    const b = (await book(clerk))!;
    const row = b.rows[2];
    expect(row[2]).toBe(XSS.issuerName);
    expect(row[3]).toBe(XSS.symbol);
    expect(row[5]).toBe(`Công văn\n${XSS.subject}`);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderBookXlsx(b)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = ws.getRow(9);
    expect(REGISTER_COLUMNS.map((_, i) => header.getCell(i + 1).value)).toEqual(REGISTER_COLUMNS.map((c) => c.title));
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(ws.getCell("A1").value).toBe("UBND TỈNH BÌNH ĐỊNH");
    expect(ws.getCell("A3").value).toBe("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN");
    expect(ws.getCell("A4").value).toBe(`Năm: ${year}`);
    expect(ws.getCell("A7").value).toBe("Quyển số: 1");
    expect(ws.pageSetup.orientation).toBe("landscape");
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.printTitlesRow).toBe("9:9");

    const rows = [10, 11, 12].map((r) => REGISTER_COLUMNS.map((_, i) => ws.getRow(r).getCell(i + 1)));
    expect(rows.map((cells) => cells[1].value)).toEqual([1, 2, 3]);
    expect(rows[0][3].value).toBe("15/UBND-VX");
    expect(rows[0][6].value).toBe(b.rows[0][6]);
    // Ngày đến and Ngày tháng văn bản are date cells shown dd/mm/yyyy (issue 11 item 11), the same day as printed.
    for (const col of [0, 4]) {
      const cell = rows[0][col];
      expect(cell.type).toBe(ExcelJS.ValueType.Date);
      expect(cell.numFmt).toBe("dd/mm/yyyy");
      const [d, m, y] = b.rows[0][col].split("/").map(Number);
      expect(cell.value).toEqual(new Date(Date.UTC(y, m - 1, d)));
    }
    for (const [col, text] of [[3, XSS.symbol], [2, XSS.issuerName], [9, XSS.note]] as const) {
      const cell = rows[2][col];
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(text);
      expect(cell.formula).toBeUndefined();
    }
    expect(ws.rowCount).toBe(12);
  });

  it("renders a PDF with an embedded Vietnamese font, a cover page and one more page per screenful of rows", async () => {
    const b = (await book(clerk))!;
    const pdf = await renderBookPdf(b);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pageCount(pdf)).toBe(2); // cover + one table page
    expect(pdf.toString("latin1")).toContain("DejaVuSansCondensed");
    expect(pdf.toString("latin1")).not.toContain("/JavaScript");

    // 200 one-line rows: about 40 fit on a page, the header repeats on each (the pages grow with N).
    const many: Book = { ...b, rows: Array.from({ length: 200 }, (_, i) => b.rows[1].map((c, k) => (k === 1 ? String(i + 1) : k === 5 ? "Quyết định" : c))) };
    const big = pageCount(await renderBookPdf(many));
    expect(big).toBeGreaterThanOrEqual(1 + 4);
    expect(big).toBeLessThanOrEqual(1 + 8);
    const double = pageCount(await renderBookPdf({ ...many, rows: [...many.rows, ...many.rows] }));
    expect(double - 1).toBeGreaterThanOrEqual(2 * (big - 1) - 1);
    expect(double - 1).toBeLessThanOrEqual(2 * (big - 1) + 1);
    expect(pageCount(await renderBookPdf({ ...b, rows: [] }))).toBe(2);
    // A row taller than a page (a very long list of recipients) continues on the following pages.
    const tall = b.rows[0].map((c, k) => (k === 6 ? "Phòng Tổ chức cán bộ (phối hợp); ".repeat(150) : c));
    expect(pageCount(await renderBookPdf({ ...b, rows: [tall, b.rows[1]] }))).toBeGreaterThanOrEqual(1 + 3);
  });

  it("lists the issued and withdrawn documents of the DI register by số đi with the ten columns of the Sổ đăng ký văn bản đi", async () => {
    const b = (await book(clerk, { book: "outgoing" }))!;
    expect(b.columns).toEqual(OUTGOING_COLUMNS);
    expect(b.columns.map((c) => c.title)).toEqual([
      "Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản", "Người ký", "Nơi nhận văn bản",
      "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển", "Ký nhận", "Ghi chú",
    ]);
    expect(b.columns.reduce((s, c) => s + c.width, 0)).toBe(100);
    // The draft, the quyết định (its own register) and the secret one are not in this book.
    expect(b.rows.map((r) => r[0])).toEqual([`01/${agencyCode}-TCCB`, `02/${agencyCode}-TCCB`, `03/${agencyCode}-TCCB`]);
    const [sent] = await t.db.select({ at: outgoingRecipients.sentAt }).from(outgoingRecipients).where(eq(outgoingRecipients.documentId, out.first.id)).orderBy(outgoingRecipients.sortOrder);
    expect(b.rows[0]).toEqual([
      out.first.symbol, `02/03/${year}`, "Công văn\nV/v đề nghị cử công chức tham gia lớp bồi dưỡng nghiệp vụ văn thư, lưu trữ năm 2027",
      `Giám đốc ${signerName}`, "Văn phòng; Sở Tài chính", "Lưu: VT, TCCB.", "3", formatDate(sent.at), "", "Gửi kèm hồ sơ",
    ]);
    expect(b.rows[0][7]).toMatch(/^\d\d\/\d\d\/\d{4}$/);
    // Ký thay: the prefix before the title; paper only: no Ngày chuyển.
    expect(b.rows[1][3]).toBe(`KT. Giám đốc ${signerName}`);
    expect(b.rows[1][7]).toBe("");
    expect(b.rows[2][9]).toBe("Đã thu hồi: Ban hành nhầm đối tượng.");
    expect(b.rows[2][6]).toBe("");
    expect(b.cover).toMatchObject({
      title: "SỔ ĐĂNG KÝ VĂN BẢN ĐI", year, fromNo: "1", toNo: "3", fromDate: `02/03/${year}`, toDate: `10/04/${year}`, bookNo: "1",
    });
    expect(b.fileBase).toBe(`so-di-${year}`);
    expect(b.sheetName).toBe("So di");
    // Another register of the year: chosen by its code.
    const qd = (await book(clerk, { book: "outgoing", register: "QĐ" }))!;
    expect(qd.rows.map((r) => [r[0], r[2]])).toEqual([[`01/QĐ-${agencyCode}`, "Quyết định\nQuyết định về việc nâng bậc lương"]]);
    expect(qd.fileBase).toBe(`so-di-qd-${year}`);
    expect((await book(clerk, { book: "outgoing", register: "KHAC" }))!.rows).toEqual([]);
    expect((await book(clerk, { book: "outgoing", year: String(year - 1) }))!.rows).toEqual([]);
    expect((await book(otherClerk, { book: "outgoing" }))!.rows).toEqual([]);
  });

  it("filters the outgoing register by a range of issue dates and of số đi", async () => {
    const nos = async (over: Record<string, string>) => (await book(clerk, { book: "outgoing", ...over }))!.rows.map((r) => r[0].split("/")[0]);
    expect(await nos({ fromNo: "2" })).toEqual(["02", "03"]);
    expect(await nos({ fromNo: "2", toNo: "2" })).toEqual(["02"]);
    expect(await nos({ from: `${year}-03-03`, to: `${year}-04-10` })).toEqual(["02", "03"]);
    expect(await nos({ to: `${year}-03-05` })).toEqual(["01", "02"]);
    expect(await nos({ from: `${year}-03-02`, to: `${year}-03-02` })).toEqual(["01"]);
    const ranged = (await book(clerk, { book: "outgoing", from: `${year}-03-03`, toNo: "2" }))!;
    expect(ranged.rows).toHaveLength(1);
    expect(ranged.cover).toMatchObject({ fromDate: `03/03/${year}`, toDate: `05/03/${year}`, fromNo: "2", toNo: "2" });
  });

  it("keeps the secret register DI-MAT to the clerk; the archivist prints the normal ones only", async () => {
    const secret = (await book(clerk, { book: "outgoing", register: "DI-MAT" }))!;
    expect(secret.rows.map((r) => r[0])).toEqual([out.secret.symbol]);
    expect(secret.secret).toBe(true);
    expect(secret.cover.title).toBe("SỔ ĐĂNG KÝ VĂN BẢN ĐI MẬT");
    expect(secret.fileBase).toBe(`so-di-mat-${year}`);
    expect((await book(clerk, { book: "outgoing", series: "secret" }))!.rows).toEqual(secret.rows);
    expect((await book(archivist, { book: "outgoing" }))!.rows).toHaveLength(3);
    expect(await book(archivist, { book: "outgoing", register: "DI-MAT" })).toBeNull();
    expect(await book(archivist, { book: "outgoing", series: "secret" })).toBeNull();
    // Another year has no DI-MAT book yet: still refused, the code is secret in the years it exists.
    expect(await book(archivist, { book: "outgoing", register: "DI-MAT", year: String(year + 1) })).toBeNull();
    expect(await book(staff, { book: "outgoing" })).toBeNull();
    // The form offers each their registers.
    expect((await outgoingRegisterChoices(clerk, [year], t.db)).map((c) => c.code)).toEqual(["DI", "QĐ", "DI-MAT"]);
    expect((await outgoingRegisterChoices(archivist, [year], t.db)).map((c) => c.code)).toEqual(["DI", "QĐ"]);
    expect(await outgoingRegisterChoices(staff, [year], t.db)).toEqual([]);
  });

  it("keeps user text of the outgoing register inert: plain strings in the XLSX, glyphs only in the PDF", async () => {
    const b = (await book(clerk, { book: "outgoing" }))!;
    const row = b.rows[1];
    expect(row[2]).toBe(`Công văn\n${XSS.subject}`);
    expect(row[4]).toBe(XSS.symbol);
    expect(row[9]).toBe(XSS.note);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderBookXlsx(b)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe("So di");
    expect(OUTGOING_COLUMNS.map((_, i) => ws.getRow(9).getCell(i + 1).value)).toEqual(OUTGOING_COLUMNS.map((c) => c.title));
    expect(ws.getCell("A3").value).toBe("SỔ ĐĂNG KÝ VĂN BẢN ĐI");
    expect(ws.getCell("A6").value).toBe("Từ số 1 đến số 3");
    const cells = OUTGOING_COLUMNS.map((_, i) => ws.getRow(11).getCell(i + 1));
    for (const [col, text] of [[2, `Công văn\n${XSS.subject}`], [4, XSS.symbol], [9, XSS.note]] as const) {
      expect(cells[col].type).toBe(ExcelJS.ValueType.String);
      expect(cells[col].value).toBe(text);
      expect(cells[col].formula).toBeUndefined();
    }
    expect(cells[6].value).toBe(2); // Số lượng bản is a number.
    expect(cells[1].type).toBe(ExcelJS.ValueType.Date); // Ngày tháng văn bản is a date cell.
    expect(cells[1].numFmt).toBe("dd/mm/yyyy");
    const [d, m, y] = row[1].split("/").map(Number);
    expect(cells[1].value).toEqual(new Date(Date.UTC(y, m - 1, d)));
    expect(ws.getRow(10).getCell(1).value).toBe(out.first.symbol);
    expect(ws.rowCount).toBe(12);

    const pdf = await renderBookPdf(b);
    const raw = pdf.toString("latin1");
    expect(pageCount(pdf)).toBe(2);
    // Cells are drawn as glyph runs: no action, link, script or form can come from a cell's text.
    for (const active of ["/JavaScript", "/JS", "/URI", "/Launch", "/OpenAction", "/AA", "/Annots", "/AcroForm", "<script>"]) {
      expect(raw).not.toContain(active);
    }
  });
});

/** Page objects of a PDF (pdfkit writes object dictionaries uncompressed). */
function pageCount(pdf: Buffer): number {
  return pdf.toString("latin1").match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
}

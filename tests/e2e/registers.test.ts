import ExcelJS from "exceljs";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { outgoingDocuments, outgoingRecipients, registers, units } from "@/db/schema";
import { demoDataDir } from "./demo-data";
import { DEMO, login, newPage, startApp } from "./harness";
import { useBrowserSuite } from "./suite";

// Register books in the browser: the clerk registers two paper documents, prints the Sổ đăng ký
// văn bản đến and downloads it as PDF and XLSX; the Sổ đăng ký văn bản đi of documents issued
// beforehand; a staff member gets "not found" (product.md §6, security.md §5 rows 1 and 11).
const PAYLOAD = `<img src=x onerror="window.__xss=1"> Công văn <script>window.__xss=2</script> thử`;
const YEAR = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric" }).format(new Date()));

/**
 * The demo agency's people and units, without the demo documents (these tests print whole books,
 * from số 1, so they start from empty registers on purpose), with issued outgoing documents of this
 * year written before the server opens the folder (PGlite allows one process at a time): two công
 * văn and a withdrawn one in DI, one secret báo cáo in DI-MAT. Issuing itself is tested in
 * tests/integration/outgoing-actions.test.ts.
 */
function preparedDataDir(): Promise<string> {
  return demoDataDir(async ({ db, agencyId, person }) => {
    const agency = { id: agencyId };
    const [clerk, signer, drafter] = [await person(DEMO.clerk.username), await person("giamdoc"), await person(DEMO.staff.username)];
    const unit = async (code: string) => (await db.select({ id: units.id }).from(units).where(and(eq(units.agencyId, agency.id), eq(units.code, code))))[0].id;
    const [tcbc, xdcq] = [await unit("TCBC"), await unit("XDCQ")];
    const book = async (code: string, secret: boolean, lastNo: number) =>
      // The demo seed already opened the year's books: take them over with the numbers given here.
      (
        await db
          .insert(registers)
          .values({ agencyId: agency.id, kind: "outgoing", year: YEAR, secret, code, name: secret ? "Sổ đăng ký văn bản đi mật" : "Sổ đăng ký văn bản đi", lastNo })
          .onConflictDoUpdate({ target: [registers.agencyId, registers.kind, registers.year, registers.code], set: { lastNo } })
          .returning({ id: registers.id })
      )[0].id;
    const [di, mat] = [await book("DI", false, 3), await book("DI-MAT", true, 1)];
    const docs = [
      { registerId: di, number: 1, symbol: "01/SNV-TCBC", docType: "Công văn", subject: "V/v cử công chức tham gia lớp bồi dưỡng nghiệp vụ", day: "01-05", status: "issued" as const, secrecy: "normal" as const },
      { registerId: di, number: 2, symbol: "02/SNV-TCBC", docType: "Công văn", subject: PAYLOAD, day: "01-06", status: "issued" as const, secrecy: "normal" as const },
      { registerId: di, number: 3, symbol: "03/SNV-TCBC", docType: "Công văn", subject: "V/v triệu tập họp giao ban", day: "01-07", status: "withdrawn" as const, secrecy: "normal" as const },
      { registerId: mat, number: 1, symbol: "01/BC-SNV", docType: "Báo cáo", subject: "Báo cáo mật về công tác bảo vệ bí mật nhà nước", day: "01-08", status: "issued" as const, secrecy: "confidential" as const },
    ];
    for (const d of docs) {
      const [row] = await db
        .insert(outgoingDocuments)
        .values({
          agencyId: agency.id, status: d.status, draftingUnitId: tcbc, drafterId: drafter, docType: d.docType,
          subject: d.subject, secrecy: d.secrecy, signerId: signer, registerId: d.registerId, year: YEAR, number: d.number, symbol: d.symbol,
          issuedDate: `${YEAR}-${d.day}`, issuedAt: new Date(`${YEAR}-${d.day}T09:00:00+07:00`), issuedBy: clerk, issuedAmount: 2, keptCopy: "Lưu: VT, TCBC.",
          withdrawnAt: d.status === "withdrawn" ? new Date() : null, withdrawReason: d.status === "withdrawn" ? "Ban hành nhầm đối tượng." : "",
        })
        .returning({ id: outgoingDocuments.id });
      await db.insert(outgoingRecipients).values([
        { documentId: row.id, kind: "unit", unitId: xdcq, name: "Phòng Xây dựng chính quyền và Công tác thanh niên", delivery: "internal", sortOrder: 0, sentAt: new Date(`${YEAR}-${d.day}T10:00:00+07:00`) },
        { documentId: row.id, kind: "text", name: "UBND các huyện, thị xã, thành phố", delivery: "paper", sortOrder: 1 },
      ]);
    }
  }, { documents: false });
}

describe("register books in the browser", () => {
  const suite = useBrowserSuite(async () => startApp({ dataDir: await preparedDataDir() }));

  async function registerPaper(page: Page, symbol: string, subject: string) {
    await page.goto(`${suite.app.url}/incoming/new`);
    await page.fill("#symbol", symbol);
    await page.fill("#issuerName", "UBND tỉnh Bình Định");
    await page.selectOption("#docType", "Công văn");
    await page.fill("#subject", subject);
    await page.fill("#issuedDate", "2026-11-20");
    await page.getByRole("button", { name: "Vào sổ" }).click();
    await page.waitForURL(/\/incoming\/[0-9a-f-]{36}\?registered=1$/);
  }

  /** The clerk signed in, with every dialog (an alert from a payload would be one) recorded and dismissed. */
  async function signedInClerk() {
    const { context, page } = await newPage(suite.browser);
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await login(page, suite.app.url, DEMO.clerk.username, DEMO.clerk.fullName);
    return { context, page, dialogs };
  }

  it("the clerk prints the Sổ đăng ký văn bản đến and downloads it; staff get not found", async () => {
    const { context, page, dialogs } = await signedInClerk();
    await registerPaper(page, "125/QĐ-UBND", "Quyết định về việc điều động công chức");
    await registerPaper(page, '=HYPERLINK("http://evil","x")', PAYLOAD);

    await page.goto(`${suite.app.url}/registers`);
    await page.getByRole("link", { name: "Sổ văn bản" }).first().waitFor();
    await page.selectOption("#book", "incoming");
    await page.getByRole("button", { name: "Xem sổ" }).click();
    await page.waitForURL(/\/registers\/print\?/);

    const table = page.getByRole("table", { name: "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" });
    const headers = await table.locator("thead tr").first().locator("th").allInnerTexts();
    expect(headers.map((h) => h.trim())).toEqual([
      "Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản",
      "Đơn vị hoặc người nhận", "Ngày chuyển", "Ký nhận", "Ghi chú",
    ]);
    const rows = table.locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).locator("td").nth(1).innerText()).toBe("1");
    expect(await rows.nth(0).innerText()).toContain("125/QĐ-UBND");
    expect(await rows.nth(1).locator("td").nth(3).innerText()).toBe('=HYPERLINK("http://evil","x")');
    // The payload is shown as text: no element was created from it and nothing ran.
    expect(await rows.nth(1).locator("td").nth(5).innerText()).toContain("<script>window.__xss=2</script>");
    expect(await table.locator("tbody img, tbody script").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    const cover = page.getByRole("region", { name: "Trang bìa" });
    expect(await cover.innerText()).toContain("UBND TỈNH BÌNH ĐỊNH");
    expect(await cover.innerText()).toContain("Từ số 1 đến số 2");

    // Printing: the buttons and the app shell disappear, the header row repeats on each page.
    const printButton = page.getByRole("button", { name: "In sổ" });
    expect(await printButton.isVisible()).toBe(true);
    await page.emulateMedia({ media: "print" });
    expect(await printButton.isVisible()).toBe(false);
    expect(await page.getByRole("navigation", { name: "Chức năng" }).isVisible()).toBe(false);
    expect(await table.locator("thead").evaluate((el) => getComputedStyle(el).display)).toBe("table-header-group");
    expect(await table.evaluate((el) => getComputedStyle(el).tableLayout)).toBe("fixed");
    await page.emulateMedia({ media: "screen" });

    const pdfHref = await page.getByRole("link", { name: "Tải PDF" }).getAttribute("href");
    const xlsxHref = await page.getByRole("link", { name: "Tải Excel" }).getAttribute("href");
    const year = new Date().getFullYear();
    const pdf = await context.request.get(`${suite.app.url}${pdfHref}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect(pdf.headers()["content-disposition"]).toContain(`filename*=UTF-8''so-den-${year}.pdf`);
    expect(pdf.headers()["x-content-type-options"]).toBe("nosniff");
    expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const xlsx = await context.request.get(`${suite.app.url}${xlsxHref}`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(xlsx.headers()["content-disposition"]).toContain(`filename*=UTF-8''so-den-${year}.xlsx`);
    expect((await xlsx.body()).subarray(0, 2).toString("latin1")).toBe("PK");

    // The tracking book has its own seven columns.
    await page.goto(`${suite.app.url}/registers/print?book=tracking&year=${year}`);
    const tracking = page.getByRole("table", { name: "SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN" });
    expect(await tracking.locator("thead tr").first().locator("th").count()).toBe(7);
    await expect.poll(() => tracking.locator("tbody tr").count()).toBe(2);
    await context.close();

    // Anonymous downloads are refused; staff (no registers.print) get the missing-page answer everywhere.
    const anon = await newPage(suite.browser);
    expect((await anon.context.request.get(`${suite.app.url}${pdfHref}`)).status()).toBe(401);
    await anon.context.close();
    const staff = await newPage(suite.browser);
    await login(staff.page, suite.app.url, DEMO.staff.username, DEMO.staff.fullName);
    expect((await staff.page.goto(`${suite.app.url}/registers`))?.status()).toBe(404);
    expect((await staff.page.goto(`${suite.app.url}/registers/print?book=incoming&year=${year}`))?.status()).toBe(404);
    expect((await staff.context.request.get(`${suite.app.url}${pdfHref}`)).status()).toBe(404);
    expect((await staff.context.request.get(`${suite.app.url}${xlsxHref}`)).status()).toBe(404);
    await staff.context.close();

    // The archivist prints the normal book but not the secret one.
    const archivist = await newPage(suite.browser);
    await login(archivist.page, suite.app.url, DEMO.archivist.username, DEMO.archivist.fullName);
    expect((await archivist.context.request.get(`${suite.app.url}${pdfHref}`)).status()).toBe(200);
    expect((await archivist.context.request.get(`${suite.app.url}/api/registers?format=pdf&series=secret&year=${year}`)).status()).toBe(404);
    expect((await archivist.page.goto(`${suite.app.url}/registers/print?series=secret&year=${year}`))?.status()).toBe(404);
    await archivist.context.close();
  });

  it("the clerk prints the Sổ đăng ký văn bản đi of a register and downloads it; the secret register stays the clerk's", async () => {
    const { context, page, dialogs } = await signedInClerk();
    await page.goto(`${suite.app.url}/registers`);
    await page.selectOption("#book", "outgoing");
    // The outgoing book takes a register of the year instead of a series.
    await page.locator("#register").waitFor();
    expect(await page.locator("#series").count()).toBe(0);
    expect(await page.locator("#register option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(["DI", "DI-MAT"]);
    await page.selectOption("#register", "DI");
    await page.selectOption("#year", String(YEAR));
    await page.getByRole("button", { name: "Xem sổ" }).click();
    await page.waitForURL(/\/registers\/print\?.*book=outgoing.*register=DI/);

    const table = page.getByRole("table", { name: "SỔ ĐĂNG KÝ VĂN BẢN ĐI" });
    const headers = await table.locator("thead tr").first().locator("th").allInnerTexts();
    expect(headers.map((h) => h.trim())).toEqual([
      "Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản", "Người ký", "Nơi nhận văn bản",
      "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển", "Ký nhận", "Ghi chú",
    ]);
    const rows = table.locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(3);
    const first = (await rows.nth(0).locator("td").allInnerTexts()).map((c) => c.trim());
    expect(first).toEqual([
      "01/SNV-TCBC", `05/01/${YEAR}`, "Công văn\nV/v cử công chức tham gia lớp bồi dưỡng nghiệp vụ", "Giám đốc Nguyễn Văn Hùng",
      "Phòng Xây dựng chính quyền và Công tác thanh niên; UBND các huyện, thị xã, thành phố", "Lưu: VT, TCBC.", "2", `05/01/${YEAR}`, "", "",
    ]);
    expect(await rows.nth(1).locator("td").nth(2).innerText()).toContain("<script>window.__xss=2</script>");
    expect(await table.locator("tbody img, tbody script").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await rows.nth(2).locator("td").nth(9).innerText()).toBe("Đã thu hồi: Ban hành nhầm đối tượng.");
    const cover = page.getByRole("region", { name: "Trang bìa" });
    expect(await cover.innerText()).toContain("SỔ ĐĂNG KÝ VĂN BẢN ĐI");
    expect(await cover.innerText()).toContain(`Từ ngày 05/01/${YEAR} đến ngày 07/01/${YEAR}`);
    expect(await cover.innerText()).toContain("Từ số 1 đến số 3");
    await page.emulateMedia({ media: "print" });
    expect(await table.locator("thead").evaluate((el) => getComputedStyle(el).display)).toBe("table-header-group");
    await page.emulateMedia({ media: "screen" });
    expect(dialogs).toEqual([]);

    const pdfHref = (await page.getByRole("link", { name: "Tải PDF" }).getAttribute("href"))!;
    const xlsxHref = (await page.getByRole("link", { name: "Tải Excel" }).getAttribute("href"))!;
    const pdf = await context.request.get(`${suite.app.url}${pdfHref}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-disposition"]).toContain(`filename*=UTF-8''so-di-${YEAR}.pdf`);
    expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const xlsx = await context.request.get(`${suite.app.url}${xlsxHref}`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()["content-disposition"]).toContain(`filename*=UTF-8''so-di-${YEAR}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell("A3").value).toBe("SỔ ĐĂNG KÝ VĂN BẢN ĐI");
    expect(ws.getRow(11).getCell(3).value).toBe(`Công văn\n${PAYLOAD}`);
    expect(ws.getRow(11).getCell(3).formula).toBeUndefined();

    // The secret register: the clerk's; the archivist is not offered it and gets not found.
    const secretPdf = `/api/registers?format=pdf&book=outgoing&year=${YEAR}&register=DI-MAT`;
    expect((await context.request.get(`${suite.app.url}${secretPdf}`)).status()).toBe(200);
    // The first addresses of the incoming book still answer.
    const old = await page.goto(`${suite.app.url}/registers/incoming/print?book=register&year=${YEAR}`);
    expect(old?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe("/registers/print");
    expect(await page.getByRole("table", { name: "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" }).count()).toBe(1);
    expect((await context.request.get(`${suite.app.url}/api/registers/incoming?format=xlsx&year=${YEAR}`)).status()).toBe(200);
    await context.close();

    const archivist = await newPage(suite.browser);
    await login(archivist.page, suite.app.url, DEMO.archivist.username, DEMO.archivist.fullName);
    await archivist.page.goto(`${suite.app.url}/registers`);
    await archivist.page.selectOption("#book", "outgoing");
    expect(await archivist.page.locator("#register option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(["DI"]);
    expect((await archivist.context.request.get(`${suite.app.url}${pdfHref}`)).status()).toBe(200);
    expect((await archivist.context.request.get(`${suite.app.url}${secretPdf}`)).status()).toBe(404);
    expect((await archivist.page.goto(`${suite.app.url}/registers/print?book=outgoing&year=${YEAR}&register=DI-MAT`))?.status()).toBe(404);
    await archivist.context.close();
  });
});

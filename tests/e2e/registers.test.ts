import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO, login, newPage, startApp } from "./harness";
import { useBrowserSuite } from "./suite";

// Register books in the browser: the clerk registers two paper documents, prints the Sổ đăng ký
// văn bản đến and downloads it as PDF and XLSX; a staff member gets "not found" (product.md §6,
// security.md §5 rows 1 and 11).
const PAYLOAD = `<img src=x onerror="window.__xss=1"> Công văn <script>window.__xss=2</script> thử`;

describe("register books in the browser", () => {
  const suite = useBrowserSuite(() => startApp());

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

  it("the clerk prints the Sổ đăng ký văn bản đến and downloads it; staff get not found", async () => {
    const { context, page } = await newPage(suite.browser);
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await login(page, suite.app.url, DEMO.clerk.username, DEMO.clerk.fullName);
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
});

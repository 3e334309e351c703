import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { DEMO, launchBrowser, login, newPage, startApp, type AppServer } from "./harness";

// Issue 3, first screens: the clerk registers a paper document and finds it in the list.
describe("incoming documents in the browser", () => {
  let app: AppServer;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("the clerk registers a paper document, gets số đến, and finds it without accents", async () => {
    const { context, page } = await newPage(browser);
    await login(page, app.url, DEMO.clerk.username, DEMO.clerk.fullName);
    await page.goto(`${app.url}/incoming`);
    await page.getByRole("link", { name: "Tiếp nhận văn bản giấy" }).click();
    await page.waitForURL(/\/incoming\/new$/);

    // Bad input first: nothing typed is lost.
    await page.fill("#symbol", "125/QĐ-UBND");
    await page.fill("#issuerName", "UBND tỉnh Bình Định");
    await page.getByRole("button", { name: "Vào sổ" }).click();
    await expect.poll(() => page.locator("#subject-error").textContent()).toBe("Vui lòng nhập trích yếu.");
    expect(await page.inputValue("#symbol")).toBe("125/QĐ-UBND");

    await page.selectOption("#docType", "Quyết định");
    await page.fill("#subject", "Quyết định về việc điều động công chức Đảng ủy khối");
    await page.fill("#issuedDate", "2026-11-20");
    await page.fill("#pageCount", "3");
    await page.getByRole("button", { name: "Vào sổ" }).click();
    await page.waitForURL(/\/incoming\/[0-9a-f-]{36}\?registered=1$/);
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Đã vào sổ, số đến 1");
    expect(await page.getByRole("list", { name: "Luồng xử lý" }).textContent()).toContain("Vào sổ");

    await page.goto(`${app.url}/incoming?q=${encodeURIComponent("dieu dong cong chuc dang uy")}`);
    await expect.poll(() => page.locator("table tbody tr").count()).toBe(1);
    expect(await page.locator("table tbody").textContent()).toContain("125/QĐ-UBND");
    const docUrl = await page.locator("table tbody a").first().getAttribute("href");

    // A second registration of the same số/ký hiệu and issuer is flagged as a likely duplicate.
    await page.goto(`${app.url}/incoming/new`);
    await page.fill("#symbol", "125/QĐ-UBND");
    await page.fill("#issuerName", "UBND tỉnh Bình Định");
    await page.fill("#subject", "Bản giấy của văn bản đã nhận điện tử");
    await page.getByRole("button", { name: "Vào sổ" }).click();
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "Có thể trùng" }).count()).toBe(1);
    await page.getByLabel("Tôi đã kiểm tra, vẫn vào sổ văn bản này").check();
    await page.getByRole("button", { name: "Vào sổ" }).click();
    await page.waitForURL(/registered=1$/);
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("số đến 2");
    await context.close();

    // A staff member not on the trail gets the same answer as for a missing page.
    const staff = await newPage(browser);
    await login(staff.page, app.url, DEMO.staff.username, DEMO.staff.fullName);
    const res = await staff.page.goto(`${app.url}${docUrl}`);
    expect(res?.status()).toBe(404);
    await staff.context.close();
  });
});

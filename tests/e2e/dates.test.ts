import ExcelJS from "exceljs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isoToDisplay } from "@/lib/dates";
import { CHROMIUM_ARGS, DEMO, keepTrafficLocal, login, startApp, waitForHydration } from "./harness";
import { submitForm, TCBC } from "./flows";
import { useBrowserSuite } from "./suite";

// Issue 11 items 2 and 11: every date field shows and takes dd/mm/yyyy typed by keyboard, in a
// browser whose language is English (a native date input would want mm/dd/yyyy there); impossible
// dates are refused with a message linked to the field; the XLSX books carry real date cells.

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toLocaleDateString("en-CA", { timeZone: "Asia/Ho_Chi_Minh" });
const today = inDays(0);

describe("dates in an English-language browser", () => {
  const suite = useBrowserSuite(() => startApp());
  let english: Browser;
  beforeAll(async () => {
    english = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: [...CHROMIUM_ARGS, "--lang=en-US"] });
  });
  const contexts: BrowserContext[] = [];
  const violations: string[] = [];
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    expect(violations).toEqual([]);
  });
  afterAll(async () => english?.close());

  /** Signed in, in a context whose language is English (navigator.language en-US). */
  async function englishPage(username: string, fullName: string): Promise<Page> {
    const ctx = await english.newContext({ locale: "en-US", timezoneId: "Asia/Ho_Chi_Minh" });
    contexts.push(ctx);
    ctx.setDefaultTimeout(20_000);
    ctx.setDefaultNavigationTimeout(30_000);
    await keepTrafficLocal(ctx, { prefetch: false });
    // The calendar is styled by a stylesheet and style attributes only: the CSP (proxy.ts) blocks nothing.
    await ctx.exposeBinding("__cspViolation", (_source, text: string) => void violations.push(text));
    await ctx.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        void (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation(`${location.pathname} ${e.violatedDirective} ${e.blockedURI}`);
      }, true);
    });
    const page = await ctx.newPage();
    page.on("console", (m) => {
      if (/content security policy|refused to (load|execute|apply)/i.test(m.text())) violations.push(m.text());
    });
    await login(page, suite.app.url, username, fullName);
    expect(await page.evaluate(() => navigator.language)).toBe("en-US");
    return page;
  }

  /** Clears a date field and types into it key by key, as a person does. */
  async function typeDate(page: Page, selector: string, text: string) {
    await page.locator(selector).fill("");
    await page.locator(selector).pressSequentially(text);
  }

  it("the clerk types dd/mm/yyyy, is refused impossible dates field by field, picks a deadline on the Vietnamese calendar", async () => {
    const clerk = await englishPage(DEMO.clerk.username, DEMO.clerk.fullName);
    await clerk.goto(`${suite.app.url}/incoming/new`);
    await waitForHydration(clerk, "#issuedDate");
    expect(await clerk.getAttribute("#issuedDate", "type")).toBe("text");
    expect(await clerk.getAttribute("#issuedDate", "placeholder")).toBe("dd/mm/yyyy");
    await clerk.fill("#symbol", "45/UBND-NC");
    await clerk.fill("#issuerName", "UBND tỉnh Bình Định");
    await clerk.fill("#subject", "Về việc rà soát hạn giải quyết văn bản");
    await typeDate(clerk, "#issuedDate", "31/12/2099");
    await typeDate(clerk, "#dueDate", "01/01/2020");
    await clerk.getByRole("button", { name: "Vào sổ" }).click();

    await expect.poll(() => clerk.locator("#issuedDate-error").textContent()).toBe(`Ngày văn bản không được sau ngày đến (${isoToDisplay(today)}).`);
    expect(await clerk.locator("#dueDate-error").textContent()).toBe(`Hạn giải quyết không được trước ngày đến (${isoToDisplay(today)}).`);
    for (const id of ["issuedDate", "dueDate"]) {
      expect(await clerk.getAttribute(`#${id}`, "aria-invalid")).toBe("true");
      expect(await clerk.getAttribute(`#${id}`, "aria-describedby")).toContain(`${id}-error`);
    }
    expect(await clerk.inputValue("#issuedDate")).toBe("31/12/2099"); // what was typed is kept
    // A day that does not exist is refused as such.
    await typeDate(clerk, "#issuedDate", "30/02/2026");
    await clerk.locator("#issuedDate").blur();
    await expect.poll(() => clerk.locator("#issuedDate-error").textContent()).toBe("Ngày văn bản không hợp lệ, nhập theo dạng dd/mm/yyyy (ví dụ 05/10/2026).");

    // Typed without leading zeros, shown back as dd/mm/yyyy.
    const issued = inDays(-3);
    const [y, m, d] = issued.split("-");
    await typeDate(clerk, "#issuedDate", `${Number(d)}/${Number(m)}/${y}`);
    await clerk.locator("#issuedDate").blur();
    await expect.poll(() => clerk.inputValue("#issuedDate")).toBe(isoToDisplay(issued));
    await expect.poll(() => clerk.locator("#issuedDate-error").count()).toBe(0);

    // The calendar, by keyboard: opened from its button, in Vietnamese, Escape closes it and gives focus back.
    const dueField = clerk.locator("#dueDate").locator("xpath=..");
    await typeDate(clerk, "#dueDate", "");
    await dueField.getByRole("button", { name: "Mở lịch" }).click();
    const calendar = clerk.getByRole("dialog", { name: "Chọn ngày" });
    await calendar.waitFor();
    expect((await calendar.innerText()).toLowerCase()).toContain("tháng");
    await clerk.keyboard.press("Escape");
    await expect.poll(() => calendar.count()).toBe(0);
    expect(await clerk.evaluate(() => document.activeElement?.id)).toBe("dueDate");
    await dueField.getByRole("button", { name: "Mở lịch" }).press("Enter");
    await calendar.waitFor();
    // Focus starts on today; one day to the right is tomorrow.
    await expect.poll(() => clerk.evaluate(() => document.activeElement?.closest("[role=dialog]") != null)).toBe(true);
    await clerk.keyboard.press("ArrowRight");
    await clerk.keyboard.press("Enter");
    await expect.poll(() => calendar.count()).toBe(0);
    expect(await clerk.inputValue("#dueDate")).toBe(isoToDisplay(inDays(1)));

    await clerk.getByRole("button", { name: "Vào sổ" }).click();
    await clerk.waitForURL(/\/incoming\/[0-9a-f-]{36}\?registered=1$/, { timeout: 30_000 });
    const body = await clerk.locator("main").innerText();
    expect(body).toContain(isoToDisplay(issued));
    expect(body).toContain(isoToDisplay(inDays(1)));

    // The leader's assignment row: a deadline before today is refused on that row, linked to its field.
    const incomingUrl = clerk.url().replace(/\?.*$/, "");
    await clerk.selectOption("#submit-leader", { label: `${DEMO.leader.fullName} – Giám đốc` });
    await submitForm(clerk, "Trình lãnh đạo");
    await expect.poll(() => clerk.getByText("Chờ ý kiến chỉ đạo").count()).toBeGreaterThan(0);
    const director = await englishPage(DEMO.leader.username, DEMO.leader.fullName);
    await director.goto(incomingUrl);
    await waitForHydration(director, "#instruction");
    await director.fill("#instruction", "Giao đồng chí Khoa xử lý.");
    await director.getByLabel("Người hoặc đơn vị nhận 1").selectOption({ label: `${DEMO.staff.fullName} – Chuyên viên, ${TCBC}` });
    await typeDate(director, "#recipient-deadline-0", "01/01/2020");
    await submitForm(director, "Chuyển xử lý");
    await expect.poll(() => director.locator("#recipient-deadline-0-error").textContent()).toBe(`Hạn xử lý không được trước ngày giao (${isoToDisplay(today)}).`);
    expect(await director.getAttribute("#recipient-deadline-0", "aria-describedby")).toContain("recipient-deadline-0-error");
    await typeDate(director, "#recipient-deadline-0", isoToDisplay(inDays(7)));
    await submitForm(director, "Chuyển xử lý");
    await expect.poll(() => director.getByText("Đang xử lý").count()).toBeGreaterThan(0);
    expect(await director.locator("main").innerText()).toContain(isoToDisplay(inDays(7)));
  });

  it("the register's date range is typed dd/mm/yyyy, and the XLSX book has date cells formatted dd/mm/yyyy", async () => {
    const clerk = await englishPage(DEMO.clerk.username, DEMO.clerk.fullName);
    const year = today.slice(0, 4);
    await clerk.goto(`${suite.app.url}/registers`);
    await waitForHydration(clerk, "#from");
    await clerk.selectOption("#book", "incoming");
    await typeDate(clerk, "#from", `01/01/${year}`);
    await typeDate(clerk, "#to", isoToDisplay(today));
    await clerk.getByRole("button", { name: "Xem sổ" }).click();
    await clerk.waitForURL(/\/registers\/print\?/);
    const url = new URL(clerk.url());
    expect(url.searchParams.get("from")).toBe(`${year}-01-01`);
    expect(url.searchParams.get("to")).toBe(today);

    const href = await clerk.getByRole("link", { name: "Tải Excel" }).getAttribute("href");
    const res = await clerk.request.get(new URL(href!, suite.app.url).toString());
    expect(res.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const first = ws.getRow(10).getCell(1); // row 9 is the header under the eight cover rows
    expect(first.type).toBe(ExcelJS.ValueType.Date);
    expect(first.numFmt).toBe("dd/mm/yyyy");
    const shown = (await clerk.getByRole("table", { name: "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" }).locator("tbody tr").first().locator("td").first().innerText()).trim();
    expect(isoToDisplay((first.value as Date).toISOString().slice(0, 10))).toBe(shown);
  });
});

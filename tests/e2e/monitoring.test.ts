import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { demoPeople, demoUnits } from "@/lib/seed/demo-data";
import { DEMO, login, startApp, waitForHydration } from "./harness";
import { useBrowserSuite } from "./suite";

// Issue 12 in the browser, on the demo agency (its documents spread over the last five weeks, some
// overdue): the director opens the dashboard (charts are inline SVG from the server, no chart script),
// drills into an overdue document, downloads a table; the clerk prints the Báo cáo giải quyết văn bản
// đến and downloads it; staff see their counts on Tổng quan and no dashboard. Đôn đốc reaches the bell of
// the one holding the part, and its link opens the document.
const day = (offset: number) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date(Date.now() + offset * 86_400_000));
const PERIOD = `from=${day(-60)}&to=${day(0)}`;

describe("monitoring in the browser", () => {
  const suite = useBrowserSuite(() => startApp());

  it("the director's dashboard: figures, server-rendered charts, drill-down to an overdue document, XLSX", async () => {
    const page = await suite.open();
    await login(page, suite.app.url, DEMO.leader.username, DEMO.leader.fullName);
    // Tổng quan: the agency's overdue work, a link to the list behind it.
    await page.getByRole("link", { name: /Quá hạn toàn cơ quan/ }).waitFor();
    await page.goto(`${suite.app.url}/monitoring?${PERIOD}`);
    await page.getByRole("heading", { name: "Theo dõi, đôn đốc" }).waitFor();
    const charts = page.locator("main figure[role=img] svg");
    expect(await charts.count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator("main figure script").count()).toBe(0);
    const overdue = page.getByRole("link", { name: /Đang xử lý quá hạn$/ }).first();
    expect(Number((await overdue.innerText()).match(/\d+/)?.[0])).toBeGreaterThan(0);
    await overdue.click();
    await page.waitForURL(/\/incoming\?.*progress=overdue/);
    await page.getByRole("status").filter({ hasText: "đang xử lý quá hạn" }).waitFor();
    const first = page.locator("main table tbody tr a[href^='/incoming/']").first();
    await first.click();
    await page.waitForURL(/\/incoming\/[0-9a-f-]{36}/);
    // The document itself opens (the list behind the number holds only what the director may read).
    expect(await page.locator("main h1").innerText()).not.toBe("");
    // Đôn đốc from there (lib/monitoring/remind.ts): the holder of an overdue part gets the reminder.
    const documentPath = new URL(page.url()).pathname;
    const holder = (await page.locator("#remind-part").count())
      ? await page.locator("#remind-part option:checked").innerText()
      : await page.getByText(/^Đôn đốc:/).locator("strong").innerText();
    await page.fill("#remind-message", "Đề nghị khẩn trương hoàn thành, báo cáo trước 16 giờ.");
    await page.getByRole("button", { name: "Gửi đôn đốc" }).click();
    await page.getByText("Đã gửi đôn đốc.").waitFor();
    // Who holds it, by the name the card shows: a person, or (a unit's part) the unit's head (demo data).
    const unitCode = demoUnits.find((u) => u.name === holder)?.code;
    const told = demoPeople.find((p) => (unitCode ? p.positions.some((x) => x.unit === unitCode && x.kind === "unit_head") : p.fullName === holder));
    expect(told, `the holder "${holder}"`).toBeDefined();
    const theirs = await suite.open();
    await login(theirs, suite.app.url, told!.username, told!.fullName);
    await waitForHydration(theirs, "header button[aria-haspopup='true']");
    await theirs.getByRole("button", { name: /^Thông báo: \d+ chưa đọc$/ }).click();
    // The bell's panel (the home page has its own list of notices too).
    const reminder = theirs.locator("#bell-panel").getByRole("link", { name: /Đề nghị khẩn trương hoàn thành, báo cáo trước 16 giờ\.$/ });
    expect(await reminder.innerText()).toMatch(new RegExp(`^Đôn đốc · \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d · Chưa đọc\\n${DEMO.leader.fullName} đôn đốc xử lý văn bản `));
    await reminder.click();
    await theirs.waitForURL((u) => u.pathname === documentPath);
    expect(await theirs.locator("main h1").innerText()).not.toBe("");

    const xlsx = await page.context().request.get(`${suite.app.url}/api/monitoring?${PERIOD}&table=units&format=xlsx`);
    expect(xlsx.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.body()) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const texts = sheet.getSheetValues().flat().map(String);
    expect(texts).toContain("TÌNH HÌNH XỬ LÝ VĂN BẢN ĐẾN THEO ĐƠN VỊ");
    expect(texts.some((t) => t.startsWith("Phòng"))).toBe(true);
  });

  it("the clerk prints the Báo cáo giải quyết văn bản đến and downloads it as PDF and XLSX; staff have counts, no dashboard", async () => {
    const page = await suite.open();
    await login(page, suite.app.url, DEMO.clerk.username, DEMO.clerk.fullName);
    await page.goto(`${suite.app.url}/registers`);
    await page.getByRole("link", { name: "Báo cáo giải quyết văn bản đến" }).click();
    await page.waitForURL(/\/monitoring\/reports\?kind=incoming/);
    await page.goto(`${suite.app.url}/monitoring/reports?kind=incoming&${PERIOD}`);
    const table = page.getByRole("table", { name: /BÁO CÁO GIẢI QUYẾT VĂN BẢN ĐẾN/ });
    const total = await table.locator("tbody tr").first().innerText();
    expect(total).toContain("Tổng số văn bản đến");
    expect(Number(total.match(/\d+/)?.[0])).toBeGreaterThan(0);
    for (const [name, type, magic] of [["Tải PDF", "application/pdf", "%PDF-"], ["Tải Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK"]]) {
      const href = await page.getByRole("link", { name }).getAttribute("href");
      const res = await page.context().request.get(`${suite.app.url}${href}`);
      expect(res.status()).toBe(200);
      expect(res.headers()["content-type"]).toBe(type);
      expect((await res.body()).subarray(0, magic.length).toString("latin1")).toBe(magic);
    }

    const staff = await suite.open();
    await login(staff, suite.app.url, DEMO.staff.username, DEMO.staff.fullName);
    const overdue = staff.getByRole("link", { name: /Quá hạn$/ }).first();
    expect(Number((await overdue.innerText()).match(/\d+/)?.[0])).toBeGreaterThan(0);
    await overdue.click();
    await staff.waitForURL(/\/my-work\?tab=overdue/);
    expect(await staff.locator("main table tbody tr").count()).toBeGreaterThan(0);
    expect((await staff.goto(`${suite.app.url}/monitoring`))?.status()).toBe(404);
  });
});

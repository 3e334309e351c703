import { describe, expect, test } from "vitest";
import { DEMO, startApp, waitForHydration } from "./harness";
import { useBrowserSuite } from "./suite";

// Issue 12: the bell in the header. The demo seed assigns work through the real steps, so a staff member
// has unread "Được giao xử lý" notices: count, the latest in the dropdown, mark all read, the full list.

const suite = useBrowserSuite(() => startApp());

describe("the bell", () => {
  test("shows the unread count, opens the latest, marks all read; /notifications lists them", async () => {
    const base = suite.app.url;
    const page = await suite.as(DEMO.staff.username, DEMO.staff.fullName);
    const bell = page.getByRole("button", { name: /^Thông báo: \d+ chưa đọc$/ });
    await waitForHydration(page, "header button[aria-haspopup='true']");
    await bell.click();
    const panel = page.getByRole("region", { name: "Thông báo" });
    await panel.getByText(/Được giao xử lý · \d\d\/\d\d\/\d{4}/).first().waitFor();
    await panel.getByRole("button", { name: "Đánh dấu tất cả đã đọc" }).click();
    await page.getByRole("button", { name: "Thông báo: không có thông báo chưa đọc" }).waitFor();
    const poll = await page.request.get(`${base}/api/notifications`);
    expect(await poll.json()).toEqual({ unread: 0 });
    await page.keyboard.press("Escape");
    await page.goto(`${base}/notifications`);
    expect(await page.title()).toBe("Thông báo · Sở Nội vụ tỉnh Bình Định");
    expect(await page.getByRole("table").getByText("Được giao xử lý").count()).toBeGreaterThan(0);
  });

  test("opening a notice from Thông báo or Tổng quan marks it read", async () => {
    const base = suite.app.url;
    const page = await suite.as(DEMO.clerk.username, DEMO.clerk.fullName);
    const unreadOf = async () => Number((await page.getByRole("button", { name: /^Thông báo: / }).getAttribute("aria-label"))?.match(/\d+/)?.[0] ?? 0);
    // The seed signed two drafts that wait for the clerks: "chờ phát hành", unread.
    await page.goto(`${base}/notifications`);
    const waiting = page.getByRole("row").filter({ hasText: "chờ phát hành" }).filter({ hasText: "(chưa đọc)" });
    expect(await waiting.count()).toBe(2);
    // The "Chưa đọc" tab lists just those two, with their number.
    await page.getByRole("navigation", { name: "Lọc thông báo" }).getByRole("link", { name: "Chưa đọc 2" }).click();
    await page.waitForURL(/\/notifications\?unread=1$/);
    expect(await page.getByRole("row").filter({ hasText: "(chưa đọc)" }).count()).toBe(2);
    expect(await page.getByRole("row").count()).toBe(3);
    const before = await unreadOf();
    const text = (await waiting.first().getByRole("link").innerText()).trim();
    await waitForHydration(page, "a[data-notice]");
    await waiting.first().getByRole("link").click();
    await page.waitForURL(/\/outgoing\/[0-9a-f-]{36}$/);
    await page.getByRole("button", { name: `Thông báo: ${before - 1} chưa đọc` }).waitFor();
    await page.goto(`${base}/notifications`);
    const opened = page.getByRole("row").filter({ hasText: text });
    await opened.waitFor();
    expect(await opened.getByText("(chưa đọc)").count()).toBe(0);

    // Tổng quan lists the latest notices, the unread one marked; opening it reads it too.
    await page.goto(`${base}/`);
    const section = page.locator("main").getByRole("region", { name: "Thông báo" });
    const item = section.getByRole("listitem").filter({ hasText: "chờ phát hành" }).filter({ hasText: "Chưa đọc" });
    expect(await item.count()).toBe(1);
    await waitForHydration(page, "a[data-notice]");
    await item.getByRole("link").click();
    await page.waitForURL(/\/outgoing\/[0-9a-f-]{36}$/);
    await page.getByRole("button", { name: `Thông báo: ${before - 2 ? `${before - 2} chưa đọc` : "không có thông báo chưa đọc"}` }).waitFor();
    expect(await (await page.request.get(`${base}/api/notifications`)).json()).toEqual({ unread: before - 2 });
  });
});

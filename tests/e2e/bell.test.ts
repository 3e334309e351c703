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
});

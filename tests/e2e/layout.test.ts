import { describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { findSoffice } from "@/lib/storage/preview";
import { DOCX_PREVIEW_UNAVAILABLE } from "@/lib/storage/client";
import { docx, pdf, xlsx } from "../unit/storage-fixtures";
import { DEMO, keepTrafficLocal, login, startApp, waitForHydration } from "./harness";
import { submitForm, TCBC, upload } from "./flows";
import { useBrowserSuite } from "./suite";

// Issue 11 items 10 and 13: the document pages put the step first and show the draft; Ký duyệt and
// Phát hành ask first; every screen works at 390 px (menu button, no page-wide horizontal scroll).

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1440, height: 900 };

/** A signed-in page in its own context at this viewport (closed by the browser at the end of the file). */
async function pageAt(browser: Browser, base: string, who: { username: string; fullName: string }, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh", viewport, isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
  context.setDefaultTimeout(30_000);
  context.setDefaultNavigationTimeout(45_000);
  await keepTrafficLocal(context, { prefetch: false });
  const page = await context.newPage();
  await login(page, base, who.username, who.fullName);
  return page;
}

/** No page-wide horizontal scroll: what does not fit scrolls inside its own box. */
async function expectNoOverflow(page: Page, what = page.url()) {
  await page.waitForLoadState("load");
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll, `${what}: scrollWidth ${widths.scroll}`).toBeLessThanOrEqual(PHONE.width);
}

/** Opens the phone menu and follows one of its links (checks aria-expanded on the way). */
async function viaMenu(page: Page, label: string) {
  const menu = page.getByRole("navigation", { name: "Chức năng" }).getByRole("button", { name: "Menu" });
  await menu.waitFor();
  // Hydrated when the button answers: retry the click until the list opens.
  await expect.poll(async () => {
    if ((await menu.getAttribute("aria-expanded")) !== "true") await menu.click();
    return menu.getAttribute("aria-expanded");
  }).toBe("true");
  const link = page.getByRole("navigation", { name: "Chức năng" }).getByRole("link", { name: new RegExp(`^${label}( \\d+ việc đang chờ)?$`) });
  await link.click();
  await expect.poll(() => menu.getAttribute("aria-expanded")).toBe("false");
}

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

describe("document pages and phones", () => {
  const suite = useBrowserSuite(() => startApp());

  it("a draft's page: the step beside the document, the DOCX shown in the page, and a file field that takes what its label says", async () => {
    const staff = await pageAt(suite.browser, suite.app.url, DEMO.staff2, WIDE);
    await staff.goto(`${suite.app.url}/outgoing/new`);
    const field = staff.locator("#draft-files");
    expect(await field.getAttribute("accept")).toBe(".docx,.pdf");
    expect(await staff.locator("label[for=draft-files]").textContent()).toBe("Tệp dự thảo và tài liệu kèm theo (DOCX hoặc PDF)");
    // Another type is refused before it is sent, in the label's words.
    await expect.poll(async () => {
      await staff.setInputFiles("#draft-files", { name: "bang-tinh.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: await xlsx() });
      return staff.getByText("bang-tinh.xlsx: chỉ nhận tệp DOCX hoặc PDF.").count();
    }).toBe(1);
    expect(await staff.getByRole("list", { name: "Tệp đã tải lên" }).count()).toBe(0);
    await staff.selectOption("#docType", "Công văn");
    await staff.fill("#subject", "V/v đề nghị cử cán bộ tham gia tổ công tác liên ngành");
    await staff.selectOption("#signerId", { label: `${DEMO.leader.fullName} – Giám đốc` });
    await upload(staff, "#draft-files", "du-thao-to-cong-tac.docx", await docx(), DOCX);
    await staff.getByRole("button", { name: "Tạo dự thảo" }).click();
    await staff.waitForURL(/\/outgoing\/[0-9a-f-]{36}\?saved=1$/);

    // The DOCX is shown in the page: as a PDF when LibreOffice is installed, else the note to download it.
    const viewer = staff.getByRole("region", { name: "Xem văn bản: du-thao-to-cong-tac.docx" }).or(staff.locator("#xem-van-ban"));
    await viewer.first().waitFor();
    if (await findSoffice()) {
      await expect.poll(() => staff.locator("#xem-van-ban canvas[data-rendered-page='1']").count(), { timeout: 120_000 }).toBe(1);
    } else {
      await expect.poll(() => staff.locator("#xem-van-ban").getByText(DOCX_PREVIEW_UNAVAILABLE).count()).toBe(1);
      expect(await staff.locator("#xem-van-ban").getByRole("link", { name: "Tải về du-thao-to-cong-tac.docx" }).count()).toBe(1);
    }

    // Two columns: the step (Trình duyệt) on the right of the document, on the first screen.
    const step = await box(staff, "[data-slot=actions]");
    const doc = await box(staff, "[data-slot=document]");
    expect(step.x).toBeGreaterThan(doc.x + doc.width - 1);
    const submit = await staff.getByRole("button", { name: "Trình duyệt" }).boundingBox();
    expect(submit!.y + submit!.height).toBeLessThan(WIDE.height);
  }, 240_000);

  it("Ký duyệt and Phát hành ask first: Hủy or Escape changes nothing, the keyboard confirms", async () => {
    const director = await pageAt(suite.browser, suite.app.url, DEMO.leader, WIDE);
    await director.goto(`${suite.app.url}/outgoing?inbox=1`);
    await director.getByRole("link", { name: /Quyết định phê duyệt vị trí việc làm của Trung tâm Lưu trữ lịch sử/ }).click();
    await director.waitForURL(/\/outgoing\/[0-9a-f-]{36}/);
    await waitForHydration(director, "main h1"); // the row is a plain link: a full page load
    const draftUrl = director.url();
    const sign = director.getByRole("form", { name: "Ký duyệt" }).getByRole("button", { name: "Ký duyệt", exact: true });
    expect(await sign.getAttribute("aria-haspopup")).toBe("dialog");
    const dialog = director.getByRole("dialog", { name: "Ký duyệt dự thảo này?" });
    await expect.poll(async () => {
      if (!(await dialog.isVisible())) await sign.click();
      return dialog.isVisible();
    }).toBe(true);
    // Focus starts on the harmless choice; Escape closes and gives focus back to the button.
    expect(await director.evaluate(() => document.activeElement?.textContent)).toBe("Hủy");
    await director.keyboard.press("Escape");
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await director.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Ký duyệt");
    await director.goto(draftUrl);
    expect(await director.getByText("Chờ ký", { exact: true }).count()).toBeGreaterThan(0);
    // Hủy changes nothing either.
    await expect.poll(async () => {
      if (!(await dialog.isVisible())) await sign.click();
      return dialog.isVisible();
    }).toBe(true);
    await dialog.getByRole("button", { name: "Hủy" }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await director.goto(draftUrl);
    expect(await director.getByText("Chờ ký", { exact: true }).count()).toBeGreaterThan(0);
    // By keyboard: Enter on the button opens it, Tab reaches Ký duyệt, Enter signs.
    await sign.focus();
    await expect.poll(async () => {
      if (!(await dialog.isVisible())) {
        await sign.focus();
        await director.keyboard.press("Enter");
      }
      return dialog.isVisible();
    }).toBe(true);
    await director.keyboard.press("Tab");
    expect(await director.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Ký duyệt");
    await director.keyboard.press("Enter");
    await expect.poll(() => director.getByText("Chờ phát hành", { exact: true }).count()).toBeGreaterThan(0);

    const clerk = await pageAt(suite.browser, suite.app.url, DEMO.clerk, WIDE);
    await clerk.goto(`${suite.app.url}/outgoing?status=awaiting_issue`);
    await clerk.getByRole("link", { name: /V\/v thẩm định hồ sơ thành lập Hội Doanh nhân trẻ tỉnh/ }).click();
    await clerk.waitForURL(/\/outgoing\/[0-9a-f-]{36}/);
    await waitForHydration(clerk, "main h1"); // the row is a plain link: a full page load
    const issueUrl = clerk.url();
    await upload(clerk, "#final-file", "cong-van-da-ky.pdf", pdf("Cong van da ky"), "application/pdf");
    const issueDialog = clerk.getByRole("dialog", { name: "Phát hành văn bản này?" });
    const issue = clerk.getByRole("form", { name: "Phát hành" }).getByRole("button", { name: "Phát hành", exact: true });
    await issue.click();
    await issueDialog.waitFor();
    expect(await issueDialog.textContent()).toMatch(/Hệ thống cấp số đi số \d+ trong .+, ký hiệu …\/SNV/);
    await issueDialog.getByRole("button", { name: "Hủy" }).click();
    await expect.poll(() => issueDialog.isVisible()).toBe(false);
    await clerk.goto(issueUrl);
    expect(await clerk.getByText("Chờ phát hành", { exact: true }).count()).toBeGreaterThan(0);
    await upload(clerk, "#final-file", "cong-van-da-ky.pdf", pdf("Cong van da ky"), "application/pdf");
    await submitForm(clerk, "Phát hành");
    await expect.poll(() => clerk.getByRole("status").filter({ hasText: "Đã phát hành: số" }).count()).toBe(1);
  }, 240_000);

  it("at 390 × 844: the leader's inbox → document → assignment, then the staff's Việc của tôi → Hoàn thành", async () => {
    const subject = "Giấy mời dự hội nghị đánh giá chỉ số cải cách hành chính cấp tỉnh";
    const leader = await pageAt(suite.browser, suite.app.url, DEMO.leader, PHONE);
    await expectNoOverflow(leader, "Tổng quan");
    // The navigation is a menu button; its list is closed until asked for.
    expect(await leader.locator("#app-nav-list").isVisible()).toBe(false);
    await viaMenu(leader, "Văn bản đến");
    await leader.waitForURL(/\/incoming$/);
    await expectNoOverflow(leader, "Văn bản đến");
    await leader.getByRole("link", { name: "Trình tôi" }).click();
    await leader.waitForURL(/mine=1/);
    await leader.getByRole("link", { name: new RegExp(subject) }).first().click();
    await leader.waitForURL(/\/incoming\/[0-9a-f-]{36}/);
    const docUrl = leader.url();
    await expectNoOverflow(leader, "văn bản đến (lãnh đạo)");
    // The step comes before the document on a phone.
    const form = await box(leader, "form[aria-label='Chuyển xử lý']");
    const viewer = await box(leader, "#xem-van-ban");
    expect(form.y).toBeLessThan(viewer.y);
    // One column: the form fits the screen.
    expect(form.x + form.width).toBeLessThanOrEqual(PHONE.width);
    await leader.fill("#instruction", "Giao đồng chí Khoa dự và báo cáo kết quả.");
    await leader.getByLabel("Người hoặc đơn vị nhận 1").selectOption({ label: `${DEMO.staff.fullName} – Chuyên viên, ${TCBC}` });
    await submitForm(leader, "Chuyển xử lý");
    await expect.poll(() => leader.getByText("Đang xử lý").count()).toBeGreaterThan(0);
    await expectNoOverflow(leader, "văn bản đến sau khi chuyển xử lý");

    const staff = await pageAt(suite.browser, suite.app.url, DEMO.staff, PHONE);
    await viaMenu(staff, "Việc của tôi");
    await staff.waitForURL(/\/my-work$/);
    await expectNoOverflow(staff, "Việc của tôi");
    await staff.getByRole("link", { name: new RegExp(subject) }).first().click();
    await staff.waitForURL((u) => u.pathname === new URL(docUrl).pathname);
    await expectNoOverflow(staff, "văn bản đến (chuyên viên)");
    const done = await box(staff, "form[aria-label='Hoàn thành']");
    expect(done.y).toBeLessThan((await box(staff, "#xem-van-ban")).y);
    await staff.locator("form[aria-label='Hoàn thành'] textarea").fill("Đã dự hội nghị, báo cáo lãnh đạo Sở.");
    await submitForm(staff, "Hoàn thành");
    await expect.poll(() => staff.getByText("Đã hoàn thành").count()).toBeGreaterThan(0);
    await expectNoOverflow(staff, "văn bản đến sau Hoàn thành");
  }, 240_000);

  it("at 390 px no main screen of any role scrolls sideways; the menu works from the keyboard", async () => {
    const people = [DEMO.clerk, DEMO.leader, DEMO.unitHead, DEMO.staff, DEMO.officeChief, DEMO.archivist, DEMO.admin];
    for (const who of people) {
      const page = await pageAt(suite.browser, suite.app.url, who, PHONE);
      // Keyboard: Enter opens the menu, Escape closes it and leaves focus on the button.
      const menu = page.getByRole("navigation", { name: "Chức năng" }).getByRole("button", { name: "Menu" });
      await expect.poll(async () => {
        if ((await menu.getAttribute("aria-expanded")) !== "true") {
          await menu.focus();
          await page.keyboard.press("Enter");
        }
        return menu.getAttribute("aria-expanded");
      }).toBe("true");
      expect(await page.locator("#app-nav-list").isVisible()).toBe(true);
      await page.keyboard.press("Tab");
      await page.keyboard.press("Escape");
      await expect.poll(() => menu.getAttribute("aria-expanded")).toBe("false");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-controls"))).toBe("app-nav-list");
      const hrefs = await page.locator("#app-nav-list a").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
      const visited = new Set<string>();
      const visit = async (href: string) => {
        if (visited.has(href)) return;
        visited.add(href);
        await page.goto(`${suite.app.url}${href}`);
        await expectNoOverflow(page, `${who.username} ${href}`);
      };
      for (const href of hrefs) await visit(href);
      // One document of each list the person sees, and the sub-pages of the areas.
      for (const list of ["/incoming", "/outgoing", "/files", "/my-work"].filter((h) => hrefs.includes(h))) {
        await page.goto(`${suite.app.url}${list}`);
        const first = page.locator(`main a[href^='${list === "/my-work" ? "/incoming" : list}/']`).first();
        if (await first.count()) await visit((await first.getAttribute("href"))!);
      }
      for (const href of hrefs.includes("/admin") ? ["/admin/units", "/admin/users", "/admin/security", "/admin/calendar?year=2027"] : []) await visit(href);
      for (const href of hrefs.includes("/files") ? ["/files/plan", "/files/handover"] : []) await visit(href);
      for (const href of ["/notifications", "/notifications?unread=1"]) await visit(href);
      expect(visited.size).toBeGreaterThan(2);
    }
  }, 480_000);
});

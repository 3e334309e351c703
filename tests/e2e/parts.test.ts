import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO, startApp } from "./harness";
import { submitForm, TCBC } from "./flows";
import { useBrowserSuite } from "./suite";

// Issue 11 items 4, 5, 7, 8 in the browser: the processing table as a tree in a stable order;
// for-information parts seen (on open, or one click) and coordinating parts closed with the
// document or waited for; Việc của tôi → Đã xử lý; staff's Văn bản đến; a returned draft's reason
// and notice.

const XDCQ = "Phòng Xây dựng chính quyền và Công tác thanh niên";
const person = (p: { fullName: string }, title: string, unit: string) => `${p.fullName} – ${title}, ${unit}`;

type Recipient = { label: string; role: "lead" | "coordinate" | "info" };

/** The clerk registers a paper document and submits it; the director assigns it to these recipients. Returns its URL. */
async function assignedDocument(clerk: Page, director: Page, base: string, subject: string, recipients: Recipient[], wait = false) {
  await clerk.goto(`${base}/incoming/new`);
  await clerk.fill("#symbol", `${Math.floor(Math.random() * 1e5)}/UBND-NC`);
  await clerk.fill("#issuerName", "UBND tỉnh Bình Định");
  await clerk.selectOption("#docType", "Công văn");
  await clerk.fill("#subject", subject);
  await clerk.getByRole("button", { name: "Vào sổ" }).click();
  await clerk.waitForURL(/registered=1$/);
  const url = clerk.url().replace(/\?.*$/, "");
  await clerk.selectOption("#submit-leader", { label: `${DEMO.leader.fullName} – Giám đốc` });
  await submitForm(clerk, "Trình lãnh đạo");
  await expect.poll(() => clerk.getByText("Chờ ý kiến chỉ đạo").count()).toBeGreaterThan(0);

  await director.goto(url);
  await director.fill("#instruction", "Đề nghị các đơn vị thực hiện.");
  for (const [i, r] of recipients.entries()) {
    if (i) await director.getByRole("button", { name: "Thêm người/đơn vị nhận" }).click();
    await director.getByLabel(`Người hoặc đơn vị nhận ${i + 1}`, { exact: true }).selectOption({ label: r.label });
    await director.getByLabel(`Vai trò ${i + 1}`, { exact: true }).selectOption(r.role);
  }
  if (wait) await director.getByLabel("Chờ ý kiến phối hợp").check();
  await submitForm(director, "Chuyển xử lý");
  await expect.poll(() => director.getByRole("table", { name: "Đơn vị, cá nhân xử lý" }).count(), { timeout: 15_000 }).toBe(1);
  return url;
}

/** The processing table as "depth|name|status" lines, top to bottom. */
async function partRows(page: Page) {
  const rows = page.getByTestId("part-row");
  const out: string[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const cells = await row.locator("td").allTextContents();
    out.push(`${await row.getAttribute("data-depth")}|${cells[0].replace("└", "").trim()}|${cells[3]}`);
  }
  return out;
}

async function complete(page: Page, url: string, result: string) {
  await page.goto(url);
  await page.getByLabel("Kết quả xử lý").fill(result);
  await submitForm(page, "Hoàn thành");
  await expect.poll(() => page.getByLabel("Kết quả xử lý").count(), { timeout: 15_000 }).toBe(0);
}

describe("parts of a document in the browser", () => {
  const suite = useBrowserSuite(() => startApp());

  it("a tree in a stable order; seen on open; the lead's Hoàn thành closes the coordinating part, whose holder is told and finds it in Đã xử lý", async () => {
    const base = suite.app.url;
    const [clerk, director, head, khoa, tam, ngoc] = [
      await suite.as(DEMO.clerk.username, DEMO.clerk.fullName),
      await suite.as(DEMO.leader.username, DEMO.leader.fullName),
      await suite.as(DEMO.unitHead.username, DEMO.unitHead.fullName),
      await suite.as(DEMO.staff.username, DEMO.staff.fullName),
      await suite.as(DEMO.staff2.username, DEMO.staff2.fullName),
      await suite.as(DEMO.staff3.username, DEMO.staff3.fullName),
    ];
    const subject = "V/v rà soát tinh giản biên chế khối hành chính năm 2027";
    // Given in the "wrong" order on purpose: for information first, then coordinate, then the lead.
    const url = await assignedDocument(clerk, director, base, subject, [
      { label: person(DEMO.staff2, "Chuyên viên", TCBC), role: "info" },
      { label: person(DEMO.staff3, "Chuyên viên", XDCQ), role: "coordinate" },
      { label: TCBC, role: "lead" },
    ]);

    // The division head passes the lead to Khoa: his row goes under the division, not under the last row.
    await head.goto(url);
    await head.getByLabel("Người hoặc đơn vị nhận 1", { exact: true }).selectOption({ label: person(DEMO.staff, "Chuyên viên", TCBC) });
    await submitForm(head, "Chuyển xử lý");
    await expect.poll(() => partRows(head), { timeout: 15_000 }).toEqual([
      `0|${TCBC}|Đang xử lý`,
      `1|${DEMO.staff.fullName}|Chưa xử lý`,
      `0|${DEMO.staff3.fullName}|Chưa xử lý`,
      `0|${DEMO.staff2.fullName}|Chưa xem`,
    ]);
    // Indented per level.
    const pad = await head.getByTestId("part-row").nth(1).locator("td span").first().evaluate((e) => getComputedStyle(e).paddingLeft);
    expect(parseFloat(pad)).toBeGreaterThan(0);
    // No deadline is shown for the part for information.
    expect((await head.getByTestId("part-row").nth(3).locator("td").nth(2).textContent())?.trim()).toBe("");

    // Tâm receives it for information: opening the page counts as seen.
    await tam.goto(url);
    await expect.poll(() => partRows(tam), { timeout: 15_000 }).toContain(`0|${DEMO.staff2.fullName}|Đã xem`);
    expect(await tam.getByRole("button", { name: "Đã xem" }).count()).toBe(0);

    // Khoa finishes the lead: the document is done, Ngọc's coordinating part closes with it, the rows keep their order.
    await complete(khoa, url, "Đã trình báo cáo rà soát.");
    await khoa.goto(url);
    await expect.poll(() => partRows(khoa)).toEqual([
      `0|${TCBC}|Đã hoàn thành`,
      `1|${DEMO.staff.fullName}|Đã hoàn thành`,
      `0|${DEMO.staff3.fullName}|Đóng theo văn bản`,
      `0|${DEMO.staff2.fullName}|Đã xem`,
    ]);
    expect(await khoa.getByRole("list", { name: "Luồng xử lý" }).textContent()).toContain("Đóng theo văn bản");

    // Ngọc is told on the home page, has nothing open for it, and finds it in Đã xử lý without accents.
    await ngoc.goto(`${base}/`);
    const notice = ngoc.getByRole("region", { name: "Thông báo" }).getByRole("link", { name: /đóng theo văn bản/ }).first();
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.getAttribute("href")).toBe(new URL(url).pathname);
    await ngoc.goto(`${base}/my-work`);
    expect(await ngoc.getByRole("main").textContent()).not.toContain(subject);
    await ngoc.getByRole("link", { name: "Đã xử lý" }).click();
    await ngoc.waitForURL(/tab=done/);
    await ngoc.getByRole("searchbox").or(ngoc.getByPlaceholder(/không cần dấu/)).first().fill("ra soat tinh gian bien che");
    await ngoc.getByRole("button", { name: "Tìm" }).click();
    await ngoc.waitForURL(/q=ra\+soat/);
    await expect.poll(() => ngoc.locator("table tbody tr").count()).toBe(1);
    const row = await ngoc.locator("table tbody tr").textContent();
    expect(row).toContain(subject);
    expect(row).toContain("Đóng theo văn bản");

    // Staff see Văn bản đến in the navigation, with the documents on their trail.
    await ngoc.getByRole("navigation").getByRole("link", { name: "Văn bản đến" }).first().click();
    await ngoc.waitForURL(/\/incoming$/);
    await ngoc.fill('input[name="q"]', "tinh gian bien che");
    await ngoc.getByRole("button", { name: "Lọc" }).click();
    await expect.poll(() => ngoc.locator("table tbody tr").count()).toBe(1);
    expect(await ngoc.locator("table tbody").textContent()).toContain(subject);
  });

  it("Chờ ý kiến phối hợp: the document waits for the coordinator; Đã xem from Việc của tôi in one click", async () => {
    const base = suite.app.url;
    const [clerk, director, khoa, tam, ngoc] = [
      await suite.as(DEMO.clerk.username, DEMO.clerk.fullName),
      await suite.as(DEMO.leader.username, DEMO.leader.fullName),
      await suite.as(DEMO.staff.username, DEMO.staff.fullName),
      await suite.as(DEMO.staff2.username, DEMO.staff2.fullName),
      await suite.as(DEMO.staff3.username, DEMO.staff3.fullName),
    ];
    const subject = "V/v góp ý dự thảo quy chế làm việc của Sở năm 2027";
    const url = await assignedDocument(clerk, director, base, subject, [
      { label: person(DEMO.staff, "Chuyên viên", TCBC), role: "lead" },
      { label: person(DEMO.staff3, "Chuyên viên", XDCQ), role: "coordinate" },
      { label: person(DEMO.staff2, "Chuyên viên", TCBC), role: "info" },
    ], true);

    // Tâm marks it seen from her list, without opening it.
    await tam.goto(`${base}/my-work`);
    const mine = tam.locator("table tbody tr").filter({ hasText: subject });
    await mine.getByRole("button", { name: "Đã xem" }).click();
    await expect.poll(() => tam.locator("table tbody tr").filter({ hasText: subject }).count(), { timeout: 15_000 }).toBe(0);

    await complete(khoa, url, "Đã tổng hợp ý kiến.");
    await khoa.goto(url);
    // The lead is done, the document waits for the coordinating opinion.
    await expect.poll(() => partRows(khoa)).toEqual([
      `0|${DEMO.staff.fullName}|Đã hoàn thành`,
      `0|${DEMO.staff3.fullName}|Chưa xử lý`,
      `0|${DEMO.staff2.fullName}|Đã xem`,
    ]);
    expect(await khoa.getByRole("status").filter({ hasText: "Đã hoàn thành" }).count()).toBe(0);

    await complete(ngoc, url, "Phòng XDCQ thống nhất với dự thảo.");
    await ngoc.goto(url);
    await expect.poll(() => partRows(ngoc)).toEqual([
      `0|${DEMO.staff.fullName}|Đã hoàn thành`,
      `0|${DEMO.staff3.fullName}|Đã hoàn thành`,
      `0|${DEMO.staff2.fullName}|Đã xem`,
    ]);
    expect(await ngoc.getByRole("list", { name: "Luồng xử lý" }).textContent()).toContain("Văn bản đã hoàn thành");
  });

  it("an internal document shows as Văn bản nội bộ, with no số đến and no deadline, in the list, Việc của tôi and its page", async () => {
    const base = suite.app.url;
    const head = await suite.as(DEMO.unitHead.username, DEMO.unitHead.fullName);
    // The demo's issued Kế hoạch went to TCBC (and XDCQ) inside the agency.
    const subject = "Kế hoạch tổ chức thi tuyển công chức năm 2026";
    await head.goto(`${base}/my-work`);
    const row = head.locator("table tbody tr").filter({ hasText: subject });
    await expect.poll(() => row.count()).toBe(1);
    const text = (await row.textContent()) ?? "";
    expect(text).toContain("Văn bản nội bộ");
    expect(text).not.toContain("số đến");
    expect(text).toContain("Nhận để biết");
    await head.goto(`${base}/incoming?q=${encodeURIComponent("thi tuyen cong chuc")}`);
    const listed = head.locator("table tbody tr").filter({ hasText: subject });
    await expect.poll(() => listed.count()).toBe(1);
    expect(await listed.locator("td").first().textContent()).toBe("Văn bản nội bộ");
    await listed.getByRole("link").first().click();
    await head.waitForURL(/\/incoming\/[0-9a-f-]{36}$/);
    const meta = (await head.locator("dl").first().textContent()) ?? "";
    expect(meta).toContain("Văn bản nội bộ");
    expect(meta).not.toContain("Hạn giải quyết");
    // The head closes the unit's part for information in one click from Việc của tôi.
    await head.goto(`${base}/my-work`);
    await head.locator("table tbody tr").filter({ hasText: subject }).getByRole("button", { name: "Đã xem" }).click();
    await expect.poll(() => head.locator("table tbody tr").filter({ hasText: subject }).count(), { timeout: 15_000 }).toBe(0);
  });

  it("a returned draft: the drafter is told on the home page and reads the reason beside Dự thảo bị trả lại at the top", async () => {
    const base = suite.app.url;
    const head = await suite.as(DEMO.unitHead.username, DEMO.unitHead.fullName);
    const tam = await suite.as(DEMO.staff2.username, DEMO.staff2.fullName);
    const subject = "V/v hướng dẫn xây dựng đề án vị trí việc làm năm 2027";
    await head.goto(`${base}/outgoing?inbox=1`);
    await head.getByRole("link", { name: new RegExp(subject) }).click();
    await head.waitForURL(/\/outgoing\/[0-9a-f-]{36}/);
    const reason = "Bổ sung phụ lục biểu mẫu và thời hạn gửi hồ sơ.";
    await head.getByLabel("Ý kiến trả lại (người soạn thảo sửa theo)").fill(reason);
    await submitForm(head, "Trả lại");
    await expect.poll(() => head.getByText("Bị trả lại").count(), { timeout: 15_000 }).toBeGreaterThan(0);

    await tam.goto(`${base}/`);
    const notice = tam.getByRole("region", { name: "Thông báo" }).getByRole("link", { name: new RegExp(`bị trả lại.*${reason.slice(0, 20)}`) });
    await expect.poll(() => notice.count()).toBe(1);
    await notice.click();
    await tam.waitForURL(/\/outgoing\/[0-9a-f-]{36}$/);
    const top = tam.getByRole("status", { name: "Dự thảo bị trả lại" });
    await expect.poll(() => top.count()).toBe(1);
    expect(await top.getByTestId("return-reason").textContent()).toBe(reason);
    expect(await top.textContent()).toContain(DEMO.unitHead.fullName);
    // It sits above the document's details.
    const [noticeY, cardY] = await Promise.all([
      top.evaluate((e) => e.getBoundingClientRect().top),
      tam.getByText("Thông tin văn bản").first().evaluate((e) => e.getBoundingClientRect().top),
    ]);
    expect(noticeY).toBeLessThan(cardY);
  });
});

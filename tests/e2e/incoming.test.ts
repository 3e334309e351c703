import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createHash } from "node:crypto";
import { PDF_VIEW_ERROR } from "@/components/incoming/pdf-viewer";
import { pdf } from "../unit/storage-fixtures";
import { DEMO, login, newPage, startApp, waitForHydration } from "./harness";
import { useBrowserSuite } from "./suite";

const TCBC = "Phòng Tổ chức, biên chế và Tổ chức phi chính phủ";
const XDCQ = "Phòng Xây dựng chính quyền và Công tác thanh niên";
const CHI_CUC = "Chi cục Văn thư - Lưu trữ";
const NV_VTLT = "Phòng Nghiệp vụ Văn thư - Lưu trữ";
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toLocaleDateString("en-CA", { timeZone: "Asia/Ho_Chi_Minh" });

// Issue 3, first screens: the clerk registers a paper document and finds it in the list.
describe("incoming documents in the browser", () => {
  const suite = useBrowserSuite(() => startApp());

  it("the clerk registers a paper document, gets số đến, and finds it without accents", async () => {
    const { context, page } = await newPage(suite.browser);
    await login(page, suite.app.url, DEMO.clerk.username, DEMO.clerk.fullName);
    await page.goto(`${suite.app.url}/incoming`);
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
    // The scan is uploaded as soon as it is chosen and shown with its SHA-256.
    const scan = pdf("Quyet dinh dieu dong");
    await page.setInputFiles("#files", { name: "quyet-dinh-125.pdf", mimeType: "application/pdf", buffer: scan });
    const sha = createHash("sha256").update(scan).digest("hex");
    await expect.poll(() => page.getByRole("list", { name: "Tệp đã tải lên" }).textContent()).toContain(sha);
    // A file that is not a document is refused with a Vietnamese message, and nothing else is lost.
    await page.setInputFiles("#files", { name: "ghi-chu.txt", mimeType: "text/plain", buffer: Buffer.from("không phải văn bản") });
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "ghi-chu.txt" }).count()).toBe(1);
    expect(await page.inputValue("#subject")).toContain("điều động");
    await page.getByRole("button", { name: "Vào sổ" }).click();
    await page.waitForURL(/\/incoming\/[0-9a-f-]{36}\?registered=1$/);
    // The demo agency already has documents: this one takes the register's next number.
    await expect.poll(() => page.getByRole("status").first().textContent()).toMatch(/Đã vào sổ, số đến \d+/);
    const arrivalNo = Number(/số đến (\d+)/.exec((await page.getByRole("status").first().textContent()) ?? "")![1]);
    expect(await page.getByRole("list", { name: "Luồng xử lý" }).textContent()).toContain("Vào sổ");
    expect(await page.getByText(`SHA-256 ${sha}`).count()).toBe(1);
    const download = await page.request.get(`${suite.app.url}${await page.getByRole("link", { name: "quyet-dinh-125.pdf", exact: true }).getAttribute("href")}`);
    expect(download.status()).toBe(200);
    expect(createHash("sha256").update(await download.body()).digest("hex")).toBe(sha);

    await page.goto(`${suite.app.url}/incoming?q=${encodeURIComponent("dieu dong cong chuc dang uy")}`);
    await expect.poll(() => page.locator("table tbody tr").count()).toBe(1);
    expect(await page.locator("table tbody").textContent()).toContain("125/QĐ-UBND");
    const docUrl = await page.locator("table tbody a").first().getAttribute("href");

    // A second registration of the same số/ký hiệu and issuer is flagged as a likely duplicate.
    await page.goto(`${suite.app.url}/incoming/new`);
    await page.fill("#symbol", "125/QĐ-UBND");
    await page.fill("#issuerName", "UBND tỉnh Bình Định");
    // An XSS payload in trích yếu is shown as text, never run (security.md §5 row 11).
    await page.fill("#subject", 'Bản giấy <img src=x onerror="window.__xss=1"><script>window.__xss=2</script>');
    await page.getByRole("button", { name: "Vào sổ" }).click();
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "Có thể trùng" }).count()).toBe(1);
    await page.getByLabel("Tôi đã kiểm tra, vẫn vào sổ văn bản này").check();
    await page.getByRole("button", { name: "Vào sổ" }).click();
    await page.waitForURL(/registered=1$/);
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain(`số đến ${arrivalNo + 1}`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("<script>window.__xss=2</script>");
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.goto(`${suite.app.url}/incoming?q=ban+giay`);
    await expect.poll(() => page.locator("table tbody tr").count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

    // The paper copy of the first arrives: instead of a third number, its scan joins the first one.
    await page.goto(`${suite.app.url}/incoming/new`);
    await page.fill("#symbol", "125/QĐ-UBND");
    await page.fill("#issuerName", "UBND tỉnh Bình Định");
    await page.fill("#subject", "Quyết định về việc điều động công chức (bản giấy)");
    const paperScan = pdf("Ban giay quyet dinh 125");
    await page.setInputFiles("#files", { name: "ban-giay-125.pdf", mimeType: "application/pdf", buffer: paperScan });
    const paperSha = createHash("sha256").update(paperScan).digest("hex");
    await expect.poll(() => page.getByRole("list", { name: "Tệp đã tải lên" }).textContent()).toContain(paperSha);
    await page.getByRole("button", { name: "Vào sổ" }).click();
    const dupList = page.getByRole("list", { name: "Văn bản có thể trùng" });
    await expect.poll(() => dupList.getByRole("listitem").count()).toBe(2);
    const first = dupList.getByRole("listitem").filter({ hasText: `Số đến ${arrivalNo}/` });
    expect(await first.getByRole("link").getAttribute("href")).toBe(docUrl);
    await first.getByRole("button", { name: "Gắn vào văn bản này" }).click();
    await page.waitForURL(/\/incoming\/[0-9a-f-]{36}\?linked=1$/);
    expect(new URL(page.url()).pathname).toBe(docUrl);
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("không cấp số đến mới");
    expect(await page.getByText(`SHA-256 ${paperSha}`).count()).toBe(1);
    expect(await page.getByText(`SHA-256 ${sha}`).count()).toBe(1);
    expect(await page.getByRole("list", { name: "Luồng xử lý" }).textContent()).toContain("Nhận bản giấy (gắn vào văn bản đã có)");
    // Still two documents for 125/QĐ-UBND: no third số đến was taken.
    await page.goto(`${suite.app.url}/incoming?symbol=${encodeURIComponent("125/QĐ-UBND")}`);
    await expect.poll(() => page.locator("table tbody tr").count()).toBe(2);
    await context.close();

    // A staff member not on the trail gets the same answer as for a missing page.
    const staff = await newPage(suite.browser);
    await login(staff.page, suite.app.url, DEMO.staff.username, DEMO.staff.fullName);
    const res = await staff.page.goto(`${suite.app.url}${docUrl}`);
    expect(res?.status()).toBe(404);
    await staff.context.close();
  });

  /** Signs in as a person in a fresh browser context. */
  async function as(username: string, fullName: string) {
    const { context, page } = await newPage(suite.browser);
    await login(page, suite.app.url, username, fullName);
    return { context, page };
  }

  async function registerAndSubmit(page: Page, subject: string) {
    await page.goto(`${suite.app.url}/incoming/new`);
    await page.fill("#symbol", `${Math.floor(Math.random() * 1e5)}/UBND-NC`);
    await page.fill("#issuerName", "UBND tỉnh Bình Định");
    await page.fill("#subject", subject);
    await page.getByRole("button", { name: "Vào sổ" }).click();
    await page.waitForURL(/registered=1$/);
    const url = page.url().replace(/\?.*$/, "");
    await page.selectOption("#submit-leader", { label: `${DEMO.leader.fullName} – Giám đốc` });
    await page.getByRole("form", { name: "Trình lãnh đạo" }).getByRole("button", { name: "Trình lãnh đạo" }).click();
    await expect.poll(() => page.getByText("Chờ ý kiến chỉ đạo").count()).toBeGreaterThan(0);
    return url;
  }

  async function pick(page: Page, row: number, label: string, role?: "lead" | "coordinate" | "info") {
    await page.getByLabel(`Người hoặc đơn vị nhận ${row}`).selectOption({ label });
    if (role) await page.getByLabel(`Vai trò ${row}`).selectOption(role);
  }

  const submitStep = (page: Page, name: string) => page.getByRole("form", { name }).getByRole("button", { name }).click();
  // A list's rows are plain links (a full page load): the document's forms work once its page has loaded and hydrated.
  const openRow = async (page: Page, name: RegExp) => {
    await page.getByRole("link", { name }).click();
    await page.waitForURL(/\/incoming\/[0-9a-f-]{36}/);
    await waitForHydration(page, "main h1");
  };

  it("the whole chain: clerk → director assigns a division (lead) and another (coordinate) → head → staff done", async () => {
    const clerk = await as(DEMO.clerk.username, DEMO.clerk.fullName);
    const url = await registerAndSubmit(clerk.page, "Kế hoạch tuyển dụng công chức năm 2027");

    const director = await as(DEMO.leader.username, DEMO.leader.fullName);
    await director.page.goto(`${suite.app.url}/incoming?mine=1`);
    await openRow(director.page, /Kế hoạch tuyển dụng công chức năm 2027/);
    // Without a lead the step is refused in Vietnamese, and nothing typed is lost.
    await director.page.fill("#instruction", "Giao Phòng TCBC chủ trì, Phòng XDCQ phối hợp; báo cáo trước hạn.");
    await pick(director.page, 1, TCBC, "coordinate");
    await submitStep(director.page, "Chuyển xử lý");
    await expect.poll(() => director.page.getByText("Phải có đúng một đơn vị hoặc người xử lý chính.").count()).toBe(1);
    expect(await director.page.inputValue("#instruction")).toContain("Giao Phòng TCBC chủ trì");
    await director.page.getByLabel("Vai trò 1").selectOption("lead");
    await director.page.getByLabel("Hạn xử lý 1").fill(inDays(10));
    await director.page.getByRole("button", { name: "Thêm người/đơn vị nhận" }).click();
    await pick(director.page, 2, XDCQ, "coordinate");
    await submitStep(director.page, "Chuyển xử lý");
    await expect.poll(() => director.page.getByText("Đang xử lý").count()).toBeGreaterThan(0);

    const head = await as(DEMO.unitHead.username, DEMO.unitHead.fullName);
    await head.page.goto(`${suite.app.url}/my-work`);
    await openRow(head.page, /Kế hoạch tuyển dụng công chức năm 2027/);
    await pick(head.page, 1, `${DEMO.staff.fullName} – Chuyên viên, ${TCBC}`);
    await head.page.getByLabel("Hạn xử lý 1").fill(inDays(8));
    await submitStep(head.page, "Chuyển xử lý");
    await expect.poll(() => head.page.getByRole("cell", { name: `└ ${DEMO.staff.fullName}` }).count()).toBe(1);

    const staff = await as(DEMO.staff.username, DEMO.staff.fullName);
    await staff.page.goto(`${suite.app.url}/my-work`);
    await openRow(staff.page, /Kế hoạch tuyển dụng công chức năm 2027/);
    await staff.page.getByLabel("Tiến độ", { exact: true }).fill("Đang tổng hợp nhu cầu của các đơn vị.");
    await submitStep(staff.page, "Cập nhật tiến độ");
    await expect.poll(() => staff.page.getByText("Đã ghi nhận.").count()).toBe(1);
    await staff.page.getByLabel("Kết quả xử lý", { exact: true }).fill("Đã trình Kế hoạch số 45/KH-SNV.");
    await submitStep(staff.page, "Hoàn thành");
    await expect.poll(() => staff.page.getByText("Văn bản đã hoàn thành").count()).toBe(1);

    // The clerk sees it done, with the whole trail, and records the paper hand-over (dashed path).
    await clerk.page.goto(url);
    expect(await clerk.page.getByRole("list", { name: "Luồng xử lý" }).textContent()).toMatch(/Vào sổ[\s\S]*Trình lãnh đạo[\s\S]*Chuyển xử lý[\s\S]*Hoàn thành/);
    const diagram = clerk.page.getByRole("img", { name: "Sơ đồ luồng xử lý" });
    for (const box of [DEMO.leader.fullName, TCBC, XDCQ, DEMO.staff.fullName]) expect(await diagram.textContent()).toContain(box);
    await clerk.page.fill("#handover-receiver", DEMO.unitHead.fullName);
    await submitStep(clerk.page, "Giao văn bản giấy");
    await expect.poll(() => clerk.page.getByText("(bản giấy)").count()).toBe(1);
    await expect.poll(() => diagram.locator("path[stroke-dasharray]").count()).toBe(1);
    // Issue 11 item 12: a readable diagram: one lane per unit, the role on each recipient, every
    // label at 12 px or more, and no label printed over another ("Trình" and "Bản giấy" included).
    const lanes = await diagram.locator("[data-lane]").evaluateAll((gs) => gs.map((g) => g.getAttribute("data-lane")));
    expect(lanes).toEqual(expect.arrayContaining(["Văn phòng Sở", "Ban Giám đốc", TCBC, XDCQ]));
    expect(new Set(lanes).size).toBe(lanes.length);
    const text = (await diagram.textContent()) ?? "";
    for (const label of ["Trình", "Bản giấy", "Chuyển xử lý", "Giao", "Xử lý chính", "Phối hợp"]) expect(text).toContain(label);
    const boxes = await diagram.locator("text").evaluateAll((ts) =>
      ts.map((t) => {
        const r = t.getBoundingClientRect();
        return { text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize), x: r.x, y: r.y, w: r.width, h: r.height };
      }),
    );
    expect(boxes.length).toBeGreaterThan(10);
    for (const b of boxes) expect(b.size, String(b.text)).toBeGreaterThanOrEqual(12);
    const overlapping = boxes.flatMap((a, i) =>
      boxes.slice(i + 1).filter((b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h).map((b) => `${a.text} × ${b.text}`),
    );
    expect(overlapping).toEqual([]);
    if (process.env.E2E_SHOTS) await clerk.page.screenshot({ path: `${process.env.E2E_SHOTS}/incoming-done.png`, fullPage: true });
    for (const c of [clerk, director, head, staff]) await c.context.close();
  });

  it("the affiliated-unit cascade: director → Chi cục → its division → staff", async () => {
    const clerk = await as(DEMO.clerk.username, DEMO.clerk.fullName);
    const url = await registerAndSubmit(clerk.page, "Hướng dẫn chỉnh lý tài liệu lưu trữ");
    const director = await as(DEMO.leader.username, DEMO.leader.fullName);
    await director.page.goto(url);
    await director.page.fill("#instruction", "Giao Chi cục Văn thư - Lưu trữ thực hiện.");
    await pick(director.page, 1, CHI_CUC);
    await director.page.getByLabel("Số ngày làm việc 1").fill("10");
    await submitStep(director.page, "Chuyển xử lý");
    await expect.poll(() => director.page.getByText("Đang xử lý").count()).toBeGreaterThan(0);

    const chiCuc = await as("cct.vtlt", "Nguyễn Đình Phúc");
    await chiCuc.page.goto(url);
    await pick(chiCuc.page, 1, NV_VTLT);
    await submitStep(chiCuc.page, "Chuyển xử lý");
    await expect.poll(() => chiCuc.page.getByRole("cell", { name: `└ ${NV_VTLT}` }).count()).toBe(1);

    const divisionHead = await as("tp.nvvtlt", "Cao Thị Diệu");
    await divisionHead.page.goto(`${suite.app.url}/my-work`);
    await openRow(divisionHead.page, /Hướng dẫn chỉnh lý tài liệu lưu trữ/);
    await pick(divisionHead.page, 1, `Lâm Văn Hậu – Chuyên viên, ${NV_VTLT}`);
    await submitStep(divisionHead.page, "Chuyển xử lý");
    await expect.poll(() => divisionHead.page.getByRole("cell", { name: "└ Lâm Văn Hậu" }).count()).toBe(1);

    const staff = await as("cv.nvvtlt", "Lâm Văn Hậu");
    await staff.page.goto(`${suite.app.url}/my-work`);
    await openRow(staff.page, /Hướng dẫn chỉnh lý tài liệu lưu trữ/);
    await staff.page.getByLabel("Kết quả xử lý", { exact: true }).fill("Đã hướng dẫn các đơn vị.");
    await submitStep(staff.page, "Hoàn thành");
    await expect.poll(() => staff.page.getByText("Văn bản đã hoàn thành").count()).toBe(1);
    for (const c of [clerk, director, chiCuc, divisionHead, staff]) await c.context.close();
  });
  it("shows the PDF in the page on a canvas (pdf.js), turns pages by keyboard, and runs none of the file's JavaScript", async () => {
    const clerk = await as(DEMO.clerk.username, DEMO.clerk.fullName);
    const { page } = clerk;
    const foreign: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(suite.app.url) && !/^(data|blob):/.test(r.url())) foreign.push(r.url());
    });
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${suite.app.url}/incoming/new`);
    await page.fill("#symbol", "31/BC-STC");
    await page.fill("#issuerName", "Sở Tài chính");
    await page.fill("#subject", "Báo cáo quyết toán ngân sách năm 2026");
    const uploaded = page.getByRole("list", { name: "Tệp đã tải lên" }).getByRole("listitem");
    await page.setInputFiles("#files", { name: "bao-cao-2-trang.pdf", mimeType: "application/pdf", buffer: pdf("Bao cao quyet toan", { pages: 2 }) });
    await expect.poll(() => uploaded.count()).toBe(1);
    // CVE-2024-4367 and document scripts: a PDF that runs JavaScript on open (security.md §5 row 8).
    const js = pdf("Phu luc", { openActionJs: "try { window.__pdfjs = 1; } catch (e) {} app.alert('pdf script ran'); this.__pdfjs = 2;" });
    await page.setInputFiles("#files", { name: "phu-luc-co-script.pdf", mimeType: "application/pdf", buffer: js });
    await expect.poll(() => uploaded.count()).toBe(2);
    // Flagged at upload, not refused: the clerk sees the warning before registering it (issue 10 item 9).
    const JS_WARNING = "Tệp PDF có mã JavaScript, hành động tự chạy: hệ thống đã vô hiệu hoá khi xuất.";
    await expect.poll(() => uploaded.filter({ hasText: "phu-luc-co-script.pdf" }).getByRole("note").textContent()).toContain(JS_WARNING);
    expect(await uploaded.filter({ hasText: "bao-cao-2-trang.pdf" }).getByRole("note").count()).toBe(0);
    const damaged = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\nstartxref\n999\n%%EOF\n", "latin1");
    await page.setInputFiles("#files", { name: "hong.pdf", mimeType: "application/pdf", buffer: damaged });
    await expect.poll(() => uploaded.count()).toBe(3);
    await page.getByRole("button", { name: "Vào sổ" }).click();
    await page.waitForURL(/registered=1$/);
    // The document's file list keeps the warning beside that file, and only there.
    const fileItem = (name: string) => page.getByRole("listitem").filter({ has: page.getByRole("link", { name, exact: true }) });
    expect(await fileItem("phu-luc-co-script.pdf").getByRole("note").textContent()).toContain(JS_WARNING);
    expect(await fileItem("bao-cao-2-trang.pdf").getByRole("note").count()).toBe(0);

    // The main file is drawn on a canvas: page 1 of 2, with ink on it, and no iframe of the raw file.
    const viewer = page.getByRole("region", { name: "Xem văn bản: bao-cao-2-trang.pdf" });
    const canvas = viewer.locator("canvas");
    await expect.poll(() => canvas.getAttribute("data-rendered-page"), { timeout: 15_000 }).toBe("1");
    expect(await viewer.getByText("Trang 1 / 2").count()).toBe(1);
    const ink = await canvas.evaluate((el: HTMLCanvasElement) => {
      const { data } = el.getContext("2d")!.getImageData(0, 0, el.width, el.height);
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] < 128 && data[i + 3] > 0) dark++;
      return { dark, width: el.width };
    });
    expect(ink.width).toBeGreaterThan(100);
    expect(ink.dark).toBeGreaterThan(20);
    expect(await page.locator("iframe, embed, object").count()).toBe(0);

    // Keyboard: Trang sau with Enter, back with Page Up on the page itself.
    expect(await viewer.getByRole("button", { name: "Trang trước" }).isDisabled()).toBe(true);
    await viewer.getByRole("button", { name: "Trang sau" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => canvas.getAttribute("data-rendered-page")).toBe("2");
    expect(await viewer.getByText("Trang 2 / 2").count()).toBe(1);
    expect(await viewer.getByRole("button", { name: "Trang sau" }).isDisabled()).toBe(true);
    await canvas.focus();
    await page.keyboard.press("PageUp");
    await expect.poll(() => canvas.getAttribute("data-rendered-page")).toBe("1");

    // The PDF with JavaScript renders, and its script never runs.
    await page.getByRole("link", { name: "Xem phu-luc-co-script.pdf" }).click();
    const jsViewer = page.getByRole("region", { name: "Xem văn bản: phu-luc-co-script.pdf" });
    await expect.poll(() => jsViewer.locator("canvas").getAttribute("data-rendered-page"), { timeout: 15_000 }).toBe("1");
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => (window as unknown as { __pdfjs?: number }).__pdfjs)).toBeUndefined();
    expect(dialogs).toEqual([]);

    // A PDF pdf.js cannot read gives a Vietnamese message, not a blank box.
    await page.getByRole("link", { name: "Xem hong.pdf" }).click();
    const broken = page.getByRole("region", { name: "Xem văn bản: hong.pdf" });
    await expect.poll(() => broken.getByRole("alert").textContent(), { timeout: 15_000 }).toBe(PDF_VIEW_ERROR);
    // The worker and fonts came from this server (offline, no other origin).
    expect(foreign).toEqual([]);
    await clerk.context.close();
  });
});

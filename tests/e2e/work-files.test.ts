import { isoToDisplay } from "@/lib/dates";
import { describe, expect, it } from "vitest";
import type { Page, Request } from "playwright-core";
import { docx, pdf } from "../unit/storage-fixtures";
import { axeViolations, describeViolations } from "./a11y";
import { DEMO, startApp, waitForHydration } from "./harness";
import { incomingForStaff, openFromInbox as openFromInboxOf, submitForm, TCBC, upload } from "./flows";
import { useBrowserSuite } from "./suite";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toLocaleDateString("en-CA", { timeZone: "Asia/Ho_Chi_Minh" });
const SUBJECT_IN = "Đề nghị thẩm định đề án vị trí việc làm năm 2026";
const SUBJECT_OUT = "Báo cáo kết quả thẩm định đề án vị trí việc làm";

// Issue 5: a work file of Quy chế 376 Điều 4.3 in real Chromium, from the Danh mục hồ sơ to the agency archive.
describe("work files in the browser", () => {
  const suite = useBrowserSuite(() => startApp());

  const as = (username: string, fullName: string) => suite.as(username, fullName);
  const submit = submitForm;
  const hydrated = (page: Page) => waitForHydration(page, "main h1");
  const openFromInbox = (page: Page, subject: string) => openFromInboxOf(page, suite.app.url, subject);

  /** An incoming document assigned to cv.tcbc1, and his reply issued (the screens of issues 3 and 4). */
  async function incomingAndReply(): Promise<{ incomingUrl: string; outgoingUrl: string; symbol: string }> {
    const clerk = await as(DEMO.clerk.username, DEMO.clerk.fullName);
    const director = await as(DEMO.leader.username, DEMO.leader.fullName);
    const incomingUrl = await incomingForStaff(clerk, director, suite.app.url, {
      symbol: "88/UBND-TCBC", subject: SUBJECT_IN, instruction: "Giao đồng chí Khoa thẩm định, báo cáo.", issuedDate: inDays(-5), pageCount: 3,
    });

    const staff = await as(DEMO.staff.username, DEMO.staff.fullName);
    await staff.goto(incomingUrl);
    await staff.getByRole("link", { name: "Tạo dự thảo" }).click();
    await staff.waitForURL(/\/outgoing\/new\?replyTo=/);
    await hydrated(staff);
    await staff.selectOption("#docType", "Báo cáo");
    await staff.fill("#subject", SUBJECT_OUT);
    await staff.selectOption("#signerId", { label: `${DEMO.leader.fullName} – Giám đốc` });
    await upload(staff, "#draft-files", "bao-cao-tham-dinh.docx", await docx(), DOCX);
    await staff.getByRole("button", { name: "Tạo dự thảo" }).click();
    await staff.waitForURL(/\/outgoing\/[0-9a-f-]{36}\?saved=1$/);
    const outgoingUrl = staff.url().replace(/\?.*$/, "");
    await staff.getByRole("button", { name: "Trình duyệt" }).click();
    await expect.poll(() => staff.getByText("Chờ duyệt").count()).toBeGreaterThan(0);

    const head = await as(DEMO.unitHead.username, DEMO.unitHead.fullName);
    await openFromInbox(head, SUBJECT_OUT);
    await submit(head, "Duyệt");
    await expect.poll(() => head.getByText("Chờ kiểm tra thể thức").count()).toBeGreaterThan(0);
    const chief = await as(DEMO.officeChief.username, DEMO.officeChief.fullName);
    await openFromInbox(chief, SUBJECT_OUT);
    await chief.getByLabel("Nội dung phù hợp quy định pháp luật, đúng thẩm quyền ban hành").check();
    await chief.getByLabel("Thể thức, kỹ thuật trình bày đúng Phụ lục I Nghị định 30/2020/NĐ-CP").check();
    await submit(chief, "Duyệt");
    await expect.poll(() => chief.getByText("Chờ ký").count()).toBeGreaterThan(0);
    await openFromInbox(director, SUBJECT_OUT);
    await submit(director, "Ký duyệt");
    await expect.poll(() => director.getByText("Chờ phát hành").count()).toBeGreaterThan(0);

    await clerk.goto(outgoingUrl);
    await upload(clerk, "#final-file", "bao-cao-da-ky.pdf", pdf("Bao cao da ky"), "application/pdf");
    await clerk.fill("#pageCount", "2");
    await clerk.fill("#issuedAmount", "1");
    await submit(clerk, "Phát hành");
    await expect.poll(() => clerk.getByRole("status").filter({ hasText: "Đã phát hành: số" }).count()).toBe(1);
    const text = (await clerk.getByRole("status").filter({ hasText: "Đã phát hành: số" }).textContent()) ?? "";
    return { incomingUrl, outgoingUrl, symbol: /số (\S+)/.exec(text)![1] };
  }

  it("cv.tcbc1 opens 03.TCBC from the Danh mục hồ sơ, files the incoming document and the reply, closes, reconciles and hands it over; the archivist accepts it", async () => {
    const { incomingUrl, outgoingUrl, symbol } = await incomingAndReply();
    const base = suite.app.url;

    // Mở hồ sơ from the plan: the item kept by cv.tcbc1.
    const staff = await as(DEMO.staff.username, DEMO.staff.fullName);
    await staff.goto(`${base}/files/plan`);
    await hydrated(staff);
    const row = staff.getByRole("row").filter({ hasText: "03.TCBC" });
    expect(await row.textContent()).toContain("Hồ sơ thẩm định đề án vị trí việc làm");
    await row.getByRole("button", { name: "Mở hồ sơ" }).click();
    await staff.waitForURL(/\/files\/[0-9a-f-]{36}$/);
    const fileUrl = staff.url();
    await expect.poll(() => staff.getByRole("heading", { level: 1 }).textContent()).toContain("03.TCBC");
    expect(await staff.getByText("Hồ sơ chưa có văn bản nào").count()).toBe(1);
    // The plan now shows the file as open.
    await staff.goto(`${base}/files/plan`);
    expect(await staff.getByRole("row").filter({ hasText: "03.TCBC" }).textContent()).toContain("Đang mở");

    // Thêm vào hồ sơ from the incoming document's page and from the reply's page.
    await staff.goto(incomingUrl);
    await hydrated(staff);
    expect(await staff.locator("#add-to-file option:checked").textContent()).toContain("03.TCBC");
    await submit(staff, "Thêm vào hồ sơ");
    await expect.poll(() => staff.getByRole("list", { name: "Hồ sơ chứa văn bản" }).textContent().catch(() => "")).toContain("03.TCBC");

    await staff.goto(outgoingUrl);
    await hydrated(staff);
    // The request of this step is kept, to be sent again once the file is archived.
    const addRequest = staff.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
    await submit(staff, "Thêm vào hồ sơ");
    const captured: Request = await addRequest;
    await expect.poll(() => staff.getByRole("list", { name: "Hồ sơ chứa văn bản" }).textContent().catch(() => "")).toContain("03.TCBC");

    // Both documents in the file, in the order they were added, with links to their pages.
    await staff.goto(fileUrl);
    const docs = staff.getByRole("table", { name: "Văn bản trong hồ sơ" });
    await expect.poll(() => docs.locator("tbody tr").count()).toBe(2);
    const rows = await docs.locator("tbody tr").allTextContents();
    expect(rows[0]).toMatch(/^1Văn bản đến88\/UBND-TCBC/);
    expect(rows[1]).toContain(`Văn bản đi${symbol}`);
    expect((await docs.getByRole("link", { name: new RegExp(SUBJECT_OUT) }).getAttribute("href"))?.split("?")[0]).toBe(new URL(outgoingUrl).pathname);

    // Đóng hồ sơ: prefilled from the documents; a bad value is refused in Vietnamese, nothing typed is lost.
    await hydrated(staff);
    await staff.getByText("Mở biểu mẫu đóng hồ sơ").click();
    expect(await staff.inputValue("#close-startDate")).toBe(isoToDisplay(inDays(-5))); // dd/mm/yyyy (issue 11 item 11)
    expect(await staff.inputValue("#close-pages")).toBe("5");
    expect(await staff.inputValue("#close-sheets")).toBe("5");
    await staff.fill("#close-sheets", "9");
    await staff.fill("#close-description", "Hồ sơ gồm công văn đề nghị và báo cáo trả lời.");
    await submit(staff, "Đóng hồ sơ");
    await expect.poll(() => staff.locator("#close-sheets-error").textContent()).toBe("Số tờ không được lớn hơn số trang.");
    expect(await staff.inputValue("#close-description")).toBe("Hồ sơ gồm công văn đề nghị và báo cáo trả lời.");
    await staff.fill("#close-sheets", "4");
    await submit(staff, "Đóng hồ sơ");
    await expect.poll(() => staff.getByText("Hồ sơ đã đóng, chỉ được xem.").count()).toBe(1);
    expect(await staff.getByRole("button", { name: "Loại khỏi hồ sơ" }).count()).toBe(0);

    // Nộp lưu: reconcile with the paper file, then hand it over with the Biên bản's details.
    await staff.goto(`${base}/files/handover`);
    await hydrated(staff);
    const closedRow = staff.getByRole("row").filter({ hasText: "03.TCBC" });
    expect(await closedRow.textContent()).toContain("Phải nộp lưu");
    expect(await closedRow.textContent()).toContain("Chưa đối chiếu");
    // The notes of one file open under the table (?reconcile=<id>); the mark alone is one click in the row (csp.test.ts).
    await closedRow.getByRole("link", { name: "Ghi chú đối chiếu hồ sơ 03.TCBC" }).click();
    await staff.waitForURL(/reconcile=[0-9a-f-]{36}#doi-chieu$/);
    await hydrated(staff);
    const reconcile = staff.getByRole("region", { name: "Đối chiếu hồ sơ 03.TCBC" });
    await reconcile.waitFor();
    await reconcile.getByLabel("Đã đối chiếu với hồ sơ giấy").check();
    await reconcile.getByLabel("Ghi chú đối chiếu").fill("Khớp bản giấy, 4 tờ.");
    await reconcile.getByRole("button", { name: "Lưu kết quả đối chiếu" }).click();
    await expect.poll(() => closedRow.textContent()).toContain("Khớp bản giấy, 4 tờ.");
    expect(await closedRow.textContent()).toContain("Đã đối chiếu");
    expect(await closedRow.getByRole("button", { name: "Bỏ đánh dấu đối chiếu" }).count()).toBe(1);
    const handoverForm = staff.getByRole("form", { name: `Nộp lưu hồ sơ của ${TCBC}` });
    await handoverForm.waitFor();
    expect(await handoverForm.getByLabel(/03\.TCBC/).isChecked()).toBe(true);
    await handoverForm.getByLabel("Số hộp").fill("1");
    await handoverForm.getByLabel("Số mét giá").fill("0,1");
    await handoverForm.getByRole("button", { name: "Nộp lưu", exact: true }).click();
    await staff.waitForURL(/\/files\/handover\/[0-9a-f-]{36}$/);
    const batchUrl = staff.url();
    await expect.poll(() => staff.getByText("Chờ tiếp nhận").count()).toBeGreaterThan(0);
    expect(await staff.getByRole("button", { name: "Tiếp nhận hồ sơ" }).count()).toBe(0);

    // The archivist accepts the batch (Tiếp nhận hồ sơ).
    const archivist = await as(DEMO.archivist.username, DEMO.archivist.fullName);
    await archivist.goto(`${base}/`);
    expect(await archivist.getByRole("region", { name: "Thông báo" }).textContent()).toContain("chờ tiếp nhận");
    await archivist.goto(batchUrl);
    await hydrated(archivist);
    expect(await archivist.getByRole("row").filter({ hasText: "03.TCBC" }).textContent()).toContain("Hồ sơ thẩm định đề án vị trí việc làm");
    await archivist.getByRole("button", { name: "Tiếp nhận hồ sơ" }).click();
    await expect.poll(() => archivist.getByText("Đã tiếp nhận").count()).toBeGreaterThan(0);
    expect(await archivist.getByRole("button", { name: "Tiếp nhận hồ sơ" }).count()).toBe(0);
    // The hand-over's Mục lục and Biên bản: print views from the batch page, and their downloads.
    await archivist.getByRole("link", { name: "In mục lục hồ sơ nộp lưu", exact: true }).click();
    await archivist.waitForURL(/\/files\/print\?book=handover-list/);
    expect(await archivist.getByText("MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU").count()).toBeGreaterThan(0);
    const listRow = await archivist.getByRole("row").filter({ hasText: "03.TCBC" }).textContent();
    expect(listRow).toContain("Hồ sơ thẩm định đề án vị trí việc làm");
    expect(listRow).toContain("20 năm");
    await archivist.goto(batchUrl);
    await archivist.getByRole("link", { name: "In biên bản giao nhận", exact: true }).click();
    await archivist.waitForURL(/\/files\/print\?book=handover-record/);
    expect(await archivist.locator("main").textContent()).toMatch(/BIÊN BẢN[\s\S]*giao nộp hồ sơ, tài liệu vào Lưu trữ cơ quan/);
    await archivist.goto(batchUrl);
    const downloads = await archivist.evaluate(async () =>
      Promise.all(
        [...document.querySelectorAll<HTMLAnchorElement>("a[download]")].map(async (a) => {
          const res = await fetch(a.href);
          const bytes = new Uint8Array(await res.arrayBuffer());
          return { label: a.getAttribute("aria-label") ?? a.textContent, status: res.status, type: res.headers.get("content-type"), head: String.fromCharCode(...bytes.slice(0, 4)) };
        }),
      ),
    );
    expect(downloads).toHaveLength(4);
    for (const d of downloads) {
      expect(d.status, String(d.label)).toBe(200);
      expect(d.head, String(d.label)).toBe(d.type === "application/pdf" ? "%PDF" : "PK\u0003\u0004");
    }
    // Lưu trữ cơ quan finds it without accents; reading it is logged on its trail.
    await archivist.goto(`${base}/files/archive?q=${encodeURIComponent("tham dinh de an")}`);
    await archivist.getByRole("link", { name: /Hồ sơ thẩm định đề án vị trí việc làm/ }).click();
    await archivist.waitForURL(fileUrl);
    expect(await archivist.getByRole("list", { name: "Quá trình lập hồ sơ" }).textContent()).toContain("Xem hồ sơ lưu trữ");
    // Export: the whole file as one PDF (Mục lục văn bản first, then the documents), its metadata as XML.
    const exported = await archivist.evaluate(async () => {
      const hrefs = [...document.querySelectorAll<HTMLAnchorElement>('[aria-label="Xuất hồ sơ"] a')].map((a) => a.href);
      return Promise.all(hrefs.map(async (h) => {
        const res = await fetch(h);
        return { href: h, status: res.status, type: res.headers.get("content-type"), body: (await res.text()).slice(0, 4000) };
      }));
    });
    expect(exported.map((e) => [e.status, e.type?.split(";")[0]])).toEqual([[200, "application/pdf"], [200, "application/xml"]]);
    expect(exported[0].body.startsWith("%PDF")).toBe(true);
    expect(exported[1].body).toContain("<FileNotation>03.TCBC</FileNotation>");
    expect(exported[1].body).toContain("<DocTotal>2</DocTotal>");

    // The file is archived and read-only for its owner.
    await staff.goto(fileUrl);
    await expect.poll(() => staff.getByText("Đã nộp lưu").count()).toBeGreaterThan(0);
    for (const name of ["Loại khỏi hồ sơ", "Lên", "Xuống", "Sắp xếp theo thời gian", "Đóng hồ sơ", "Thêm tài liệu khác", "Tìm văn bản", "Mở lại hồ sơ"]) {
      expect(await staff.getByRole("button", { name, exact: true }).count(), name).toBe(0);
    }
    expect(await staff.getByRole("link", { name: "Sắp xếp, loại văn bản" }).count()).toBe(0);
    expect(await staff.getByRole("table", { name: "Văn bản trong hồ sơ" }).locator("tbody tr").count()).toBe(2);
    // A long trail shows its latest 10 events under a link to the earlier ones (each view of the archived file
    // is one more event, so a few reloads make the trail long enough).
    const trail = staff.getByRole("list", { name: "Quá trình lập hồ sơ" });
    const earlier = staff.getByRole("link", { name: /^Xem \d+ sự kiện trước$/ });
    for (let i = 0; i < 12 && (await earlier.count()) === 0; i++) await staff.reload();
    const hidden = Number(/\d+/.exec(await earlier.innerText())![0]);
    expect(hidden).toBeGreaterThan(0);
    expect(await staff.getByText("đang hiện 10 sự kiện gần nhất").count()).toBe(1);
    const latest = await trail.locator(":scope > li").allInnerTexts();
    expect(latest).toHaveLength(10);
    expect(latest.at(-1)).toContain("Xem hồ sơ lưu trữ");
    await earlier.click();
    await staff.waitForURL(/[?&]trail=1#qua-trinh$/);
    // The whole trail, oldest first: opening the file, the events shown before, and this view.
    const whole = await trail.locator(":scope > li").allInnerTexts();
    expect(whole).toHaveLength(hidden + 10 + 1);
    expect(whole[0]).toContain("Mở hồ sơ");
    expect(whole.slice(hidden, hidden + 10)).toEqual(latest);
    expect(await earlier.count()).toBe(0);
    // Sending the add step again is refused by the server.
    const replay = await staff.evaluate(
      async ({ url, headers, body }) => {
        const res = await fetch(url, { method: "POST", headers, body });
        return res.text();
      },
      {
        url: captured.url(),
        headers: Object.fromEntries(Object.entries(captured.headers()).filter(([k]) => k.startsWith("next-") || k === "content-type" || k === "accept")),
        body: captured.postData() ?? "",
      },
    );
    expect(replay).toContain("Hồ sơ đã nộp lưu, chỉ được xem.");
    await staff.goto(outgoingUrl);
    expect(await staff.getByRole("list", { name: "Hồ sơ chứa văn bản" }).textContent()).toContain("Đã nộp lưu");
    expect(await staff.getByRole("form", { name: "Thêm vào hồ sơ" }).count()).toBe(0);

    // Someone who neither keeps nor heads the file gets the same answer as for a missing page.
    const stranger = await as(DEMO.staff3.username, DEMO.staff3.fullName);
    const res = await stranger.goto(fileUrl);
    expect(res?.status()).toBe(404);
    // The same for the file's printouts and exports, and the hand-over's; nobody signed in gets 401.
    const fileId = fileUrl.split("/").pop()!;
    const batchId = batchUrl.split("/").pop()!;
    const guarded = [
      `/api/work-files/${fileId}/export?format=pdf`, `/api/work-files/${fileId}/export?format=xml`,
      `/api/work-files/books?book=file-index&file=${fileId}&format=pdf`, `/api/work-files/books?book=handover-list&batch=${batchId}&format=xlsx`,
      `/api/work-files/books?book=handover-record&batch=${batchId}&format=pdf`,
    ];
    const strangerStatuses = await stranger.evaluate((urls) => Promise.all(urls.map(async (u) => (await fetch(u)).status)), guarded);
    expect(strangerStatuses).toEqual(guarded.map(() => 404));
    expect((await stranger.goto(`${base}/files/print?book=file-index&file=${fileId}`))?.status()).toBe(404);
    const anonymous = await Promise.all(guarded.map(async (u) => (await fetch(`${base}${u}`)).status));
    expect(anonymous).toEqual(guarded.map(() => 401));
  }, 180_000);

  it("the archivist keeps the Danh mục hồ sơ; staff open a file outside it and file other papers", async () => {
    const base = suite.app.url;
    const year = Number(inDays(0).slice(0, 4));
    const archivist = await as(DEMO.archivist.username, DEMO.archivist.fullName);
    archivist.on("dialog", (d) => void d.accept());
    // This year's plan, printed (Phụ lục V: main headings in Roman numerals, items by code).
    await archivist.goto(`${base}/files/plan?year=${year}`);
    await archivist.getByRole("link", { name: "In danh mục hồ sơ", exact: true }).click();
    await archivist.waitForURL(/\/files\/print\?book=plan/);
    expect(await archivist.getByText("DANH MỤC HỒ SƠ CỦA SỞ NỘI VỤ", { exact: false }).count()).toBeGreaterThan(0);
    expect(await archivist.getByRole("row").filter({ hasText: "II. TỔ CHỨC, BIÊN CHẾ" }).count()).toBe(1);
    expect(await archivist.getByRole("row").filter({ hasText: "03.TCBC" }).textContent()).toContain("Hồ sơ thẩm định đề án vị trí việc làm");
    await archivist.goto(`${base}/files/plan?year=${year + 1}`);
    await expect.poll(() => archivist.getByText(`Chưa có Danh mục hồ sơ năm ${year + 1}`).count()).toBe(1);
    await hydrated(archivist);
    expect(await archivist.locator("#plan-copyFrom option:checked").textContent()).toBe(`Sao chép từ Danh mục hồ sơ năm ${year}`);
    await submit(archivist, `Lập Danh mục hồ sơ năm ${year + 1}`);
    const plan = archivist.getByRole("table", { name: `Danh mục hồ sơ năm ${year + 1}` });
    await plan.waitFor();
    const text = (await plan.textContent()) ?? "";
    expect(text).toMatch(/I\. TỔNG HỢP[\s\S]*01\.TH[\s\S]*II\. TỔ CHỨC, BIÊN CHẾ[\s\S]*03\.TCBC[\s\S]*Hồ sơ thẩm định đề án vị trí việc làm[\s\S]*20 năm[\s\S]*Đỗ Minh Khoa/);
    expect(text).not.toContain("Đã nộp lưu");

    // A new heading: a bad abbreviation is refused next to its field, then corrected.
    await hydrated(archivist);
    await archivist.getByText("Mở biểu mẫu thêm đề mục").click();
    await archivist.fill("#heading-abbr-new", "khcn");
    await archivist.fill("#heading-title-new", "KHOA HỌC, CÔNG NGHỆ");
    await submit(archivist, "Thêm đề mục");
    await expect.poll(() => archivist.locator("#heading-abbr-new-error").textContent()).toBe("Ký hiệu đề mục viết hoa, không dấu cách, ví dụ TCCB.");
    expect(await archivist.inputValue("#heading-title-new")).toBe("KHOA HỌC, CÔNG NGHỆ");
    await archivist.fill("#heading-abbr-new", "KHCN");
    await submit(archivist, "Thêm đề mục");
    await expect.poll(() => plan.textContent()).toContain("VII. KHOA HỌC, CÔNG NGHỆ");

    // A new item under it takes the plan's next number; the last item can be deleted. Its form opens on demand
    // (it carries the agency's people), and closes again.
    expect(await archivist.locator("#item-heading-new").count()).toBe(0);
    await archivist.getByRole("link", { name: "Thêm hồ sơ", exact: true }).click();
    await archivist.waitForURL(/add=1#them-muc$/);
    await hydrated(archivist);
    await archivist.selectOption("#item-heading-new", { label: "VII. KHOA HỌC, CÔNG NGHỆ" });
    await archivist.fill("#item-title-new", "Hồ sơ đề tài khoa học cấp cơ sở");
    await archivist.selectOption("#item-retention-new", { label: "20 năm" });
    await archivist.selectOption("#item-unit-new", { label: TCBC });
    await submit(archivist, "Thêm hồ sơ vào danh mục");
    await expect.poll(() => plan.getByRole("row").filter({ hasText: "11.KHCN" }).count()).toBe(1);
    expect(await plan.getByRole("row").filter({ hasText: "11.KHCN" }).textContent()).toContain(TCBC);
    // Editing one item opens its form alone (the list does not carry a form per item).
    await plan.getByRole("link", { name: "Sửa mục 11.KHCN" }).click();
    await archivist.waitForURL(/edit=[0-9a-f-]{36}#sua-muc$/);
    await hydrated(archivist);
    const editing = archivist.getByRole("region", { name: "Sửa mục 11.KHCN" });
    await editing.getByLabel("Tiêu đề hồ sơ").fill("Hồ sơ đề tài khoa học cấp cơ sở năm 2027");
    await editing.getByLabel("Thời hạn bảo quản").selectOption({ label: "10 năm" });
    await editing.getByRole("button", { name: "Lưu hồ sơ" }).click();
    await expect.poll(() => plan.getByRole("row").filter({ hasText: "11.KHCN" }).textContent()).toContain("cấp cơ sở năm 2027");
    expect(await plan.getByRole("row").filter({ hasText: "11.KHCN" }).textContent()).toContain("10 năm");
    await plan.getByRole("button", { name: "Xóa mục 11.KHCN" }).click();
    await expect.poll(() => plan.getByRole("row").filter({ hasText: "11.KHCN" }).count()).toBe(0);

    // Staff open a file outside the plan of this year; it takes the next number under its heading.
    const staff = await as(DEMO.staff2.username, DEMO.staff2.fullName);
    staff.on("dialog", (d) => void d.accept());
    await staff.goto(`${base}/files/plan`);
    await hydrated(staff);
    expect(await staff.getByRole("row").filter({ hasText: "03.TCBC" }).getByRole("button", { name: "Mở hồ sơ" }).count()).toBe(0);
    await staff.getByText("Mở biểu mẫu mở hồ sơ ngoài danh mục").click();
    await staff.selectOption("#adhoc-heading", { label: "II. TỔ CHỨC, BIÊN CHẾ" });
    await staff.fill("#adhoc-title", "Hồ sơ rà soát biên chế các đơn vị sự nghiệp");
    await submit(staff, "Mở hồ sơ ngoài danh mục");
    await expect.poll(() => staff.locator("#adhoc-retention-error").textContent()).toBe("Vui lòng chọn thời hạn bảo quản.");
    await staff.selectOption("#adhoc-retention", { label: "10 năm" });
    await submit(staff, "Mở hồ sơ ngoài danh mục");
    await staff.waitForURL(/\/files\/[0-9a-f-]{36}$/);
    await expect.poll(() => staff.getByRole("heading", { level: 1 }).textContent()).toMatch(/Hồ sơ \d{2}\.TCBC: Hồ sơ rà soát biên chế/);

    // Tài liệu khác: uploaded with its metadata; the same paper twice is flagged as a likely duplicate.
    await hydrated(staff);
    await staff.getByText("Mở biểu mẫu thêm tài liệu khác").click();
    await submit(staff, "Thêm tài liệu khác");
    await expect.poll(() => staff.getByRole("alert").filter({ hasText: "Vui lòng tải tệp lên." }).count()).toBe(1);
    const paper = pdf("To trinh ra soat bien che");
    for (const n of [1, 2]) {
      await upload(staff, "#upload-file", `to-trinh-${n}.pdf`, paper, "application/pdf");
      await staff.fill("#upload-docType", "Tờ trình");
      await staff.fill("#upload-author", "Phòng Tổ chức, biên chế");
      await staff.fill("#upload-docDate", inDays(-2));
      await staff.fill("#upload-pageCount", "2");
      await staff.fill("#upload-subject", "Tờ trình rà soát biên chế");
      await submit(staff, "Thêm tài liệu khác");
      await expect.poll(() => staff.getByRole("table", { name: "Văn bản trong hồ sơ" }).locator("tbody tr").count()).toBe(n);
    }
    const docs = staff.getByRole("table", { name: "Văn bản trong hồ sơ" });
    expect(await docs.locator("tbody tr").nth(1).textContent()).toContain("Có thể trùng với STT 1");
    const download = await staff.request.get(`${base}${await docs.getByRole("link", { name: "Tải tệp to-trinh-1.pdf" }).getAttribute("href")}`);
    expect(download.status()).toBe(200);
    // Lên, Xuống and Loại khỏi hồ sơ are in the arranging mode, not on every visit.
    expect(await docs.getByRole("button", { name: "Loại khỏi hồ sơ" }).count()).toBe(0);
    await staff.getByRole("link", { name: "Sắp xếp, loại văn bản" }).click();
    await staff.waitForURL(/[?&]arrange=1#van-ban$/);
    await hydrated(staff);
    expect(await docs.getByRole("button", { name: "Loại khỏi hồ sơ" }).count()).toBe(2);
    // The arranging mode is a screen of its own (the accessibility crawl's people keep no open file): WCAG 2.1 A/AA.
    const arranging = await axeViolations(staff);
    expect(arranging, describeViolations(arranging)).toEqual([]);
    await docs.locator("tbody tr").nth(1).getByRole("button", { name: "Lên" }).click();
    await expect.poll(() => docs.locator("tbody tr").nth(0).textContent()).toContain("Tải tệp to-trinh-2.pdf");
    await docs.locator("tbody tr").nth(1).getByRole("button", { name: "Loại khỏi hồ sơ" }).click();
    await expect.poll(() => docs.locator("tbody tr").count()).toBe(1);
    expect(await docs.locator("tbody tr").nth(0).textContent()).toContain("Tải tệp to-trinh-2.pdf");
    await staff.getByRole("link", { name: "Xong sắp xếp" }).click();
    await expect.poll(() => docs.getByRole("button", { name: "Lên" }).count()).toBe(0);
    expect(await docs.getByRole("columnheader", { name: "Thao tác" }).count()).toBe(0);
    expect(await docs.textContent()).not.toContain("Có thể trùng");
    expect(await staff.getByRole("list", { name: "Quá trình lập hồ sơ" }).textContent()).toMatch(/Mở hồ sơ[\s\S]*Thêm vào hồ sơ[\s\S]*Loại khỏi hồ sơ/);

    // The list of my files shows it, open, with its one document.
    await staff.goto(`${base}/files`);
    const mine = staff.getByRole("row").filter({ hasText: "Hồ sơ rà soát biên chế các đơn vị sự nghiệp" });
    expect(await mine.textContent()).toMatch(/Ngô Thị Thanh Tâm[\s\S]*10 năm1Đang mở/);
  }, 180_000);

  it("closing right after adding a document on the file page records the dates and pages of every document (issue 11 item 1)", async () => {
    const base = suite.app.url;
    const clerk = await as(DEMO.clerk.username, DEMO.clerk.fullName);
    const director = await as(DEMO.leader.username, DEMO.leader.fullName);
    const later = { symbol: "131/UBND-NC", subject: "Đề nghị góp ý dự thảo quy chế phối hợp quản lý biên chế", issuedDate: inDays(-12), pageCount: 5 };
    const earlier = { symbol: "97/UBND-NC", subject: "Đề nghị rà soát số lượng người làm việc tại đơn vị sự nghiệp", issuedDate: inDays(-58), pageCount: 4 };
    for (const doc of [later, earlier]) await incomingForStaff(clerk, director, base, { ...doc, instruction: "Giao đồng chí Khoa nghiên cứu, tham mưu." });

    const staff = await as(DEMO.staff.username, DEMO.staff.fullName);
    await staff.goto(`${base}/files/plan`);
    await hydrated(staff);
    await staff.getByText("Mở biểu mẫu mở hồ sơ ngoài danh mục").click();
    await staff.selectOption("#adhoc-heading", { label: "II. TỔ CHỨC, BIÊN CHẾ" });
    await staff.fill("#adhoc-title", "Hồ sơ góp ý quy chế phối hợp quản lý biên chế");
    await staff.selectOption("#adhoc-retention", { label: "10 năm" });
    await submit(staff, "Mở hồ sơ ngoài danh mục");
    await staff.waitForURL(/\/files\/[0-9a-f-]{36}$/);
    const fileUrl = staff.url();
    const docs = staff.getByRole("table", { name: "Văn bản trong hồ sơ" });
    /** Đóng hồ sơ's form, opened on demand; kept open while the page refreshes after a step. */
    const openClose = async () => {
      if (!(await staff.locator("#close-pages").count())) await staff.getByText("Mở biểu mẫu đóng hồ sơ").click();
      await staff.locator("#close-pages").waitFor();
    };
    /** Thêm vào hồ sơ from the file page's own search; the page is not reloaded after the step. */
    const addFromSearch = async (subject: string, rows: number) => {
      await staff.fill('input[name="q"]', subject);
      await staff.getByRole("button", { name: "Tìm văn bản" }).click();
      await staff.waitForURL(/\?q=/);
      await hydrated(staff);
      // The close form (there once the file has a document), open while the next is added: it is drawn again in place.
      if (rows > 1) await openClose();
      await staff.getByRole("list", { name: "Kết quả tìm văn bản" }).getByRole("listitem").filter({ hasText: subject }).getByRole("button", { name: "Thêm vào hồ sơ" }).click();
      await expect.poll(() => docs.locator("tbody tr").count(), { timeout: 15_000 }).toBe(rows);
      await openClose();
    };
    await addFromSearch(later.subject, 1);
    expect(await staff.inputValue("#close-pages")).toBe("5");
    await addFromSearch(earlier.subject, 2);
    // The form is drawn again from the documents now in the file …
    await expect.poll(() => staff.inputValue("#close-pages"), { timeout: 15_000 }).toBe("9");
    expect(await staff.inputValue("#close-startDate")).toBe(isoToDisplay(earlier.issuedDate));
    expect(await staff.inputValue("#close-endDate")).toBe(isoToDisplay(later.issuedDate));
    await submit(staff, "Đóng hồ sơ");
    await expect.poll(() => staff.getByText("Hồ sơ đã đóng, chỉ được xem.").count(), { timeout: 15_000 }).toBe(1);

    // … and what is stored, printed and exported is the whole file: 9 pages, from the earliest document to the latest.
    const ddmm = (iso: string) => iso.split("-").reverse().join("/");
    await staff.goto(fileUrl);
    const meta = (await staff.locator("dl").first().textContent()) ?? "";
    expect(meta).toContain(`Thời gian bắt đầu${ddmm(earlier.issuedDate)}`);
    expect(meta).toContain(`Thời gian kết thúc${ddmm(later.issuedDate)}`);
    expect(meta).toContain("Số tờ9");
    expect(meta).toContain("Số trang9");
    const xml = await staff.evaluate(async (u) => (await fetch(u)).text(), `${fileUrl.replace("/files/", "/api/work-files/")}/export?format=xml`);
    expect(xml).toContain(`<StartDate>${ddmm(earlier.issuedDate)}</StartDate>`);
    expect(xml).toContain("<PageTotal>9</PageTotal>");
  }, 180_000);
});

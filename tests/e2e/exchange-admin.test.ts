import { describe, expect, test } from "vitest";
import { DEMO, startApp, waitForHydration } from "./harness";
import { useBrowserSuite } from "./suite";

// Liên thông in the browser (issue 13): the administrator sets up the key, adds a partner and imports
// the directory from a CSV; the clerk's /exchange shows its tabs and their empty states.

const suite = useBrowserSuite(() => startApp());

describe("exchange administration", () => {
  test("the admin generates a key and request, adds a partner, imports a CSV and sees the directory", async () => {
    const admin = await suite.as(DEMO.admin.username, DEMO.admin.fullName);
    const base = suite.app.url;

    await admin.goto(`${base}/admin`);
    await admin.getByRole("link", { name: /Liên thông văn bản/ }).click();
    await admin.waitForURL((u) => u.pathname === "/admin/exchange");
    await admin.getByText("Chưa có khóa và chứng thư số").waitFor();
    await waitForHydration(admin, "#x-address");
    await admin.getByRole("button", { name: "Tạo khóa và yêu cầu chứng thư" }).click();
    const csrLink = admin.getByRole("link", { name: "Tải yêu cầu chứng thư (.csr)" });
    await csrLink.waitFor();
    await admin.getByText("Đã có khóa, đang chờ chứng thư").waitFor();
    const csr = await admin.request.get(`${base}/api/exchange/csr`);
    expect(csr.status()).toBe(200);
    expect(await csr.text()).toContain("BEGIN CERTIFICATE REQUEST");

    // Add a partner by hand; a bad mã định danh is refused on its field first.
    await admin.goto(`${base}/admin/exchange/directory`);
    await admin.getByRole("link", { name: "Thêm cơ quan" }).click();
    await admin.waitForURL((u) => u.pathname === "/admin/exchange/directory/new");
    await waitForHydration(admin, "#p-name");
    await admin.fill("#p-name", "Sở Tư pháp tỉnh Bình Định");
    await admin.fill("#p-organ", "12.H08");
    await admin.getByRole("button", { name: "Thêm cơ quan" }).click();
    await admin.getByText("Mã định danh có dạng 000.00.00.X00 (ví dụ: 000.00.12.H09).").waitFor();
    await admin.fill("#p-organ", "000.00.21.H08");
    await admin.selectOption("#p-transport", "direct");
    await admin.fill("#p-endpoint", "https://vpdt.stp.binhdinh.gov.vn");
    await admin.getByRole("button", { name: "Thêm cơ quan" }).click();
    await admin.waitForURL((u) => u.pathname === "/admin/exchange/directory");
    const tuPhap = admin.locator("tbody tr", { hasText: "Sở Tư pháp tỉnh Bình Định" });
    await tuPhap.waitFor();
    expect(await tuPhap.innerText()).toContain("000.00.21.H08");
    expect(await tuPhap.innerText()).toContain("Trực tiếp");

    // Import a CSV: the preview shows the bad row's error; confirming imports the valid rows.
    await waitForHydration(admin, "#dir-file");
    const csv = [
      "Tên cơ quan,Mã định danh,Cách kết nối,Địa chỉ máy chủ,Địa chỉ",
      "Sở Tài chính tỉnh Bình Định,000.00.12.H09,Qua trục,,\"35 Lê Lợi, Quy Nhơn\"",
      "Sở Y tế tỉnh Bình Định,000.00.13.H08,Trực tiếp,https://vpdt.syt.binhdinh.gov.vn,",
      "Sở Không Mã,abc,Qua trục,,",
    ].join("\r\n");
    await admin.setInputFiles("#dir-file", { name: "danh-ba.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
    const preview = admin.getByRole("region", { name: "Xem trước danh bạ nhập" });
    await preview.waitFor();
    await preview.getByText("3 dòng: 2 dòng hợp lệ, 1 dòng có lỗi (không được nhập).").waitFor();
    await preview.getByText(/Mã định danh "ABC" không đúng dạng/).waitFor();
    await admin.getByRole("button", { name: "Nhập 2 dòng hợp lệ" }).click();
    await admin.getByText("Đã nhập danh bạ: thêm 2, cập nhật 0, bỏ qua 1 dòng có lỗi.").first().waitFor();
    const taiChinh = admin.locator("tbody tr", { hasText: "000.00.12.H09" });
    await taiChinh.waitFor();
    expect(await taiChinh.innerText()).toContain("Sở Tài chính tỉnh Bình Định");
    expect(await taiChinh.innerText()).toContain("Qua trục");
    await admin.locator("tbody tr", { hasText: "000.00.13.H08" }).waitFor();
    // The demo's own entry with a mã định danh is there too.
    await admin.locator("tbody tr", { hasText: "Văn phòng Chính phủ" }).waitFor();
  });
});

describe("the /exchange area", () => {
  test("the clerk opens Liên thông and sees each tab's empty state", async () => {
    const clerk = await suite.as(DEMO.clerk.username, DEMO.clerk.fullName);
    await clerk.getByRole("link", { name: "Liên thông" }).first().click();
    await clerk.waitForURL((u) => u.pathname === "/exchange");
    await clerk.getByRole("heading", { name: "Liên thông", level: 1 }).waitFor();
    const tabs = clerk.getByRole("navigation", { name: "Nhóm thông điệp" });
    const expected: [string, string][] = [
      ["Chờ gửi", "Không có thông điệp nào đang chờ gửi."],
      ["Lỗi gửi", "Không có thông điệp nào gửi lỗi."],
      ["Đã gửi", "Chưa gửi thông điệp liên thông nào."],
      ["Đã nhận", "Chưa nhận thông điệp liên thông nào."],
      ["Bị từ chối", "Không có thông điệp nào bị từ chối."],
      ["Đề nghị thu hồi", "Không có đề nghị thu hồi nào đang chờ trả lời."],
    ];
    for (const [label, empty] of expected) {
      await tabs.getByRole("link", { name: new RegExp(`^${label} \\(\\d+\\)$`) }).click();
      await clerk.waitForURL((u) => u.pathname === "/exchange" && u.searchParams.has("tab"));
      await clerk.getByText(empty).waitFor();
      expect(await tabs.locator('[aria-current="page"]').innerText()).toMatch(new RegExp(`^${label} \\(0\\)$`));
    }
    // The administrator's pages and downloads are not the clerk's; the import preview also wants the site's Origin.
    expect((await clerk.goto(`${suite.app.url}/admin/exchange`))?.status()).toBe(404);
    expect((await clerk.request.get(`${suite.app.url}/api/exchange/csr`)).status()).toBe(404);
    const body = { fileName: "a.csv", file: Buffer.from("Tên cơ quan,Mã định danh,Cách kết nối").toString("base64") };
    expect((await clerk.request.post(`${suite.app.url}/api/exchange/directory-preview`, { data: body })).status()).toBe(403);
    expect((await clerk.request.post(`${suite.app.url}/api/exchange/directory-preview`, { data: body, headers: { origin: suite.app.url } })).status()).toBe(404);

    // An odd query string is no error.
    const res = await clerk.goto(`${suite.app.url}/exchange?tab=%00x&page=-1`);
    expect(res?.status()).toBe(200);
    await clerk.getByText("Một số điều kiện lọc không hợp lệ đã được bỏ qua.").waitFor();
  });
});

import type { Page } from "playwright-core";
import { beforeAll, describe, expect, test } from "vitest";
import {
  DEMO, MESSAGES, adminFindUserId, login, loginError, navLabels, newPage, startApp, waitForHydration,
} from "./harness";
import { useBrowserSuite } from "./suite";

// Administration in the browser: people, positions, disabling (ASVS 7.4.2), validation messages,
// and the security-event page (ASVS 16.3.1).

const suite = useBrowserSuite(() => startApp({ env: { LOGIN_IP_MAX_FAILURES: "1000" } }));
const open = suite.open;
let admin: Page;

beforeAll(async () => {
  admin = (await newPage(suite.browser)).page;
  await login(admin, suite.app.url, DEMO.admin.username, DEMO.admin.fullName);
});

async function openNewUserForm() {
  await admin.goto(`${suite.app.url}/admin/users`);
  await admin.getByRole("link", { name: "Thêm người dùng" }).click();
  await admin.waitForURL((u) => u.pathname === "/admin/users/new");
  await waitForHydration(admin, "#username");
}

describe("people", () => {
  test("admin creates a person with a password and a position; the person signs in and sees that position's areas", async () => {
    await openNewUserForm();
    await admin.fill("#fullName", "Phạm Thị Thử Nghiệm");
    await admin.fill("#username", "pham.thunghiem");
    await admin.fill("#email", "pham.thunghiem@snv.binhdinh.gov.vn");
    await admin.fill("#password", "MatKhau#Moi2026");
    await admin.selectOption("#positionId", { label: "Văn thư – Văn phòng Sở" });
    await admin.getByRole("button", { name: "Tạo người dùng" }).click();
    await admin.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
    await admin.getByRole("heading", { name: "Phạm Thị Thử Nghiệm" }).waitFor();
    await admin.getByText("Tên đăng nhập: pham.thunghiem · Đang hoạt động").waitFor();
    await admin.getByText("Văn thư – Văn phòng Sở", { exact: false }).first().waitFor();

    // The list shows the new person with the position.
    await admin.goto(`${suite.app.url}/admin/users?q=${encodeURIComponent("Thử Nghiệm")}`);
    const row = admin.locator("tbody tr", { hasText: "pham.thunghiem" });
    expect(await row.innerText()).toContain("Văn thư – Văn phòng Sở");

    // The person signs in in another browser and gets the clerk's areas, not the admin's.
    const person = await open();
    await login(person, suite.app.url, "pham.thunghiem", "Phạm Thị Thử Nghiệm", "MatKhau#Moi2026");
    const nav = await navLabels(person);
    expect(nav).toEqual(expect.arrayContaining(["Tổng quan", "Văn bản đến", "Văn bản đi", "Sổ văn bản", "Liên thông"]));
    expect(nav).not.toContain("Quản trị");
    expect(nav).not.toContain("Việc của tôi");
    await person.getByRole("region", { name: "Chức vụ" }).getByText("Văn thư · Văn phòng Sở").waitFor();
    const res = await person.goto(`${suite.app.url}/admin/users`);
    expect(res?.status()).toBe(404);
  });

  test("disabling a signed-in person ends their session at their next request", async () => {
    const person = await open();
    await login(person, suite.app.url, "cv.ccvc", "Mai Thị Hương");

    const id = await adminFindUserId(admin, suite.app.url, "cv.ccvc");
    await admin.goto(`${suite.app.url}/admin/users/${id}`);
    await waitForHydration(admin, "#sso-subject");
    let dialogText = "";
    admin.once("dialog", (d) => {
      dialogText = d.message();
      void d.accept();
    });
    await admin.getByRole("button", { name: "Vô hiệu hóa" }).click();
    await admin.getByRole("button", { name: "Kích hoạt lại" }).waitFor();
    expect(dialogText).toContain("Mai Thị Hương");
    await admin.getByText(/Đã vô hiệu hóa/).first().waitFor();

    // Their next step (a client-side navigation) lands on the sign-in page…
    await person.getByRole("navigation", { name: "Chức năng" }).getByRole("link", { name: "Việc của tôi" }).click();
    await person.waitForURL((u) => u.pathname === "/login");
    // …a full reload too, and signing in again is refused with the generic message.
    await person.goto(`${suite.app.url}/`);
    expect(new URL(person.url()).pathname).toBe("/login");
    expect(await loginError(person, suite.app.url, "cv.ccvc", "VanPhong@2026")).toBe(MESSAGES.invalid);

    await admin.goto(`${suite.app.url}/admin/users?q=cv.ccvc`);
    expect(await admin.locator("tbody tr", { hasText: "cv.ccvc" }).innerText()).toContain("Đã vô hiệu hóa");
  });

  test("validation errors are shown in Vietnamese and keep what was typed", async () => {
    await openNewUserForm();
    // Client-side (the shared zod schema) first: no request reaches the server.
    await admin.fill("#fullName", "Người Trùng Tên");
    await admin.fill("#username", "vanthu");
    await admin.fill("#email", "khong-phai-email");
    await admin.fill("#password", "ngan");
    await admin.getByRole("button", { name: "Tạo người dùng" }).click();
    await admin.locator("#email-error", { hasText: "Địa chỉ e-mail không hợp lệ." }).waitFor();
    await admin.locator("#password-error", { hasText: "Mật khẩu phải có ít nhất 10 ký tự." }).waitFor();

    // Then the server: the username is taken.
    await admin.fill("#email", "trung.ten@snv.binhdinh.gov.vn");
    await admin.fill("#password", "MatKhau#Moi2026");
    await admin.selectOption("#positionId", { label: "Chuyên viên – Văn phòng Sở" });
    const action = admin.waitForResponse((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"]);
    await admin.getByRole("button", { name: "Tạo người dùng" }).click();
    await action;
    await admin.locator("#username-error", { hasText: "Tên đăng nhập này đã có người dùng." }).waitFor();
    expect(await admin.getAttribute("#username", "aria-invalid")).toBe("true");
    expect(await admin.locator("form[aria-label='Thêm người dùng'] [role=alert]").innerText()).toContain("Dữ liệu chưa hợp lệ");
    expect(new URL(admin.url()).pathname).toBe("/admin/users/new");
    expect(await admin.inputValue("#fullName")).toBe("Người Trùng Tên");
    expect(await admin.inputValue("#username")).toBe("vanthu");
    expect(await admin.inputValue("#email")).toBe("trung.ten@snv.binhdinh.gov.vn");
    expect(await admin.locator("#positionId option:checked").innerText()).toBe("Chuyên viên – Văn phòng Sở");

    // Nothing was created: "Người Trùng Tên" is not in the list.
    await admin.goto(`${suite.app.url}/admin/users?q=${encodeURIComponent("Người Trùng Tên")}`);
    await admin.getByText(`Không có người dùng nào khớp "Người Trùng Tên"`).waitFor();
  });
});

describe("security events", () => {
  test("/admin/security lists failed sign-ins and lockouts with the address", async () => {
    const guest = await open();
    expect(await loginError(guest, suite.app.url, DEMO.leader.username, "DoanMatKhau-1")).toBe(MESSAGES.invalid);
    expect(await loginError(guest, suite.app.url, "ai.do.khong.co", "DoanMatKhau-2")).toBe(MESSAGES.invalid);
    for (let i = 1; i <= 5; i++) await loginError(guest, suite.app.url, "phogiamdoc2", `DoanMatKhau-${i}`);

    await admin.goto(`${suite.app.url}/admin/security?kind=failed`);
    const rows = admin.locator("tbody tr");
    const wrong = rows.filter({ hasText: `Đăng nhập không thành công "${DEMO.leader.username}" (sai mật khẩu)` });
    expect(await wrong.count()).toBe(1);
    const cells = await wrong.locator("td").allInnerTexts();
    expect(cells[1]).toBe(DEMO.leader.fullName);
    expect(cells[3]).toBe("127.0.0.1");
    const unknown = rows.filter({ hasText: `Đăng nhập không thành công "ai.do.khong.co" (tên đăng nhập không tồn tại)` });
    expect(await unknown.count()).toBe(1);
    expect((await unknown.locator("td").allInnerTexts())[3]).toBe("127.0.0.1");

    await admin.goto(`${suite.app.url}/admin/security?kind=lockout`);
    const lock = admin.locator("tbody tr", { hasText: `Tạm khóa tài khoản "phogiamdoc2" sau nhiều lần đăng nhập sai` });
    expect(await lock.count()).toBe(1);
    expect((await lock.locator("td").allInnerTexts())[3]).toBe("127.0.0.1");
  });
});

describe("working-day calendar", () => {
  test("the administrator sees Tết 2027 with its lunar date, adds a swapped Saturday (a wrong day refused in Vietnamese) and removes it", async () => {
    const page = await open();
    await login(page, suite.app.url, DEMO.admin.username, DEMO.admin.fullName);
    await page.goto(`${suite.app.url}/admin`);
    await page.getByRole("link", { name: /Lịch làm việc/ }).click();
    await page.waitForURL((u) => u.pathname === "/admin/calendar");
    await page.goto(`${suite.app.url}/admin/calendar?year=2027`);
    const tet = page.locator("tbody tr", { hasText: "06/02/2027" });
    expect(await tet.innerText()).toMatch(/01\/01 Đinh Mùi[\s\S]*Nghỉ[\s\S]*Tết Âm lịch \(mùng 1 Tết\)[\s\S]*Tính tự động/);

    await waitForHydration(page, "#cal-reason");
    await page.fill("#cal-day", "03/02/2027");
    await page.selectOption("#cal-kind", "working");
    await page.fill("#cal-reason", "Làm bù cho ngày 10/02 theo Thông báo của Bộ Nội vụ");
    await page.getByRole("button", { name: "Thêm ngày" }).click();
    await page.getByText("Ngày 03/02/2027 không phải thứ Bảy hay Chủ nhật.", { exact: false }).waitFor();
    expect(await page.inputValue("#cal-reason")).toBe("Làm bù cho ngày 10/02 theo Thông báo của Bộ Nội vụ");

    await page.fill("#cal-day", "13/02/2027");
    await page.getByRole("button", { name: "Thêm ngày" }).click();
    const swapped = page.locator("tbody tr", { hasText: "13/02/2027" });
    await swapped.waitFor();
    expect(await swapped.innerText()).toMatch(/Thứ Bảy[\s\S]*Làm việc[\s\S]*Làm bù cho ngày 10\/02[\s\S]*Quản trị viên sửa/);

    page.once("dialog", (d) => void d.accept());
    await swapped.getByRole("button", { name: "Xóa" }).click();
    await swapped.waitFor({ state: "detached" });
  });
});

describe("agencies (Quản trị cấp tỉnh)", () => {
  test("the province administrator creates an agency with its administrator by keyboard, reads no document, and the new administrator signs in", async () => {
    const province = await open();
    await login(province, suite.app.url, DEMO.province.username, DEMO.province.fullName);
    expect(await navLabels(province)).toEqual(["Tổng quan", "Cơ quan", "Tài khoản của tôi"]);
    for (const path of ["/incoming", "/outgoing", "/files", "/registers", "/admin", "/admin/users"]) {
      expect((await province.goto(`${suite.app.url}${path}`))?.status(), path).toBe(404);
    }
    await province.goto(`${suite.app.url}/admin/agencies`);
    const snv = province.locator("tbody tr", { hasText: "Sở Nội vụ tỉnh Bình Định" });
    await snv.waitFor();
    expect(await snv.innerText()).toContain("000.00.12.H08");
    expect(await province.locator("tbody tr", { hasText: "Quản trị hệ thống cấp tỉnh" }).count()).toBe(0);

    // The form by keyboard only: Tab from field to field, Enter submits.
    await province.getByRole("link", { name: "Thêm cơ quan" }).click();
    await province.waitForURL((u) => u.pathname === "/admin/agencies/new");
    await waitForHydration(province, "#name");
    await province.focus("#name");
    for (const value of ["Sở Tư pháp tỉnh Bình Định", "STP", "000.00.12.H10", "UBND tỉnh Bình Định", "Bình Định", "Lê Văn Pháp", "quantri.stp", "TuPhap#Moi2026"]) {
      await province.keyboard.type(value);
      await province.keyboard.press("Tab");
    }
    await province.keyboard.press("Enter");
    await province.waitForURL(/\/admin\/agencies\/[0-9a-f-]{36}$/);
    await province.getByRole("heading", { name: "Sở Tư pháp tỉnh Bình Định" }).waitFor();
    expect(await province.locator("tbody tr", { hasText: "quantri.stp" }).innerText()).toContain("Lê Văn Pháp");

    // The same mã định danh again: refused in Vietnamese on the field, what was typed is kept.
    await province.goto(`${suite.app.url}/admin/agencies/new`);
    await waitForHydration(province, "#name");
    await province.fill("#name", "Sở Khác");
    await province.fill("#code", "SKHAC");
    await province.fill("#organId", "000.00.12.H10");
    await province.fill("#adminFullName", "Người Khác");
    await province.fill("#adminUsername", "quantri.khac");
    await province.fill("#adminPassword", "NguoiKhac#2026");
    await province.getByRole("button", { name: "Tạo cơ quan" }).click();
    await province.getByText("Mã định danh này đã được dùng cho cơ quan khác.").waitFor();
    expect(await province.inputValue("#name")).toBe("Sở Khác");

    // The new agency's administrator manages their agency.
    const stp = await open();
    await login(stp, suite.app.url, "quantri.stp", "Lê Văn Pháp", "TuPhap#Moi2026");
    expect(await navLabels(stp)).toContain("Quản trị");
    expect(await navLabels(stp)).not.toContain("Cơ quan");
    expect((await stp.goto(`${suite.app.url}/admin/agencies`))?.status()).toBe(404);

    // Ngừng hoạt động: asked in a dialog, the reason required; the agency's people are signed out at once.
    await province.goto(`${suite.app.url}/admin/agencies`);
    await province.getByRole("link", { name: "Sở Tư pháp tỉnh Bình Định" }).click();
    await province.waitForURL(/\/admin\/agencies\/[0-9a-f-]{36}$/);
    await waitForHydration(province, "#reason");
    await province.getByRole("button", { name: "Ngừng hoạt động" }).click();
    await province.getByText("Vui lòng nhập lý do ngừng hoạt động.").waitFor();
    await province.fill("#reason", "Sáp nhập vào Sở Nội vụ");
    // The message leaves once the field is valid (and the button moves up): click where it now is.
    await province.getByText("Vui lòng nhập lý do ngừng hoạt động.").waitFor({ state: "detached" });
    await province.getByRole("button", { name: "Ngừng hoạt động" }).click();
    const dialog = province.getByRole("dialog", { name: "Ngừng hoạt động cơ quan?" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Ngừng hoạt động" }).click();
    await province.getByText("Lý do: Sáp nhập vào Sở Nội vụ.").waitFor();
    await province.getByRole("button", { name: "Cho hoạt động lại" }).waitFor();
    await stp.goto(`${suite.app.url}/admin`);
    await stp.waitForURL((u) => u.pathname === "/login");
    expect(await loginError(stp, suite.app.url, "quantri.stp", "TuPhap#Moi2026")).toContain("Cơ quan của bạn đã ngừng hoạt động");
    await province.goto(`${suite.app.url}/admin/agencies?q=STP`);
    expect(await province.locator("tbody tr", { hasText: "Sở Tư pháp" }).innerText()).toContain("Đã ngừng hoạt động");

    // Cho hoạt động lại: the administrator signs in again.
    await province.getByRole("link", { name: "Sở Tư pháp tỉnh Bình Định" }).click();
    await province.waitForURL(/\/admin\/agencies\/[0-9a-f-]{36}$/);
    await waitForHydration(province, "button[aria-haspopup=dialog]");
    await province.getByRole("button", { name: "Cho hoạt động lại" }).click();
    await province.getByRole("dialog", { name: "Cho cơ quan hoạt động lại?" }).getByRole("button", { name: "Cho hoạt động lại" }).click();
    await province.getByRole("button", { name: "Ngừng hoạt động" }).waitFor();
    await login(stp, suite.app.url, "quantri.stp", "Lê Văn Pháp", "TuPhap#Moi2026");

    // Nhật ký quản trị cấp tỉnh: what was done, by whom, newest first.
    await province.goto(`${suite.app.url}/admin/agencies`);
    await province.getByRole("link", { name: "Nhật ký" }).click();
    await province.waitForURL((u) => u.pathname === "/admin/agencies/log");
    const entries = province.locator("tbody tr");
    await entries.first().waitFor();
    expect(await entries.nth(0).innerText()).toContain("Cho cơ quan hoạt động lại: Sở Tư pháp tỉnh Bình Định");
    expect(await entries.nth(1).innerText()).toContain("Ngừng hoạt động cơ quan: Sở Tư pháp tỉnh Bình Định (lý do: Sáp nhập vào Sở Nội vụ)");
    expect(await province.locator("tbody tr", { hasText: "Thêm cơ quan: Sở Tư pháp tỉnh Bình Định" }).innerText()).toContain(DEMO.province.fullName);
  });

  test("the agencies list fits a phone", async () => {
    const province = await open();
    await province.setViewportSize({ width: 375, height: 740 });
    await login(province, suite.app.url, DEMO.province.username, DEMO.province.fullName);
    await province.goto(`${suite.app.url}/admin/agencies`);
    await province.locator("tbody tr").first().waitFor();
    const overflow = await province.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

import { describe, expect, it } from "vitest";
import { DEMO, startApp } from "./harness";
import { submitForm } from "./flows";
import { useBrowserSuite } from "./suite";

// Issue 10 item 5: "Thay đổi độ mật" is its own step on the document page, shown to the leadership
// and the văn thư only; the drafter's edit form shows độ mật read-only; the trail shows the change.
describe("changing độ mật in the browser", () => {
  const suite = useBrowserSuite(() => startApp());

  it("the drafter sees độ mật read-only; the director downgrades with a reason and the trail shows it; the draft still takes no file", async () => {
    const subject = "Báo cáo mật về công tác bảo vệ bí mật nhà nước năm 2026";
    const staff = await suite.as(DEMO.staff.username, DEMO.staff.fullName);
    await staff.goto(`${suite.app.url}/outgoing/new`);
    await staff.selectOption("#docType", "Báo cáo");
    await staff.fill("#subject", subject);
    await staff.selectOption("#secrecy", { label: "Mật" });
    await staff.selectOption("#signerId", { label: `${DEMO.leader.fullName} – Giám đốc` });
    await staff.getByRole("button", { name: "Thêm nơi nhận" }).click();
    await staff.getByLabel("Nơi nhận 1", { exact: true }).selectOption({ label: "Bộ Nội vụ (bản giấy)" });
    await staff.getByRole("button", { name: "Tạo dự thảo" }).click();
    await staff.waitForURL(/\/outgoing\/[0-9a-f-]{36}\?saved=1$/);
    const url = staff.url().replace(/\?.*$/, "");
    // Not the drafter's step.
    expect(await staff.getByText("Mở biểu mẫu thay đổi độ mật").count()).toBe(0);
    await staff.goto(`${url}/edit`);
    expect(await staff.locator("#secrecy").getAttribute("readonly")).not.toBeNull();
    expect(await staff.locator("#secrecy").inputValue()).toBe("Mật");

    const director = await suite.as(DEMO.leader.username, DEMO.leader.fullName);
    await director.goto(url);
    // A rare step: its form opens on demand.
    await director.getByText("Mở biểu mẫu thay đổi độ mật").click();
    const form = director.getByRole("form", { name: "Thay đổi độ mật" });
    await form.getByLabel("Độ mật mới").selectOption({ label: "Thường" });
    // The reason is required, in Vietnamese, and nothing is changed without it.
    await submitForm(director, "Thay đổi độ mật");
    await expect.poll(() => director.locator("#secrecy-reason-error").textContent()).toBe("Vui lòng nhập lý do thay đổi độ mật.");
    await director.fill("#secrecy-reason", "Giải mật theo Quyết định số 12/QĐ-SNV.");
    await submitForm(director, "Thay đổi độ mật");
    await expect.poll(() => director.getByRole("status").filter({ hasText: "Đã thay đổi độ mật." }).count()).toBe(1);
    const trail = director.getByRole("list", { name: "Luồng xử lý" });
    await expect.poll(() => trail.textContent()).toContain("Thay đổi độ mật");
    expect(await trail.textContent()).toContain("Mật → Thường. Lý do: Giải mật theo Quyết định số 12/QĐ-SNV.");
    await director.reload();
    expect(await director.locator(`dt:text-is("Độ mật") + dd`).textContent()).toBe("Thường");

    // The drafter's form: still read-only, and no file can be added to a document that was secret.
    await staff.goto(`${url}/edit`);
    expect(await staff.locator("#secrecy").inputValue()).toBe("Thường");
    expect(await staff.locator("#draft-files").isDisabled()).toBe(true);
    expect(await staff.getByText("Văn bản đã từng là văn bản mật không lưu tệp trên hệ thống.").count()).toBe(1);
  });
});

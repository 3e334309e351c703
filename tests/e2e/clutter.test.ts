import { describe, expect, test } from "vitest";
import { compareVietnameseNames } from "@/lib/names";
import { DEMO, loginError, MESSAGES, startApp } from "./harness";
import { useBrowserSuite } from "./suite";

// Issue 11 item 16: what a new user does not need to read at first sight.

const suite = useBrowserSuite(() => startApp({ env: { LOGIN_IP_MAX_FAILURES: "1000" } }));

describe("clutter", () => {
  test("the SHA-256 of a document's file is folded behind 'Mã kiểm tra'; sizes read '50 MB'", async () => {
    const base = suite.app.url;
    const clerk = await suite.as(DEMO.clerk.username, DEMO.clerk.fullName);
    await clerk.goto(`${base}/incoming/new`);
    await clerk.getByText("tối đa 50 MB mỗi tệp", { exact: false }).first().waitFor();
    // A demo document with its scan.
    await clerk.goto(`${base}/incoming`);
    const links = await clerk.locator("main a").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? "").filter((h) => /^\/incoming\/[0-9a-f-]{36}$/.test(h)));
    let checked = false;
    for (const href of links.slice(0, 8)) {
      await clerk.goto(`${base}${href}`);
      const toggle = clerk.locator("details").filter({ has: clerk.locator("summary", { hasText: "Mã kiểm tra" }) }).first();
      if (!(await toggle.count())) continue;
      const sha = toggle.getByText(/^SHA-256 [0-9a-f]{64}$/);
      expect(await sha.isVisible()).toBe(false);
      await toggle.locator("summary").click();
      await sha.waitFor({ state: "visible" });
      checked = true;
      break;
    }
    expect(checked).toBe(true);
  });

  test("people are listed by tên, then họ, in Vietnamese order; the security log speaks Vietnamese", async () => {
    const base = suite.app.url;
    const admin = await suite.as(DEMO.admin.username, DEMO.admin.fullName);
    await admin.goto(`${base}/admin/users`);
    const names = (await admin.locator("tbody tr td:first-child").allInnerTexts()).map((s) => s.trim()).filter(Boolean);
    expect(names.length).toBeGreaterThan(5);
    for (let i = 1; i < names.length; i++) expect(compareVietnameseNames(names[i - 1], names[i]), `${names[i - 1]} ≤ ${names[i]}`).toBeLessThanOrEqual(0);
    // "Ánh" comes before "Đức", whose tên starts with Đ after D.
    const anh = names.indexOf(DEMO.clerk.fullName);
    const duc = names.indexOf(DEMO.unitHead.fullName);
    expect(anh).toBeGreaterThanOrEqual(0);
    expect(duc).toBeGreaterThan(anh);

    // A refused step and a failed sign-in are in the security log with Vietnamese labels only.
    const stranger = await suite.open();
    expect(await loginError(stranger, base, DEMO.staff.username, "sai-mat-khau")).toBe(MESSAGES.invalid);
    await admin.goto(`${base}/admin/security`);
    const rows = await admin.locator("tbody tr").allInnerTexts();
    expect(rows.some((r) => r.includes(`Đăng nhập không thành công "${DEMO.staff.username}" (sai mật khẩu)`))).toBe(true);
    for (const r of rows) expect(r).not.toMatch(/\b(auth|action|org|incoming|outgoing|files)\.[a-zA-Z]+/);
  });
});

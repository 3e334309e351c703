import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  DEMO, DEMO_PASSWORD, MESSAGES, SESSION_COOKIE, adminFindUserId, login, loginError, navLabels, sessionCookie, startApp,
} from "./harness";
import { useBrowserSuite } from "./suite";

// security.md §5 rows 5 (session lifecycle) and 6 (brute force), ASVS 6.3.1, 7.2.4, 7.4.1, 8.2.1, 8.3.1.

// A high per-address limit: every attempt here comes from 127.0.0.1 and this file tests the per-account lock.
const suite = useBrowserSuite(() => startApp({ env: { LOGIN_IP_MAX_FAILURES: "1000" } }));
const open = suite.open;

describe("local sign-in", () => {
  test("a demo person signs in and sees their name and the areas of their position", async () => {
    const page = await open();
    await login(page, suite.app.url, DEMO.leader.username, DEMO.leader.fullName);
    await page.getByRole("heading", { name: `Xin chào, ${DEMO.leader.fullName}` }).waitFor();
    const nav = await navLabels(page);
    expect(nav).toContain("Văn bản đến");
    expect(nav).not.toContain("Quản trị");
    expect(await sessionCookie(page.context())).toBeDefined();
  });

  test("a wrong password and an unknown user get the same generic message, and no session", async () => {
    const page = await open();
    const wrong = await loginError(page, suite.app.url, "phogiamdoc1", "SaiMatKhau@2026");
    expect(wrong).toBe(MESSAGES.invalid);
    expect(new URL(page.url()).pathname).toBe("/login");
    const unknown = await loginError(page, suite.app.url, "khong.ton.tai", "SaiMatKhau@2026");
    expect(unknown).toBe(wrong);
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await sessionCookie(page.context())).toBeUndefined();
  });

  test("five failures lock the account: the sixth attempt, with the right password, is refused", async () => {
    const page = await open();
    for (let i = 1; i <= 5; i++) {
      expect(await loginError(page, suite.app.url, DEMO.staff2.username, `SaiMatKhau-${i}`), `attempt ${i}`).toBe(MESSAGES.invalid);
    }
    const sixth = await loginError(page, suite.app.url, DEMO.staff2.username, DEMO_PASSWORD);
    expect(sixth).toContain(MESSAGES.locked);
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await sessionCookie(page.context())).toBeUndefined();
    // The lock is per account: another person still signs in from the same address.
    await login(page, suite.app.url, DEMO.officeChief.username, DEMO.officeChief.fullName);
  });
});

describe("session lifecycle", () => {
  test("a session cookie planted before sign-in is replaced by a new token (no fixation)", async () => {
    const page = await open();
    const planted = "planted.by.someone-else";
    await page.context().addCookies([{ name: SESSION_COOKIE, value: planted, url: suite.app.url }]);
    await login(page, suite.app.url, DEMO.unitHead.username, DEMO.unitHead.fullName);
    const after = await sessionCookie(page.context());
    expect(after?.value).toBeTruthy();
    expect(after!.value).not.toBe(planted);
    expect(after!.httpOnly).toBe(true);
    expect(after!.sameSite).toBe("Lax");

    // A second sign-in of the same person gets yet another token.
    const other = await open();
    await login(other, suite.app.url, DEMO.unitHead.username, DEMO.unitHead.fullName);
    expect((await sessionCookie(other.context()))!.value).not.toBe(after!.value);
  });

  test("after Đăng xuất, replaying the old cookie lands on /login (logout is final)", async () => {
    const page = await open();
    await login(page, suite.app.url, DEMO.clerk.username, DEMO.clerk.fullName);
    const token = (await sessionCookie(page.context()))!;

    // Control: before logout the copied cookie works in another browser context.
    const replayBefore = await open();
    await replayBefore.context().addCookies([{ name: SESSION_COOKIE, value: token.value, url: suite.app.url }]);
    await replayBefore.goto(`${suite.app.url}/`);
    expect(new URL(replayBefore.url()).pathname).toBe("/");
    await replayBefore.getByRole("banner").getByText(DEMO.clerk.fullName, { exact: true }).waitFor();

    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.waitForURL((u) => u.pathname === "/login");
    expect(await sessionCookie(page.context())).toBeUndefined();

    const replayAfter = await open();
    await replayAfter.context().addCookies([{ name: SESSION_COOKIE, value: token.value, url: suite.app.url }]);
    for (const path of ["/", "/account", "/incoming"]) {
      await replayAfter.goto(`${suite.app.url}${path}`);
      expect(new URL(replayAfter.url()).pathname, path).toBe("/login");
    }
    await replayAfter.locator("#username").waitFor();
    // The context that held the cookie before logout is signed out too.
    await replayBefore.reload();
    expect(new URL(replayBefore.url()).pathname).toBe("/login");
  });

  test("/account lists the current session, and ending another session signs that browser out", async () => {
    const first = await open();
    const second = await open();
    await login(first, suite.app.url, DEMO.staff3.username, DEMO.staff3.fullName);
    await login(second, suite.app.url, DEMO.staff3.username, DEMO.staff3.fullName);

    await first.goto(`${suite.app.url}/account`);
    const rows = first.getByRole("table", { name: "Phiên đăng nhập" }).locator("tbody tr");
    expect(await rows.count()).toBe(2);
    await expect.poll(() => rows.filter({ hasText: "Phiên hiện tại" }).count()).toBe(1);
    const other = rows.filter({ hasNotText: "Phiên hiện tại" });
    await other.getByRole("button", { name: "Kết thúc" }).click();
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    expect(await rows.first().innerText()).toContain("Phiên hiện tại");

    // The ended session is refused on its next request; the current one still works.
    await second.goto(`${suite.app.url}/`);
    expect(new URL(second.url()).pathname).toBe("/login");
    await first.goto(`${suite.app.url}/`);
    expect(new URL(first.url()).pathname).toBe("/");

    // Recent sign-ins show the successful logins.
    await first.goto(`${suite.app.url}/account`);
    const signIns = first.getByRole("table", { name: "Lần đăng nhập gần đây" }).locator("tbody tr", { hasText: "Thành công" });
    expect(await signIns.count()).toBeGreaterThanOrEqual(2);
  });
});

describe("function-level access control", () => {
  test("a staff member sees no Quản trị link and gets 404 on admin pages", async () => {
    const page = await open();
    await login(page, suite.app.url, DEMO.staff.username, DEMO.staff.fullName);
    const nav = await navLabels(page);
    expect(nav).toEqual(expect.arrayContaining(["Việc của tôi", "Văn bản đi", "Hồ sơ công việc"]));
    expect(nav).not.toContain("Quản trị");
    for (const path of ["/admin", "/admin/users", "/admin/users/new", "/admin/units", "/admin/security"]) {
      const res = await page.goto(`${suite.app.url}${path}`);
      expect(res?.status(), path).toBe(404);
      await page.getByRole("heading", { name: MESSAGES.notFound }).waitFor();
    }
  });

  test("an admin server action replayed with a staff member's (or no) session is refused server-side", async () => {
    const admin = await open();
    await login(admin, suite.app.url, DEMO.admin.username, DEMO.admin.fullName);

    // Capture a real "create user" submission: its action id, router headers and body.
    await admin.goto(`${suite.app.url}/admin/users/new`);
    await admin.waitForFunction(() => {
      const el = document.querySelector("#username");
      return !!el && Object.keys(el).some((k) => k.startsWith("__reactProps$"));
    });
    let captured: { url: string; headers: Record<string, string>; body: string } | undefined;
    admin.on("request", (r) => {
      const h = r.headers();
      if (r.method() === "POST" && h["next-action"] && !captured) captured = { url: r.url(), headers: h, body: r.postData() ?? "" };
    });
    await admin.fill("#fullName", "Người Gốc Phát Lại");
    await admin.fill("#username", "replay.base");
    await admin.fill("#password", "MatKhauManh@2026");
    await admin.getByRole("button", { name: "Tạo người dùng" }).click();
    await admin.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
    expect(captured, "the create-user action request").toBeDefined();
    expect(captured!.body).toContain("replay.base");
    expect(captured!.body).toMatch(/"idempotencyKey":"[0-9a-f-]{36}"/);

    const replay = async (page: Page, username: string) =>
      page.evaluate(
        async ({ url, headers, body }) => {
          const res = await fetch(url, { method: "POST", headers, body, credentials: "include" });
          return { status: res.status, text: await res.text() };
        },
        {
          url: captured!.url,
          headers: Object.fromEntries(
            Object.entries(captured!.headers).filter(([k]) => ["next-action", "next-router-state-tree", "content-type", "accept"].includes(k)),
          ),
          // A fresh idempotency key: under the form's own key the replay would only get the first result back.
          body: captured!.body
            .replaceAll("replay.base", username)
            .replaceAll("Người Gốc Phát Lại", `Phát lại ${username}`)
            .replace(/("idempotencyKey":")[0-9a-f-]{36}/, `$1${randomUUID()}`),
        },
      );
    const exists = async (username: string) => {
      await admin.goto(`${suite.app.url}/admin/users?q=${encodeURIComponent(username)}`);
      return (await admin.locator("tbody tr td", { hasText: username }).count()) > 0;
    };

    // Control: the same replay with the admin's own cookies does create the person.
    await replay(admin, "replay.admin");
    expect(await exists("replay.admin")).toBe(true);

    // The staff member replays it from their own page (same origin, their own session cookie).
    const staff = await open();
    await login(staff, suite.app.url, DEMO.staff.username, DEMO.staff.fullName);
    const refused = await replay(staff, "replay.staff");
    expect(refused.text).toContain("forbidden");
    expect(await exists("replay.staff")).toBe(false);

    // Without any session (from the login page).
    const anon = await open();
    await anon.goto(`${suite.app.url}/login`);
    const anonymous = await replay(anon, "replay.anon");
    expect(anonymous.text).not.toContain('"ok":true');
    expect(await exists("replay.anon")).toBe(false);

    // The refusal is recorded as a security event, with the staff member's name.
    await admin.goto(`${suite.app.url}/admin/security?kind=refused`);
    const row = admin.locator("tbody tr", { hasText: "Thao tác bị từ chối: Thêm cán bộ" }).filter({ hasText: DEMO.staff.fullName });
    expect(await row.count()).toBeGreaterThanOrEqual(1);
    // The admin still sees exactly the two people that were really created.
    expect(await adminFindUserId(admin, suite.app.url, "replay.base")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

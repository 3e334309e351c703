import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  DEMO, MESSAGES, adminFindUserId, freePort, idpLogin, login, newPage, sessionCookie, startApp, startIdp,
  waitForHydration, type LocalIdp,
} from "./harness";
import { useBrowserSuite } from "./suite";

// SSO against a local OpenID provider (oidc-provider, in this process). People are keyed by
// (issuer, subject) and linked by the administrator; an SSO login never creates an account
// (ASVS 6.8.1, product.md §7, security.md §5 row 7).

let idp: LocalIdp;
let admin: Page;

const suite = useBrowserSuite(async () => {
  const port = await freePort();
  // The app is browsed as localhost (see StartOptions.publicHost); the provider stays on 127.0.0.1.
  const appUrl = `http://localhost:${port}`;
  idp = await startIdp({ appUrl });
  return startApp({
    port,
    publicHost: "localhost",
    env: { AUTH_URL: appUrl, AUTH_OIDC_ISSUER: idp.issuer, AUTH_OIDC_ID: idp.clientId, AUTH_OIDC_SECRET: idp.clientSecret },
  });
});
const open = suite.open;

beforeAll(async () => {
  admin = (await newPage(suite.browser)).page;
  await login(admin, suite.app.url, DEMO.admin.username, DEMO.admin.fullName);
});

afterAll(async () => {
  await idp?.stop();
});

/** On /admin/users/<id>: links (issuer, subject) through the "Liên kết SSO" form. */
async function linkSso(username: string, subject: string, issuer?: string) {
  const id = await adminFindUserId(admin, suite.app.url, username);
  await admin.goto(`${suite.app.url}/admin/users/${id}`);
  await waitForHydration(admin, "#sso-subject");
  // The issuer field is prefilled with the configured provider.
  expect(await admin.inputValue("#sso-issuer")).toBe(idp.issuer);
  if (issuer) await admin.fill("#sso-issuer", issuer);
  await admin.fill("#sso-subject", subject);
  await admin.getByRole("button", { name: "Liên kết SSO" }).click();
  await admin.getByRole("status").filter({ hasText: "Đã liên kết tài khoản SSO." }).waitFor();
  await admin.getByText(`${subject} @ ${issuer ?? idp.issuer}`).waitFor();
}

/** From the app's sign-in page through the provider's login and consent pages, back to the app. */
async function ssoSignIn(page: Page, subject: string) {
  await page.goto(`${suite.app.url}/login`);
  await waitForHydration(page, "#username");
  await page.getByRole("button", { name: "Đăng nhập bằng SSO" }).click();
  await idpLogin(page, idp, subject);
}

async function userCount(): Promise<number> {
  await admin.goto(`${suite.app.url}/admin/users`);
  return admin.locator("tbody tr").count();
}

describe("SSO with a local OpenID provider", () => {
  test("admin links a subject to a person; signing in through the provider opens that person's session", async () => {
    await linkSso(DEMO.staff.username, "sso-khoa-001");

    const page = await open();
    await ssoSignIn(page, "sso-khoa-001");
    await page.waitForURL((u) => u.origin === suite.app.url && u.pathname === "/");
    await page.getByRole("banner").getByText(DEMO.staff.fullName, { exact: true }).waitFor();
    expect(await sessionCookie(page.context())).toBeDefined();

    await page.goto(`${suite.app.url}/account`);
    const current = page.getByRole("table", { name: "Phiên đăng nhập" }).locator("tbody tr", { hasText: "Phiên hiện tại" });
    expect(await current.innerText()).toContain("(SSO)");
  });

  test("an unknown subject is refused with the sso_unknown message and no account is created", async () => {
    const before = await userCount();

    const page = await open();
    await ssoSignIn(page, "sso-nguoi-la");
    await page.waitForURL((u) => u.origin === suite.app.url && u.pathname === "/login");
    expect(new URL(page.url()).searchParams.get("error")).toBe("sso_unknown");
    await page.getByRole("alert").filter({ hasText: MESSAGES.ssoUnknown }).waitFor();
    expect(await sessionCookie(page.context())).toBeUndefined();
    await page.goto(`${suite.app.url}/`);
    expect(new URL(page.url()).pathname).toBe("/login");

    expect(await userCount()).toBe(before);
    await admin.goto(`${suite.app.url}/admin/users?q=sso-nguoi-la`);
    expect(await admin.locator("tbody tr").count()).toBe(0);
    await admin.goto(`${suite.app.url}/admin/security?kind=failed`);
    const event = admin.locator("tbody tr", { hasText: "Đăng nhập SSO bằng tài khoản chưa liên kết hoặc đã vô hiệu hóa" });
    expect(await event.count()).toBeGreaterThanOrEqual(1);
  });

  test("the same subject linked under another issuer does not sign in (keyed by issuer and subject)", async () => {
    await linkSso(DEMO.archivist.username, "sso-chung-002", "https://idp-khac.example.vn");

    const page = await open();
    await ssoSignIn(page, "sso-chung-002");
    await page.waitForURL((u) => u.origin === suite.app.url && u.pathname === "/login");
    expect(new URL(page.url()).searchParams.get("error")).toBe("sso_unknown");
    expect(await sessionCookie(page.context())).toBeUndefined();
  });
});

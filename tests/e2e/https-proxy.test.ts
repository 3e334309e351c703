import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import {
  DEMO, freePort, launchBrowser, login, makeTempDir, printServerLogIfFailed, startApp, waitForHydration, type AppServer,
} from "./harness";

// Issue 10 item 3 on https: the app behind a TLS-terminating reverse proxy on the loopback (a
// self-signed certificate made with openssl), named in TRUSTED_PROXIES. Its X-Forwarded-Proto,
// -Host and -For are believed; the session cookie is __Host- prefixed (Secure, Path=/, no Domain);
// HSTS is sent; actions from https://… pass the Origin check; the client address is the one the
// proxy names, whatever the client put in front of it.

const CLIENT = "203.0.113.50";
let app: AppServer;
let browser: Browser;
let proxy: https.Server;
let base: string;
let certDir: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  app = await startApp({ env: { TRUSTED_PROXIES: "127.0.0.1", LOGIN_IP_MAX_FAILURES: "1000" } });
  certDir = makeTempDir("vpdt-tls-");
  const key = path.join(certDir, "key.pem");
  const cert = path.join(certDir, "cert.pem");
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
  ], { stdio: "ignore" });
  const port = await freePort();
  // What nginx does with proxy_set_header X-Forwarded-Proto $scheme, X-Forwarded-Host $host:$server_port and
  // X-Forwarded-For $proxy_add_x_forwarded_for (here the "socket address" it appends is CLIENT).
  proxy = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (req, res) => {
    const forwardedFor = [req.headers["x-forwarded-for"], CLIENT].filter(Boolean).join(", ");
    const headers = { ...req.headers, "x-forwarded-proto": "https", "x-forwarded-host": req.headers.host, "x-forwarded-for": forwardedFor };
    const upstream = http.request({ host: "127.0.0.1", port: app.port, method: req.method, path: req.url, headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    upstream.on("error", () => {
      res.statusCode = 502;
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((r) => proxy.listen(port, "127.0.0.1", r));
  base = `https://localhost:${port}`;
  browser = await launchBrowser();
});
afterEach((ctx) => printServerLogIfFailed(ctx, app));
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  proxy?.closeAllConnections();
  await new Promise((r) => proxy?.close(r));
  await app?.stop();
  if (certDir) fs.rmSync(certDir, { recursive: true, force: true });
});

/** A context that accepts the test certificate; the client sends its own X-Forwarded-For too. */
async function open(): Promise<Page> {
  const context = await browser.newContext({
    locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh", ignoreHTTPSErrors: true, extraHTTPHeaders: { "X-Forwarded-For": "6.6.6.6" },
  });
  context.setDefaultTimeout(20_000);
  contexts.push(context);
  return context.newPage();
}

describe("behind a trusted TLS proxy", () => {
  test("the session cookie is __Host- prefixed, HSTS is sent, actions pass, the client address is the proxy's, logout is final", async () => {
    const page = await open();
    await login(page, base, DEMO.admin.username, DEMO.admin.fullName);
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === "__Host-authjs.session-token");
    expect(session, cookies.map((c) => c.name).join(", ")).toBeDefined();
    expect(session).toMatchObject({ secure: true, path: "/", domain: "localhost", httpOnly: true, sameSite: "Lax" });
    expect(cookies.filter((c) => /^(__Secure-)?authjs\.session-token$/.test(c.name))).toEqual([]);

    const res = await page.goto(`${base}/account`);
    expect(res?.headers()["strict-transport-security"]).toMatch(/^max-age=\d+/);
    expect(res?.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
    // The session was opened from the address the proxy named, not the one the client made up.
    const current = page.getByRole("table", { name: "Phiên đăng nhập" }).locator("tbody tr", { hasText: "Phiên hiện tại" });
    expect(await current.innerText()).toContain(CLIENT);
    expect(await current.innerText()).not.toContain("6.6.6.6");

    // A server action from https://localhost:<port> passes the Origin check (the proxy's scheme and host).
    await page.goto(`${base}/admin/users/new`);
    await waitForHydration(page, "#username");
    await page.fill("#fullName", "Người Qua Proxy");
    await page.fill("#username", "qua.proxy");
    await page.fill("#password", "MatKhauManh@2026");
    await page.getByRole("button", { name: "Tạo người dùng" }).click();
    await page.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);

    // Sign out; the copied __Host- cookie is refused afterwards.
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.waitForURL((u) => u.pathname === "/login");
    const replay = await open();
    await replay.context().addCookies([{ name: session!.name, value: session!.value, url: base, secure: true }]);
    await replay.goto(`${base}/account`);
    expect(new URL(replay.url()).pathname).toBe("/login");
  });

  test("on https only the __Host- cookie counts: a valid plain cookie planted by a sibling host opens nothing", async () => {
    // A real session token under the plain name, minted by the app over plain http.
    const direct = await open();
    await login(direct, app.url, DEMO.clerk.username, DEMO.clerk.fullName);
    const plain = (await direct.context().cookies()).find((c) => c.name === "authjs.session-token");
    expect(plain).toBeDefined();
    const other = await open();
    await other.context().addCookies([{ name: plain!.name, value: plain!.value, url: base }]);
    await other.goto(`${base}/`);
    expect(new URL(other.url()).pathname).toBe("/login");
    // Control: the same cookie still works over plain http.
    await direct.goto(`${app.url}/`);
    expect(new URL(direct.url()).pathname).toBe("/");
  });
});

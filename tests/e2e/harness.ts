import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Cookie, type Page } from "playwright-core";
import { auditOnLoad, notTheApp } from "./a11y";

/** What a context keeps of a sign-in (its cookies), to open another context already signed in. */
export type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

// Browser-test harness: a production server on a fresh PGlite directory and a free port, Debian's
// Chromium through playwright-core (never a downloaded browser), and an in-process OpenID provider.

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DEMO_PASSWORD = "VanPhong@2026";
export const SESSION_COOKIE = "authjs.session-token";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  // Nothing leaves the machine (the provider's devInteractions page asks for Google Fonts, for one): every
  // name but loopback's resolves to nothing. A resolver rule, not request interception: see keepTrafficLocal.
  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
  // A test's page lives for seconds: V8's optimizing compilers (TurboFan, Maglev) spend CPU on code that is
  // then thrown away. Without them the renderers used about a tenth less CPU (outgoing.test.ts: 32 s against 35–37).
  "--js-flags=--no-opt --no-maglev",
];

/** Demo people used by the browser tests (lib/seed/demo-data.ts). */
export const DEMO = {
  admin: { username: "quantri", fullName: "Trần Minh Quân" },
  leader: { username: "giamdoc", fullName: "Nguyễn Văn Hùng" },
  clerk: { username: "vanthu", fullName: "Huỳnh Thị Ngọc Ánh" },
  clerk2: { username: "vanthu2", fullName: "Lê Thị Kim Oanh" },
  unitHead: { username: "tp.tcbc", fullName: "Phan Văn Đức" },
  staff: { username: "cv.tcbc1", fullName: "Đỗ Minh Khoa" },
  staff2: { username: "cv.tcbc2", fullName: "Ngô Thị Thanh Tâm" },
  staff3: { username: "cv.xdcq", fullName: "Trần Thị Bích Ngọc" },
  archivist: { username: "luutru", fullName: "Nguyễn Thị Hồng Nhung" },
  officeChief: { username: "chanhvp", fullName: "Đặng Thị Thu Hà" },
  /** Quản trị cấp tỉnh (lib/seed/demo.ts seedProvinceAdmin): agencies only, no document. */
  province: { username: "quantri.tinh", fullName: "Nguyễn Thành Trung" },
} as const;

export const MESSAGES = {
  invalid: "Tên đăng nhập hoặc mật khẩu không đúng.",
  locked: "Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần",
  ssoUnknown: "Tài khoản SSO này chưa được liên kết với cán bộ nào đang hoạt động trong hệ thống",
  notFound: "Không tìm thấy trang",
} as const;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ───────────────────────────── app server ─────────────────────────────

export interface AppServer {
  /** http://127.0.0.1:<port> (or http://localhost:<port>), without a trailing slash. */
  url: string;
  port: number;
  dataDir: string;
  /** The pid of the process group leader: scripts/start.ts, whose child is the server (scripts/serve.mjs), or the server itself. */
  pid: number;
  logs: () => string;
  stop: () => Promise<void>;
}

export interface StartOptions {
  /** Extra environment for the app (AUTH_OIDC_*, LOGIN_MAX_FAILURES, BENCH_FLOOR…). */
  env?: Record<string, string | undefined>;
  /** Use this port (e.g. one already promised to an OpenID client); otherwise a free one. */
  port?: number;
  /**
   * Use this data directory (already prepared); otherwise a fresh temporary one, which starts as a
   * copy of E2E_PGLITE_TEMPLATE when set (migrated + demo agency, see global-setup.ts). Deleted on stop.
   */
  dataDir?: string;
  /** Keep the data directory on stop (the bench reads it afterwards). */
  keepDataDir?: boolean;
  /**
   * Host name in `url` (the server always listens on 127.0.0.1). The OIDC tests need "localhost":
   * Next's NextURL rewrites 127.x hosts to "localhost" in route handlers, so an AUTH_URL on
   * 127.0.0.1 would give a different redirect_uri at the callback than at the authorize step.
   */
  publicHost?: "127.0.0.1" | "localhost";
  /** How long to wait for /api/health. */
  timeoutMs?: number;
  /** Echo the server's output (E2E_VERBOSE=1 does the same). */
  verbose?: boolean;
}

// Variables of the test runner or of the developer's shell that must not leak into the server.
const SCRUB = [
  "NODE_ENV", "DATABASE_URL", "TEST_DATABASE_URL", "AUTH_SECRET", "AUTH_URL", "NEXTAUTH_URL", "AUTH_OIDC_ISSUER",
  "AUTH_OIDC_ID", "AUTH_OIDC_SECRET", "DATA_DIR", "PORT", "HOSTNAME", "SKIP_BUILD", "BENCH_FLOOR", "DEMO_SEED",
  "INITIAL_ADMIN_USERNAME", "INITIAL_ADMIN_PASSWORD", "NODE_OPTIONS", "E2E_PGLITE_TEMPLATE",
];

export function makeTempDir(prefix = "vpdt-e2e-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A copy of the prepared template: the database and the demo documents' stored files. */
export function copyTemplate(template: string, dataDir: string) {
  for (const dir of ["pglite", "files"]) {
    if (fs.existsSync(path.join(template, dir))) fs.cpSync(path.join(template, dir), path.join(dataDir, dir), { recursive: true });
  }
}

/**
 * Starts `scripts/start.ts` (migrate + seed the demo agency, then the app's server, scripts/serve.mjs) with SKIP_BUILD=1
 * on a fresh data directory, or the server alone on a fresh copy of the prepared template, and waits until
 * /api/health answers "ok". Needs a production build in .next (npm test builds first).
 */
export async function startApp(opts: StartOptions = {}): Promise<AppServer> {
  // Two browser files run at a time (vitest.e2e.config.ts): a free port found by one may be taken by the
  // other before its server listens. A port the harness chose is then chosen again (a fresh data
  // directory each time, unless the caller's folder is kept on stop).
  for (let attempt = 1; ; attempt++) {
    try {
      return await startAppOnce(opts);
    } catch (e) {
      const retry = opts.port === undefined && (!opts.dataDir || opts.keepDataDir) && attempt < 3;
      if (!retry || !/EADDRINUSE/.test(String((e as Error)?.message ?? e))) throw e;
      console.log(`[harness] the port was taken meanwhile; starting again on another (${attempt})`);
    }
  }
}

async function startAppOnce(opts: StartOptions): Promise<AppServer> {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!fs.existsSync(path.join(ROOT, distDir, "BUILD_ID"))) {
    throw new Error(`No production build in ${distDir}: run \`npx next build\` first (npm test does it).`);
  }
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? makeTempDir();
  const template = process.env.E2E_PGLITE_TEMPLATE;
  const copied = !opts.dataDir && !!template && fs.existsSync(path.join(template, "pglite"));
  if (copied) copyTemplate(template, dataDir);
  // A fresh copy of the template is already migrated and seeded by the same code (global-setup.ts), so
  // scripts/start.ts would only find nothing to do, in about 2 s of a loaded core per file: the server
  // (scripts/serve.mjs) is started directly, with what start.ts gives it. A caller's own folder, a real
  // PostgreSQL, or E2E_VIA_START=1 goes through start.ts as `npm start` does.
  const direct = copied && !opts.env?.DATABASE_URL && process.env.E2E_VIA_START !== "1";
  const url = `http://${opts.publicHost ?? "127.0.0.1"}:${port}`;
  const healthUrl = `http://127.0.0.1:${port}/api/health`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith("VITEST") || SCRUB.includes(k)) delete env[k];
  Object.assign(env, {
    NEXT_TELEMETRY_DISABLED: "1",
    SKIP_BUILD: "1",
    DATA_DIR: dataDir,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    AUTH_TRUST_HOST: "true",
    // The browser tests' world is one agency (global-setup.ts); a test may ask for the second one.
    DEMO_SECOND_AGENCY: "0",
  });
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  // What start.ts adds for the server: its own secret (as ensureAuthSecret makes one per data folder)
  // and the mark that the migrations ran.
  if (direct) Object.assign(env, { AUTH_SECRET: env.AUTH_SECRET ?? randomBytes(32).toString("base64url"), VPDT_MIGRATED: "1" });

  const verbose = opts.verbose ?? process.env.E2E_VERBOSE === "1";
  let output = "";
  const keep = (chunk: Buffer) => {
    const s = chunk.toString();
    output = (output + s).slice(-200_000);
    if (verbose) process.stderr.write(`[app:${port}] ${s}`);
  };
  // One node process (start.ts with tsx as a loader, no tsx CLI wrapper; or serve.mjs) in its own process
  // group, so that stop() also ends the server child start.ts spawns.
  const child: ChildProcess = spawn(
    process.execPath,
    direct ? [path.join("scripts", "serve.mjs")] : ["--conditions=react-server", "--import", "tsx", path.join("scripts", "start.ts")],
    { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.on("exit", (code, signal) => {
      exited = code ?? (signal ? -1 : 0);
      if (signal) output += `\n[harness] the app process ended by ${signal}\n`;
      resolve();
    }),
  );

  // If this process ends without stop() (a killed worker, a crash), take the server down with it.
  const killOnExit = () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  };
  process.once("exit", killOnExit);

  let stopped = false;
  const stop = async () => {
    process.off("exit", killOnExit);
    if (stopped) return;
    stopped = true;
    if (exited === undefined && child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
      const done = await Promise.race([exit.then(() => true), sleep(8000).then(() => false)]);
      if (!done) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          /* already gone */
        }
        await Promise.race([exit, sleep(3000)]);
      }
    }
    // The server grandchild shares the group; make sure nothing is left holding the directory.
    if (child.pid) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* group is empty */
      }
    }
    if (!opts.keepDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const t0 = Date.now();
  const deadline = t0 + (opts.timeoutMs ?? 120_000);
  for (;;) {
    if (exited !== undefined) {
      await stop();
      throw new Error(`The app exited (code ${exited}) before it was healthy.\n${output.slice(-5000)}`);
    }
    try {
      const res = await fetch(healthUrl, { signal: AbortSignal.timeout(10_000) });
      if (res.ok) {
        const body = (await res.json()) as { status?: string };
        // Our own server's line "… đang chạy tại …" (scripts/serve.mjs, on listen) too: an answer on this
        // port could come from another file's server that took the port meanwhile.
        if (body.status === "ok" && output.includes(`đang chạy tại http://${env.HOSTNAME === "0.0.0.0" ? "localhost" : env.HOSTNAME}:${port}`)) break;
      }
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The app did not become healthy on ${url}.\n${output.slice(-5000)}`);
    }
    await sleep(250);
  }
  if (process.env.E2E_QUIET !== "1") console.log(`[harness] app ready on ${url} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { url, port, dataDir, pid: child.pid!, logs: () => output, stop };
}

/** For afterEach: when the test failed, show the end of the server's output. */
export function printServerLogIfFailed(ctx: { task: { name: string; result?: { state?: string } } }, app: AppServer | undefined) {
  if (app && ctx.task.result?.state === "fail") {
    console.log(`[harness] server output (last 4,000 characters) after "${ctx.task.name}":\n${app.logs().slice(-4000)}`);
  }
}

// ───────────────────────────── browser ─────────────────────────────

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/**
 * Link prefetches, which render whole dynamic pages on a two-core machine that also runs the test, are
 * dropped: no test depends on them, navigation then fetches the page itself (E2E_PREFETCH=1 keeps them).
 * They are refused in the page, as a network error of the router's own fetch (what aborting the request
 * did), not by Playwright's request interception: a context with a route has its HTTP cache turned off and
 * every request of every page (each script, stylesheet and font again on each load) sent through the test
 * process, which cost more CPU than the rest of a navigation. Traffic off the machine is stopped by the
 * browser's resolver rule (CHROMIUM_ARGS). E2E_INTERCEPT=1 goes back to interception, to compare.
 */
export async function keepTrafficLocal(context: BrowserContext, opts: { prefetch?: boolean } = {}): Promise<void> {
  const prefetch = opts.prefetch ?? process.env.E2E_PREFETCH === "1";
  if (process.env.E2E_INTERCEPT === "1") {
    const quietly = (p: Promise<void>) => p.catch(() => undefined);
    await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/]|localhost[:/])/, (route) => quietly(route.abort()));
    if (!prefetch) {
      await context.route(/[?&]_rsc=/, (route) =>
        quietly(route.request().headers()["next-router-prefetch"] ? route.abort() : route.fallback()),
      );
    }
    return;
  }
  if (prefetch) return;
  await context.addInitScript(() => {
    const fetch = window.fetch;
    window.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
      const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
      if (headers.has("next-router-prefetch")) return Promise.reject(new TypeError("Failed to fetch"));
      return fetch.call(this, input, init);
    };
  });
}

export async function newPage(browser: Browser, opts: { storageState?: StorageState } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh", storageState: opts.storageState });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  await keepTrafficLocal(context);
  // Every page the tests open is audited with axe-core when it loads (tests/e2e/a11y.ts); the
  // suite (suite.ts) fails a test whose pages had WCAG 2.1 A/AA violations.
  context.on("page", (p) => auditOnLoad(context, p));
  const page = await context.newPage();
  if (process.env.E2E_TRACE === "1") {
    const skip = (u: string) => u.includes("/_next/static/");
    page.on("request", (r) => !skip(r.url()) && console.log(`[page] > ${r.method()} ${r.url()}`));
    page.on("response", (r) => !skip(r.url()) && console.log(`[page] < ${r.status()} ${r.url()}`));
    page.on("requestfailed", (r) => console.log(`[page] ✗ ${r.method()} ${r.url()} ${r.failure()?.errorText}`));
    page.on("console", (m) => console.log(`[page] console.${m.type()}: ${m.text()}`));
  }
  return { context, page };
}

/**
 * Waits until React has hydrated the element (React puts its `__reactProps$…` key on hydrated DOM
 * nodes). Filling a form before that would lose the values or submit it natively.
 */
export async function waitForHydration(page: Page, selector: string) {
  await page.waitForFunction(
    (sel) => {
      const el = document.querySelector(sel);
      return !!el && Object.keys(el).some((k) => k.startsWith("__reactProps$"));
    },
    selector,
    { timeout: 20_000 },
  );
}

/** Fills and submits the local sign-in form; does not wait for the outcome. */
export async function submitLogin(page: Page, base: string, username: string, password: string = DEMO_PASSWORD) {
  if (!new URL(page.url() === "about:blank" ? "http://x/" : page.url()).pathname.startsWith("/login")) {
    await page.goto(`${base}/login`);
  }
  await waitForHydration(page, "#username");
  await page.fill("#username", username);
  await page.fill("#password", password);
  const response = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login");
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  await response;
}

/** Signs in and waits for the shell with the person's name in the header. */
export async function login(page: Page, base: string, username: string, fullName: string, password: string = DEMO_PASSWORD) {
  await page.goto(`${base}/login`);
  await submitLogin(page, base, username, password);
  await page.waitForURL((u) => u.pathname === "/", { timeout: 30_000 });
  await page.getByRole("banner").getByText(fullName, { exact: true }).waitFor();
}

/** Signs in and returns the failure message shown on the login page. */
export async function loginError(page: Page, base: string, username: string, password: string): Promise<string> {
  await page.goto(`${base}/login`);
  await submitLogin(page, base, username, password);
  const alert = page.locator("form[aria-label='Đăng nhập bằng tài khoản nội bộ'] [role=alert] p");
  await alert.waitFor();
  return (await alert.innerText()).trim();
}

export async function sessionCookie(context: BrowserContext): Promise<Cookie | undefined> {
  return (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
}

/** The visible labels of the main navigation. */
export async function navLabels(page: Page): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: "Chức năng" });
  await nav.waitFor();
  // A link may carry the count of what waits there ("Văn bản đến 2 việc đang chờ"): the label is the rest.
  return (await nav.getByRole("link").allInnerTexts()).map((s) => s.replace(/\s*\d+\s*việc đang chờ\s*$/, "").trim());
}

/** Finds a person on /admin/users by search and returns the id of their detail page. */
export async function adminFindUserId(page: Page, base: string, username: string): Promise<string> {
  await page.goto(`${base}/admin/users?q=${encodeURIComponent(username)}`);
  const row = page.locator("tbody tr").filter({ has: page.locator("td", { hasText: new RegExp(`^${escapeRe(username)}$`) }) });
  const href = await row.getByRole("link").first().getAttribute("href");
  const id = href?.split("/").pop();
  if (!id) throw new Error(`User ${username} not found in /admin/users`);
  return id;
}

export const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// ───────────────────────────── OpenID provider ─────────────────────────────

export interface LocalIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop: () => Promise<void>;
}

/**
 * oidc-provider 9 in this process on 127.0.0.1 (stack-notes §2). Any login name is accepted and
 * becomes the `sub`; devInteractions gives the login and consent pages.
 */
export async function startIdp(opts: { appUrl: string; port?: number }): Promise<LocalIdp> {
  const port = opts.port ?? (await freePort());
  const issuer = `http://127.0.0.1:${port}`;
  // Its login and consent pages are the provider's, not ours: the accessibility audit skips them.
  notTheApp(issuer);
  const clientId = "vpdt-e2e";
  const clientSecret = "vpdt-e2e-secret-0123456789abcdef";
  // oidc-provider warns on Node 20 ("Unsupported runtime") and about its development defaults
  // (in-memory adapter, dev keys, devInteractions), all intended here: keep them out of the output.
  const quiet = quietOidcProviderNotices();
  const { default: Provider } = (await import("oidc-provider")) as { default: new (issuer: string, config: object) => OidcProvider };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${opts.appUrl}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    findAccount: async (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: async () => ({ sub: id, email: `${id}@idp.example.vn`, email_verified: true, name: `Người dùng ${id}` }),
    }),
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    conformIdTokenClaims: false,
    cookies: { keys: ["vpdt-e2e-cookie-key"] },
    features: { devInteractions: { enabled: true } },
  });
  const server: http.Server = provider.listen(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    if (server.listening) resolve();
    server.once("listening", () => resolve());
    server.once("error", reject);
  });
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          quiet.restore();
          resolve();
        });
      }),
  };
}

function quietOidcProviderNotices() {
  const { info, warn } = console;
  const skip = (args: unknown[]) => typeof args[0] === "string" && /oidc-provider (NOTICE|WARNING)/.test(args[0]);
  console.info = (...args: unknown[]) => void (skip(args) || info(...args));
  console.warn = (...args: unknown[]) => void (skip(args) || warn(...args));
  return {
    restore: () => {
      console.info = info;
      console.warn = warn;
    },
  };
}

interface OidcProvider {
  listen: (port: number, host: string) => http.Server;
}

/** On the provider's devInteractions pages: log in as `subject` (any password), then grant consent. */
export async function idpLogin(page: Page, idp: LocalIdp, subject: string) {
  const idpOrigin = new URL(idp.issuer).origin;
  await page.waitForURL((u) => u.origin === idpOrigin, { timeout: 30_000 });
  const loginUrl = page.url();
  await page.locator("input[name=login]").fill(subject);
  await page.fill("input[name=password]", "any-password");
  await page.click("button[type=submit]");
  await page.waitForURL((u) => u.href !== loginUrl, { timeout: 30_000 });
  await page.waitForLoadState("domcontentloaded");
  // The consent page ("Authorize") is also on the provider; after it the browser returns to the app.
  if (new URL(page.url()).origin === idpOrigin) {
    await page.locator("button[type=submit]").click();
  }
  await page.waitForURL((u) => u.origin !== idpOrigin, { timeout: 30_000 });
}

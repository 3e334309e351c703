import { createHash, randomBytes, randomUUID } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { startS3, type TestS3 } from "../helpers/s3";
import { pdf } from "../unit/storage-fixtures";
import { collectAudits, describeViolations } from "./a11y";
import {
  DEMO, DEMO_PASSWORD, MESSAGES, freePort, launchBrowser, login, loginError, newPage, printServerLogIfFailed, sessionCookie,
  startApp, type AppServer,
} from "./harness";

// Issue 15 item 2: several app instances, one PostgreSQL. Two production servers on one fresh database and
// one S3 bucket (s3rver), behind a round-robin proxy written here; the browser only ever talks to the
// proxy. Whatever must agree (sessions, login limits, idempotency keys, jobs, files) lives in PostgreSQL or
// the bucket, so a session opened on one instance works on the other, a file uploaded on A downloads
// intact from B, failures on A and B add up to one lock, and each job runs on one instance only.

const PG = process.env.TEST_DATABASE_URL;
if (!PG) {
  console.log(
    "[two-instances] skipped: TEST_DATABASE_URL is not set. Two processes cannot share one PGlite folder; " +
      "this test needs a PostgreSQL (CI sets TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test).",
  );
}

type Instance = "A" | "B";
interface Routed {
  method: string;
  path: string;
  instance: Instance;
}

/**
 * A small reverse proxy: forwards method, headers and body as streams, alternating A, B, A… per request,
 * or always to one instance while `pin` is set (for steps that must happen on a given one). Records which
 * instance served each request. Host is kept, so the app sees its public origin (AUTH_URL = this proxy).
 */
async function startProxy() {
  const targets: Record<Instance, number> = { A: 0, B: 0 };
  const log: Routed[] = [];
  let turn = 0;
  const state = { pin: null as Instance | null };
  const server = http.createServer((req, res) => {
    const instance: Instance = state.pin ?? (turn++ % 2 === 0 ? "A" : "B");
    log.push({ method: req.method ?? "GET", path: req.url ?? "/", instance });
    const upstream = http.request(
      { host: "127.0.0.1", port: targets[instance], method: req.method, path: req.url, headers: req.headers, agent: false },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    res.on("close", () => upstream.destroy());
    req.pipe(upstream);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    targets,
    log,
    pin: (i: Instance | null) => void (state.pin = i),
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/** An SMTP server on loopback that answers slowly (so a runner holds its jobs a while) and keeps each Message-ID. */
async function startSmtpSink(delayMs: number) {
  const ids: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const id = /^Message-ID:\s*<([^@>]+)@/im.exec(Buffer.concat(chunks).toString("utf8"))?.[1];
        if (id) ids.push(id);
        setTimeout(() => cb(), delayMs);
      });
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, ids, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe.skipIf(!PG)("two app instances on one PostgreSQL behind a round-robin proxy", () => {
  const dbName = `twoinst_${process.pid}_${randomBytes(4).toString("hex")}`;
  let admin: pg.Client;
  let db: pg.Client;
  let s3: TestS3;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  const smtp = {} as Record<Instance, Awaited<ReturnType<typeof startSmtpSink>>>;
  const apps = {} as Record<Instance, AppServer>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    const url = new URL(PG!);
    url.pathname = `/${dbName}`;
    s3 = await startS3();
    proxy = await startProxy();
    smtp.A = await startSmtpSink(300);
    smtp.B = await startSmtpSink(300);
    // Everything an installation's instances must share; only the mail server differs here, so that the
    // test can tell which instance sent a message.
    const shared = {
      DATABASE_URL: url.toString(),
      DEMO_SEED: "1",
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      AUTH_URL: proxy.url,
      FILES_S3_URL: s3.url,
      JOBS_POLL_MS: "200",
      // Every request comes from 127.0.0.1: this file tests the per-account lock, not the per-address one.
      LOGIN_IP_MAX_FAILURES: "1000",
    };
    // The first start migrates and seeds; the second starts on the ready database.
    apps.A = await startApp({ env: { ...shared, SMTP_URL: smtp.A.url }, timeoutMs: 180_000 });
    apps.B = await startApp({ env: { ...shared, SMTP_URL: smtp.B.url }, timeoutMs: 180_000 });
    proxy.targets.A = apps.A.port;
    proxy.targets.B = apps.B.port;
    db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    browser = await launchBrowser();
  }, 300_000);

  afterEach(async (ctx) => {
    proxy?.pin(null);
    printServerLogIfFailed(ctx, apps.A);
    printServerLogIfFailed(ctx, apps.B);
    const open = contexts.splice(0);
    const found = (await Promise.all(open.map((c) => collectAudits(c)))).flat();
    await Promise.all(open.map((c) => c.close()));
    if (found.length) throw new Error(`Accessibility (axe-core, WCAG 2.1 A/AA):\n${describeViolations(found)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([apps.A?.stop(), apps.B?.stop()]);
    await db?.end();
    await proxy?.close();
    await Promise.all([smtp.A?.close(), smtp.B?.close(), s3?.close()]);
    if (admin) {
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  }, 60_000);

  async function open(): Promise<Page> {
    const { context, page } = await newPage(browser);
    contexts.push(context);
    return page;
  }

  /** The page loads (not assets) the proxy sent to each instance since `from`. */
  const pagesServed = (from: number) =>
    proxy.log.slice(from).filter((r) => r.method === "GET" && !r.path.startsWith("/_next/") && !r.path.startsWith("/api/"));

  test("a session opened through the proxy works on both instances; signing out on one ends it on the other", async () => {
    const page = await open();
    await login(page, proxy.url, DEMO.clerk.username, DEMO.clerk.fullName);
    const from = proxy.log.length;
    // Round robin: a few pages, each a document and its assets, land on both instances; every one is signed in.
    for (const path of ["/incoming", "/outgoing", "/account", "/"]) {
      await page.goto(`${proxy.url}${path}`);
      expect(new URL(page.url()).pathname, path).toBe(path);
      await page.getByRole("banner").getByText(DEMO.clerk.fullName, { exact: true }).waitFor();
    }
    expect(new Set(pagesServed(from).map((r) => r.instance))).toEqual(new Set(["A", "B"]));

    // On each instance by name, then Đăng xuất on B: the same cookie opens nothing on A afterwards.
    const cookie = (await sessionCookie(page.context()))!;
    for (const instance of ["A", "B"] as const) {
      proxy.pin(instance);
      await page.goto(`${proxy.url}/account`);
      expect(new URL(page.url()).pathname, instance).toBe("/account");
      await page.getByRole("banner").getByText(DEMO.clerk.fullName, { exact: true }).waitFor();
    }
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.waitForURL((u) => u.pathname === "/login");
    proxy.pin("A");
    const replay = await open();
    await replay.context().addCookies([{ name: cookie.name, value: cookie.value, url: proxy.url }]);
    await replay.goto(`${proxy.url}/account`);
    expect(new URL(replay.url()).pathname).toBe("/login");
  });

  test("a scan uploaded on A is registered, then downloads intact from B (one bucket)", async () => {
    const page = await open();
    await login(page, proxy.url, DEMO.clerk.username, DEMO.clerk.fullName);
    proxy.pin("A");
    const from = proxy.log.length;
    await page.goto(`${proxy.url}/incoming/new`);
    await page.fill("#symbol", "88/UBND-VX");
    await page.fill("#issuerName", "UBND tỉnh Bình Định");
    await page.selectOption("#docType", "Công văn");
    await page.fill("#subject", "Công văn về việc rà soát biên chế năm 2027 (hai máy chủ)");
    const scan = pdf("Cong van 88 hai may chu");
    const sha = createHash("sha256").update(scan).digest("hex");
    await page.setInputFiles("#files", { name: "cong-van-88.pdf", mimeType: "application/pdf", buffer: scan });
    await expect.poll(() => page.getByRole("list", { name: "Tệp đã tải lên" }).textContent()).toContain(sha);
    await page.getByRole("button", { name: "Vào sổ" }).click();
    await page.waitForURL(/\/incoming\/[0-9a-f-]{36}\?registered=1$/);
    const docPath = new URL(page.url()).pathname;
    const uploads = proxy.log.slice(from).filter((r) => r.method === "POST" && r.path === "/api/files");
    expect(uploads.map((r) => r.instance)).toEqual(["A"]);

    // B never saw the upload: it renders the document and streams the file from the bucket.
    proxy.pin("B");
    await page.goto(`${proxy.url}${docPath}`);
    expect(await page.getByText(`SHA-256 ${sha}`).count()).toBe(1);
    const href = (await page.getByRole("link", { name: "cong-van-88.pdf", exact: true }).getAttribute("href"))!;
    const download = await page.request.get(`${proxy.url}${href}`);
    expect(download.status()).toBe(200);
    expect(createHash("sha256").update(await download.body()).digest("hex")).toBe(sha);
    // Every read of the file (the page's viewer and the download) was served by B.
    const filePath = href.split("?")[0];
    const reads = proxy.log.slice(from).filter((r) => r.method === "GET" && r.path.split("?")[0] === filePath);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.map((r) => r.instance)).toEqual(reads.map(() => "B"));
  });

  test("a login lockout counts failures on both instances: then the right password is refused on A and on B", async () => {
    const page = await open();
    const from = proxy.log.length;
    // LOGIN_MAX_FAILURES is 5 (lib/auth/settings.ts): A, B, A, B, A.
    for (let i = 1; i <= 5; i++) {
      proxy.pin(i % 2 === 1 ? "A" : "B");
      expect(await loginError(page, proxy.url, DEMO.staff2.username, `SaiMatKhau-${i}`), `attempt ${i}`).toBe(MESSAGES.invalid);
    }
    for (const instance of ["B", "A"] as const) {
      proxy.pin(instance);
      expect(await loginError(page, proxy.url, DEMO.staff2.username, DEMO_PASSWORD), instance).toContain(MESSAGES.locked);
      expect(await sessionCookie(page.context())).toBeUndefined();
    }
    const posts = proxy.log.slice(from).filter((r) => r.method === "POST" && r.path === "/login");
    expect(posts.map((r) => r.instance)).toEqual(["A", "B", "A", "B", "A", "B", "A"]);
    const { rows } = await db.query(
      "select count(*) filter (where not success)::int as failed, count(*) filter (where success)::int as ok from login_attempts where username = $1",
      [DEMO.staff2.username],
    );
    expect(rows[0]).toMatchObject({ ok: 0 });
    expect(rows[0].failed).toBeGreaterThanOrEqual(5);
  });

  test("each queued e-mail job is taken by one instance only, while both runners are live", async () => {
    const n = 12;
    const { rows: people } = await db.query("update users set email = 'anh.huynh@snv.example.vn' where username = $1 returning id", [DEMO.clerk.username]);
    const ids: string[] = Array.from({ length: n }, () => randomUUID());
    // One transaction: both runners (polling every 200 ms) find all twelve due at once.
    await db.query("begin");
    for (const [i, id] of ids.entries()) {
      await db.query("insert into notifications (id, user_id, text, href, kind) values ($1, $2, $3, '/', 'other')", [
        id, people[0].id, `Thông báo thử hai máy chủ số ${i + 1}`,
      ]);
      await db.query("insert into jobs (queue, payload) values ('mail.notification', $1)", [JSON.stringify({ notificationId: id })]);
    }
    await db.query("commit");

    const state = async () =>
      (
        await db.query(
          "select state, attempts, last_error from jobs where queue = 'mail.notification' and payload->>'notificationId' = any($1)",
          [ids],
        )
      ).rows as { state: string; attempts: number; last_error: string | null }[];
    await expect.poll(async () => (await state()).filter((j) => j.state === "done").length, { timeout: 60_000 }).toBe(n);
    // Claimed once each (FOR UPDATE SKIP LOCKED): one attempt, no error, one effect row, one message.
    expect((await state()).map((j) => [j.attempts, j.last_error])).toEqual(ids.map(() => [1, null]));
    const effects = await db.query("select count(*)::int as n from job_effects where key = any($1)", [ids.map((id) => `mail:${id}`)]);
    expect(effects.rows[0].n).toBe(n);
    const sentA = smtp.A.ids.filter((id) => ids.includes(id));
    const sentB = smtp.B.ids.filter((id) => ids.includes(id));
    expect([...sentA, ...sentB].sort()).toEqual([...ids].sort());
    // Both runners took part (each instance has its own mail server here).
    expect(sentA.length, `A sent ${sentA.length}, B sent ${sentB.length}`).toBeGreaterThan(0);
    expect(sentB.length, `A sent ${sentA.length}, B sent ${sentB.length}`).toBeGreaterThan(0);
  });
});

/**
 * `npm run bench`: throughput and latency of the production build on this machine.
 *
 *   1. builds (`next build`) when there is no build or the sources are newer than it;
 *   2. prepares a fresh database: migrations, the demo agency, then BENCH_USERS extra people
 *      (default 2,000) with two sessions each and BENCH_INCOMING incoming documents, all BEFORE the
 *      server opens it. PGlite by default (a fresh directory: PGlite has no lock, never two processes
 *      on one directory); with BENCH_DATABASE_URL=postgres://…/any a fresh database created on that
 *      PostgreSQL server and dropped at the end (production runs on PostgreSQL; PGlite runs every
 *      query on the server's main thread);
 *   3. starts `scripts/start.ts` with SKIP_BUILD=1 and BENCH_FLOOR=1 (the bare page /floor);
 *   4. signs in over plain HTTP (Auth.js CSRF token + credentials callback) to get session cookies;
 *   5. runs autocannon against each page at each connection count (warm-up, then measure) and
 *      prints req/s, p50, p95, p99 and p95 relative to the floor's p95; writes JSON to tests/bench/out/.
 *
 * Environment: BENCH_DATABASE_URL (unset = PGlite), BENCH_USERS (2000), BENCH_INCOMING (100000), BENCH_OUTGOING (100000),
 * BENCH_EXTRA_PARTS (0; 4 gives issue 12's three parts a document: other units coordinating or told),
 * BENCH_FILE_YEARS (10), BENCH_FILES_PER_YEAR (300), BENCH_FILE_DOCS (20 documents per work file), BENCH_DURATION seconds (10), BENCH_WARMUP seconds (2),
 * BENCH_CONNECTIONS ("10,50"), BENCH_ONLY (comma-separated page names; "numbering" runs tests/bench/numbering.ts,
 * writes under load on BENCH_DATABASE_URL, first), BENCH_BUILD=1 to force a build, BENCH_BUILD=0 to measure the build as
 * it is (two builds compared while the sources change, NEXT_DIST_DIR naming each),
 * BENCH_PROFILE=1: the server runs under `node --cpu-prof`; its top functions by self time are printed and saved,
 * BENCH_SAVE_PAGES=1: one response of each page kept in tests/bench/out/pages/ (the table's KB column is every page's size),
 * BENCH_LOGIN_TRIES (30): failed sign-ins timed for a real account and for unknown names (§5 row 6),
 * BENCH_KEEP=1: the PostgreSQL database is kept (its URL printed); BENCH_REUSE_URL=<that URL> measures it again
 * without generating (after a migration, say),
 * BENCH_ROUNDS (1): every page measured this many times, round after round; the table gives the medians,
 * BENCH_FLOOR_EACH=1: the floor measured again after every page, each page's ratio against the floors beside it,
 * BENCH_JOBS=off: the server runs without its job runner (no start-up reminder sweep competing with the pages),
 * BENCH_NODE_OPTIONS: more Node.js options for the server, to compare settings (e.g. "--max-semi-space-size=64"),
 * BENCH_ENCODING: the Accept-Encoding every request sends, as a browser's does (e.g. "gzip, deflate, br"; unset: none,
 *   the server then compresses nothing, as in every figure before 2026-12-07's fourth session).
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon, { type Result } from "autocannon";
import { and, count, eq, sql } from "drizzle-orm";
import { openDb } from "@/db/client";
import { agencies, positions, units, userPositions, users, userSessions } from "@/db/schema";
import { seedDemo } from "@/lib/seed/demo";
import { DEMO_PASSWORD } from "@/lib/seed/demo-data";
import { hashPassword } from "@/lib/auth/password";
import { vietnamYear } from "@/lib/registers/numbering";
import { makeTempDir, startApp, type AppServer } from "../e2e/harness";
import { printProfile, serverProfile, summarizeProfile } from "./cpu-profile";
import { freshDatabase } from "./database";
import { generateIncoming } from "./incoming-data";
import { generateOutgoing } from "./outgoing-data";
import { generateWorkFiles } from "./work-files-data";

const ROOT = process.cwd();
const env = (name: string, fallback: string) => process.env[name] || fallback;
const EXTRA_USERS = Number(env("BENCH_USERS", "2000"));
const INCOMING = Number(env("BENCH_INCOMING", "100000"));
const OUTGOING = Number(env("BENCH_OUTGOING", "100000"));
const EXTRA_PARTS = Number(env("BENCH_EXTRA_PARTS", "0"));
const FILE_YEARS = Number(env("BENCH_FILE_YEARS", "10"));
const FILES_PER_YEAR = Number(env("BENCH_FILES_PER_YEAR", "300"));
const FILE_DOCS = Number(env("BENCH_FILE_DOCS", "20"));
const DURATION = Number(env("BENCH_DURATION", "10"));
const WARMUP = Number(env("BENCH_WARMUP", "2"));
const CONNECTIONS = env("BENCH_CONNECTIONS", "10,50").split(",").map(Number);
const ROUNDS = Math.max(1, Number(env("BENCH_ROUNDS", "1")) || 1);
const FLOOR_EACH = process.env.BENCH_FLOOR_EACH === "1";
const FLOOR_EACH_SECONDS = Math.max(2, Math.round(DURATION / 2));
const ENCODING = process.env.BENCH_ENCODING;
const ONLY = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
const PROFILE = process.env.BENCH_PROFILE === "1";
const SAVE_PAGES = process.env.BENCH_SAVE_PAGES === "1";
const DIST = process.env.NEXT_DIST_DIR || ".next";

// ───────────────────────────── 1. build ─────────────────────────────

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = 0;
  for (const e of fs.readdirSync(p)) m = Math.max(m, newestMtime(path.join(p, e)));
  return m;
}

function ensureBuild() {
  const buildId = path.join(ROOT, DIST, "BUILD_ID");
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const sources = Math.max(
    ...["app", "components", "lib", "db", "public", "next.config.ts", "package.json", "postcss.config.mjs"].map((p) => newestMtime(path.join(ROOT, p))),
  );
  if (built && (built >= sources || process.env.BENCH_BUILD === "0") && process.env.BENCH_BUILD !== "1") {
    console.log(`Bản build ${DIST} còn mới, không build lại.`);
    return;
  }
  console.log(built ? "Mã nguồn mới hơn bản build: build lại…" : "Chưa có bản build: build…");
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error(`next build failed (${r.status})`);
}

// ───────────────────────────── 2. data ─────────────────────────────

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
const MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Quốc", "Ngọc", "Hữu", "Đức", "Thu", "Kim", "Xuân", "Công"];
const GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vân", "Yến"];

async function prepareData(target: Awaited<ReturnType<typeof freshDatabase>>) {
  const t0 = Date.now();
  const handle = await openDb(target.options);
  try {
    await seedDemo(handle.db, hashPassword);
    const db = handle.db;
    const [agency] = await db.select({ id: agencies.id }).from(agencies).limit(1);
    const staffPositions = await db
      .select({ id: positions.id })
      .from(positions)
      .innerJoin(units, eq(units.id, positions.unitId))
      .where(and(eq(units.agencyId, agency.id), eq(positions.kind, "staff")));
    // One real hash shared by every generated person (hashing 2,000 times would take minutes).
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const now = Date.now();
    for (let start = 0; start < EXTRA_USERS; start += 500) {
      const n = Math.min(500, EXTRA_USERS - start);
      const batch = Array.from({ length: n }, (_, k) => {
        const i = start + k;
        const fullName = `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i >> 4) % MIDDLE.length]} ${GIVEN[(i * 7) % GIVEN.length]}`;
        return { agencyId: agency.id, username: `bench.${String(i).padStart(5, "0")}`, fullName, email: `bench.${i}@snv.example.vn`, passwordHash, passwordChangedAt: new Date(now) };
      });
      await db.transaction(async (tx) => {
        const ids = await tx.insert(users).values(batch).returning({ id: users.id });
        await tx.insert(userPositions).values(ids.map((u, k) => ({ userId: u.id, positionId: staffPositions[(start + k) % staffPositions.length].id })));
        // Two sessions each: one ended (history) and one live.
        await tx.insert(userSessions).values(
          ids.flatMap((u, k) => [
            {
              id: randomBytes(32).toString("base64url"), userId: u.id, method: "password", ip: `10.0.${(start + k) % 250}.${k % 250}`, userAgent: "bench",
              createdAt: new Date(now - 86_400_000), lastSeenAt: new Date(now - 86_000_000), expiresAt: new Date(now - 50_000_000),
              endedAt: new Date(now - 86_000_000), endReason: "logout",
            },
            {
              id: randomBytes(32).toString("base64url"), userId: u.id, method: "password", ip: `10.1.${(start + k) % 250}.${k % 250}`, userAgent: "bench",
              createdAt: new Date(now - 600_000), lastSeenAt: new Date(now - 60_000), expiresAt: new Date(now + 36_000_000),
            },
          ]),
        );
      });
    }
    const [{ n: people }] = await db.select({ n: count() }).from(users);
    const [{ n: sessions }] = await db.select({ n: count() }).from(userSessions);
    await db.execute(sql`analyze`);
    console.log(`Dữ liệu: ${people} người dùng, ${sessions} phiên (${((Date.now() - t0) / 1000).toFixed(1)} s).`);
    const incoming = INCOMING > 0 ? await generateIncoming(db, INCOMING, vietnamYear(new Date()), EXTRA_PARTS) : { incoming: 0, assignments: 0 };
    const outgoing = OUTGOING > 0 ? await generateOutgoing(db, OUTGOING, vietnamYear(new Date())) : { outgoing: 0, outgoingIssued: 0, recipients: 0 };
    const files = FILE_YEARS > 0 && FILES_PER_YEAR > 0
      ? await generateWorkFiles(db, { years: FILE_YEARS, perYear: FILES_PER_YEAR, docs: FILE_DOCS, year: vietnamYear(new Date()) })
      : { workFiles: 0, workFileEntries: 0, archivedFiles: 0, openFileId: null };
    // The steady state autovacuum keeps on a live server: statistics and the visibility map (counts and
    // lists read the indexes only, instead of re-checking a million freshly written rows).
    await db.execute(sql`vacuum analyze`);
    return { people, sessions, ...incoming, ...outgoing, ...files };
  } finally {
    await handle.close();
  }
}

/** A kept database (BENCH_REUSE_URL): what it holds, counted instead of generated. */
async function describeData(target: Awaited<ReturnType<typeof freshDatabase>>) {
  const handle = await openDb({ ...target.options, migrate: true });
  try {
    const one = async (q: ReturnType<typeof sql>) => Number(((await handle.db.execute(q)).rows[0] as { n: unknown }).n);
    const data = {
      people: await one(sql`select count(*) n from users`),
      sessions: await one(sql`select count(*) n from user_sessions`),
      incoming: await one(sql`select count(*) n from incoming_documents`),
      outgoing: await one(sql`select count(*) n from outgoing_documents`),
      // The file page's file, found as work-files-data.ts chose it: this year's first open file of cv.tcbc1.
      openFileId: ((await handle.db.execute(sql`
        select f.id from work_files f join users u on u.id = f.owner_id
        where u.username = 'cv.tcbc1' and f.status = 'open' and f.year = extract(year from now() at time zone 'Asia/Ho_Chi_Minh')::int
        order by f.code limit 1`)).rows[0] as { id: string } | undefined)?.id ?? null,
    };
    console.log(`Dùng lại cơ sở dữ liệu (BENCH_REUSE_URL): ${data.people} người dùng, ${data.incoming} văn bản đến, ${data.outgoing} văn bản đi.`);
    return data;
  } finally {
    await handle.close();
  }
}

// ───────────────────────────── 4. sign-in over HTTP ─────────────────────────────

class CookieJar {
  private jar = new Map<string, string>();
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }
  has = (name: string) => this.jar.has(name);
  header = () => [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

async function httpLogin(base: string, username: string, password: string): Promise<string> {
  const jar = new CookieJar();
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  jar.take(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, username, password, callbackUrl: `${base}/` }),
  });
  jar.take(res);
  if (!jar.has("authjs.session-token")) {
    throw new Error(`Sign-in of ${username} failed: ${res.status} ${res.headers.get("location") ?? ""}`);
  }
  return jar.header();
}

/**
 * security.md §5 row 6: a wrong password for a real account and any password for an unknown name
 * must take the same time. Alternating tries, median of each; the account lock is off for this.
 */
async function loginTiming(base: string, tries: number) {
  const once = async (username: string) => {
    const jar = new CookieJar();
    const csrfRes = await fetch(`${base}/api/auth/csrf`);
    jar.take(csrfRes);
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
    const t = performance.now();
    const res = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
      body: new URLSearchParams({ csrfToken, username, password: "Sai-Mat-Khau-2026", callbackUrl: `${base}/` }),
    });
    await res.arrayBuffer();
    const ms = performance.now() - t;
    return { ms, location: (res.headers.get("location") ?? "").replace(/^https?:\/\/[^/]+/, "") };
  };
  const known: number[] = [];
  const unknown: number[] = [];
  const answers = new Set<string>();
  for (let i = 0; i < tries; i++) {
    const a = await once("giamdoc");
    const b = await once(`khong.ton.tai.${i}`);
    known.push(a.ms);
    unknown.push(b.ms);
    answers.add(a.location).add(b.location);
  }
  const median = (xs: number[]) => quantile([...xs].sort((x, y) => x - y), 0.5);
  const r = {
    tries,
    knownWrongPasswordMedianMs: Math.round(median(known) * 10) / 10,
    unknownUserMedianMs: Math.round(median(unknown) * 10) / 10,
    differenceMs: Math.round((median(known) - median(unknown)) * 10) / 10,
    distinctAnswers: [...answers],
  };
  console.log(
    `Thời gian đăng nhập sai (${tries} lần mỗi loại, trung vị): sai mật khẩu ${r.knownWrongPasswordMedianMs} ms, ` +
      `tên không tồn tại ${r.unknownUserMedianMs} ms, chênh ${r.differenceMs} ms; phản hồi: ${r.distinctAnswers.join(" | ")}`,
  );
  return r;
}

// ───────────────────────────── 5. load ─────────────────────────────

interface Target {
  name: string;
  path: string;
  cookie?: string;
  /** Text the page must contain (checked once before the run, so we measure the real page). */
  expect: string;
}

interface Row {
  page: string;
  path: string;
  connections: number;
  rps: number;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  /** autocannon's own histogram figures, for comparison (it has no p95). */
  autocannon: { p50: number; p90: number; p97_5: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  /** BENCH_FLOOR_EACH=1: the mean p95 of the floors measured just before and just after this page. */
  adjacentFloorP95?: number;
  /** The server's CPU time (all its processes) per response during the run: what a page costs, whatever the machine's load. */
  cpuMsPerRequest?: number;
  /** Bytes of one response (HTML with its inline RSC payload), averaged over the run. */
  kb: number;
  p95VsFloor?: number;
}

/** CPU time (user + system, ms) of a process and all its live descendants, from /proc (Linux). */
function treeCpuMs(root: number): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  const stats = new Map<number, { ppid: number; cpu: number }>();
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const raw = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      const f = raw.slice(raw.lastIndexOf(")") + 2).split(" ");
      stats.set(Number(d), { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) * tick });
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  const walk = (pid: number) => {
    total += stats.get(pid)?.cpu ?? 0;
    for (const [child, s] of stats) if (s.ppid === pid) walk(child);
  };
  walk(root);
  return total;
}

const quantile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] : NaN;

async function measure(base: string, t: Target, connections: number, serverPid?: number, duration = DURATION, warmup = WARMUP): Promise<Row> {
  const headers: Record<string, string> = { ...(t.cookie ? { cookie: t.cookie } : {}), ...(ENCODING ? { "accept-encoding": ENCODING } : {}) };
  const url = `${base}${t.path}`;
  if (SAVE_PAGES) {
    // One response kept as served, to read what a page sends (tests/bench/out/pages/<name>.html).
    const dir = path.join(ROOT, "tests", "bench", "out", "pages");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${t.name}.html`), await (await fetch(url, { headers })).text());
  }
  if (warmup > 0) await autocannon({ url, connections, duration: warmup, headers, timeout: 30 });
  const times: number[] = [];
  const cpuBefore = serverPid && fs.existsSync("/proc/self/stat") ? treeCpuMs(serverPid) : NaN;
  const instance = autocannon({ url, connections, duration, headers, timeout: 30 });
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
  const r: Result = await instance;
  const cpuMs = treeCpuMs(serverPid ?? 0) - cpuBefore;
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    page: t.name,
    path: t.path,
    connections,
    rps: round(r.requests.average),
    requests: r.requests.total,
    p50: round(quantile(times, 0.5)),
    p95: round(quantile(times, 0.95)),
    p99: round(quantile(times, 0.99)),
    autocannon: { p50: r.latency.p50, p90: r.latency.p90, p97_5: r.latency.p97_5, p99: r.latency.p99, max: r.latency.max },
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    cpuMsPerRequest: Number.isFinite(cpuMs) && r.requests.total ? round(cpuMs / r.requests.total) : undefined,
    kb: r.requests.total ? round(r.throughput.total / r.requests.total / 1024) : 0,
  };
}

/** The middle one of `xs` by `by` (the lower of the two middle ones of an even count). */
const middle = <T>(xs: T[], by: (x: T) => number): T => [...xs].sort((a, b) => by(a) - by(b))[Math.floor((xs.length - 1) / 2)];

/** Per page, the round whose ratio to its floor is the median, with the median CPU per request over the rounds. */
function medianRows(rounds: Row[][]): Row[] {
  return rounds[0].map((_, i) => {
    const all = rounds.map((rs) => rs[i]);
    const cpu = all.map((r) => r.cpuMsPerRequest).filter((x): x is number => x !== undefined);
    return { ...middle(all, (r) => r.p95VsFloor ?? 0), cpuMsPerRequest: cpu.length ? middle(cpu, (x) => x) : undefined };
  });
}

function printTable(rows: Row[]) {
  const head = ["Trang", "Đường dẫn", "Kết nối", "req/s", "p50 ms", "p95 ms", "p99 ms", "p95/sàn", "CPU ms/req", "KB", "non-2xx", "lỗi"];
  const body = rows.map((r) => [
    r.page, r.path, String(r.connections), r.rps.toFixed(1), r.p50.toFixed(1), r.p95.toFixed(1), r.p99.toFixed(1),
    r.p95VsFloor === undefined ? "—" : `${r.p95VsFloor.toFixed(2)}×`, r.cpuMsPerRequest === undefined ? "—" : r.cpuMsPerRequest.toFixed(1), r.kb.toFixed(1), String(r.non2xx), String(r.errors + r.timeouts),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (i < 2 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`);
  for (const b of body) console.log(line(b));
}

// ───────────────────────────── main ─────────────────────────────

async function main() {
  // BENCH_ONLY=numbering: the in-process writes-under-load scenario (tests/bench/numbering.ts), no server.
  if (ONLY?.includes("numbering")) {
    const r = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", path.join(ROOT, "tests/bench/numbering.ts")], { stdio: "inherit" });
    if (r.status !== 0) throw new Error(`numbering bench failed (${r.status})`);
    if (ONLY.length === 1) return;
  }
  const started = new Date();
  ensureBuild();
  const dataDir = makeTempDir("vpdt-bench-");
  const profileDir = path.join(ROOT, "tests", "bench", "out", `cpu-${started.toISOString().replace(/[:.]/g, "-")}`);
  const target = await freshDatabase("bench", path.join(dataDir, "pglite"));
  console.log(`Cơ sở dữ liệu: ${target.kind === "pglite" ? `PGlite (trong tiến trình máy chủ, ${process.env.PGLITE_WORKER === "0" ? "trên luồng của máy chủ" : "trên luồng riêng"})` : "PostgreSQL (BENCH_DATABASE_URL)"}.`);
  let app: AppServer | undefined;
  try {
    const data = target.reused ? await describeData(target) : await prepareData(target);
    app = await startApp({
      dataDir,
      env: {
        ...target.env,
        ...(target.kind === "postgresql" ? { AUTH_SECRET: randomBytes(32).toString("base64url"), DEMO_SEED: "0" } : {}),
        BENCH_FLOOR: "1",
        // BENCH_JOBS=off: no job runner in the server. Its start-up reminder sweep over generated data whose
        // deadlines have all passed sends a notice per open part (about 100,000 at 20,000 documents, minutes of
        // PGlite's one thread), which competes with the pages measured.
        ...(process.env.BENCH_JOBS === "off" ? { JOBS: "off" } : {}),
        // BENCH_NODE_OPTIONS: more Node.js options for the server (e.g. "--max-semi-space-size=64"), to compare settings.
        ...(PROFILE || process.env.BENCH_NODE_OPTIONS
          ? {
              NODE_OPTIONS: [process.env.NODE_OPTIONS, process.env.BENCH_NODE_OPTIONS, PROFILE ? `--cpu-prof --cpu-prof-dir=${profileDir}` : ""]
                .filter(Boolean)
                .join(" "),
            }
          : {}),
        LOGIN_IP_MAX_FAILURES: "100000",
        LOGIN_MAX_FAILURES: "100000",
        SESSION_IDLE_MINUTES: "100000",
        SESSION_MAX_HOURS: "1000",
      },
    });
    const base = app.url;
    const clerk = await httpLogin(base, "vanthu", DEMO_PASSWORD);
    const admin = await httpLogin(base, "quantri", DEMO_PASSWORD);
    const staff = await httpLogin(base, "cv.tcbc1", DEMO_PASSWORD);
    const director = await httpLogin(base, "giamdoc", DEMO_PASSWORD);
    const archivist = await httpLogin(base, "luutru", DEMO_PASSWORD);
    const head = await httpLogin(base, "tp.tcbc", DEMO_PASSWORD);

    // A document page of each kind: the first row of the clerk's lists.
    const firstRow = async (list: string, kind: string, cookie = clerk) => {
      const html = await (await fetch(`${base}${list}`, { headers: { cookie } })).text();
      return html.match(new RegExp(`href="(/${kind}/[0-9a-f-]{36})"`))?.[1];
    };
    const [incomingDoc, outgoingDoc] = [await firstRow("/incoming?status=in_progress", "incoming"), await firstRow("/outgoing?status=issued", "outgoing")];
    // A document waiting for the director's instruction: the page with the leader's assignment form.
    const instructDoc = await firstRow("/incoming?mine=1", "incoming", director);
    const targets: Target[] = [
      { name: "floor", path: "/floor", expect: "floor" },
      { name: "login", path: "/login", expect: "Đăng nhập" },
      { name: "floor-shell", path: "/floor-shell", cookie: clerk, expect: "floor-shell" },
      { name: "home", path: "/", cookie: clerk, expect: "Huỳnh Thị Ngọc Ánh" },
      { name: "admin-users", path: "/admin/users", cookie: admin, expect: "Thêm người dùng" },
      { name: "admin-users-search", path: `/admin/users?q=${encodeURIComponent("nguyen van")}`, cookie: admin, expect: "Nguyễn Văn" },
      { name: "incoming-clerk", path: "/incoming", cookie: clerk, expect: "Tiếp nhận văn bản giấy" },
      { name: "incoming-page-40", path: "/incoming?page=40", cookie: clerk, expect: "Trang trước" },
      { name: "incoming-search", path: `/incoming?q=${encodeURIComponent("ke hoach tuyen dung cong chuc")}`, cookie: clerk, expect: "Kế hoạch tuyển dụng" },
      { name: "incoming-leader-inbox", path: "/incoming?mine=1", cookie: director, expect: "Chờ ý kiến chỉ đạo" },
      { name: "incoming-overdue", path: "/incoming?overdue=1", cookie: clerk, expect: "Quá hạn" },
      { name: "my-work-staff", path: "/my-work", cookie: staff, expect: "Việc của tôi" },
      { name: "outgoing-clerk-issued", path: "/outgoing?status=issued", cookie: clerk, expect: "Đã phát hành" },
      { name: "outgoing-clerk-page-40", path: "/outgoing?page=40", cookie: clerk, expect: "Trang trước" },
      { name: "outgoing-search", path: `/outgoing?q=${encodeURIComponent("cai cach hanh chinh")}`, cookie: clerk, expect: "cải cách hành chính" },
      { name: "outgoing-drafts-staff", path: "/outgoing?mine=1", cookie: staff, expect: "Dự thảo của tôi" },
      { name: "outgoing-inbox-director", path: "/outgoing?inbox=1", cookie: director, expect: "Chờ tôi xử lý" },
      // The drafting form: its Nơi nhận offers the agency's units and people and the directory's agencies.
      { name: "outgoing-new-staff", path: "/outgoing/new", cookie: staff, expect: "Tạo dự thảo" },
      ...(incomingDoc ? [{ name: "incoming-doc", path: incomingDoc, cookie: clerk, expect: "Số đến" }] : []),
      ...(instructDoc ? [{ name: "incoming-doc-director", path: instructDoc, cookie: director, expect: "Chuyển xử lý" }] : []),
      // The same document in progress as the director sees it: the Đôn đốc card over its open parts.
      ...(incomingDoc ? [{ name: "incoming-doc-director-progress", path: incomingDoc, cookie: director, expect: "Đôn đốc" }] : []),
      ...(outgoingDoc ? [{ name: "outgoing-doc", path: outgoingDoc, cookie: clerk, expect: "Nơi nhận" }] : []),
      // Issue 12: Tổng quan for staff, a unit head and the director; the director's dashboard and a year's report.
      { name: "overview-staff", path: "/", cookie: staff, expect: "Chờ tôi xử lý" },
      { name: "overview-head", path: "/", cookie: head, expect: "Quá hạn của đơn vị" },
      { name: "overview-director", path: "/", cookie: director, expect: "Quá hạn toàn cơ quan" },
      { name: "monitoring-director-year", path: "/monitoring?preset=year", cookie: director, expect: "Theo đơn vị" },
      { name: "report-incoming-year", path: "/monitoring/reports?kind=incoming&preset=year", cookie: clerk, expect: "BÁO CÁO GIẢI QUYẾT VĂN BẢN ĐẾN" },
      { name: "report-outgoing-year", path: "/monitoring/reports?kind=outgoing&preset=year", cookie: clerk, expect: "BÁO CÁO GIẢI QUYẾT VĂN BẢN ĐI" },
      // The bell: the 30-second poll (one count) and the dropdown's list.
      { name: "bell-staff", path: "/api/notifications", cookie: staff, expect: "unread" },
      { name: "bell-list-staff", path: "/api/notifications?list=1", cookie: staff, expect: "latest" },
      ...(data.openFileId
        ? [
            { name: "files-mine-staff", path: "/files", cookie: staff, expect: "Hồ sơ của tôi" },
            { name: "files-all-director", path: "/files?scope=all&page=20", cookie: director, expect: "Trang trước" },
            { name: "file-page-staff", path: `/files/${data.openFileId}`, cookie: staff, expect: "Văn bản trong hồ sơ" },
            { name: "files-plan-archivist", path: "/files/plan", cookie: archivist, expect: "Danh mục hồ sơ năm" },
            { name: "files-archive-search", path: `/files/archive?q=${encodeURIComponent("tham dinh de an")}`, cookie: archivist, expect: "thẩm định đề án" },
            { name: "files-handover-head", path: "/files/handover", cookie: head, expect: "Nộp lưu" },
          ]
        : []),
    ].filter((t) => !ONLY || ONLY.includes(t.name) || t.name === "floor");
    for (const t of targets) {
      const res = await fetch(`${base}${t.path}`, { headers: t.cookie ? { cookie: t.cookie } : {}, redirect: "manual" });
      const text = await res.text();
      if (res.status !== 200 || !text.includes(t.expect)) {
        throw new Error(`${t.name}: ${t.path} answered ${res.status} without "${t.expect}" — not benchmarking a wrong page.`);
      }
    }

    const timing = await loginTiming(base, Number(env("BENCH_LOGIN_TRIES", "30")));

    const load = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");
    console.log(`\nautocannon: ${DURATION} s mỗi lần đo sau ${WARMUP} s khởi động; kết nối ${CONNECTIONS.join(", ")}; tải máy ${load()}.`);
    // BENCH_ROUNDS=n: every page is measured n times, round after round, each round against its own floor; the
    // table gives each page's round with the median ratio, and the median CPU per request over the rounds (a
    // shared machine's slow minute then falls on every page alike instead of on the one measured during it).
    const rounds: Row[][] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const rows: Row[] = [];
      for (const c of CONNECTIONS) {
        const floorTarget = targets.find((t) => t.name === "floor")!;
        // BENCH_FLOOR_EACH=1: the floor again after every page (half the duration), and each page's ratio
        // taken against the mean of the floors measured just before and just after it.
        let before = await measure(base, floorTarget, c, app.pid, FLOOR_EACH ? FLOOR_EACH_SECONDS : DURATION);
        const floors = [before];
        rows.push(before);
        for (const t of targets.filter((x) => x !== floorTarget)) {
          const row = await measure(base, t, c, app.pid);
          if (FLOOR_EACH) {
            const after = await measure(base, floorTarget, c, app.pid, FLOOR_EACH_SECONDS, 0);
            floors.push(after);
            row.adjacentFloorP95 = Math.round(((before.p95 + after.p95) / 2) * 10) / 10;
            before = after;
          }
          rows.push(row);
          console.log(`  ${ROUNDS > 1 ? `[${round}/${ROUNDS}] ` : ""}${t.name} c=${c}: ${row.rps.toFixed(0)} req/s, p95 ${row.p95} ms${row.adjacentFloorP95 ? ` (sàn kề ${row.adjacentFloorP95} ms)` : ""}`);
        }
        if (FLOOR_EACH) {
          // The floor's row: the median of this round's floors.
          rows[rows.indexOf(floors[0])] = middle(floors, (f) => f.p95);
        }
      }
      for (const r of rows) {
        const floor = r.adjacentFloorP95 ?? rows.find((f) => f.page === "floor" && f.connections === r.connections)?.p95;
        if (floor && floor > 0) r.p95VsFloor = Math.round((r.p95 / floor) * 100) / 100;
      }
      rounds.push(rows);
    }
    const rows = rounds.length === 1 ? rounds[0] : medianRows(rounds);
    console.log("");
    printTable(rows);
    if (rounds.length > 1) {
      console.log(`\n${rounds.length} vòng đo; p95/sàn của từng vòng:`);
      for (const [i, r] of rows.entries()) console.log(`  ${r.page} c=${r.connections}: ${rounds.map((rs) => `${rs[i].p95VsFloor?.toFixed(2)}×`).join(" ")}`);
    }
    console.log(
      "\np50/p95/p99: tính đúng từ thời gian của từng phản hồi (autocannon không có p95; p97_5 của nó nằm trong JSON)." +
        `\nTải máy sau khi đo: ${load()} (${os.cpus().length} nhân) — máy dùng chung thì số liệu dao động.`,
    );

    const outDir = path.join(ROOT, "tests", "bench", "out");
    fs.mkdirSync(outDir, { recursive: true });
    const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).stdout.trim();
    const report = {
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      commit,
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      loadAvgAfter: os.loadavg(),
      database: target.kind,
      data,
      loginTiming: timing,
      settings: { durationSeconds: DURATION, warmupSeconds: WARMUP, connections: CONNECTIONS, rounds: ROUNDS },
      ...(rounds.length > 1 ? { roundRatios: rows.map((r, i) => ({ page: r.page, connections: r.connections, ratios: rounds.map((rs) => rs[i].p95VsFloor) })) } : {}),
      percentiles: "p50/p95/p99 computed from every response time; autocannon.* from its HDR histogram",
      rows,
    };
    const file = path.join(outDir, `bench-${started.toISOString().replace(/[:.]/g, "-")}.json`);
    fs.writeFileSync(file, JSON.stringify(report, null, 2));
    fs.writeFileSync(path.join(outDir, "latest.json"), JSON.stringify(report, null, 2));
    console.log(`\nĐã ghi ${path.relative(ROOT, file)}`);
  } finally {
    await app?.stop();
    if (PROFILE) {
      // The server writes its profile when it exits (stop() sends SIGTERM; serve.mjs exits cleanly).
      const file = serverProfile(profileDir);
      if (file) {
        const summary = summarizeProfile(file);
        printProfile(summary);
        fs.writeFileSync(path.join(profileDir, "summary.json"), JSON.stringify(summary, null, 2));
      } else console.log(`Không tìm thấy hồ sơ CPU trong ${profileDir}.`);
    }
    await target.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

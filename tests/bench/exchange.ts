/**
 * `npm run bench:exchange`: liên thông throughput, latency and memory (issue 13, Performance) on two
 * production servers on loopback (tests/exchange/installations.ts: A Sở Nội vụ on PGlite, B Sở Tài
 * chính on a fresh PostgreSQL database), each the other's partner over the direct transport.
 *
 *   Receive (run 1): N edXML documents, each with a PDF of BENCH_EXCHANGE_PDF_BYTES, built with lib/edxml
 *     (createDocumentMessage + buildEdxml) and signed (signEdxml) with the sending agency's key before the
 *     clock starts, then POSTed to the receiver's /api/exchange/edxml at BENCH_EXCHANGE_CONCURRENCY:
 *     msgs/s, p50/p95/p99 per POST, and the receiving server's memory. Once to B (PostgreSQL, signed
 *     with A's key), once to A (PGlite, signed with B's key).
 *   Send (run 2, fresh installations): N Công văn per sender, drafted and signed through the real chain
 *     with a PDF of the same size (tests/bench/exchange-prepare.ts), then issued (outgoing.issue, the real
 *     action: its transaction queues the message); the sender's own job runner builds, signs and sends
 *     each, the receiver answers 01 by its own job runner. A → B: A (PGlite) issues while its server is
 *     stopped (one process per PGlite directory) and the clock starts when it is up again. B → A: B
 *     (PostgreSQL) issues while its server runs. Measured from the sender's exchange_messages: time until
 *     all are "sent", msgs/s, and (the inbound 01's createdAt) − (the message's queue time, or the
 *     server's start for A), p50/p95; and both servers' memory.
 *
 * Environment: BENCH_EXCHANGE_MESSAGES (1000), BENCH_EXCHANGE_SEND_MESSAGES (= MESSAGES),
 * BENCH_EXCHANGE_PDF_BYTES (2 MiB), BENCH_EXCHANGE_CONCURRENCY (10), BENCH_EXCHANGE_PHASES
 * ("receive,send"), BENCH_EXCHANGE_SEND_TIMEOUT seconds per direction (1800; on timeout the figures
 * are those of what was done), SKIP_BUILD=1 (use the build as it is), BENCH_BUILD=1 (force a build).
 * Needs PostgreSQL at EXCHANGE_PG_ADMIN_URL (postgres://postgres@127.0.0.1:5432/postgres).
 * Writes tests/bench/out/exchange-<time>.json.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { openDb } from "@/db/client";
import { exchangeMessages } from "@/db/schema";
import { buildEdxml, createDocumentMessage } from "@/lib/edxml";
import { signEdxml } from "@/lib/edxml/signature";
import { makeTempDir, ROOT } from "../e2e/harness";
import { postgresAnswers, startInstallations, type Installation } from "../exchange/installations";
import { paddedPdf } from "./exchange-pdf";

const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const N = num("BENCH_EXCHANGE_MESSAGES", 1000);
const SEND_N = num("BENCH_EXCHANGE_SEND_MESSAGES", N);
const PDF_BYTES = num("BENCH_EXCHANGE_PDF_BYTES", 2 * 1024 * 1024);
const CONCURRENCY = num("BENCH_EXCHANGE_CONCURRENCY", 10);
const SEND_TIMEOUT_MS = num("BENCH_EXCHANGE_SEND_TIMEOUT", 1800) * 1000;
const PHASES = (process.env.BENCH_EXCHANGE_PHASES ?? "receive,send").split(",").map((s) => s.trim());
const DIST = process.env.NEXT_DIST_DIR || ".next";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ───────────────────────────── build ─────────────────────────────

function ensureBuild() {
  const built = fs.existsSync(path.join(ROOT, DIST, "BUILD_ID"));
  if (built && process.env.BENCH_BUILD !== "1") {
    console.log(`Dùng bản build ${DIST} có sẵn (BENCH_BUILD=1 để build lại).`);
    return;
  }
  if (process.env.SKIP_BUILD === "1") throw new Error(`SKIP_BUILD=1 but there is no build in ${DIST}`);
  console.log("Build…");
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error(`next build failed (${r.status})`);
}

// ───────────────────────────── memory ─────────────────────────────

/** The server process of an installation: scripts/serve.mjs in the process group the harness started. */
function serverPid(inst: Installation): number {
  const group = inst.app.pid;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== group) continue;
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (cmd.includes("serve.mjs")) return Number(entry);
    } catch {
      /* gone */
    }
  }
  return group;
}

function memoryOf(pid: number): { rssMb: number; hwmMb: number } {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
    return { rssMb: Math.round(kb("VmRSS") / 1024), hwmMb: Math.round(kb("VmHWM") / 1024) };
  } catch {
    return { rssMb: 0, hwmMb: 0 };
  }
}

interface MemoryFigures {
  pid: number;
  beforeMb: number;
  afterMb: number;
  peakMb: number;
  /** VmHWM at the end: the peak since the process started. */
  hwmMb: number;
}

function sampleMemory(inst: Installation) {
  const pid = serverPid(inst);
  const before = memoryOf(pid).rssMb;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, memoryOf(pid).rssMb)), 250);
  return {
    stop(): MemoryFigures {
      clearInterval(timer);
      const end = memoryOf(pid);
      return { pid, beforeMb: before, afterMb: end.rssMb, peakMb: Math.max(peak, end.rssMb), hwmMb: end.hwmMb };
    },
  };
}

// ───────────────────────────── figures ─────────────────────────────

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const round = (x: number, d = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);

// ───────────────────────────── receive ─────────────────────────────

interface ReceiveResult {
  phase: "receive";
  receiver: string;
  engine: string;
  messages: number;
  messageBytes: number;
  prepareSeconds: number;
  signPerSecond: number;
  concurrency: number;
  seconds: number;
  perSecond: number;
  statuses: Record<string, number>;
  errors: string[];
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  memory: MemoryFigures;
}

async function receivePhase(sender: Installation, receiver: Installation, dir: string): Promise<ReceiveResult> {
  console.log(`\n── Nhận: ${N} văn bản (${(PDF_BYTES / 1024 / 1024).toFixed(1)} MB PDF) ${sender.label} → ${receiver.label} (${receiver.engine}), ${CONCURRENCY} luồng`);
  // Prepare: build + sign every message before the clock starts; kept on disk (N × ~1.4 × PDF size).
  const t0 = Date.now();
  const files: string[] = [];
  let messageBytes = 0;
  const tag = `${sender.label}${receiver.label}`;
  for (let i = 0; i < N; i++) {
    const subject = `Về việc đo hiệu năng nhận liên thông, văn bản số ${i + 1}`;
    const m = createDocumentMessage({
      from: { organId: sender.organId, organName: sender.name, organizationInCharge: "UBND tỉnh Bình Định" },
      to: [{ organId: receiver.organId, organName: receiver.name }],
      code: { codeNumber: String(i + 1), codeNotation: `BENCH${tag}-VP` },
      promulgationDate: new Date(),
      place: "Bình Định",
      documentType: { type: 1, typeName: "Công văn" },
      subject,
      signerInfo: { competence: "KT. GIÁM ĐỐC", position: "Phó Giám đốc", fullName: "Trần Thị Mỹ Hạnh" },
      otherInfo: { priority: 0, pageAmount: 1, appendixes: [] },
      toPlaces: ["Như trên"],
      attachments: [{ contentId: `cid:van-ban-${i + 1}.pdf`, name: `van-ban-${i + 1}.pdf`, contentType: "application/pdf", data: paddedPdf(subject, PDF_BYTES) }],
    });
    const xml = signEdxml(buildEdxml(m), { key: sender.keyPem, cert: sender.certPem });
    const file = path.join(dir, `${tag}-${i}.xml`);
    fs.writeFileSync(file, xml);
    messageBytes = Math.max(messageBytes, Buffer.byteLength(xml));
    files.push(file);
    if ((i + 1) % 100 === 0) console.log(`   đã ký ${i + 1}/${N} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const prepareSeconds = (Date.now() - t0) / 1000;

  const mem = sampleMemory(receiver);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const errors: string[] = [];
  let next = 0;
  const start = Date.now();
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= files.length) return;
      const body = fs.readFileSync(files[i]);
      const t = performance.now();
      try {
        // A busy receiver answers 503 + Retry-After (EXCHANGE_RECEIVE_CONCURRENCY): wait and post again, as a
        // sender's job runner does; the latency covers the waits.
        let res: Response;
        let text: string;
        for (;;) {
          res = await fetch(`${receiver.url}/api/exchange/edxml`, { method: "POST", headers: { "Content-Type": "application/xml" }, body });
          text = await res.text();
          if (res.status !== 503 || !res.headers.get("retry-after")) break;
          statuses.busyRetries = (statuses.busyRetries ?? 0) + 1;
          await new Promise((r) => setTimeout(r, Math.min(Number(res.headers.get("retry-after")) || 1, 5) * 1000));
        }
        latencies.push(performance.now() - t);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status !== 202 && errors.length < 5) errors.push(`${res.status} ${text.slice(0, 300)}`);
      } catch (e) {
        latencies.push(performance.now() - t);
        statuses.network = (statuses.network ?? 0) + 1;
        if (errors.length < 5) errors.push(String(e));
      }
      if ((i + 1) % 100 === 0) console.log(`   đã gửi ${i + 1}/${N} (${((Date.now() - start) / 1000).toFixed(0)} s)`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (Date.now() - start) / 1000;
  const memory = mem.stop();
  for (const f of files) fs.rmSync(f, { force: true });
  latencies.sort((x, y) => x - y);
  return {
    phase: "receive", receiver: `${receiver.label} (${receiver.name})`, engine: receiver.engine, messages: N, messageBytes,
    prepareSeconds: round(prepareSeconds)!, signPerSecond: round(N / prepareSeconds)!, concurrency: CONCURRENCY,
    seconds: round(seconds)!, perSecond: round(N / seconds)!, statuses, errors,
    p50Ms: round(percentile(latencies, 50), 0), p95Ms: round(percentile(latencies, 95), 0), p99Ms: round(percentile(latencies, 99), 0),
    maxMs: round(latencies[latencies.length - 1], 0), memory,
  };
}

// ───────────────────────────── send ─────────────────────────────

function runPrepare(inst: Installation, args: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ["NODE_ENV", "DATABASE_URL", "DATABASE_MIGRATION_URL", "DATA_DIR", "NODE_OPTIONS"]) delete env[k];
  env.DATA_DIR = inst.dataDir;
  if (inst.databaseUrl) env.DATABASE_URL = inst.databaseUrl;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/bench/exchange-prepare.ts", ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.on("exit", (code) => (code === 0 ? resolve(out.trim().split("\n").pop()!) : reject(new Error(`exchange-prepare ${args[0]} on ${inst.label} failed (${code}):\n${out.slice(-2000)}`))));
  });
}

interface SendResult {
  phase: "send";
  sender: string;
  senderEngine: string;
  receiverEngine: string;
  messages: number;
  issueSeconds: number;
  /** From the clock's start (A: its server up again; B: the first issue) to the last "sent". */
  sentAll: boolean;
  sent: number;
  failed: number;
  secondsToAllSent: number | null;
  perSecond: number | null;
  acknowledged: number;
  secondsToAllAcknowledged: number | null;
  ackP50Seconds: number | null;
  ackP95Seconds: number | null;
  ackMaxSeconds: number | null;
  memorySender: MemoryFigures;
  memoryReceiver: MemoryFigures;
}

/** The sender's messages of this phase and the inbound 01 about each, read from its database. */
async function sendFigures(sender: Installation, receiver: Installation) {
  const handle = await openDb(sender.databaseUrl ? { url: sender.databaseUrl, migrate: false } : { dataDir: path.join(sender.dataDir, "pglite"), migrate: false });
  try {
    const out = await handle.db
      .select({ documentId: exchangeMessages.documentId, state: exchangeMessages.state, createdAt: exchangeMessages.createdAt, sentAt: exchangeMessages.sentAt })
      .from(exchangeMessages)
      .where(and(eq(exchangeMessages.direction, "out"), eq(exchangeMessages.kind, "document"), eq(exchangeMessages.receiverOrganId, receiver.organId)));
    const acks = await handle.db
      .select({ documentId: exchangeMessages.documentId, createdAt: exchangeMessages.createdAt })
      .from(exchangeMessages)
      .where(and(eq(exchangeMessages.direction, "in"), eq(exchangeMessages.kind, "status"), eq(exchangeMessages.statusCode, "01"), eq(exchangeMessages.senderOrganId, receiver.organId)));
    return { out, acks: new Map(acks.map((a) => [a.documentId, a.createdAt])) };
  } finally {
    await handle.close();
  }
}

async function sendPhase(sender: Installation, receiver: Installation, drafts: string, readWhileRunning: boolean): Promise<SendResult> {
  console.log(`\n── Gửi: ${SEND_N} văn bản ${sender.label} (${sender.engine}) → ${receiver.label} (${receiver.engine})`);
  let clockStart: number;
  let issueSeconds: number;
  let memS: ReturnType<typeof sampleMemory>;
  const memR = sampleMemory(receiver);
  if (sender.engine === "pglite") {
    // One process per PGlite directory: issue with the server stopped; its outbox sends once it is up.
    await sender.stop();
    const issued = JSON.parse(await runPrepare(sender, ["issue", sender.organId, drafts])) as { ms: number };
    issueSeconds = issued.ms / 1000;
    await sender.start();
    clockStart = Date.now();
    memS = sampleMemory(sender);
  } else {
    memS = sampleMemory(sender);
    clockStart = Date.now();
    const issued = JSON.parse(await runPrepare(sender, ["issue", sender.organId, drafts])) as { ms: number };
    issueSeconds = issued.ms / 1000;
  }
  console.log(`   đã phát hành ${SEND_N} văn bản trong ${issueSeconds.toFixed(1)} s; chờ gửi và nhận 01…`);

  // Progress: from whichever side is on PostgreSQL (PGlite is held by its server).
  const watch = readWhileRunning ? sender : receiver;
  const handle = await openDb({ url: watch.databaseUrl!, migrate: false });
  const deadline = Date.now() + SEND_TIMEOUT_MS;
  let lastLog = 0;
  try {
    for (;;) {
      let sent: number;
      let acked: number;
      if (watch === sender) {
        const rows = await handle.db.select({ state: exchangeMessages.state }).from(exchangeMessages)
          .where(and(eq(exchangeMessages.direction, "out"), eq(exchangeMessages.kind, "document"), eq(exchangeMessages.receiverOrganId, receiver.organId)));
        sent = rows.filter((r) => r.state !== "queued").length;
        acked = (await handle.db.select({ id: exchangeMessages.id }).from(exchangeMessages)
          .where(and(eq(exchangeMessages.direction, "in"), eq(exchangeMessages.statusCode, "01"), eq(exchangeMessages.senderOrganId, receiver.organId)))).length;
      } else {
        sent = (await handle.db.select({ id: exchangeMessages.id }).from(exchangeMessages)
          .where(and(eq(exchangeMessages.direction, "in"), eq(exchangeMessages.kind, "document"), eq(exchangeMessages.senderOrganId, sender.organId)))).length;
        acked = (await handle.db.select({ id: exchangeMessages.id }).from(exchangeMessages)
          .where(and(eq(exchangeMessages.direction, "out"), eq(exchangeMessages.statusCode, "01"), eq(exchangeMessages.state, "sent"), eq(exchangeMessages.receiverOrganId, sender.organId)))).length;
      }
      if (Date.now() - lastLog > 15_000) {
        console.log(`   ${((Date.now() - clockStart) / 1000).toFixed(0)} s: ${sent}/${SEND_N} đã gửi (đã đến bên nhận), ${acked}/${SEND_N} 01 ${watch === sender ? "đã về" : "đã gửi lại"}`);
        lastLog = Date.now();
      }
      if (sent >= SEND_N && acked >= SEND_N) break;
      if (Date.now() > deadline) {
        console.log(`   hết thời gian chờ (${SEND_TIMEOUT_MS / 1000} s): ${sent} đã gửi, ${acked} 01`);
        break;
      }
      await sleep(1000);
    }
  } finally {
    await handle.close();
  }
  // Let the last 01 land on the sender (a receiver's "sent" is the sender's 202), then read the figures.
  await sleep(2000);
  const memorySender = memS.stop();
  const memoryReceiver = memR.stop();
  if (!readWhileRunning) await sender.stop();
  const { out, acks } = await sendFigures(sender, receiver);
  if (!readWhileRunning) await sender.start();
  const sentRows = out.filter((r) => r.state === "sent" && r.sentAt);
  const lastSent = Math.max(...sentRows.map((r) => r.sentAt!.getTime()));
  const latencies = out
    .filter((r) => acks.has(r.documentId))
    .map((r) => (acks.get(r.documentId)!.getTime() - Math.max(r.createdAt.getTime(), clockStart)) / 1000)
    .sort((x, y) => x - y);
  const lastAck = Math.max(...[...acks.values()].map((d) => d.getTime()));
  const sentAll = sentRows.length >= SEND_N;
  return {
    phase: "send", sender: `${sender.label} (${sender.name})`, senderEngine: sender.engine, receiverEngine: receiver.engine, messages: SEND_N,
    issueSeconds: round(issueSeconds)!, sentAll, sent: sentRows.length, failed: out.filter((r) => r.state === "failed").length,
    secondsToAllSent: sentRows.length ? round((lastSent - clockStart) / 1000) : null,
    perSecond: sentRows.length ? round(sentRows.length / ((lastSent - clockStart) / 1000), 2) : null,
    acknowledged: latencies.length,
    secondsToAllAcknowledged: latencies.length ? round((lastAck - clockStart) / 1000) : null,
    ackP50Seconds: round(percentile(latencies, 50)), ackP95Seconds: round(percentile(latencies, 95)), ackMaxSeconds: round(latencies[latencies.length - 1]),
    memorySender, memoryReceiver,
  };
}

// ───────────────────────────── main ─────────────────────────────

if (!(await postgresAnswers())) {
  console.error("PostgreSQL không trả lời (EXCHANGE_PG_ADMIN_URL): bench liên thông cần cả hai engine.");
  process.exit(1);
}
ensureBuild();
const started = new Date();
const results: (ReceiveResult | SendResult)[] = [];
const work = makeTempDir("vpdt-bench-exchange-");
const quiet = { JOBS_POLL_MS: "200" };
try {
  if (PHASES.includes("receive")) {
    const two = await startInstallations({ env: quiet });
    try {
      results.push(await receivePhase(two.a, two.b, work));
      results.push(await receivePhase(two.b, two.a, work));
    } finally {
      await two.stop();
    }
  }
  if (PHASES.includes("send")) {
    const files = { a: path.join(work, "drafts-a.json"), b: path.join(work, "drafts-b.json") };
    const two = await startInstallations({
      env: quiet,
      // Drafts (signed, ready for Phát hành) on both before the servers start: not part of the figures.
      beforeStart: async (a, b) => {
        const t0 = Date.now();
        fs.writeFileSync(files.a, await runPrepare(a, ["drafts", a.organId, b.organId, String(SEND_N), String(PDF_BYTES), "A"]));
        fs.writeFileSync(files.b, await runPrepare(b, ["drafts", b.organId, a.organId, String(SEND_N), String(PDF_BYTES), "B"]));
        console.log(`Đã soạn ${SEND_N} dự thảo mỗi bên (${((Date.now() - t0) / 1000).toFixed(0)} s).`);
      },
    });
    try {
      results.push(await sendPhase(two.a, two.b, files.a, false));
      results.push(await sendPhase(two.b, two.a, files.b, true));
    } finally {
      await two.stop();
    }
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

// ───────────────────────────── report ─────────────────────────────

console.log(`\nLiên thông trực tiếp, ${os.cpus().length} nhân, PDF ${(PDF_BYTES / 1024 / 1024).toFixed(1)} MB`);
for (const r of results) {
  if (r.phase === "receive") {
    console.log(
      `Nhận → ${r.receiver} [${r.engine}]: ${r.messages} thông điệp (${(r.messageBytes / 1024 / 1024).toFixed(1)} MB), ${r.concurrency} luồng: ` +
        `${r.perSecond} tin/s, p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms, p99 ${r.p99Ms} ms; mã ${JSON.stringify(r.statuses)}; ` +
        `RSS ${r.memory.beforeMb} → ${r.memory.afterMb} MB (đỉnh ${r.memory.peakMb}, VmHWM ${r.memory.hwmMb}); ký trước ${r.signPerSecond} tin/s`,
    );
    for (const e of r.errors) console.log(`   lỗi: ${e}`);
  } else {
    console.log(
      `Gửi ${r.sender} [${r.senderEngine} → ${r.receiverEngine}]: ${r.sent}/${r.messages} đã gửi${r.sentAll ? "" : " (CHƯA HẾT)"}, ${r.failed} lỗi, ` +
        `hết sau ${r.secondsToAllSent} s = ${r.perSecond} tin/s; 01 về ${r.acknowledged}/${r.messages}, p50 ${r.ackP50Seconds} s, p95 ${r.ackP95Seconds} s, max ${r.ackMaxSeconds} s; ` +
        `RSS gửi ${r.memorySender.beforeMb} → ${r.memorySender.afterMb} MB (đỉnh ${r.memorySender.peakMb}), nhận ${r.memoryReceiver.beforeMb} → ${r.memoryReceiver.afterMb} MB (đỉnh ${r.memoryReceiver.peakMb})`,
    );
  }
}
const outDir = path.join(ROOT, "tests/bench/out");
fs.mkdirSync(outDir, { recursive: true });
const outFile = path.join(outDir, `exchange-${started.toISOString().replace(/[:.]/g, "-")}.json`);
fs.writeFileSync(
  outFile,
  `${JSON.stringify({ started: started.toISOString(), cpus: os.cpus().length, node: process.version, messages: N, sendMessages: SEND_N, pdfBytes: PDF_BYTES, concurrency: CONCURRENCY, results }, null, 2)}\n`,
);
console.log(`\nĐã ghi ${path.relative(ROOT, outFile)}`);
process.exit(0);

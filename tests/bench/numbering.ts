/**
 * `npm run bench:numbering` (or `BENCH_ONLY=numbering npm run bench`): writes under load (issue 15 item 5,
 * security.md §5 rows 17 and 18). In-process, on a fresh PostgreSQL database (BENCH_DATABASE_URL; the
 * database is created, the demo agency seeded, and dropped at the end; PGlite runs one transaction at a
 * time, so it shows no race and is refused here):
 *
 *   1. register: BENCH_CLERKS (32) concurrent clerks call the real Vào sổ action (incoming.registerPaper)
 *      through the action wrapper (executeAction: actor reload, zod, authorize, one transaction with its
 *      audit entry, idempotency key) for BENCH_NUMBERING_SECONDS (15); prints registrations/s, p50, p95,
 *      p99, then the gap query over số đến per register and year, duplicates, and audit:verify.
 *   2. kill: BENCH_KILL_ISSUES (10,000) outgoing documents waiting for Phát hành are issued (outgoing.issue,
 *      paper-signed: the clerk uploads the scanned PDF) by BENCH_CLERKS clerks while a side task calls
 *      pg_terminate_backend on a random backend of the app every BENCH_KILL_MS (100) ms. A clerk whose
 *      call fails on a lost connection calls again (as a person clicks again); a document already issued
 *      answers "wrong state" and counts as done. Then the same gap/duplicate query over số đi, every
 *      document issued exactly once, and audit:verify.
 *
 * Environment: BENCH_DATABASE_URL (required), BENCH_CLERKS (32), BENCH_NUMBERING_SECONDS (15),
 * BENCH_NUMBERING_WARMUP seconds (2), BENCH_KILL_ISSUES (10000; 0 skips), BENCH_KILL_MS (100),
 * BENCH_NUMBERING_PHASES ("register,kill"), DATABASE_POOL_SIZE (the app's pool, 10).
 * Prints a table and one JSON line; exits 1 when a gap, a duplicate or a broken chain is found.
 */
import fs from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { and, eq, sql } from "drizzle-orm";
import pg from "pg";
import { openDb, type Db } from "@/db/client";
import { incomingDocuments, outgoingDocuments, registers, storedFiles, units, users } from "@/db/schema";
import { seedDemo } from "@/lib/seed/demo";
import { executeAction } from "@/lib/actions/define";
import { listChains, verifyChain } from "@/lib/audit";
import { registerPaper } from "@/lib/incoming/actions";
import { issueDocument } from "@/lib/outgoing/issue";
import { callerOf, keyed } from "../factories/org";
import { paper } from "../factories/incoming";
import { freshDatabase } from "./database";

const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const CLERKS = num("BENCH_CLERKS", 32);
const SECONDS = num("BENCH_NUMBERING_SECONDS", 15);
const WARMUP = num("BENCH_NUMBERING_WARMUP", 2);
const KILL_ISSUES = num("BENCH_KILL_ISSUES", 10_000);
const KILL_MS = num("BENCH_KILL_MS", 100);
const FLOOR_SECONDS = num("BENCH_FLOOR_SECONDS", 3);
const PHASES = (process.env.BENCH_NUMBERING_PHASES ?? "register,kill").split(",").map((s) => s.trim());

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : 0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Numbers missing between 1 and the register's counter, and numbers given twice, for every register of a kind. */
async function gapsAndDuplicates(db: Db, kind: "incoming" | "outgoing") {
  const [doc, no] = kind === "incoming" ? [incomingDocuments, sql.raw("arrival_no")] : [outgoingDocuments, sql.raw("number")];
  const gaps = await db.execute(sql`
    select c.code, c.year, g as no from ${registers} c, generate_series(1, c.last_no) g
    where c.kind = ${kind} and not exists (select 1 from ${doc} e where e.register_id = c.id and e.${no} = g)`);
  const dups = await db.execute(sql`
    select register_id, ${no} as no, count(*) as n from ${doc} where ${no} is not null group by register_id, ${no} having count(*) > 1`);
  const [{ numbered }] = (await db.execute(sql`select coalesce(sum(last_no), 0)::int as numbered from ${registers} where kind = ${kind}`)).rows as { numbered: number }[];
  return { gaps: gaps.rows.length, duplicates: dups.rows.length, numbered };
}

async function verifyAll(db: Db) {
  let checked = 0;
  const broken: string[] = [];
  for (const chain of await listChains(db)) {
    const r = await verifyChain(db, chain);
    checked += r.checked;
    if (!r.ok) broken.push(`${chain}: #${r.firstBrokenId} ${r.reason}`);
  }
  return { checked, broken };
}

const isLostConnection = (e: unknown) => {
  const s = String((e as Error)?.message ?? e) + String((e as { cause?: Error })?.cause?.message ?? "");
  const code = (e as { code?: string })?.code ?? (e as { cause?: { code?: string } })?.cause?.code;
  return code === "57P01" || code === "ECONNRESET" || /terminat|Connection|closed|ECONNRESET/i.test(s);
};

async function registerPhase(db: Db, clerkId: string) {
  // Distinct symbols: the duplicate warning (Phụ lục VI III.1.h) is checked and passes, as for real mail.
  let symbols = 0;
  const latencies: number[] = [];
  let failures = 0;
  let measuring = false;
  let stop = false;
  const worker = async () => {
    while (!stop) {
      const t0 = performance.now();
      const r = await executeAction(registerPaper, callerOf(clerkId), keyed(paper({ symbol: `${++symbols}/UBND-VX` })), db);
      const ms = performance.now() - t0;
      if (!r.ok) failures++;
      else if (measuring) latencies.push(ms);
    }
  };
  const workers = Array.from({ length: CLERKS }, worker);
  await sleep(WARMUP * 1000);
  measuring = true;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const server0 = await backendCpu(db);
  const samples = sampleWaits(db);
  await sleep(SECONDS * 1000);
  measuring = false;
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const server1 = await backendCpu(db);
  stop = true;
  await Promise.all(workers);
  const waits = await samples.stop();
  // This process's CPU (user + system) over the measured window, per registration and as a share of one core.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    registrations: latencies.length, perSecond: latencies.length / wall, p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99), failures, waits,
    cpuMsPerRegistration: cpuMs / Math.max(latencies.length, 1), cpuShare: cpuMs / (wall * 1000),
    serverCpuMsPerRegistration: server0 && server1 ? cpuDelta(server0, server1) / Math.max(latencies.length, 1) : null,
  };
}

/**
 * CPU ms (user + system) of each of the app's backends, read from /proc when the server runs on this
 * machine and its processes are readable; null otherwise.
 */
async function backendCpu(db: Db): Promise<Map<number, number> | null> {
  const { rows } = await db.execute(sql`select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`);
  const tick = 1000 / 100; // USER_HZ
  const out = new Map<number, number>();
  try {
    for (const { pid } of rows as { pid: number }[]) {
      const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      out.set(pid, (Number(f[11]) + Number(f[12])) * tick);
    }
  } catch {
    return null;
  }
  return out;
}

/** CPU ms spent between two readings by the backends present in both (a backend of the pool lives the whole window). */
const cpuDelta = (a: Map<number, number>, b: Map<number, number>) => [...b].reduce((sum, [pid, ms]) => sum + (a.has(pid) ? ms - a.get(pid)! : 0), 0);

/**
 * The floor of this machine at this moment: the same clerks and pool running an empty transaction
 * (BEGIN; SELECT 1; COMMIT) for BENCH_FLOOR_SECONDS (3). The machine is shared: compare p95 / floor p95.
 */
async function floorPhase(db: Db) {
  const latencies: number[] = [];
  let stop = false;
  const worker = async () => {
    while (!stop) {
      const t0 = performance.now();
      await db.transaction(async (tx) => void (await tx.execute(sql`select 1`)));
      latencies.push(performance.now() - t0);
    }
  };
  const workers = Array.from({ length: CLERKS }, worker);
  const t0 = performance.now();
  await sleep(FLOOR_SECONDS * 1000);
  stop = true;
  await Promise.all(workers);
  const wall = (performance.now() - t0) / 1000;
  return { perSecond: latencies.length / wall, p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99) };
}

/** pg_stat_activity of the bench database sampled every 50 ms: what the app's backends wait on. */
function sampleWaits(db: Db) {
  const counts = new Map<string, number>();
  let total = 0;
  let running = true;
  const url = process.env.NUMBERING_DB_URL!;
  const done = (async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      while (running) {
        const { rows } = await c.query(
          `select coalesce(wait_event_type || ':' || wait_event, 'CPU') as w, state, query from pg_stat_activity
           where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
        );
        for (const r of rows) {
          // A lock wait is named by the statement waiting: the register's row or the audit chain's head.
          const q = String(r.query);
          // The wrapper's last statement, prepared on its connection (db/named.ts), shows as `execute vpdt_p_…`: it
          // locks the register's row (with a number), then the chain head.
          const on = /^execute vpdt_p_/.test(q) ? " (last statement: register row, then chain head)"
            : /audit_chain_heads/.test(q) ? " (audit chain head)" : /^update "?registers"?/i.test(q) || /update "?registers"? set last_no/i.test(q) ? " (register row: number)"
            : /^insert into "?registers"?/i.test(q) ? " (register: ensureRegister insert)" : ` (${q.slice(0, 40)})`;
          const key = r.state === "idle" ? "idle" : r.state === "idle in transaction" && r.w === "Client:ClientRead" ? "idle in transaction (app)" : r.w + (r.w.startsWith("Lock:") ? on : "");
          counts.set(key, (counts.get(key) ?? 0) + 1);
          total++;
        }
        await sleep(50);
      }
    } finally {
      await c.end();
    }
  })();
  void db;
  return {
    stop: async () => {
      running = false;
      await done;
      return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => [k, +((100 * n) / Math.max(total, 1)).toFixed(1)]));
    },
  };
}

async function killPhase(db: Db, agencyId: string, clerkId: string) {
  // Documents waiting for Phát hành, each with its scanned PDF (the paper-signed path), made beforehand.
  const [unit] = await db.select({ id: units.id }).from(units).where(and(eq(units.agencyId, agencyId), eq(units.code, "TCBC")));
  const [drafter] = await db.select({ id: users.id }).from(users).where(eq(users.username, "cv.tcbc1"));
  const [signer] = await db.select({ id: users.id }).from(users).where(eq(users.username, "giamdoc"));
  const ids: { id: string; fileId: string }[] = [];
  for (let b = 0; b < KILL_ISSUES; b += 1000) {
    const n = Math.min(1000, KILL_ISSUES - b);
    const files = await db
      .insert(storedFiles)
      .values(Array.from({ length: n }, (_, i) => ({ agencyId, uploadedBy: clerkId, mime: "application/pdf", size: 1234, sha256: `${b + i}`.padStart(64, "0"), name: "van-ban.pdf" })))
      .returning({ id: storedFiles.id });
    const docs = await db
      .insert(outgoingDocuments)
      .values(Array.from({ length: n }, (_, i) => ({
        agencyId, status: "awaiting_issue" as const, draftingUnitId: unit.id, drafterId: drafter.id, signerId: signer.id, docType: "Thông báo", subject: `Thông báo số ${b + i}`,
      })))
      .returning({ id: outgoingDocuments.id });
    docs.forEach((d, i) => ids.push({ id: d.id, fileId: files[i].id }));
  }
  const url = process.env.NUMBERING_DB_URL!;
  const killer = new pg.Client({ connectionString: url });
  await killer.connect();
  let kills = 0;
  let running = true;
  const killing = (async () => {
    while (running) {
      await sleep(KILL_MS);
      const { rows } = await killer.query(
        `select pg_terminate_backend(pid) as t from pg_stat_activity
         where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
         order by random() limit 1`,
      );
      kills += rows.filter((r) => r.t).length;
    }
  })();
  // Every lost connection is logged by the wrapper and the pool (with its stack): counted here instead.
  const consoleError = console.error;
  let logged = 0;
  console.error = () => void logged++;
  let next = 0;
  let retries = 0;
  let wrongState = 0;
  const other: string[] = [];
  const latencies: number[] = [];
  const t0 = performance.now();
  const worker = async () => {
    while (next < ids.length) {
      const d = ids[next++];
      for (let attempt = 1; ; attempt++) {
        const a = performance.now();
        let r;
        try {
          r = await executeAction(issueDocument, callerOf(clerkId), { id: d.id, fileId: d.fileId, pageCount: 1, issuedAmount: 1 }, db);
        } catch (e) {
          // executeAction answers every error; a throw here is the pool itself losing a connection.
          if (!isLostConnection(e)) throw e;
          r = { ok: false as const, code: "internal", formError: String(e) };
        }
        if (r.ok) {
          latencies.push(performance.now() - a);
          break;
        }
        if (r.code === "conflict" && attempt > 1) {
          // Issued by a call whose answer was lost with its connection.
          wrongState++;
          break;
        }
        if (r.code !== "internal" || attempt > 20) {
          other.push(`${r.code}: ${r.formError}`);
          break;
        }
        retries++;
        await sleep(20);
      }
    }
  };
  // Progress every 10 s; nothing issued for 60 s is a stall (a leaked connection, a lost lock): stop.
  let seen = 0;
  let lastProgress = performance.now();
  let stalled = false;
  const progress = setInterval(() => {
    const now = latencies.length + wrongState + other.length;
    process.stdout.write(`  … ${now}/${ids.length} after ${((performance.now() - t0) / 1000).toFixed(0)} s, ${kills} kills\n`);
    if (now !== seen) [seen, lastProgress] = [now, performance.now()];
    else if (performance.now() - lastProgress > 60_000) stalled = true;
  }, 10_000);
  let finished = false;
  await Promise.race([
    Promise.all(Array.from({ length: CLERKS }, worker)).then(() => void (finished = true)),
    (async () => {
      while (!stalled && !finished) await sleep(500);
    })(),
  ]);
  clearInterval(progress);
  if (stalled) {
    console.error = consoleError;
    throw new Error(`stalled: nothing issued for 60 s (${seen}/${ids.length})`);
  }
  const wall = (performance.now() - t0) / 1000;
  running = false;
  await killing;
  console.error = consoleError;
  await killer.end();
  const [{ left }] = (await db.execute(sql`select count(*)::int as left from ${outgoingDocuments} where status = 'awaiting_issue'`)).rows as { left: number }[];
  return {
    issues: ids.length, issuedPerSecond: ids.length / wall, p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99),
    kills, retries, answeredLost: wrongState, errorsLogged: logged, notIssued: left, otherErrors: other.slice(0, 5), otherErrorCount: other.length,
  };
}

async function main() {
  if (!process.env.BENCH_DATABASE_URL) throw new Error("BENCH_DATABASE_URL=postgres://…/any is required: PGlite runs one transaction at a time");
  console.log(`Numbering under load: ${CLERKS} clerks, pool ${process.env.DATABASE_POOL_SIZE ?? 10}; load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  const target = await freshDatabase("bench_numbering");
  process.env.NUMBERING_DB_URL = (target.options as { url: string }).url;
  const handle = await openDb(target.options);
  let failed = false;
  const out: Record<string, unknown> = { bench: "numbering", clerks: CLERKS, loadavg: os.loadavg() };
  try {
    const db = handle.db;
    await seedDemo(db, async () => "bench-not-a-hash");
    const [clerk] = await db.select({ id: users.id, agencyId: users.agencyId }).from(users).where(eq(users.username, "vanthu"));
    const floor = await floorPhase(db);
    console.log(`\nFloor (empty transaction, ${FLOOR_SECONDS} s): ${floor.perSecond.toFixed(0)}/s  p50 ${floor.p50.toFixed(1)} ms  p95 ${floor.p95.toFixed(1)} ms  p99 ${floor.p99.toFixed(1)} ms`);
    out.floor = floor;
    if (PHASES.includes("register")) {
      const r = await registerPhase(db, clerk.id);
      const g = await gapsAndDuplicates(db, "incoming");
      const v = await verifyAll(db);
      console.log(`\nVào sổ (incoming.registerPaper), ${SECONDS} s:`);
      console.log(`  ${r.perSecond.toFixed(0)} registrations/s  p50 ${r.p50.toFixed(0)} ms  p95 ${r.p95.toFixed(0)} ms  p99 ${r.p99.toFixed(0)} ms  (${r.registrations} measured, ${r.failures} failed); p95 / floor p95 ${(r.p95 / floor.p95).toFixed(1)}`);
      console.log(`  Node CPU ${r.cpuMsPerRegistration.toFixed(2)} ms per registration, ${(100 * r.cpuShare).toFixed(0)} % of one core` +
        (r.serverCpuMsPerRegistration == null ? "" : `; the app's backends ${r.serverCpuMsPerRegistration.toFixed(2)} ms per registration`));
      console.log(`  gaps ${g.gaps}, duplicates ${g.duplicates} over ${g.numbered} numbers; audit chain ${v.broken.length ? `BROKEN ${v.broken.join("; ")}` : `verifies (${v.checked} entries)`}`);
      console.log(`  backends (% of samples): ${Object.entries(r.waits).map(([k, p]) => `${k} ${p}`).join(", ")}`);
      out.register = { ...r, ...g, auditChecked: v.checked, auditBroken: v.broken };
      failed ||= g.gaps > 0 || g.duplicates > 0 || v.broken.length > 0 || r.failures > 0;
    }
    if (PHASES.includes("kill") && KILL_ISSUES > 0) {
      const r = await killPhase(db, clerk.agencyId, clerk.id);
      const g = await gapsAndDuplicates(db, "outgoing");
      const v = await verifyAll(db);
      console.log(`\nPhát hành (outgoing.issue) of ${r.issues} documents, a backend killed every ${KILL_MS} ms:`);
      console.log(`  ${r.issuedPerSecond.toFixed(0)} issues/s  p50 ${r.p50.toFixed(0)} ms  p95 ${r.p95.toFixed(0)} ms  p99 ${r.p99.toFixed(0)} ms (p95 / floor p95 ${(r.p95 / floor.p95).toFixed(1)}); ${r.kills} backends killed, ${r.retries} calls repeated, ${r.answeredLost} issued by a call whose answer was lost; ${r.errorsLogged} errors logged`);
      console.log(`  not issued ${r.notIssued}, other errors ${r.otherErrorCount}${r.otherErrors.length ? ` (${r.otherErrors.join(" | ")})` : ""}`);
      console.log(`  gaps ${g.gaps}, duplicates ${g.duplicates} over ${g.numbered} numbers; audit chain ${v.broken.length ? `BROKEN ${v.broken.join("; ")}` : `verifies (${v.checked} entries)`}`);
      out.kill = { ...r, ...g, auditChecked: v.checked, auditBroken: v.broken };
      failed ||= g.gaps > 0 || g.duplicates > 0 || v.broken.length > 0 || r.notIssued > 0 || g.numbered !== r.issues;
    }
  } finally {
    await handle.close();
    await target.drop();
  }
  console.log(JSON.stringify(out));
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

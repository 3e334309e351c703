/**
 * Where the database time of issue 12's monitoring pages goes, in-process on PGlite (PostgreSQL with
 * BENCH_DATABASE_URL) at BENCH_INCOMING incoming documents (BENCH_EXTRA_PARTS more parts each) and
 * BENCH_OUTGOING outgoing: Tổng quan's counts, the dashboard's figures for a year and the two reports,
 * each the median of PROFILE_RUNS runs.
 * `BENCH_INCOMING=20000 BENCH_OUTGOING=5000 BENCH_EXTRA_PARTS=4 npx tsx --conditions=react-server tests/bench/profile-monitoring.ts`
 * PROFILE_COLD=1 moves the data version before every timed call (lib/cache/data-version.ts), so each call computes
 * its figures: what the first request after any change pays. PROFILE_DATA_DIR=<dir> keeps the PGlite data in
 * that directory and reuses it when it is there already (no generating); PROFILE_REUSE_URL=postgres://…/<database>
 * the same on PostgreSQL (a database you created: generated into when it has no incoming document, never dropped).
 */
import fs from "node:fs";
import path from "node:path";
import { count, eq, sql } from "drizzle-orm";
import { openDb, type DbHandle } from "@/db/client";
import { incomingDocuments, users } from "@/db/schema";
import { seedDemo } from "@/lib/seed/demo";
import { loadActor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { dashboardFigures, monitoringScope } from "@/lib/monitoring/dashboard";
import { myWork } from "@/lib/incoming/queries";
import { overviewFor } from "@/lib/monitoring/overview";
import { latestNotifications } from "@/lib/notifications";
import { handoverNotices } from "@/lib/work-files/queries";
import { presetPeriod } from "@/lib/monitoring/period";
import { loadReport } from "@/lib/monitoring/reports";
import { vietnamYear } from "@/lib/registers/numbering";
import { generateIncoming } from "./incoming-data";
import { generateOutgoing } from "./outgoing-data";
import { freshDatabase } from "./database";

const N = Number(process.env.BENCH_INCOMING || 20_000);
const OUT = Number(process.env.BENCH_OUTGOING || 5_000);
const EXTRA = Number(process.env.BENCH_EXTRA_PARTS || 4);
const RUNS = Number(process.env.PROFILE_RUNS || 10);

const COLD = process.env.PROFILE_COLD === "1";
let before: () => Promise<unknown> = async () => {};

async function time(label: string, fn: () => Promise<unknown>) {
  await fn();
  const ms: number[] = [];
  // CPU time of this process (PGlite runs in it): on a shared machine, steadier than the wall clock.
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await before();
    const t = performance.now();
    const c = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    ms.push(performance.now() - t);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
  const max = Math.max(...ms);
  console.log(`  ${label.padEnd(44)} median ${median(ms).toFixed(1)} ms, max ${max.toFixed(1)} ms, CPU median ${median(cpu).toFixed(1)} ms`);
}

async function main() {
  const dir = process.env.PROFILE_DATA_DIR && path.resolve(process.env.PROFILE_DATA_DIR);
  const url = process.env.PROFILE_REUSE_URL;
  const target = url ? { options: { url }, drop: async () => {} } : await freshDatabase("profile", dir || undefined);
  let handle: DbHandle | undefined;
  try {
    handle = await openDb(target.options);
    const db = handle.db;
    const reuse = url ? (await db.select({ n: count() }).from(incomingDocuments))[0].n > 0 : !!dir && fs.existsSync(path.join(dir, "PG_VERSION"));
    if (!reuse) {
      await seedDemo(db, hashPassword);
      await generateIncoming(db, N, vietnamYear(new Date()), EXTRA);
      if (OUT > 0) await generateOutgoing(db, OUT, vietnamYear(new Date()));
      await db.execute(sql`analyze`);
    }
    if (COLD) before = () => db.execute(sql`update agency_data_versions set version = version + 1`);
    const as = async (username: string) => (await loadActor(db, (await db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0].id))!;
    const [staff, head, director, clerk] = [await as("cv.tcbc1"), await as("tp.tcbc"), await as("giamdoc"), await as("vanthu")];
    console.log(`${handle.kind}, ${N} văn bản đến, ${OUT} văn bản đi${COLD ? ", computed every call (PROFILE_COLD)" : ""}:`);
    const year = presetPeriod("year");
    const only = process.env.PROFILE_ONLY?.split(",");
    const on = (k: string) => !only || only.includes(k);
    if (on("overview")) {
      await time("overview (staff)", () => overviewFor(staff, { db }));
      await time("overview (unit head)", () => overviewFor(head, { db }));
      await time("overview (director)", () => overviewFor(director, { db }));
    }
    if (on("home")) {
      // The rest of Tổng quan's page: the open work list, the bell's latest, the hand-over notices.
      for (const [name, who] of [["staff", staff], ["unit head", head], ["director", director]] as const) {
        await time(`home: myWork page 1 (${name})`, () => myWork(who, 1, db));
        await time(`home: latestNotifications (${name})`, () => latestNotifications(who, 10, db));
        await time(`home: handoverNotices (${name})`, () => handoverNotices(who, undefined, db));
      }
    }
    if (on("dashboard")) {
      const scope = (await monitoringScope(director, undefined, db))!;
      await time("dashboard (director, year)", () => dashboardFigures(director, scope, year, db));
      const headScope = (await monitoringScope(head, undefined, db))!;
      await time("dashboard (unit head, year)", () => dashboardFigures(head, headScope, year, db));
    }
    if (on("reports")) {
      await time("report incoming (year)", () => loadReport(clerk, "incoming", year, undefined, db));
      await time("report outgoing (year)", () => loadReport(clerk, "outgoing", year, undefined, db));
    }
  } finally {
    await handle?.close();
    await target.drop();
  }
}

main().then(() => process.exit(0), (e) => (console.error(e), process.exit(1)));

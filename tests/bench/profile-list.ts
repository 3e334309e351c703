/**
 * Where the database time of a signed-in list request goes, measured in-process on
 * PGlite (and on PostgreSQL with BENCH_DATABASE_URL) at BENCH_INCOMING incoming and as many outgoing
 * documents: the session check, the actor, the list queries and the filter options, each the median of many runs.
 * `npx tsx --conditions=react-server tests/bench/profile-list.ts`
 */
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { openDb, type DbHandle } from "@/db/client";
import { users, userSessions } from "@/db/schema";
import { seedDemo } from "@/lib/seed/demo";
import { loadActor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { loadSessionActor } from "@/lib/auth/sessions";
import { unitFilterOptions } from "@/lib/incoming/options";
import { listIncoming, myWork } from "@/lib/incoming/queries";
import { listOutgoing } from "@/lib/outgoing/queries";
import { navCountsFor } from "@/lib/monitoring/nav-counts";
import { overviewFor } from "@/lib/monitoring/overview";
import { vietnamYear } from "@/lib/registers/numbering";
import { generateIncoming } from "./incoming-data";
import { generateOutgoing } from "./outgoing-data";
import { freshDatabase } from "./database";

const N = Number(process.env.BENCH_INCOMING || 100_000);
const RUNS = Number(process.env.PROFILE_RUNS || 200);

async function time(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(`  ${label.padEnd(40)} median ${ms[ms.length >> 1].toFixed(2)} ms, p95 ${ms[Math.floor(ms.length * 0.95)].toFixed(2)} ms`);
}

async function main() {
  // PROFILE_REUSE_URL=postgres://…/<database>: time the queries on a database generated before (kept, not dropped).
  const reuse = process.env.PROFILE_REUSE_URL;
  const target = reuse ? { options: { url: reuse }, drop: async () => {} } : await freshDatabase("profile");
  let handle: DbHandle | undefined;
  try {
    handle = await openDb(target.options);
    const db = handle.db;
    if (!reuse) {
      await seedDemo(db, hashPassword);
      await generateIncoming(db, N, vietnamYear(new Date()), Number(process.env.BENCH_EXTRA_PARTS || 0));
      await generateOutgoing(db, Number(process.env.BENCH_OUTGOING || N), vietnamYear(new Date()));
    }
    await db.execute(sql`vacuum analyze`); // as autovacuum keeps a live server (README, Benchmarks)
    const [clerk] = await db.select({ id: users.id }).from(users).where(eq(users.username, "vanthu"));
    const sid = randomBytes(32).toString("base64url");
    const now = Date.now();
    await db.insert(userSessions).values({
      id: sid, userId: clerk.id, method: "password", ip: "127.0.0.1", userAgent: "profile",
      createdAt: new Date(now), lastSeenAt: new Date(now), expiresAt: new Date(now + 3_600_000),
    });
    const actor = (await loadActor(db, clerk.id))!;
    console.log(`${handle.kind}, ${N} văn bản đến:`);
    if (handle.kind === "postgresql") {
      // What a year of a department takes on disk, for the province's sizing (README "A province on paper").
      const size = await db.execute<{ total: string; name: string; bytes: string }>(sql`
        select pg_size_pretty(pg_database_size(current_database())) as total, c.relname as name, pg_total_relation_size(c.oid)::text as bytes
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' order by pg_total_relation_size(c.oid) desc limit 8`);
      console.log(`  database ${size.rows[0]?.total}; largest tables: ${size.rows.map((r) => `${r.name} ${Math.round(Number(r.bytes) / 1048576)} MB`).join(", ")}`);
    }
    // The former path: the session row with its user, then the user and the positions again.
    const before = async () => {
      const [row] = await db
        .select({ userId: userSessions.userId, endedAt: userSessions.endedAt, active: users.active })
        .from(userSessions)
        .innerJoin(users, eq(users.id, userSessions.userId))
        .where(eq(userSessions.id, sid));
      return loadActor(db, row.userId);
    };
    await time("session row + loadActor (3 queries, before)", before);
    await time("loadSessionActor (one query)", () => loadSessionActor(db, sid));
    await time("listIncoming (clerk, page 1)", () => listIncoming(actor, { page: 1 }, db));
    await time("listIncoming (clerk, page 40)", () => listIncoming(actor, { page: 40 }, db));
    await time("unitFilterOptions", () => unitFilterOptions(actor.agencyId, db));
    await time("listIncoming (search, broad)", () => listIncoming(actor, { q: "ke hoach tuyen dung cong chuc" }, db));
    await time("listIncoming (overdue)", () => listIncoming(actor, { overdue: true }, db));
    const as = async (username: string) => (await loadActor(db, (await db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0].id))!;
    const [staff, director] = [await as("cv.tcbc1"), await as("giamdoc")];
    await time("myWork (staff)", () => myWork(staff, 1, db));
    await time("listOutgoing (clerk, issued)", () => listOutgoing(actor, { status: "issued" }, db));
    await time("listOutgoing (clerk, page 40)", () => listOutgoing(actor, { page: 40 }, db));
    await time("listOutgoing (search, broad)", () => listOutgoing(actor, { q: "cai cach hanh chinh" }, db));
    await time("listOutgoing (drafts of the staff)", () => listOutgoing(staff, { mine: true }, db));
    await time("listOutgoing (director's inbox)", () => listOutgoing(director, { inbox: true }, db));
    // The counts every signed-in page's navigation shows (the office layout).
    const head = await as("tp.tcbc");
    await time("myWork (unit head)", () => myWork(head, 1, db));
    for (const [who, a] of [["clerk", actor], ["staff", staff], ["unit head", head], ["director", director]] as const) {
      await time(`overviewFor (${who})`, () => overviewFor(a, { db }));
      await time(`navCountsFor (${who}), one statement`, () => navCountsFor(a, { db }));
    }
  } finally {
    await handle?.close();
    await target.drop();
  }
}

main().then(() => process.exit(0), (e) => (console.error(e), process.exit(1)));

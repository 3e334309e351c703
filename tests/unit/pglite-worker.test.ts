// The server's PGlite runs on a worker thread (db/pglite-remote.ts). Drizzle must see the same rows,
// the same errors and the same transactions as with PGlite on the calling thread.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { integer, jsonb, numeric, pgTable, text, timestamp, date } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, pgliteLockFile, type DbHandle } from "@/db/client";

const things = pgTable("things", {
  id: integer("id").primaryKey(),
  name: text("name").notNull().unique("things_name_key"),
  at: timestamp("at", { withTimezone: true }),
  on: date("on"),
  amount: numeric("amount"),
  data: jsonb("data"),
});

const SETUP = [
  `create table things (id integer primary key, name text not null constraint things_name_key unique, at timestamptz, "on" date, amount numeric, data jsonb)`,
  "create table counter (n integer not null)",
  "insert into counter values (0)",
];

async function sample(h: DbHandle) {
  const db = h.db;
  await db.delete(things);
  await db.insert(things).values([
    { id: 1, name: "Sở Nội vụ", at: new Date("2026-12-05T01:02:03.456Z"), on: "2027-02-06", amount: "12.50", data: { a: [1, "hai"] } },
    { id: 2, name: "Văn thư", at: null, on: null, amount: null, data: null },
  ]);
  return {
    typed: await db.select().from(things).orderBy(things.id),
    relational: (await db.execute(sql`select id, name, at, "on", amount, data from things order by id`)).rows,
    counted: await db.$count(things),
  };
}

describe("PGlite on a worker thread", () => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vpdt-pglite-worker-")), "pglite");
  let inThread: Awaited<ReturnType<typeof sample>>;
  let h: DbHandle;

  beforeAll(async () => {
    const local = await openDb({ dataDir: dir, migrate: false });
    for (const s of SETUP) await local.db.execute(sql.raw(s));
    inThread = await sample(local);
    await local.close();
    h = await openDb({ dataDir: dir, migrate: false, worker: true });
  });

  afterAll(async () => {
    await h?.close();
    expect(fs.existsSync(pgliteLockFile(dir))).toBe(false);
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it("reads the same rows, typed and raw, as PGlite on the calling thread", async () => {
    const remote = await sample(h);
    expect(remote).toEqual(inThread);
    expect(remote.typed[0].at).toEqual(new Date("2026-12-05T01:02:03.456Z"));
    expect(remote.typed[0].on).toBe("2027-02-06");
    expect(remote.typed[0].data).toEqual({ a: [1, "hai"] });
  });

  it("gives PostgreSQL's error fields (code, constraint) as the in-thread driver does", async () => {
    const e = await h.db.insert(things).values({ id: 3, name: "Sở Nội vụ" }).catch((x: unknown) => x);
    const cause = (e as { cause?: Record<string, unknown> }).cause;
    expect(cause).toMatchObject({ code: "23505", constraint: "things_name_key" });
    expect(cause).toBeInstanceOf(Error);
  });

  it("commits, rolls back, and rolls back to a savepoint", async () => {
    await h.db.transaction(async (tx) => {
      await tx.insert(things).values({ id: 10, name: "kept" });
    });
    await expect(
      h.db.transaction(async (tx) => {
        await tx.insert(things).values({ id: 11, name: "dropped" });
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    await h.db.transaction(async (tx) => {
      await tx.insert(things).values({ id: 12, name: "outer" });
      await tx.transaction(async (inner) => {
        await inner.insert(things).values({ id: 13, name: "inner" });
        inner.rollback();
      }).catch(() => {});
    });
    // A statement that fails inside a transaction aborts it; the whole step rolls back.
    await expect(
      h.db.transaction(async (tx) => {
        await tx.insert(things).values({ id: 14, name: "half" });
        await tx.insert(things).values({ id: 10, name: "duplicate id" });
      }),
    ).rejects.toThrow();
    const ids = (await h.db.select({ id: things.id }).from(things).where(sql`${things.id} >= 10`).orderBy(things.id)).map((r) => r.id);
    expect(ids).toEqual([10, 12]);
  });

  it("runs concurrent transactions one after another, never interleaved", async () => {
    await h.db.execute(sql`update counter set n = 0`);
    const seen: number[] = [];
    await Promise.all(
      Array.from({ length: 25 }, () =>
        h.db.transaction(async (tx) => {
          const n = Number((await tx.execute(sql`select n from counter`)).rows[0].n);
          // Queries outside any transaction wait for the open one, as with PGlite on the calling thread.
          await new Promise((r) => setTimeout(r, 1));
          await tx.execute(sql`update counter set n = ${n + 1}`);
          seen.push(n);
        }),
      ),
    );
    expect(Number((await h.db.execute(sql`select n from counter`)).rows[0].n)).toBe(25);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it("answers the queries of several requests at once", async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => h.db.execute(sql`select ${i}::int as i`)));
    expect(answers.map((a) => a.rows[0].i)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  // The worker parses each statement once by name (db/pglite-worker.mjs); past its sixth run PostgreSQL may
  // keep a generic plan. The answers must stay those of PGlite's own query().
  it("answers a statement run many times, with other values each time, as the first time", async () => {
    await h.db.delete(things);
    await h.db.insert(things).values(Array.from({ length: 30 }, (_, i) => ({ id: 100 + i, name: `việc ${i}`, amount: String(i * 1.5), on: `2027-01-${String(1 + (i % 28)).padStart(2, "0")}` })));
    const byName = (name: string) => h.db.select({ id: things.id, amount: things.amount, on: things.on }).from(things).where(sql`${things.name} = ${name}`);
    for (let i = 0; i < 30; i++) expect(await byName(`việc ${i}`)).toEqual([{ id: 100 + i, amount: String(i * 1.5), on: `2027-01-${String(1 + (i % 28)).padStart(2, "0")}` }]);
    expect(await byName("không có")).toEqual([]);
    // A date parameter, a timestamp and null: serialized by the statement's own parameter types.
    const at = new Date("2027-02-06T03:04:05.678Z");
    for (let i = 0; i < 8; i++) await h.db.update(things).set({ at: i % 2 ? at : null }).where(sql`${things.id} = ${100 + i}`);
    const rows = await h.db.select({ id: things.id, at: things.at }).from(things).where(sql`${things.id} < 108`).orderBy(things.id);
    expect(rows.map((r) => r.at)).toEqual(Array.from({ length: 8 }, (_, i) => (i % 2 ? at : null)));
  });

  it("keeps answering past the number of statements it keeps, the oldest parsed again", async () => {
    const texts = Array.from({ length: 520 }, (_, i) => sql.raw(`select ${i} as n, '${i}'::text as t`));
    for (const [i, q] of texts.entries()) expect((await h.db.execute(q)).rows).toEqual([{ n: i, t: String(i) }]);
    // The first ones were let go; they are prepared again under new names.
    for (const i of [0, 1, 519]) expect((await h.db.execute(texts[i])).rows).toEqual([{ n: i, t: String(i) }]);
    // They are the protocol's named statements (not SQL PREPARE), and no more than 500 are kept.
    const kept = await h.db.execute(sql`select count(*)::int as n, count(*) filter (where statement like '%::text as t')::int as ours from pg_prepared_statements where not from_sql`);
    expect(kept.rows[0].n).toBeLessThanOrEqual(500);
    expect(kept.rows[0].n).toBeGreaterThan(400);
    expect(kept.rows[0].ours).toBeGreaterThan(400);
  });

  it("reports a refused value or a bad statement with its code, and goes on", async () => {
    const badValue = await h.db.execute(sql`select ${"không phải số"}::int as n`).catch((x: unknown) => x);
    expect((badValue as { cause?: Record<string, unknown> }).cause).toMatchObject({ code: "22P02" });
    const badText = await h.db.execute(sql.raw("select from where")).catch((x: unknown) => x);
    expect((badText as { cause?: Record<string, unknown> }).cause).toMatchObject({ code: "42601" });
    // The same statement with a good value, outside and inside a transaction.
    expect((await h.db.execute(sql`select ${"7"}::int as n`)).rows).toEqual([{ n: 7 }]);
    await h.db.transaction(async (tx) => {
      expect((await tx.execute(sql`select ${"8"}::int as n`)).rows).toEqual([{ n: 8 }]);
    });
  });

  it("keeps a statement first parsed in a transaction that rolled back", async () => {
    const probe = () => h.db.select({ id: things.id }).from(things).where(sql`${things.id} = ${4242} and ${things.name} <> ${"rolled back"}`);
    await expect(
      h.db.transaction(async (tx) => {
        await tx.insert(things).values({ id: 4242, name: "rolled back" });
        await tx.select({ id: things.id }).from(things).where(sql`${things.id} = ${4242} and ${things.name} <> ${"rolled back"}`);
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    expect(await probe()).toEqual([]);
    await h.db.insert(things).values({ id: 4242, name: "kept this time" });
    expect(await probe()).toEqual([{ id: 4242 }]);
  });
});

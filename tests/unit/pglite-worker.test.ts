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
});

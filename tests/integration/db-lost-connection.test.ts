import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";

// security.md §5 row 17: a backend that ends under the app (restart, pg_terminate_backend) fails the step it
// was running and nothing else: the process stays up and the pool gets its slot back. With a pool of one
// connection, a leaked client would make the next query wait forever (issue 15 item 5 found both on main).
const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)("a lost PostgreSQL connection (PostgreSQL)", () => {
  let h: DbHandle;
  let admin: pg.Client;
  const withinSeconds = <T,>(p: Promise<T>, s = 10) =>
    Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${s} s: the pool leaked its connection`)), s * 1000))]);

  beforeAll(async () => {
    const before = process.env.DATABASE_POOL_SIZE;
    process.env.DATABASE_POOL_SIZE = "1";
    h = await openDb({ url: url!, migrate: false });
    if (before === undefined) delete process.env.DATABASE_POOL_SIZE;
    else process.env.DATABASE_POOL_SIZE = before;
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await h?.close();
  });

  const pidOf = async (q: { execute: typeof h.db.execute }) => Number(((await q.execute(sql`select pg_backend_pid() as pid`)).rows[0] as { pid: number }).pid);

  it("a backend killed during a transaction's statement fails that transaction only", async () => {
    const killed = h.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_terminate_backend(pg_backend_pid())`);
    });
    await expect(killed).rejects.toThrow();
    expect(await withinSeconds(pidOf(h.db))).toBeGreaterThan(0);
  });

  it("a backend killed between two statements of a transaction gives its connection back", async () => {
    let firstPid = 0;
    const killed = h.db.transaction(async (tx) => {
      firstPid = await pidOf(tx);
      await admin.query("select pg_terminate_backend($1)", [firstPid]);
      // The client learns it is gone while it has no query running (checked out, between statements).
      await new Promise((r) => setTimeout(r, 300));
      await tx.execute(sql`select 1`);
    });
    await expect(killed).rejects.toThrow();
    const next = await withinSeconds(pidOf(h.db));
    expect(next).toBeGreaterThan(0);
    expect(next).not.toBe(firstPid);
  });
});

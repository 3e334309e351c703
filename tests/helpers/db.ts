import fs from "node:fs";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { openDb, useDbHandle, type Db, type DbHandle, type DbKind } from "@/db/client";
import { auditEvents } from "@/db/schema";

/** PGlite always; the real PostgreSQL too when TEST_DATABASE_URL is set (house rule 6). */
export const DB_KINDS: DbKind[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgresql"] : ["pglite"];

export interface TestDb extends DbHandle {
  drop: () => Promise<void>;
}

/** A fresh, migrated database of the given kind, installed as the process-wide one. */
export async function createTestDb(kind: DbKind): Promise<TestDb> {
  let handle: DbHandle;
  let dropDb = async () => {};
  if (kind === "pglite") {
    const template = inject("pgliteTemplate");
    handle = await openDb({ loadDataDir: new Blob([fs.readFileSync(template)]), migrate: false });
  } else {
    const base = process.env.TEST_DATABASE_URL!;
    const name = `t_${process.pid}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    // A copy of the template migrated once in global-setup (tests/helpers/global-setup.ts).
    const template = inject("postgresTemplate");
    await createFromTemplate(admin, name, template);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    handle = await openDb({ url: url.toString(), migrate: !template });
    dropDb = async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      // pool.end() resolves before every backend has gone; forcing the drop while one is still
      // closing sends its client an unhandled FATAL (57P01). Wait for them first.
      for (let i = 0; i < 50; i++) {
        const { rows } = await c.query("select count(*)::int as n from pg_stat_activity where datname = $1", [name]);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  useDbHandle(handle);
  return {
    ...handle,
    drop: async () => {
      await handle.close();
      await dropDb();
    },
  };
}

/**
 * CREATE DATABASE … TEMPLATE fails (55006) while another session is still connected to the template; the
 * only sessions there are other files' copies starting at the same moment, so try again shortly.
 */
async function createFromTemplate(admin: pg.Client, name: string, template: string) {
  if (!template) return void (await admin.query(`create database ${name}`));
  for (let attempt = 0; ; attempt++) {
    try {
      return void (await admin.query(`create database ${name} template ${template}`));
    } catch (e) {
      if (pgCode(e) !== "55006" || attempt >= 50) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Audit entries matching every given field, oldest first. */
export async function auditRows(
  db: Db,
  where: Partial<Record<"chain" | "action" | "objectType" | "objectId" | "actorId" | "outcome", string>>,
) {
  const conds = Object.entries(where).map(([k, v]) => eq(auditEvents[k as keyof typeof where], v!));
  return db.select().from(auditEvents).where(and(...conds)).orderBy(asc(auditEvents.id));
}

/** Rows in a table (for "nothing changed" checks). */
export async function countRows(db: Db, table: PgTable): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table);
  return row.n;
}

/** The SQLSTATE of a database error, whichever driver and wrapper threw it. */
export function pgCode(e: unknown): string | undefined {
  for (let cur = e as { code?: unknown; cause?: unknown } | undefined, i = 0; cur && i < 5; cur = cur.cause as typeof cur, i++) {
    if (typeof cur.code === "string") return cur.code;
  }
  return undefined;
}

/** What a superuser can do: switch the append-only triggers of audit_events off around a change. */
export async function withAuditTriggersOff(db: Db, change: () => Promise<unknown>) {
  await db.execute(sql`alter table audit_events disable trigger user`);
  try {
    await change();
  } finally {
    await db.execute(sql`alter table audit_events enable trigger user`);
  }
}

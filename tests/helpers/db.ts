import fs from "node:fs";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { openDb, useDbHandle, type DbHandle, type DbKind } from "@/db/client";

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
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    handle = await openDb({ url: url.toString() });
    dropDb = async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
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

import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "./schema";

// One result shape for both drivers: only `rows` and `rowCount` exist on both (stack-notes gotcha 8).
type Result<T> = { rows: T[]; rowCount?: number | null };
export interface QueryHKT extends PgQueryResultHKT {
  type: Result<this["row"] extends Record<string, unknown> ? this["row"] : Record<string, unknown>>;
}
export type Db = PgDatabase<QueryHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbKind = "pglite" | "postgresql";

export interface DbHandle {
  db: Db;
  kind: DbKind;
  close: () => Promise<void>;
  /** PGlite only: a dump of the data directory, used to clone test databases quickly. */
  pglite?: PGlite;
}

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

export interface OpenOptions {
  url?: string;
  /** PGlite data directory; undefined means in memory. */
  dataDir?: string;
  loadDataDir?: Blob;
  migrate?: boolean;
}

export async function openDb(opts: OpenOptions): Promise<DbHandle> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    if (opts.migrate !== false) await migratePg(drizzlePg(pool, { schema }), { migrationsFolder });
    return { db, kind: "postgresql", close: () => pool.end() };
  }
  if (opts.dataDir) fs.mkdirSync(opts.dataDir, { recursive: true });
  const client = await PGlite.create({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    extensions: { unaccent, pg_trgm },
  });
  const pgliteDb = drizzlePglite(client, { schema });
  if (opts.migrate !== false) await migratePglite(pgliteDb, { migrationsFolder });
  return { db: pgliteDb as unknown as Db, kind: "pglite", close: () => client.close(), pglite: client };
}

export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR ?? path.join(process.cwd(), "data"));
}

export function configuredDbOptions(): OpenOptions {
  const url = process.env.DATABASE_URL;
  return url ? { url } : { dataDir: path.join(dataDir(), "pglite") };
}

const holder = globalThis as unknown as { __vpdtDb?: Promise<DbHandle> };

/** The process-wide database: PostgreSQL when DATABASE_URL is set, otherwise PGlite in DATA_DIR. */
export function getDbHandle(): Promise<DbHandle> {
  holder.__vpdtDb ??= openDb(configuredDbOptions());
  return holder.__vpdtDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Tests and scripts install their own database as the process-wide one. */
export function useDbHandle(handle: DbHandle) {
  holder.__vpdtDb = Promise.resolve(handle);
}

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
import { PgliteRemote } from "./pglite-remote";
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

// The PostgreSQL databases this process opened (node-postgres): a simple query there may carry several
// statements. Kept on globalThis like the process-wide database itself: Next.js may bundle this module more
// than once (a page's copy answered false for the database another copy had opened).
const postgresDbs: WeakSet<object> = ((globalThis as { __vpdtPostgresDbs?: WeakSet<object> }).__vpdtPostgresDbs ??= new WeakSet());

/** True for a PostgreSQL database, false for PGlite. */
export function isPostgres(db: Db): boolean {
  return postgresDbs.has(db);
}

/**
 * The node-postgres connection a PostgreSQL transaction runs on (one per transaction, from the pool), as a key
 * for what was prepared on it by name (db/named.ts preparedCall); null on PGlite. Drizzle (0.45) keeps it on
 * the transaction's session.
 */
export function connectionOf(tx: Tx): object | null {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  return client instanceof pg.Client ? client : null;
}

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

export interface OpenOptions {
  url?: string;
  /** PGlite data directory; undefined means in memory. */
  dataDir?: string;
  loadDataDir?: Blob;
  migrate?: boolean;
  /** PGlite with a data folder: run it on a worker thread (db/pglite-remote.ts), as the server does. */
  worker?: boolean;
}

// Any number of app instances may start at once on one PostgreSQL (issue 15 item 2), and each start
// migrates. Drizzle's migrator takes no lock: two of them would both apply the same migration and one
// would fail on "already exists". A session-level advisory lock lets one apply them; the others wait,
// then find nothing left to do.
const MIGRATION_LOCK = 0x7670_6474; // "vpdt"

async function migrateLocked(pool: pg.Pool) {
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

function releasedWhenLost(client: pg.PoolClient): pg.PoolClient {
  const release = client.release;
  let released = false;
  const onError = (e: Error) => {
    if (released) return;
    released = true;
    release(e);
  };
  client.once("error", onError);
  client.release = (err?: Error | boolean) => {
    client.removeListener("error", onError);
    if (released) return;
    released = true;
    release(err);
  };
  return client;
}

export async function openDb(opts: OpenOptions): Promise<DbHandle> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    // A connection whose backend ends (a restart, pg_terminate_backend; security.md §5 row 17) emits
    // "error": on the pool when idle, on the client while checked out between two queries. Without a
    // listener either ends the process. The query in flight fails on its own, and the pool drops a
    // client that is no longer queryable when it is released.
    const lost = (e: Error) => console.error(`PostgreSQL: connection lost (${e.message})`);
    pool.on("error", lost);
    pool.on("connect", (client) => client.on("error", lost));
    // Drizzle (0.45) releases a transaction's client in a `finally` that does not cover its BEGIN: a
    // connection lost at BEGIN was never given back, and after `max` of them every transaction waited
    // forever. A checked-out client whose connection is lost goes back at once (the pool discards it);
    // the later release is then a no-op.
    const connect = pool.connect.bind(pool);
    pool.connect = ((callback?: Parameters<typeof pool.connect>[0]) =>
      callback ? connect(callback) : connect().then(releasedWhenLost)) as typeof pool.connect;
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    postgresDbs.add(db);
    if (opts.migrate !== false) {
      try {
        await migrateLocked(pool);
      } catch (e) {
        await pool.end().catch(() => {});
        throw e;
      }
    }
    return { db, kind: "postgresql", close: () => pool.end() };
  }
  if (opts.dataDir) fs.mkdirSync(opts.dataDir, { recursive: true });
  const unlock = opts.dataDir ? lockPgliteDir(opts.dataDir) : () => {};
  try {
    // The server's database runs on a worker thread (db/pglite-remote.ts); scripts and tests on this one.
    const remote = opts.worker && opts.dataDir && !opts.loadDataDir ? await PgliteRemote.open(opts.dataDir) : null;
    const client = remote ?? (await PGlite.create({ dataDir: opts.dataDir, loadDataDir: opts.loadDataDir, extensions: { unaccent, pg_trgm } }));
    const close = async () => {
      try {
        await client.close();
      } finally {
        unlock();
      }
    };
    const pgliteDb = drizzlePglite(client as PGlite, { schema });
    if (opts.migrate !== false) {
      try {
        await migratePglite(pgliteDb, { migrationsFolder });
      } catch (e) {
        await close().catch(() => {});
        throw e;
      }
    }
    return { db: pgliteDb as unknown as Db, kind: "pglite", close, pglite: remote ? undefined : (client as PGlite) };
  } catch (e) {
    unlock();
    throw e;
  }
}

// PGlite has no lock of its own (its postmaster.pid always says -42), and two processes on one
// folder corrupt it. `<folder>.lock` (beside the folder, so never inside a dump of it) holds the
// pid of the process that has it open; a lock whose process is gone is stale and taken over.
const held = new Map<string, number>();

export function pgliteLockFile(dir: string): string {
  return `${path.resolve(dir)}.lock`;
}

/** The pid of another live process holding the PGlite folder, or null. */
export function pgliteHolder(dir: string): number | null {
  let text: string;
  try {
    text = fs.readFileSync(pgliteLockFile(dir), "utf8");
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") return null;
    throw e;
  }
  const pid = Number.parseInt(text, 10);
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    return (e as { code?: string }).code === "EPERM" ? pid : null;
  }
}

function lockPgliteDir(dir: string): () => void {
  const file = pgliteLockFile(dir);
  const count = held.get(file) ?? 0;
  if (count === 0) {
    for (let attempt = 0; ; attempt++) {
      try {
        fs.writeFileSync(file, String(process.pid), { flag: "wx", mode: 0o600 });
        break;
      } catch (e) {
        if ((e as { code?: string }).code !== "EEXIST" || attempt > 0) throw e;
        const pid = pgliteHolder(dir);
        if (pid !== null)
          throw new Error(
            `Cơ sở dữ liệu PGlite ${dir} đang được tiến trình ${pid} mở (máy chủ đang chạy?). ` +
              `Dừng tiến trình đó trước; nếu chắc chắn không còn tiến trình nào, xóa tệp ${file}.`,
          );
        fs.rmSync(file, { force: true });
      }
    }
  }
  held.set(file, count + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (held.get(file) ?? 1) - 1;
    if (left > 0) return void held.set(file, left);
    held.delete(file);
    fs.rmSync(file, { force: true });
  };
}

export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR ?? path.join(process.cwd(), "data"));
}

/**
 * What the app itself connects with: DATABASE_URL (the app role) or PGlite. When a separate
 * DATABASE_MIGRATION_URL is configured, the app role cannot (and does not) migrate.
 */
export function configuredDbOptions(): OpenOptions {
  const url = process.env.DATABASE_URL;
  if (!url) return { dataDir: path.join(dataDir(), "pglite") };
  // `npm start` migrated already, as the owner, and does not pass the owner's URL to the server.
  return separateMigrationRole() || process.env.VPDT_MIGRATED === "1" ? { url, migrate: false } : { url };
}

/** What migrations, seeds and restores connect with: the owner role when configured. */
export function configuredMigrationOptions(): OpenOptions {
  const url = process.env.DATABASE_URL;
  if (!url) return { dataDir: path.join(dataDir(), "pglite") };
  return { url: process.env.DATABASE_MIGRATION_URL || url };
}

/** True when PostgreSQL migrations run as another role than the app (least privilege). */
export function separateMigrationRole(): boolean {
  const { DATABASE_URL: app, DATABASE_MIGRATION_URL: owner } = process.env;
  return !!app && !!owner && owner !== app;
}

const holder = globalThis as unknown as { __vpdtDb?: Promise<DbHandle> };

/** The process-wide database: PostgreSQL when DATABASE_URL is set, otherwise PGlite in DATA_DIR. */
export function getDbHandle(): Promise<DbHandle> {
  // The server's PGlite runs on its own thread, so a query no longer stops every page's rendering
  // (PGLITE_WORKER=0 keeps it on the server's thread, to compare); scripts open theirs on their own.
  holder.__vpdtDb ??= openDb({ ...configuredDbOptions(), worker: process.env.PGLITE_WORKER !== "0" });
  return holder.__vpdtDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Tests and scripts install their own database as the process-wide one. */
export function useDbHandle(handle: DbHandle) {
  holder.__vpdtDb = Promise.resolve(handle);
}

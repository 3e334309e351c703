import { randomBytes } from "node:crypto";
import pg from "pg";
import type { OpenOptions } from "@/db/client";

/**
 * The benchmark's database: with BENCH_DATABASE_URL, a fresh database created on that PostgreSQL
 * server (its name replaced by `<prefix>_<random>`) and dropped afterwards; otherwise PGlite, in
 * `dataDir` when given (the server opens it after the data is written) or in memory.
 */
export async function freshDatabase(prefix: string, dataDir?: string) {
  const base = process.env.BENCH_DATABASE_URL;
  if (!base) {
    return { kind: "pglite" as const, options: { dataDir } satisfies OpenOptions, env: {} as Record<string, string>, drop: async () => {} };
  }
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    kind: "postgresql" as const,
    options: { url: url.toString() } satisfies OpenOptions,
    env: { DATABASE_URL: url.toString() } as Record<string, string>,
    drop: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

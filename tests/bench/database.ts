import { randomBytes } from "node:crypto";
import type { OpenOptions } from "@/db/client";
import { scratchDatabase } from "../helpers/scratch-db";

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
  const scratch = scratchDatabase(base, name);
  await scratch.create();
  return {
    kind: "postgresql" as const,
    options: { url: scratch.url } satisfies OpenOptions,
    env: { DATABASE_URL: scratch.url } as Record<string, string>,
    drop: scratch.drop,
  };
}

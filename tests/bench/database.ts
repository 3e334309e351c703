import { randomBytes } from "node:crypto";
import type { OpenOptions } from "@/db/client";
import { scratchDatabase } from "../helpers/scratch-db";

/**
 * The benchmark's database: with BENCH_DATABASE_URL, a fresh database created on that PostgreSQL
 * server (its name replaced by `<prefix>_<random>`) and dropped afterwards; otherwise PGlite, in
 * `dataDir` when given (the server opens it after the data is written) or in memory; with BENCH_REUSE_URL, that
 * kept database as it is.
 */
export async function freshDatabase(prefix: string, dataDir?: string) {
  // BENCH_REUSE_URL: a database a run kept (BENCH_KEEP=1), measured again without generating it again (alone:
  // it used to count only with BENCH_DATABASE_URL set too, and without it a run generated a PGlite database).
  const reuse = process.env.BENCH_REUSE_URL;
  if (reuse) {
    return {
      kind: "postgresql" as const, reused: true, options: { url: reuse } satisfies OpenOptions,
      env: { DATABASE_URL: reuse } as Record<string, string>, drop: async () => {},
    };
  }
  const base = process.env.BENCH_DATABASE_URL;
  if (!base) {
    return { kind: "pglite" as const, reused: false, options: { dataDir } satisfies OpenOptions, env: {} as Record<string, string>, drop: async () => {} };
  }
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const scratch = scratchDatabase(base, name);
  await scratch.create();
  const keep = process.env.BENCH_KEEP === "1";
  return {
    kind: "postgresql" as const,
    reused: false,
    options: { url: scratch.url } satisfies OpenOptions,
    env: { DATABASE_URL: scratch.url } as Record<string, string>,
    drop: keep
      ? async () => console.log(`Giữ lại cơ sở dữ liệu (BENCH_KEEP=1): BENCH_REUSE_URL=${scratch.url}; xóa: drop database ${name} with (force)`)
      : scratch.drop,
  };
}

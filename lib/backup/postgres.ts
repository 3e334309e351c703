import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { BackupError } from "./errors";

/** pg_dump / pg_restore: PG_BIN_DIR, else the newest /usr/lib/postgresql/<n>/bin, else PATH. */
export function pgTool(name: "pg_dump" | "pg_restore"): string {
  if (process.env.PG_BIN_DIR) return path.join(process.env.PG_BIN_DIR, name);
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+(\.\d+)?$/.test(v)) : [];
  for (const v of versions.sort((a, b) => Number(b) - Number(a))) {
    const p = path.join(root, v, "bin", name);
    if (fs.existsSync(p)) return p;
  }
  return name;
}

/** The connection string without its password (which goes in PGPASSWORD, not on the command line). */
function libpqTarget(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  return { dbname: u.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

function run(tool: "pg_dump" | "pg_restore", args: string[], url: string): Promise<void> {
  const { dbname, env } = libpqTarget(url);
  const bin = pgTool(tool);
  return new Promise((resolve, reject) => {
    const child = spawn(bin, [...args, `--dbname=${dbname}`], { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (e) => reject(new BackupError(`Không chạy được ${bin}: ${e.message}. Cài PostgreSQL client hoặc đặt PG_BIN_DIR.`)));
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${tool} dừng với mã ${code}:\n${stderr.trim()}`)),
    );
  });
}

/**
 * Opens one REPEATABLE READ transaction, exports its snapshot, lets `inSnapshot` read through it
 * (the chain heads, the file count) and runs pg_dump on the same snapshot: the manifest and the
 * dump describe exactly the same state, however busy the server is.
 */
export async function dumpPostgres<T>(url: string, file: string, inSnapshot: (db: Db) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("begin isolation level repeatable read, read only");
    const { rows } = await client.query<{ id: string }>("select pg_export_snapshot() as id");
    const info = await inSnapshot(drizzle(client, { schema }) as unknown as Db);
    await run("pg_dump", ["--format=custom", `--snapshot=${rows[0].id}`, `--file=${file}`], url);
    await client.query("commit");
    return info;
  } finally {
    await client.end();
  }
}

/** Relations outside the system schemas: a database to restore into must have none. */
export async function postgresObjectCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
          and n.nspname not like 'pg_temp%' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`,
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

/**
 * Loads a custom-format dump in one transaction (all or nothing). Owners and grants are not taken
 * from the dump: the restoring (owner) role owns everything, and the app role is granted afresh.
 */
export function restorePostgres(url: string, file: string): Promise<void> {
  return run("pg_restore", ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", file], url);
}

import "server-only";
import { sql } from "drizzle-orm";
import { getDbHandle } from "@/db/client";
import pkg from "@/package.json";

/** What /api/health may say without authentication: status, database kind and version only. */
export async function health() {
  try {
    const handle = await getDbHandle();
    await handle.db.execute(sql`select 1`);
    return { status: "ok" as const, database: handle.kind, version: pkg.version };
  } catch {
    return { status: "error" as const, database: process.env.DATABASE_URL ? "postgresql" : "pglite", version: pkg.version };
  }
}

import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { openDb, type Db } from "@/db/client";
import { agencies, users } from "@/db/schema";
import { seedDemo } from "@/lib/seed/demo";
import { hashPassword } from "@/lib/auth/password";
import { copyTemplate, makeTempDir } from "./harness";

export interface DemoDb {
  db: Db;
  dataDir: string;
  agencyId: string;
  /** The id of a demo person by username. */
  person: (username: string) => Promise<string>;
}

/**
 * A data folder holding the demo agency and what `fill` writes into it, before the server opens it
 * (PGlite allows one process at a time); hand it to startApp({ dataDir }). `documents: false` gives
 * the demo people and units only, without the demo documents (for tests that print books from số 1).
 */
export async function demoDataDir(fill: (d: DemoDb) => Promise<void>, opts: { documents?: boolean } = {}): Promise<string> {
  const dataDir = makeTempDir();
  const template = process.env.E2E_PGLITE_TEMPLATE;
  if (opts.documents !== false && template && fs.existsSync(path.join(template, "pglite"))) copyTemplate(template, dataDir);
  const h = await openDb({ dataDir: path.join(dataDir, "pglite") });
  try {
    const db = h.db;
    await seedDemo(db, hashPassword); // a no-op on a copy of the template
    const [agency] = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, "SNV"));
    const person = async (username: string) => (await db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0].id;
    await fill({ db, dataDir, agencyId: agency.id, person });
  } finally {
    await h.close();
  }
  return dataDir;
}

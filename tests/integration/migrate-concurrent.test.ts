import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { migrationsFolder, openDb } from "@/db/client";
import { ensureFirstAdmin } from "@/lib/seed/bootstrap";
import { DB_KINDS } from "../helpers/db";
import { scratchDatabase } from "../helpers/scratch-db";

// Issue 15 item 2: several instances on one PostgreSQL may start at the same moment (an upgrade rolled
// out to all of them). Each start migrates; the migrations must run once, the other starts wait for
// them and find nothing left to do, instead of failing on a half-applied schema.

describe.each(DB_KINDS)("migrations started by several instances at once on %s", (kind) => {
  if (kind === "pglite") {
    it("does not apply to PGlite", (ctx) =>
      ctx.skip("one PGlite folder is only ever opened by one process (db/client.ts lockPgliteDir); this runs on PostgreSQL (TEST_DATABASE_URL)"));
    return;
  }
  const base = process.env.TEST_DATABASE_URL;
  const dbName = `t_migr_${process.pid}_${randomBytes(4).toString("hex")}`;
  const scratch = scratchDatabase(base!, dbName);
  afterAll(() => scratch.drop());

  it("three instances starting at once on an empty database: each migration is applied once, one first administrator is made", async () => {
    await scratch.create();
    const results = await Promise.allSettled([0, 1, 2].map(() => openDb({ url: scratch.url })));
    const handles = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    try {
      expect(results.map((r) => (r.status === "rejected" ? String(r.reason?.cause ?? r.reason) : "ok"))).toEqual(["ok", "ok", "ok"]);
      const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
      const { rows } = await handles[0].db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      expect(rows[0].n).toBe(journal.entries.length);
      // The first administrator (INITIAL_ADMIN_*) of a new installation, asked for by every start: made once.
      const input = {
        agency: { code: "SNV", name: "Sở Nội vụ", parentName: "UBND tỉnh", organId: "000.00.00.H00" },
        username: "quantri",
        fullName: "Quản trị hệ thống",
        passwordHash: "x",
      };
      const made = await Promise.all(handles.map((h) => ensureFirstAdmin(h.db, input)));
      expect(made.filter((m) => m.created)).toHaveLength(1);
      const people = await handles[0].db.execute(sql`select count(*)::int as n from users`);
      expect(people.rows[0].n).toBe(1);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });
});

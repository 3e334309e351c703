import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { configuredDbOptions, openDb, useDbHandle, type DbHandle } from "@/db/client";
import { roleProblems } from "@/db/roles";
import { auditEvents, incomingDocuments } from "@/db/schema";
import { executeAction } from "@/lib/actions/define";
import { appendAudit, verifyChain } from "@/lib/audit";
import { registerPaper } from "@/lib/incoming/actions";
import { migrateDb } from "@/scripts/prepare-db";
import { paper } from "../factories/incoming";
import { buildWorld, callerOf, keyed } from "../factories/org";
import { auditRows, DB_KINDS, pgCode } from "../helpers/db";

// Issue 10 item 10 (security.md §4: "App role: INSERT/SELECT only … owner is another role"): the
// migrations run as the owner, the app as a role that cannot touch the audit trail's past or the
// schema. Roles are cluster-wide, so each run makes its own pair and drops them afterwards.

async function refusal(p: Promise<unknown>): Promise<{ code?: string; message: string }> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, "the database accepted it").not.toBeNull();
  let message = "";
  for (let cur = err as { message?: string; cause?: unknown } | undefined, i = 0; cur && i < 5; cur = cur.cause as typeof cur, i++)
    message += ` ${cur.message ?? ""}`;
  return { code: pgCode(err), message };
}

const ENV_KEYS = ["DATABASE_URL", "DATABASE_MIGRATION_URL", "DATABASE_APP_ROLE"] as const;

describe.each(DB_KINDS)("least-privilege database roles on %s", (kind) => {
  if (kind === "pglite") {
    it("does not apply to PGlite", (ctx) =>
      ctx.skip("PGlite is one embedded single-user database with no roles to separate; this runs on PostgreSQL (TEST_DATABASE_URL)"));
    return;
  }

  const base = process.env.TEST_DATABASE_URL!;
  const tag = randomBytes(4).toString("hex");
  const owner = `vpdt_own_${tag}`;
  const app = `vpdt_app_${tag}`;
  const dbName = `t_roles_${tag}`;
  const urlAs = (user: string, password: string) => {
    const u = new URL(base);
    u.username = user;
    u.password = password;
    u.pathname = `/${dbName}`;
    return u.toString();
  };
  const ownerUrl = urlAs(owner, randomBytes(12).toString("hex"));
  const appUrl = urlAs(app, randomBytes(12).toString("hex"));
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  let appDb: DbHandle;

  async function asSuperuser(statements: string[]) {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      for (const s of statements) await c.query(s);
    } finally {
      await c.end();
    }
  }
  async function asOwner(statement: string) {
    const c = new pg.Client({ connectionString: ownerUrl });
    await c.connect();
    try {
      return await c.query(statement);
    } finally {
      await c.end();
    }
  }

  beforeAll(async () => {
    // The set-up the README gives the database administrator.
    await asSuperuser([
      `create role ${owner} login password '${new URL(ownerUrl).password}'`,
      `create role ${app} login password '${new URL(appUrl).password}'`,
      `create database ${dbName} owner ${owner}`,
    ]);
    Object.assign(process.env, { DATABASE_URL: appUrl, DATABASE_MIGRATION_URL: ownerUrl });
    delete process.env.DATABASE_APP_ROLE;
    // What `npm start` / `npm run db:migrate` do: migrate as the owner, then grant the app role.
    await (await migrateDb()).close();
    appDb = await openDb(configuredDbOptions());
    useDbHandle(appDb);
  });

  afterAll(async () => {
    await appDb?.close();
    for (const k of ENV_KEYS) if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
    await asSuperuser([`drop database if exists ${dbName} with (force)`, `drop role if exists ${app}`, `drop role if exists ${owner}`]);
  });

  it("the app connects as the app role and does not migrate", async () => {
    expect(configuredDbOptions()).toEqual({ url: appUrl, migrate: false });
    const { rows } = await appDb.db.execute<{ u: string }>(sql`select current_user as u`);
    expect(rows[0].u).toBe(app);
  });

  it("the app role may add to and read the audit trail, never change or empty it (privilege, before any trigger)", async () => {
    const chain = `roles-${tag}`;
    await appDb.db.transaction((tx) => appendAudit(tx, { agencyId: chain, action: "test.append" }));
    const [row] = await auditRows(appDb.db, { chain });
    for (const attempt of [
      appDb.db.update(auditEvents).set({ actorName: "sửa lén" }).where(eq(auditEvents.id, row.id)),
      appDb.db.delete(auditEvents).where(eq(auditEvents.id, row.id)),
      appDb.db.execute(sql`truncate audit_events`),
    ]) {
      const r = await refusal(attempt);
      expect(r.code).toBe("42501");
      // Refused by the grants (permission denied), not only by the 0002 triggers (append-only).
      expect(r.message).toMatch(/permission denied for table audit_events/);
    }
    expect(await verifyChain(appDb.db, chain)).toEqual({ ok: true, checked: 1 });
  });

  it("the app role cannot switch the audit triggers off, nor create, alter or drop anything", async () => {
    for (const ddl of [
      sql`alter table audit_events disable trigger user`,
      sql`alter table audit_events disable trigger audit_events_no_update`,
      sql`create table stolen (x int)`,
      sql`alter table users add column x int`,
      sql`drop table incoming_documents`,
      sql`create or replace function audit_events_refuse_change() returns trigger language plpgsql as $$ begin return new; end $$`,
    ]) {
      const r = await refusal(appDb.db.execute(ddl));
      expect(r.code, r.message).toBe("42501");
    }
    const c = new pg.Client({ connectionString: ownerUrl });
    await c.connect();
    expect(await roleProblems(c, app)).toEqual([]);
    await c.end();
  });

  it("a normal action works through executeAction as the app role", async () => {
    const w = await buildWorld(appDb.db);
    const r = await executeAction(registerPaper, callerOf(w.people.clerk.id), keyed(paper()), appDb.db);
    expect(r).toMatchObject({ ok: true });
    const id = (r as { data: { id: string } }).data.id;
    expect(await appDb.db.select({ id: incomingDocuments.id }).from(incomingDocuments).where(eq(incomingDocuments.id, id))).toHaveLength(1);
    expect(await auditRows(appDb.db, { chain: w.agencyId, action: "incoming.registerPaper" })).toHaveLength(1);
    expect(await verifyChain(appDb.db, w.agencyId)).toMatchObject({ ok: true });
  });

  it("a table added by a later migration is usable by the app, and the next migrate keeps the audit trail closed", async () => {
    // What a future migration does, as the owner: a new table with a serial key.
    await asOwner("create table later_feature (id serial primary key, note text not null)");
    await appDb.db.execute(sql`insert into later_feature (note) values ('mới')`);
    expect((await appDb.db.execute(sql`select note from later_feature`)).rows).toEqual([{ note: "mới" }]);
    // The grant step runs again after every migrate and still refuses UPDATE on the trail.
    await (await migrateDb()).close();
    const r = await refusal(appDb.db.execute(sql`update audit_events set actor_name = 'x'`));
    expect(r.message).toMatch(/permission denied/);
  });

  it("with one URL for both, start-up warns that least privilege is not in effect", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      Object.assign(process.env, { DATABASE_URL: ownerUrl });
      delete process.env.DATABASE_MIGRATION_URL;
      expect(configuredDbOptions()).toEqual({ url: ownerUrl });
      await (await migrateDb()).close();
      expect(warn.mock.calls.flat().join(" ")).toMatch(/chưa áp dụng đặc quyền tối thiểu/);
    } finally {
      warn.mockRestore();
      Object.assign(process.env, { DATABASE_URL: appUrl, DATABASE_MIGRATION_URL: ownerUrl });
    }
  });
});

import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { configuredDbOptions, configuredMigrationOptions, isPostgres, openDb, pgliteLockFile } from "@/db/client";
import { appRoleGrants, appRoleName } from "@/db/roles";

// Issue 10 item 10: which connection migrates and which serves; the grants; the PGlite folder lock.
const KEYS = ["DATABASE_URL", "DATABASE_MIGRATION_URL", "DATABASE_APP_ROLE", "VPDT_MIGRATED", "DATA_DIR"] as const;
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
const setEnv = (env: Partial<Record<(typeof KEYS)[number], string>>) => {
  for (const k of KEYS) delete process.env[k];
  Object.assign(process.env, env);
};
afterEach(() => {
  for (const k of KEYS) if (saved[k] === undefined) delete process.env[k];
  else process.env[k] = saved[k];
});

const APP = "postgres://vpdt_app:a@db/vpdt";
const OWNER = "postgres://vpdt_owner:o@db/vpdt";

describe("database connections", () => {
  it("a second copy of the client module (Next.js may bundle it more than once) knows the PostgreSQL database the first opened", async () => {
    const handle = await openDb({ url: APP, migrate: false }); // a pool connects only when asked
    vi.resetModules();
    const again = await import("@/db/client");
    expect(again.isPostgres).not.toBe(isPostgres);
    expect(again.isPostgres(handle.db)).toBe(true);
    expect(isPostgres(handle.db)).toBe(true);
    await handle.close();
  });

  it("one URL: the app migrates with it, as before", () => {
    setEnv({ DATABASE_URL: APP });
    expect(configuredDbOptions()).toEqual({ url: APP });
    expect(configuredMigrationOptions()).toEqual({ url: APP });
  });

  it("two URLs: migrations as the owner, the app never migrates", () => {
    setEnv({ DATABASE_URL: APP, DATABASE_MIGRATION_URL: OWNER });
    expect(configuredDbOptions()).toEqual({ url: APP, migrate: false });
    expect(configuredMigrationOptions()).toEqual({ url: OWNER });
    expect(appRoleName()).toBe("vpdt_app");
    setEnv({ DATABASE_URL: APP, DATABASE_MIGRATION_URL: OWNER, DATABASE_APP_ROLE: "web" });
    expect(appRoleName()).toBe("web");
  });

  it("the server started by npm start (owner URL removed, already migrated) does not migrate", () => {
    setEnv({ DATABASE_URL: APP, VPDT_MIGRATED: "1" });
    expect(configuredDbOptions()).toEqual({ url: APP, migrate: false });
  });

  it("without DATABASE_URL both are the embedded database in the data folder", () => {
    setEnv({ DATA_DIR: "/srv/vpdt", DATABASE_MIGRATION_URL: OWNER });
    expect(configuredDbOptions()).toEqual({ dataDir: "/srv/vpdt/pglite" });
    expect(configuredMigrationOptions()).toEqual({ dataDir: "/srv/vpdt/pglite" });
  });

  it("the grants give the business rights first and take the audit trail's back last", () => {
    const g = appRoleGrants('we"ird');
    expect(g[1]).toBe('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "we""ird"');
    expect(g.findIndex((s) => s.startsWith("REVOKE UPDATE, DELETE, TRUNCATE"))).toBeGreaterThan(
      g.findLastIndex((s) => s.startsWith("GRANT") || s.startsWith("ALTER DEFAULT")),
    );
  });
});

describe("PGlite folder lock", () => {
  it("refuses a folder another live process holds, takes over a stale lock, and frees it on close", async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vpdt-lock-")), "pglite");
    const lock = pgliteLockFile(dir);
    const other = spawn("sleep", ["30"]);
    try {
      fs.writeFileSync(lock, String(other.pid));
      await expect(openDb({ dataDir: dir, migrate: false })).rejects.toThrow(new RegExp(`đang được tiến trình ${other.pid} mở`));
      other.kill();
      await new Promise((r) => other.once("exit", r));
      // The holder is gone: its lock is stale.
      const h = await openDb({ dataDir: dir, loadDataDir: new Blob([fs.readFileSync(inject("pgliteTemplate"))]), migrate: false });
      expect(fs.readFileSync(lock, "utf8")).toBe(String(process.pid));
      await h.close();
      expect(fs.existsSync(lock)).toBe(false);
    } finally {
      other.kill();
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
});

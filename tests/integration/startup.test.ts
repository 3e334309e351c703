import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const tsx = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");
const start = (env: Record<string, string>) =>
  spawnSync(process.execPath, [tsx, "--conditions=react-server", "scripts/start.ts"], {
    env: { NODE_ENV: "production", PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });

// security.md §5 row 7 ("no AUTH_SECRET → fails closed") and issue 2 part 6.
describe("start-up configuration", () => {
  it("stops with a clear message when DATABASE_URL is set without AUTH_SECRET", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpdt-start-"));
    const r = start({ DATABASE_URL: "postgres://nobody@127.0.0.1:1/none", DATA_DIR: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Thiếu AUTH_SECRET");
    // Nothing was generated in the data folder: production never invents its own secret.
    expect(fs.existsSync(path.join(dir, "auth-secret"))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("embedded mode secret", () => {
  it("is generated once into the data folder and kept across starts", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpdt-secret-"));
    const saved = { DATA_DIR: process.env.DATA_DIR, AUTH_SECRET: process.env.AUTH_SECRET, DATABASE_URL: process.env.DATABASE_URL };
    Object.assign(process.env, { DATA_DIR: dir });
    delete process.env.AUTH_SECRET;
    delete process.env.DATABASE_URL;
    try {
      const { ensureAuthSecret } = await import("@/scripts/env");
      const first = ensureAuthSecret();
      delete process.env.AUTH_SECRET;
      const second = ensureAuthSecret();
      expect(first.length).toBeGreaterThanOrEqual(40);
      expect(second).toBe(first);
      expect(fs.statSync(path.join(dir, "auth-secret")).mode & 0o077).toBe(0);
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
      else process.env[k] = v;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// Migrating and seeding PGlite takes seconds; do it once for the whole browser run. Each test file's
// server gets a copy of this directory (harness startApp, E2E_PGLITE_TEMPLATE) and its own secret.
export default function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpdt-e2e-template-"));
  // One agency (and the province administrator), as the browser tests and installation A of the liên thông
  // tests expect (tests/exchange/installations.ts): the second demo agency (Sở Tài chính, H09) is installation B there.
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, NEXT_TELEMETRY_DISABLED: "1", DEMO_SECOND_AGENCY: "0" };
  for (const k of ["DATABASE_URL", "NODE_ENV", "DEMO_SEED"]) delete env[k];
  const r = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join("scripts", "seed-demo.ts")], {
    env,
    encoding: "utf8",
  });
  if (r.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not prepare the PGlite template (${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  process.env.E2E_PGLITE_TEMPLATE = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

import { spawnSync } from "node:child_process";
import path from "node:path";

// `npm test`: unit + integration (PGlite, and PostgreSQL when TEST_DATABASE_URL is set),
// then a production build and the browser tests in real Chromium.
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const bin = (p: string) => path.join(process.cwd(), "node_modules", p);
const run = (label: string, args: string[]) => {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(process.execPath, args, { stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`\n✘ ${label} thất bại (mã ${r.status}).`);
    process.exit(r.status ?? 1);
  }
};

console.log(
  process.env.TEST_DATABASE_URL
    ? `Kiểm thử trên PGlite và PostgreSQL (${process.env.TEST_DATABASE_URL.replace(/\/\/[^@]*@/, "//***@")}).`
    : "Kiểm thử trên PGlite (đặt TEST_DATABASE_URL để chạy thêm trên PostgreSQL).",
);
run("typecheck", [bin("typescript/bin/tsc"), "--noEmit"]);
run("unit + integration", [bin("vitest/vitest.mjs"), "run"]);
if (process.env.SKIP_E2E === "1") process.exit(0);
run("next build", [bin("next/dist/bin/next"), "build"]);
run("browser (Chromium)", [bin("vitest/vitest.mjs"), "run", "--config", "vitest.e2e.config.ts"]);

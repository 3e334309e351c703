import { spawnSync } from "node:child_process";
import path from "node:path";
import { requireSupportedNode } from "./runtime";

// `npm test`: unit + integration (PGlite, and PostgreSQL when TEST_DATABASE_URL is set),
// then a production build and the browser tests in real Chromium.
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const bin = (p: string) => path.join(process.cwd(), "node_modules", p);
const started = Date.now();
const seconds = (since: number) => `${Math.round((Date.now() - since) / 1000)} s`;
const run = (label: string, args: string[]) => {
  console.log(`\n=== ${label} ===`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, args, { stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`\n✘ ${label} thất bại (mã ${r.status}).`);
    process.exit(r.status ?? 1);
  }
  // Each phase's time, to keep the whole run under its budget (20 min on two cores).
  console.log(`=== ${label}: ${seconds(t0)} (tổng ${seconds(started)}) ===`);
};

// security.md §5 row 22: high/critical advisories fail the suite; a registry without the audit
// endpoint (as on this offline mirror) is reported, not treated as a pass or a failure.
function auditDependencies() {
  console.log("\n=== npm audit --omit=dev ===");
  const r = spawnSync("npm", ["audit", "--omit=dev", "--audit-level=high", "--json"], { encoding: "utf8", env, timeout: 60_000 });
  let report: { error?: unknown; metadata?: { vulnerabilities?: Record<string, number> } } = {};
  try {
    report = JSON.parse(r.stdout || "{}");
  } catch {
    report = { error: "unreadable" };
  }
  const v = report.metadata?.vulnerabilities;
  if (!v) return console.log("Không gọi được dịch vụ npm audit của registry; chỉ kiểm tra phiên bản tối thiểu.");
  console.log(`high: ${v.high ?? 0}, critical: ${v.critical ?? 0}`);
  if ((v.high ?? 0) + (v.critical ?? 0) > 0) {
    console.error("✘ npm audit báo lỗ hổng mức high/critical.");
    process.exit(1);
  }
}

requireSupportedNode();
console.log(`Node.js ${process.version}`);
console.log(
  process.env.TEST_DATABASE_URL
    ? `Kiểm thử trên PGlite và PostgreSQL (${process.env.TEST_DATABASE_URL.replace(/\/\/[^@]*@/, "//***@")}).`
    : "Kiểm thử trên PGlite (đặt TEST_DATABASE_URL để chạy thêm trên PostgreSQL).",
);
run("dependency floors (security.md §2)", [bin("tsx/dist/cli.mjs"), "scripts/check-versions.ts"]);
auditDependencies();
run("typecheck", [bin("typescript/bin/tsc"), "--noEmit"]);
run("unit + integration", [bin("vitest/vitest.mjs"), "run"]);
if (process.env.SKIP_E2E === "1") process.exit(0);
env.NEXT_SKIP_TYPECHECK = "1"; // tsc already checked the whole tree above
run("next build", [bin("next/dist/bin/next"), "build"]);
run("browser (Chromium)", [bin("vitest/vitest.mjs"), "run", "--config", "vitest.e2e.config.ts"]);

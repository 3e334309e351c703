import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureAuthSecret } from "./env";
import { requireSupportedNode } from "./runtime";
import { s3Config, S3ConfigError } from "../lib/storage/s3-config";
import { prepareDb } from "./prepare-db";
import { buildIsCurrent, sourceHash, writeStamp } from "./build-stamp";

// `npm start`: secret → migrate → seed → build (unless SKIP_BUILD=1) → serve.
// The database is closed before Next starts: PGlite must never be opened by two processes.
requireSupportedNode();
const dev = process.argv.includes("--dev");
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.AUTH_TRUST_HOST ??= "true";
ensureAuthSecret();
// A half-written FILES_S3_URL / S3_* stops the start here, not at the first upload.
try {
  const s3 = s3Config();
  if (s3) console.log(`Tệp được lưu trong kho S3: bucket ${s3.bucket}${s3.endpoint ? ` tại ${s3.endpoint}` : ""}.`);
} catch (e) {
  if (!(e instanceof S3ConfigError)) throw e;
  console.error(e.message);
  process.exit(1);
}
// prepareDb says "đã cập nhật cấu trúc" right after the migration, before the seed's messages.
await prepareDb();

// Build and server get the app role only: the owner's credentials (DATABASE_MIGRATION_URL) stay here.
const serverEnv: NodeJS.ProcessEnv = { ...process.env, VPDT_MIGRATED: "1" };
delete serverEnv.DATABASE_MIGRATION_URL;

const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
const distDir = path.join(process.cwd(), process.env.NEXT_DIST_DIR || ".next");
const built = fs.existsSync(path.join(distDir, "BUILD_ID"));
if (!dev && !(process.env.SKIP_BUILD === "1" && built)) {
  // A build stamp (the sources' hash): nothing changed since the last build → no rebuild.
  const hash = sourceHash();
  if (buildIsCurrent(distDir, hash)) {
    console.log("Bản dựng đã khớp mã nguồn — bỏ qua bước dựng lại.");
  } else {
    const r = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: serverEnv });
    if (r.status !== 0) process.exit(r.status ?? 1);
    writeStamp(distDir, hash);
  }
}
const port = process.env.PORT ?? "3000";
const host = process.env.HOSTNAME ?? "0.0.0.0";
// Our own server around Next (scripts/serve.mjs) owns the socket: the peer address and trusted proxies.
const serve = path.join(process.cwd(), "scripts", "serve.mjs");
const child = spawn(process.execPath, [serve, ...(dev ? ["--dev"] : [])], { stdio: "inherit", env: { ...serverEnv, PORT: port, HOSTNAME: host } });
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));

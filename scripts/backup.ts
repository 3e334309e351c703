import fs from "node:fs";
import { parseArgs } from "node:util";
import { assertLocalFiles, backup, BackupError } from "../lib/backup";
import { filesDir } from "../lib/storage/config";
import { configuredBackupTarget } from "./backup-target";

// npm run backup -- [--out vpdt-2026-12-01.tar]   (PGlite: stop the server first)
const { values } = parseArgs({ options: { out: { type: "string" } } });
const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
const target = configuredBackupTarget();
try {
  assertLocalFiles();
  const version = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { version: string }).version;
  const r = await backup({ target, filesRoot: filesDir(), out: values.out ?? `vpdt-backup-${stamp}.tar`, appVersion: version });
  for (const w of r.warnings) console.warn(`Cảnh báo: ${w}`);
  const entries = r.manifest.auditHeads.reduce((n, h) => n + h.count, 0);
  console.log(
    `Đã sao lưu ${target.kind === "pglite" ? "PGlite" : "PostgreSQL"} vào ${r.out}: ` +
      `${r.manifest.entries.length - 1} tệp lưu trữ, ${r.manifest.storedFiles} bản ghi tệp, ${entries} bản ghi nhật ký ` +
      `(${r.manifest.auditHeads.length} chuỗi).`,
  );
} catch (e) {
  console.error(e instanceof BackupError ? e.message : `Sao lưu thất bại: ${(e as Error).stack ?? e}`);
  process.exit(1);
}

import { parseArgs } from "node:util";
import { separateMigrationRole } from "../db/client";
import { appRoleName, grantAppRole } from "../db/roles";
import { assertLocalFiles, BackupError, restore } from "../lib/backup";
import { filesDir } from "../lib/storage/config";
import { configuredBackupTarget } from "./backup-target";

// npm run restore -- --from vpdt-2026-12-01.tar   onto an EMPTY data folder / database only.
const { values, positionals } = parseArgs({ options: { from: { type: "string" } }, allowPositionals: true });
const archive = values.from ?? positionals[0];
if (!archive) {
  console.error("Cách dùng: npm run restore -- --from <tệp sao lưu .tar>");
  process.exit(2);
}
const target = configuredBackupTarget();
try {
  assertLocalFiles();
  const r = await restore({
    target,
    filesRoot: filesDir(),
    archive,
    afterLoad: async () => {
      if (target.kind === "postgresql" && separateMigrationRole()) await grantAppRole(target.url, appRoleName()!);
    },
  });
  console.log(
    `Đã khôi phục bản sao lưu ngày ${r.manifest.createdAt}: ${r.chains} chuỗi nhật ký (${r.auditEntries} bản ghi), ` +
      `${r.blobs} tệp lưu trữ.`,
  );
  if (r.problems.length) {
    console.error(`Kiểm tra sau khôi phục KHÔNG đạt:\n  ${r.problems.join("\n  ")}`);
    process.exit(1);
  }
  console.log("✔ Mọi chuỗi nhật ký hợp lệ và khớp lúc sao lưu; mọi tệp khớp SHA-256.");
} catch (e) {
  console.error(e instanceof BackupError ? e.message : `Khôi phục thất bại: ${(e as Error).stack ?? e}`);
  process.exit(1);
}

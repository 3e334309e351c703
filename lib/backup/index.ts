import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import * as tar from "tar";
import { openDb, pgliteHolder, type DbHandle } from "@/db/client";
import { readDbInfo, verifyRestored, type RestoreReport } from "./checks";
import { BackupError } from "./errors";
import {
  BACKUP_FORMAT, ENTRY_PATH, hashBytes, hashFile, listTree, MANIFEST, MANIFEST_HASH, manifestHashLine, manifestSchema,
  PGLITE_DUMP, POSTGRES_DUMP, type Manifest, type ManifestEntry,
} from "./manifest";
import { dumpPostgres, postgresObjectCount, restorePostgres } from "./postgres";
import { s3Config } from "@/lib/storage/s3-config";

export { BackupError } from "./errors";
export type { Manifest } from "./manifest";

// security.md §5 row 20: one archive holds a consistent dump of the database and the stored files,
// with the SHA-256 of each in a manifest. A restore goes only onto an empty database and files
// folder, checks the whole archive before writing anything, and verifies the result.

export const S3_BACKUP_REFUSED =
  "Tệp đang được lưu trong kho S3 (FILES_S3_URL hoặc S3_*). Sao lưu và khôi phục ở đây chỉ gồm thư mục tệp cục bộ, " +
  "nên từ chối để không tạo ra bản sao lưu thiếu tệp. Hãy sao lưu bucket bằng công cụ của kho S3 (bật phiên bản hóa, " +
  "sao chép sang bucket khác) cùng lúc với cơ sở dữ liệu.";

/**
 * Backup and restore cover the local files folder only. With the files in a bucket they refuse
 * rather than write an archive whose manifest lists no blobs (a restore would "succeed" without them).
 */
export function assertLocalFiles(env: Record<string, string | undefined> = process.env) {
  if (s3Config(env)) throw new BackupError(S3_BACKUP_REFUSED);
}

export type BackupTarget = { kind: "pglite"; dir: string } | { kind: "postgresql"; url: string };

export interface BackupOptions {
  target: BackupTarget;
  filesRoot: string;
  out: string;
  appVersion?: string;
}

const BLOB_DIR = /^[0-9a-f]{2}$/;
const BLOB_NAME = /^[0-9a-f]{64}$/;

/** The blobs under the files folder as `aa/<sha256>` (temporary uploads in .tmp are not data). */
async function listBlobs(root: string): Promise<string[]> {
  if (!fs.existsSync(root)) return [];
  const out: string[] = [];
  for (const dir of (await fsp.readdir(root)).filter((d) => BLOB_DIR.test(d)).sort()) {
    for (const name of (await fsp.readdir(path.join(root, dir))).sort()) {
      if (BLOB_NAME.test(name) && name.startsWith(dir)) out.push(`${dir}/${name}`);
    }
  }
  return out;
}

const isGzip = (file: string) => /\.(tar\.gz|tgz)$/i.test(file);

async function openPglite(dir: string, loadDataDir?: Blob): Promise<DbHandle> {
  try {
    return await openDb({ dataDir: dir, loadDataDir, migrate: false });
  } catch (e) {
    throw new BackupError((e as Error).message);
  }
}

export interface BackupResult {
  out: string;
  manifest: Manifest;
  /** Blobs whose content no longer matches their name (kept as they are, reported). */
  warnings: string[];
}

export async function backup(o: BackupOptions): Promise<BackupResult> {
  const out = path.resolve(o.out);
  if (fs.existsSync(out)) throw new BackupError(`Tệp ${out} đã có: chọn tên khác (không ghi đè bản sao lưu cũ).`);
  await fsp.mkdir(path.dirname(out), { recursive: true });
  const staging = await fsp.mkdtemp(path.join(path.dirname(out), ".vpdt-backup-"));
  const partial = `${out}.partial`;
  let handle: DbHandle | null = null;
  try {
    await fsp.mkdir(path.join(staging, "database"));
    let info;
    let dumpPath: typeof PGLITE_DUMP | typeof POSTGRES_DUMP;
    if (o.target.kind === "pglite") {
      if (!fs.existsSync(path.join(o.target.dir, "PG_VERSION"))) throw new BackupError(`Không có cơ sở dữ liệu PGlite ở ${o.target.dir}.`);
      // Opening takes the folder's lock: refused while the server runs; held until the files are in.
      handle = await openPglite(o.target.dir);
      info = await readDbInfo(handle.db);
      dumpPath = PGLITE_DUMP;
      const dump = await handle.pglite!.dumpDataDir("gzip");
      await fsp.writeFile(path.join(staging, dumpPath), Buffer.from(await dump.arrayBuffer()));
    } else {
      dumpPath = POSTGRES_DUMP;
      info = await dumpPostgres(o.target.url, path.join(staging, dumpPath), readDbInfo);
    }
    // The files are listed after the dump. Blobs are only ever added, and a row commits only after
    // its blob is in place, so every file the dump refers to is here; newer ones are harmless extras.
    const blobs = await listBlobs(o.filesRoot);
    const warnings: string[] = [];
    const entries: ManifestEntry[] = [{ path: dumpPath, ...(await hashFile(path.join(staging, dumpPath))) }];
    for (const blob of blobs) {
      const h = await hashFile(path.join(o.filesRoot, blob));
      if (h.sha256 !== path.basename(blob)) warnings.push(`Tệp ${blob} trên đĩa không khớp tên SHA-256 của nó (đã hỏng trước khi sao lưu).`);
      entries.push({ path: `files/${blob}`, ...h });
    }
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      engine: o.target.kind,
      appVersion: o.appVersion ?? "",
      migrations: info.migrations,
      database: dumpPath,
      auditHeads: info.auditHeads,
      storedFiles: info.storedFiles,
      entries,
    };
    const text = `${JSON.stringify(manifest, null, 2)}\n`;
    await fsp.writeFile(path.join(staging, MANIFEST), text);
    await fsp.writeFile(path.join(staging, MANIFEST_HASH), manifestHashLine(text));
    if (blobs.length) await fsp.symlink(path.resolve(o.filesRoot), path.join(staging, "files"), "dir");
    await tar.c({ file: partial, cwd: staging, portable: true, gzip: isGzip(out) }, [MANIFEST, MANIFEST_HASH, ...entries.map((e) => e.path)]);
    await fsp.rename(partial, out);
    return { out, manifest, warnings };
  } finally {
    await handle?.close();
    await fsp.rm(staging, { recursive: true, force: true });
    await fsp.rm(partial, { force: true });
  }
}

export interface RestoreOptions {
  target: BackupTarget;
  filesRoot: string;
  archive: string;
  /** Runs after the database is loaded and before the checks (the app role's grants). */
  afterLoad?: () => Promise<void>;
}

export interface RestoreResult extends RestoreReport {
  manifest: Manifest;
}

async function isEmptyDir(dir: string, ignoreEmpty: string[] = []): Promise<boolean> {
  if (!fs.existsSync(dir)) return true;
  for (const name of await fsp.readdir(dir)) {
    if (!ignoreEmpty.includes(name)) return false;
    if (!(await isEmptyDir(path.join(dir, name)))) return false;
  }
  return true;
}

async function assertEmptyTarget(o: RestoreOptions) {
  if (o.target.kind === "pglite") {
    const holder = pgliteHolder(o.target.dir);
    if (holder !== null) throw new BackupError(`Thư mục dữ liệu ${o.target.dir} đang được tiến trình ${holder} mở: dừng máy chủ trước khi khôi phục.`);
    if (!(await isEmptyDir(o.target.dir)))
      throw new BackupError(
        `Thư mục dữ liệu PGlite ${o.target.dir} không trống. Chỉ khôi phục vào thư mục trống: ` +
          "dừng máy chủ, chuyển thư mục dữ liệu cũ đi nơi khác rồi chạy lại.",
      );
  } else {
    const n = await postgresObjectCount(o.target.url).catch((e: Error) => {
      throw new BackupError(`Không kết nối được cơ sở dữ liệu đích: ${e.message}`);
    });
    if (n > 0)
      throw new BackupError(
        `Cơ sở dữ liệu đích không trống (có ${n} bảng hoặc đối tượng). Chỉ khôi phục vào một cơ sở dữ liệu ` +
          "mới tạo, trống (CREATE DATABASE … OWNER <vai trò sở hữu>).",
      );
  }
  if (!(await isEmptyDir(o.filesRoot, [".tmp"])))
    throw new BackupError(`Thư mục tệp ${o.filesRoot} không trống. Chỉ khôi phục vào thư mục tệp trống (FILES_DIR).`);
}

const corrupt = (why: string) => new BackupError(`Tệp sao lưu bị hỏng hoặc đã bị sửa, không khôi phục gì: ${why}`);

/** Extracts the archive into `staging` and checks every byte against the manifest. */
export async function extractAndVerify(archive: string, staging: string): Promise<Manifest> {
  if (!fs.existsSync(archive)) throw new BackupError(`Không có tệp sao lưu ${archive}.`);
  const unexpected: string[] = [];
  try {
    await tar.x({
      file: archive,
      cwd: staging,
      strict: true,
      filter: (p, entry) => {
        const clean = p.replace(/\/+$/, "");
        const type = "type" in entry ? entry.type : "";
        if (type === "Directory" && /^(database|files|files\/[0-9a-f]{2})$/.test(clean)) return true;
        if ((type === "File" || type === "OldFile") && (clean === MANIFEST || clean === MANIFEST_HASH || ENTRY_PATH.test(clean))) return true;
        unexpected.push(p);
        return false;
      },
    });
  } catch (e) {
    throw corrupt(`không đọc được tệp tar (${(e as Error).message}).`);
  }
  if (unexpected.length) throw corrupt(`có mục không thuộc một bản sao lưu: ${unexpected.slice(0, 3).join(", ")}.`);
  const read = (name: string) => fsp.readFile(path.join(staging, name), "utf8").catch(() => null);
  const [text, hashLine] = [await read(MANIFEST), await read(MANIFEST_HASH)];
  if (text === null || hashLine === null) throw corrupt(`thiếu ${MANIFEST} hoặc ${MANIFEST_HASH}.`);
  if (hashLine.trim() !== manifestHashLine(text).trim() || hashBytes(text) !== hashLine.slice(0, 64))
    throw corrupt(`${MANIFEST} đã bị thay đổi (SHA-256 không khớp ${MANIFEST_HASH}).`);
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(text));
  } catch {
    throw corrupt(`${MANIFEST} không đúng định dạng ${BACKUP_FORMAT}.`);
  }
  const { files, others } = await listTree(staging);
  const present = new Set(files.filter((f) => f !== MANIFEST && f !== MANIFEST_HASH));
  const problems: string[] = others.map((p) => `mục lạ ${p}`);
  for (const e of manifest.entries) {
    if (!present.delete(e.path)) {
      problems.push(`thiếu ${e.path}`);
      continue;
    }
    const h = await hashFile(path.join(staging, e.path));
    if (h.sha256 !== e.sha256 || h.size !== e.size) problems.push(`${e.path} bị thay đổi (SHA-256 không khớp)`);
  }
  for (const p of present) problems.push(`${p} không có trong ${MANIFEST}`);
  if (!manifest.entries.some((e) => e.path === manifest.database)) problems.push(`thiếu bản kết xuất cơ sở dữ liệu ${manifest.database}`);
  if (problems.length) throw corrupt(`${problems.slice(0, 5).join("; ")}${problems.length > 5 ? `; … (${problems.length} lỗi)` : ""}.`);
  return manifest;
}

async function moveInto(from: string, to: string) {
  await fsp.rm(to, { recursive: true, force: true }); // empty (checked), at most an empty .tmp
  try {
    await fsp.rename(from, to);
  } catch (e) {
    if ((e as { code?: string }).code !== "EXDEV") throw e;
    await fsp.cp(from, to, { recursive: true });
  }
}

export async function restore(o: RestoreOptions): Promise<RestoreResult> {
  await assertEmptyTarget(o);
  const filesRoot = path.resolve(o.filesRoot);
  await fsp.mkdir(path.dirname(filesRoot), { recursive: true });
  // Staged beside the files folder (same file system: the blobs are renamed, not copied twice).
  const staging = await fsp.mkdtemp(path.join(path.dirname(filesRoot), ".vpdt-restore-"));
  let handle: DbHandle | null = null;
  try {
    const manifest = await extractAndVerify(path.resolve(o.archive), staging);
    if (manifest.engine !== o.target.kind) {
      const name = { pglite: "PGlite (nhúng)", postgresql: "PostgreSQL" };
      throw new BackupError(`Bản sao lưu của ${name[manifest.engine]}, không khôi phục được vào ${name[o.target.kind]}.`);
    }
    const dump = path.join(staging, manifest.database);
    if (o.target.kind === "pglite") {
      const dir = o.target.dir;
      handle = await openPglite(dir, new Blob([await fsp.readFile(dump)])).catch(async (e: unknown) => {
        await fsp.rm(dir, { recursive: true, force: true }); // it was empty: leave nothing half-loaded
        throw e;
      });
    } else {
      await restorePostgres(o.target.url, dump);
      await o.afterLoad?.();
      handle = await openDb({ url: o.target.url, migrate: false });
    }
    const stagedFiles = path.join(staging, "files");
    if (fs.existsSync(stagedFiles)) await moveInto(stagedFiles, filesRoot);
    else await fsp.mkdir(filesRoot, { recursive: true });
    return { manifest, ...(await verifyRestored(handle.db, filesRoot, manifest)) };
  } finally {
    await handle?.close();
    await fsp.rm(staging, { recursive: true, force: true });
  }
}

import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import * as tar from "tar";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb, type Db, type DbHandle } from "@/db/client";
import { auditEvents, incomingDocuments, outgoingDocuments, storedFiles, users } from "@/db/schema";
import { executeAction } from "@/lib/actions/define";
import { listChains, verifyChain } from "@/lib/audit";
import { readChainHeads } from "@/lib/audit/anchor";
import { backup, BackupError, restore, type BackupTarget, type Manifest } from "@/lib/backup";
import { MANIFEST, MANIFEST_HASH } from "@/lib/backup/manifest";
import { postgresObjectCount } from "@/lib/backup/postgres";
import { registerPaper } from "@/lib/incoming/actions";
import { blobPath } from "@/lib/storage/store";
import { paper } from "../factories/incoming";
import { buildWorld, callerOf, keyed } from "../factories/org";
import { incomingEntryDoc, MIME, outgoingEntryDoc, pdfBytes, storedBlob } from "../factories/work-files";
import { countRows, DB_KINDS } from "../helpers/db";

// Issue 10 item 11, security.md §5 row 20: one archive with a consistent dump and the stored files,
// every file's SHA-256 in the manifest and the manifest's own; a restore only onto an empty target,
// the whole archive checked before anything is written, then every audit chain and file hash checked.

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const TABLES = { incomingDocuments, outgoingDocuments, storedFiles, users, auditEvents };

async function snapshot(db: Db) {
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(TABLES)) counts[name] = await countRows(db, table);
  return { counts, heads: await readChainHeads(db) };
}

/** The byte offset of an entry's content in an uncompressed tar. */
function contentOffset(buf: Buffer, name: string): number {
  for (let off = 0; off + 512 <= buf.length; ) {
    const entry = buf.toString("utf8", off, off + 100).replace(/\0.*$/s, "");
    if (!entry) break;
    const size = Number.parseInt(buf.toString("ascii", off + 124, off + 136).replace(/\0.*$/s, "").trim(), 8);
    if (entry === name) return off + 512;
    off += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`no ${name} in the archive`);
}

describe.each(DB_KINDS)("backup and restore on %s", (kind) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "vpdt-backup-test-"));
  const base = process.env.TEST_DATABASE_URL;
  const databases: string[] = [];
  const sourceFiles = path.join(root, "src", "files");
  let source: BackupTarget;
  let archive: string;
  let manifest: Manifest;
  let before: Awaited<ReturnType<typeof snapshot>>;
  const blobs = new Map<string, Uint8Array>();

  async function emptyDatabase(): Promise<string> {
    const name = `t_restore_${randomBytes(4).toString("hex")}`;
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`create database ${name}`);
    await c.end();
    databases.push(name);
    const u = new URL(base!);
    u.pathname = `/${name}`;
    return u.toString();
  }

  /** A fresh, empty place to restore to: a data folder, or a new database and a files folder. */
  async function emptyTarget(): Promise<{ target: BackupTarget; files: string }> {
    const dir = fs.mkdtempSync(path.join(root, "dst-"));
    const files = path.join(dir, "files");
    return kind === "pglite"
      ? { target: { kind: "pglite", dir: path.join(dir, "pglite") }, files }
      : { target: { kind: "postgresql", url: await emptyDatabase() }, files };
  }

  const open = (t: BackupTarget): Promise<DbHandle> =>
    openDb(t.kind === "pglite" ? { dataDir: t.dir, migrate: false } : { url: t.url, migrate: false });

  /** Nothing was written: no database, no tables, no files. */
  async function expectUntouched(t: { target: BackupTarget; files: string }) {
    if (t.target.kind === "pglite") expect(fs.existsSync(t.target.dir) ? fs.readdirSync(t.target.dir) : []).toEqual([]);
    else expect(await postgresObjectCount(t.target.url)).toBe(0);
    expect(fs.existsSync(t.files) ? fs.readdirSync(t.files) : []).toEqual([]);
  }

  async function expectRefused(archiveFile: string, message: RegExp) {
    const t = await emptyTarget();
    const err = await restore({ target: t.target, filesRoot: t.files, archive: archiveFile }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BackupError);
    expect((err as Error).message).toMatch(message);
    await expectUntouched(t);
  }

  /** The archive unpacked, changed by `edit`, packed again in the same order. */
  async function repacked(name: string, edit: (dir: string) => void): Promise<string> {
    const dir = fs.mkdtempSync(path.join(root, "edit-"));
    await tar.x({ file: archive, cwd: dir });
    edit(dir);
    const entries = [MANIFEST, MANIFEST_HASH, ...manifest.entries.map((e) => e.path)].filter((p) => fs.existsSync(path.join(dir, p)));
    const extra = fs.existsSync(path.join(dir, "extra")) ? fs.readFileSync(path.join(dir, "extra"), "utf8").split("\n") : [];
    const out = path.join(root, `${name}.tar`);
    await tar.c({ file: out, cwd: dir, portable: true }, [...entries, ...extra]);
    return out;
  }

  function changedByte(name: string, entry: string, at = 100): string {
    const buf = fs.readFileSync(archive);
    const i = contentOffset(buf, entry) + at;
    buf[i] ^= 0x01;
    const out = path.join(root, `${name}.tar`);
    fs.writeFileSync(out, buf);
    return out;
  }

  beforeAll(async () => {
    if (kind === "postgresql") source = { kind, url: await emptyDatabase() };
    else source = { kind, dir: path.join(root, "src", "pglite") };
    const h =
      source.kind === "pglite"
        ? await openDb({ dataDir: source.dir, loadDataDir: new Blob([fs.readFileSync(inject("pgliteTemplate"))]), migrate: false })
        : await openDb({ url: source.url });
    try {
      const w = await buildWorld(h.db);
      const clerk = w.people.clerk.id;
      const fileIds: string[] = [];
      for (let i = 0; i < 3; i++) {
        const bytes = await pdfBytes(2, `ban sao luu ${i} ${randomBytes(4).toString("hex")}`);
        blobs.set(sha(bytes), bytes);
        fileIds.push(await storedBlob(h.db, sourceFiles, w.agencyId, clerk, bytes, MIME.pdf, `van-ban-${i}.pdf`));
      }
      for (const fileId of [fileIds[0], undefined]) {
        const r = await executeAction(registerPaper, callerOf(clerk), keyed(paper(fileId ? { fileIds: [fileId] } : {})), h.db);
        expect(r).toMatchObject({ ok: true });
      }
      await incomingEntryDoc(h.db, w, [fileIds[1]]);
      await outgoingEntryDoc(h.db, w, fileIds[2]);
      before = await snapshot(h.db);
    } finally {
      await h.close();
    }
    // A temporary upload is not data: it stays out of the archive.
    fs.mkdirSync(path.join(sourceFiles, ".tmp"), { recursive: true });
    fs.writeFileSync(path.join(sourceFiles, ".tmp", "half-upload.part"), "x");
    archive = path.join(root, "backup.tar");
    ({ manifest } = await backup({ target: source, filesRoot: sourceFiles, out: archive }));
  });

  afterAll(async () => {
    if (base && databases.length) {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      for (const name of databases) await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    }
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("the manifest lists every file of the archive with its SHA-256, and is hashed itself", async () => {
    const dir = fs.mkdtempSync(path.join(root, "look-"));
    await tar.x({ file: archive, cwd: dir });
    const text = fs.readFileSync(path.join(dir, MANIFEST), "utf8");
    expect(fs.readFileSync(path.join(dir, MANIFEST_HASH), "utf8")).toBe(`${sha(Buffer.from(text))}  ${MANIFEST}\n`);
    const listed = new Set<string>();
    const walk = (rel: string): string[] =>
      fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(rel, d.name)) : [path.join(rel, d.name)]));
    for (const e of manifest.entries) {
      const bytes = fs.readFileSync(path.join(dir, e.path));
      expect(sha(bytes), e.path).toBe(e.sha256);
      expect(bytes.length).toBe(e.size);
      listed.add(e.path);
    }
    expect(walk("").filter((p) => p !== MANIFEST && p !== MANIFEST_HASH).sort()).toEqual([...listed].sort());
    expect(manifest.entries.filter((e) => e.path.startsWith("files/")).map((e) => e.sha256).sort()).toEqual([...blobs.keys()].sort());
    expect(manifest).toMatchObject({ engine: kind, storedFiles: 3, auditHeads: before.heads });
    expect(before.counts.auditEvents).toBeGreaterThanOrEqual(2);
  });

  it("restores onto an empty target: same rows, every audit chain verifies, every file matches", async () => {
    const t = await emptyTarget();
    const r = await restore({ target: t.target, filesRoot: t.files, archive });
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ blobs: 3, auditEntries: before.counts.auditEvents });
    const h = await open(t.target);
    try {
      expect(await snapshot(h.db)).toEqual(before);
      for (const chain of await listChains(h.db)) expect(await verifyChain(h.db, chain)).toMatchObject({ ok: true });
      for (const [hash, bytes] of blobs) expect(sha(fs.readFileSync(blobPath(t.files, hash)))).toBe(sha(bytes));
      expect(fs.existsSync(path.join(t.files, ".tmp"))).toBe(false);
      // The restored database works: the next registration continues the numbering and the chain.
      const [doc] = await h.db.select({ agencyId: incomingDocuments.agencyId }).from(incomingDocuments).limit(1);
      const [clerk] = await h.db.select({ id: users.id }).from(users).where(sql`${users.agencyId} = ${doc.agencyId} and ${users.username} like 'clerk.%'`);
      expect(await executeAction(registerPaper, callerOf(clerk.id), keyed(paper()), h.db)).toMatchObject({ ok: true, data: { arrivalNo: 3 } });
      for (const chain of await listChains(h.db)) expect(await verifyChain(h.db, chain)).toMatchObject({ ok: true });
    } finally {
      await h.close();
    }
  });

  it("refuses a target that is not empty, with a clear message, and changes nothing there", async () => {
    const err = await restore({ target: source, filesRoot: path.join(root, "unused-files"), archive }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(kind === "pglite" ? /Thư mục dữ liệu PGlite .* không trống/ : /Cơ sở dữ liệu đích không trống/);
    const t = await emptyTarget();
    fs.mkdirSync(path.join(t.files, "ab"), { recursive: true });
    fs.writeFileSync(path.join(t.files, "ab", "old"), "x");
    await expect(restore({ target: t.target, filesRoot: t.files, archive })).rejects.toThrow(/Thư mục tệp .* không trống/);
    if (t.target.kind === "pglite") expect(fs.existsSync(t.target.dir)).toBe(false);
    else expect(await postgresObjectCount(t.target.url)).toBe(0);
  });

  it("refuses a corrupted archive before writing anything", async () => {
    const firstBlob = manifest.entries.find((e) => e.path.startsWith("files/"))!.path;
    // One changed byte in a stored file, or in the database dump.
    await expectRefused(changedByte("blob-byte", firstBlob, 200), new RegExp(`bị hỏng.*${firstBlob} bị thay đổi`));
    await expectRefused(changedByte("db-byte", manifest.database, 4000), new RegExp(`${manifest.database} bị thay đổi`));
    // The manifest edited (a count), its hash left as it was.
    const buf = fs.readFileSync(archive);
    const at = buf.indexOf('"storedFiles": 3', contentOffset(buf, MANIFEST));
    buf.write('"storedFiles": 2', at);
    fs.writeFileSync(path.join(root, "manifest-edit.tar"), buf);
    await expectRefused(path.join(root, "manifest-edit.tar"), /manifest\.json đã bị thay đổi/);
    // A stored file missing from the archive.
    await expectRefused(await repacked("missing", (d) => fs.rmSync(path.join(d, firstBlob))), new RegExp(`thiếu ${firstBlob}`));
    // The manifest and its hash rewritten together, leaving a file out: the file is not listed.
    const unlisted = await repacked("unlisted", (d) => {
      const m = JSON.parse(fs.readFileSync(path.join(d, MANIFEST), "utf8")) as Manifest;
      m.entries = m.entries.filter((e) => e.path !== firstBlob);
      const text = JSON.stringify(m);
      fs.writeFileSync(path.join(d, MANIFEST), text);
      fs.writeFileSync(path.join(d, MANIFEST_HASH), `${sha(Buffer.from(text))}  ${MANIFEST}\n`);
    });
    await expectRefused(unlisted, new RegExp(`${firstBlob} không có trong manifest`));
    // Something that is not part of a backup (a path outside the archive's layout).
    const odd = await repacked("odd-entry", (d) => {
      fs.mkdirSync(path.join(d, "files", "zz"), { recursive: true });
      fs.writeFileSync(path.join(d, "files", "zz", "evil.sh"), "#!/bin/sh\n");
      fs.writeFileSync(path.join(d, "extra"), "files/zz/evil.sh");
    });
    await expectRefused(odd, /mục không thuộc một bản sao lưu: files\/zz\/evil\.sh/);
    // Cut short, and not an archive at all.
    const whole = fs.readFileSync(archive);
    fs.writeFileSync(path.join(root, "short.tar"), whole.subarray(0, Math.floor(whole.length / 2)));
    await expectRefused(path.join(root, "short.tar"), /bị hỏng/);
    fs.writeFileSync(path.join(root, "junk.tar"), randomBytes(4096));
    await expectRefused(path.join(root, "junk.tar"), /bị hỏng/);
  });

  it("never overwrites an existing archive", async () => {
    await expect(backup({ target: source, filesRoot: sourceFiles, out: archive })).rejects.toThrow(/đã có/);
  });

  it.runIf(kind === "pglite")("refuses to copy the PGlite folder while another process has it open (the server)", async () => {
    const holder = spawn("sleep", ["30"]);
    const dir = (source as { dir: string }).dir;
    fs.writeFileSync(`${dir}.lock`, String(holder.pid));
    try {
      await expect(backup({ target: source, filesRoot: sourceFiles, out: path.join(root, "while-running.tar") })).rejects.toThrow(
        new RegExp(`đang được tiến trình ${holder.pid} mở`),
      );
    } finally {
      holder.kill();
      fs.rmSync(`${dir}.lock`, { force: true });
    }
  });

  it.runIf(kind === "pglite")("npm run backup / restore: the commands, their messages and exit codes", () => {
    const tsx = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");
    const cli = (script: string, args: string[], dataDir: string) =>
      spawnSync(process.execPath, [tsx, "--conditions=react-server", script, ...args], {
        env: { NODE_ENV: "production", PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DATA_DIR: dataDir },
        encoding: "utf8",
        timeout: 120_000,
      });
    const out = path.join(root, "cli.tar");
    const made = cli("scripts/backup.ts", ["--out", out], path.join(root, "src"));
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/Đã sao lưu PGlite .* 3 tệp lưu trữ/);
    const back = cli("scripts/restore.ts", ["--from", out], path.join(root, "cli-restored"));
    expect(back.status, back.stderr).toBe(0);
    expect(back.stdout).toMatch(/Mọi chuỗi nhật ký hợp lệ.*mọi tệp khớp SHA-256/);
    const again = cli("scripts/restore.ts", ["--from", out], path.join(root, "cli-restored"));
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/không trống/);
    const bad = cli("scripts/restore.ts", ["--from", changedByte("cli-bad", MANIFEST, 10)], path.join(root, "cli-bad"));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/Tệp sao lưu bị hỏng hoặc đã bị sửa, không khôi phục gì/);
    expect(fs.existsSync(path.join(root, "cli-bad", "pglite"))).toBe(false);
  }, 180_000);
});

import { createHash, randomUUID } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbKind } from "@/db/client";
import { storedFiles } from "@/db/schema";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { UPLOAD_MESSAGES, UploadError } from "@/lib/storage/errors";
import { saveUpload, type SaveInput, type StoreOptions } from "@/lib/storage/store";
import { buildWorld, type World } from "../factories/org";
import { auditRows, countRows, createTestDb, DB_KINDS, type TestDb } from "../helpers/db";
import { startS3, storeHarness, STORE_KINDS, type StoreHarness, type StoreKind, type TestS3 } from "../helpers/s3";
import { docx, EICAR, pdf, png } from "../unit/storage-fixtures";

// The save path of uploads (issue 3, security.md §5 rows 8–10 and 19): stored once by SHA-256,
// nothing left behind by a refused or failed upload, and names that never reach the file system.
// Run against the local folder and an S3 bucket (s3rver) alike (issue 15 item 3).

const meta = { ip: "10.3.3.3", userAgent: "vitest" };

async function* chunks(buf: Buffer, size = 16 * 1024) {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}


const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

const CASES = DB_KINDS.flatMap((db) => STORE_KINDS.map((store): [DbKind, StoreKind] => [db, store]));
const key = (sha256: string) => `${sha256.slice(0, 2)}/${sha256}`;

describe.each(CASES)("file storage on %s, blobs in %s", (kind, storeKind) => {
  let t: TestDb;
  let w: World;
  let clerk: Actor;
  let staff: Actor;
  let outer: string;
  let root: string;
  let s3: TestS3 | undefined;
  let h: StoreHarness;
  const contents = () => h.contents();

  const save = (actor: Actor, buf: Buffer, name: string, opts: StoreOptions = {}, input: Partial<SaveInput> = {}) =>
    saveUpload(t.db, actor, meta, { body: chunks(buf), name, ...input }, { store: h.store, maxBytes: 5 * 1024 * 1024, ...opts });

  async function refused(p: Promise<unknown>): Promise<UploadError> {
    const e = await p.then(
      () => new Error("accepted"),
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(UploadError);
    return e as UploadError;
  }

  const rowsFor = (hash: string) => t.db.select().from(storedFiles).where(eq(storedFiles.sha256, hash));

  beforeAll(async () => {
    if (storeKind === "s3") s3 = await startS3();
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    clerk = (await loadActor(t.db, w.people.clerk.id))!;
    staff = (await loadActor(t.db, w.people.staff.id))!;
  });
  afterAll(async () => {
    await t?.drop();
    await s3?.close();
  });

  beforeEach(() => {
    // The storage root (the S3 store's spool) sits inside a folder of its own, so "nothing outside
    // the root" is checkable.
    outer = fs.mkdtempSync(path.join(os.tmpdir(), "vpdt-storage-"));
    root = path.join(outer, "files");
    h = storeHarness(storeKind, root, s3);
  });
  afterEach(() => fs.rmSync(outer, { recursive: true, force: true }));

  it("stores a file under its SHA-256, with its row and a file.upload audit entry", async () => {
    const bytes = pdf();
    const file = await save(clerk, bytes, "Công văn 12.pdf");
    expect(file).toMatchObject({ name: "Công văn 12.pdf", size: bytes.length, mime: "application/pdf", sha256: sha(bytes) });
    expect((await h.bytes(file.sha256)).equals(bytes)).toBe(true);
    expect(await contents()).toEqual([key(file.sha256)]);
    const [row] = await t.db.select().from(storedFiles).where(eq(storedFiles.id, file.id));
    expect(row).toMatchObject({ agencyId: w.agencyId, uploadedBy: clerk.userId, sha256: file.sha256, size: bytes.length, name: file.name });
    const [entry] = await auditRows(t.db, { action: "file.upload", objectId: file.id });
    expect(entry).toMatchObject({ outcome: "success", actorId: clerk.userId, chain: w.agencyId, ip: meta.ip });
    expect(entry.payload).toMatchObject({ sha256: file.sha256, size: bytes.length });
  });

  it("stores the same content once: two uploads, one blob, two rows", async () => {
    const bytes = await docx();
    const a = await save(clerk, bytes, "Tờ trình.docx");
    const b = await save(staff, bytes, "ban-sao");
    expect(a.sha256).toBe(b.sha256);
    expect(a.id).not.toBe(b.id);
    expect(b.name).toBe("ban-sao.docx");
    expect(await contents()).toEqual([key(a.sha256)]);
    expect((await rowsFor(a.sha256)).map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
  });

  it("refuses limit+1 bytes while reading, stops reading there, and leaves no file and no row", async () => {
    const max = 64 * 1024;
    let pulled = 0;
    let closed = false;
    async function* endless() {
      try {
        for (;;) {
          pulled += 16 * 1024;
          yield Buffer.alloc(16 * 1024, 0x41);
        }
      } finally {
        closed = true;
      }
    }
    const before = await countRows(t.db, storedFiles);
    const e = await refused(saveUpload(t.db, clerk, meta, { body: endless(), name: "lon.pdf" }, { store: h.store, maxBytes: max }));
    expect([e.status, e.message]).toEqual([413, "Tệp vượt quá dung lượng cho phép (tối đa 64 KB)."]);
    expect(pulled).toBe(max + 16 * 1024);
    expect(closed).toBe(true);
    expect(await contents()).toEqual([]);
    expect(await countRows(t.db, storedFiles)).toBe(before);
    const trail = await auditRows(t.db, { action: "file.upload", actorId: clerk.userId, outcome: "refused" });
    expect(trail.at(-1)?.payload).toMatchObject({ reason: "too_large", name: "lon.pdf" });
  });

  it("refuses a declared length over the limit without reading the body", async () => {
    let read = false;
    async function* body() {
      read = true;
      yield Buffer.alloc(1);
    }
    const e = await refused(saveUpload(t.db, clerk, meta, { body: body(), name: "a.pdf", declaredLength: 1001 }, { store: h.store, maxBytes: 1000 }));
    expect(e.status).toBe(413);
    expect(read).toBe(false);
    // Exactly the limit is accepted.
    const ok = pdf();
    expect((await save(clerk, ok, "vua-du.pdf", { maxBytes: ok.length }, { declaredLength: ok.length })).size).toBe(ok.length);
  });

  it("refuses wrong and dangerous content with 415, leaving nothing behind", async () => {
    const before = await countRows(t.db, storedFiles);
    const eicar = await refused(save(clerk, Buffer.from(EICAR), "eicar.pdf"));
    expect([eicar.status, eicar.message]).toEqual([415, UPLOAD_MESSAGES.type]);
    const macro = await refused(save(clerk, await docx({ "word/vbaProject.bin": Buffer.from("x") }), "macro.docx"));
    expect([macro.status, macro.message]).toEqual([415, UPLOAD_MESSAGES.activeContent]);
    const polyglot = await refused(save(clerk, Buffer.concat([pdf(), await docx()]), "hai-mat.pdf"));
    expect([polyglot.status, polyglot.message]).toEqual([415, UPLOAD_MESSAGES.corrupt]);
    const mismatch = await refused(save(clerk, png(), "to-trinh.pdf"));
    expect(mismatch.status).toBe(415);
    const empty = await refused(save(clerk, Buffer.alloc(0), "rong.pdf"));
    expect(empty.status).toBe(400);
    expect(await contents()).toEqual([]);
    expect(await countRows(t.db, storedFiles)).toBe(before);
  });

  it("never lets a name influence the path: nothing is written outside the storage root", async () => {
    const names = [
      "../../../../tmp/evil.pdf", "..\\..\\..\\evil.pdf", "/etc/passwd", "%2e%2e%2f%2e%2e%2fevil.pdf", "bao\u0000cao.pdf",
      "hoadon\u202Efdp.pdf", "CON", "lpt1.pdf", `${"a".repeat(300)}.pdf`, "..", ".tmp/../../x.pdf",
    ];
    const stored: string[] = [];
    for (const [i, name] of names.entries()) stored.push((await save(clerk, pdf(`tep ${i}`), name)).name);
    expect(fs.readdirSync(outer)).toEqual(["files"]);
    const kept = await contents();
    for (const p of kept) expect(p).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{64}$/);
    expect(kept).toHaveLength(names.length);
    expect(stored.slice(0, 8)).toEqual([
      "evil.pdf", "evil.pdf", "passwd.pdf", "%2e%2e%2f%2e%2e%2fevil.pdf", "baocao.pdf", "hoadonfdp.pdf", "_CON.pdf", "_lpt1.pdf",
    ]);
    expect(Array.from(stored[8]).length).toBeLessThanOrEqual(180);
    expect(stored[9]).toBe("tep-dinh-kem.pdf");
  });

  it("refuses people with no verb to attach files, before reading anything; the administrator uploads images only", async () => {
    const admin = (await loadActor(t.db, w.people.admin.id))!;
    const leader = (await loadActor(t.db, w.people.leader.id))!;
    // The administrator uploads the agency's emblem (issue 11 item 14): a PDF is refused, nothing kept.
    await expect(save(admin, pdf(), "x.pdf")).rejects.toMatchObject({ reason: "type", message: "Biểu tượng phải là ảnh PNG hoặc JPEG." });
    for (const actor of [leader]) {
      await expect(save(actor, pdf(), "x.pdf")).rejects.toBeInstanceOf(AppError);
      // Recorded where the security-event page looks (ASVS 16.3.2).
      expect(await auditRows(t.db, { action: "action.refused", objectType: "file.upload", actorId: actor.userId })).toHaveLength(1);
    }
    expect(await contents()).toEqual([]);
  });

  it("leaves nothing behind when the upload stream breaks off midway", async () => {
    const before = await countRows(t.db, storedFiles);
    async function* broken() {
      yield pdf("dang gui").subarray(0, 200);
      throw new Error("connection reset");
    }
    await expect(saveUpload(t.db, clerk, meta, { body: broken(), name: "dut.pdf" }, { store: h.store })).rejects.toThrow("connection reset");
    expect(await contents()).toEqual([]);
    expect(await countRows(t.db, storedFiles)).toBe(before);
  });

  it("places no blob when the row cannot be written (the blob is placed last, inside the transaction)", async () => {
    // An actor of an agency that does not exist: the insert fails on its foreign key.
    const ghost: Actor = { ...clerk, agencyId: randomUUID() };
    const bytes = pdf("mo coi");
    await expect(save(ghost, bytes, "x.pdf")).rejects.toThrow();
    expect(await contents()).toEqual([]);
    expect(await rowsFor(sha(bytes))).toEqual([]);
  });

  it("answers 507 when the disk is full, leaves nothing behind, and works again after space is freed", async (ctx) => {
    fs.mkdirSync(root);
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", root], { stdio: "ignore" });
    } catch {
      ctx.skip(); // needs root (CI and the developer machines run as root)
    }
    try {
      const big = Buffer.concat([pdf(), Buffer.alloc(2 * 1024 * 1024)]);
      const before = await countRows(t.db, storedFiles);
      const e = await refused(save(clerk, big, "lon.pdf"));
      expect([e.status, e.message]).toEqual([507, "Ổ lưu trữ đã đầy, vui lòng báo quản trị viên."]);
      expect(await contents()).toEqual([]);
      expect(await countRows(t.db, storedFiles)).toBe(before);
      const small = await save(clerk, pdf("sau khi day"), "nho.pdf");
      expect((await h.bytes(small.sha256)).length).toBe(small.size);
    } finally {
      execFileSync("umount", [root]);
    }
  });
});

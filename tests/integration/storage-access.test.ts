import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbKind } from "@/db/client";
import { incomingAssignments, incomingDocuments, incomingFiles, positions, storedFiles } from "@/db/schema";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { canReadFile } from "@/lib/access/files";
import { downloadHeaders, openFileFor } from "@/lib/storage/download";
import { saveUpload, type UploadedFile } from "@/lib/storage/store";
import { addPerson, addUnit, buildWorld, type World } from "../factories/org";
import { auditRows, createTestDb, DB_KINDS, type TestDb } from "../helpers/db";
import { startS3, storeHarness, STORE_KINDS, type StoreHarness, type StoreKind, type TestS3 } from "../helpers/s3";
import { pdf } from "../unit/storage-fixtures";

// Who may read a stored file (security.md §5 row 1, ASVS 8.2.2 and 8.4.1): the uploader, the
// agency's readers of all documents, people assigned to a document that carries it; never
// another agency, never through a classified document. The blobs are in the local folder or an S3
// bucket (s3rver): the download streams the same bytes with the same headers from either.

const meta = { ip: "10.4.4.4", userAgent: "vitest" };

async function* once(buf: Buffer) {
  yield buf;
}

const CASES = DB_KINDS.flatMap((db) => STORE_KINDS.map((store): [DbKind, StoreKind] => [db, store]));

describe.each(CASES)("file access on %s, blobs in %s", (kind, storeKind) => {
  let t: TestDb;
  let w: World;
  let other: World;
  let root: string;
  let s3: TestS3 | undefined;
  let h: StoreHarness;
  const actor = async (userId: string): Promise<Actor> => (await loadActor(t.db, userId))!;
  const upload = async (by: Actor, text: string): Promise<UploadedFile> =>
    saveUpload(t.db, by, meta, { body: once(pdf(text)), name: `${text}.pdf` }, { store: h.store });

  async function incoming(fileId: string, how: "attachment" | "main", secrecy: "normal" | "secret" = "normal") {
    const [doc] = await t.db
      .insert(incomingDocuments)
      .values({
        agencyId: w.agencyId, status: "in_progress", source: "paper", issuerName: "UBND tỉnh", docType: "Công văn",
        subject: "Về việc thử nghiệm", mainFileId: how === "main" ? fileId : null,
      })
      .returning({ id: incomingDocuments.id });
    if (how === "attachment") await t.db.insert(incomingFiles).values({ documentId: doc.id, fileId });
    // The database refuses a file on a classified document: the file was there before it was classified.
    if (secrecy !== "normal") await t.db.update(incomingDocuments).set({ secrecy }).where(eq(incomingDocuments.id, doc.id));
    return doc.id;
  }
  const assign = (documentId: string, to: { userId?: string; unitId?: string }) =>
    t.db.insert(incomingAssignments).values({ documentId, role: "lead", assignedBy: w.people.leader.id, ...to });

  beforeAll(async () => {
    if (storeKind === "s3") s3 = await startS3();
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    other = await buildWorld(t.db);
    root = fs.mkdtempSync(path.join(os.tmpdir(), "vpdt-access-"));
    h = storeHarness(storeKind, root, s3);
  });
  afterAll(async () => {
    fs.rmSync(root, { recursive: true, force: true });
    await t?.drop();
    await s3?.close();
  });

  it("applies the access matrix to a file that no document carries yet", async () => {
    const uploader = await actor(w.people.staff.id);
    const file = await upload(uploader, "du-thao");
    const colleague = await actor((await addPerson(t.db, w, "staff")).id);
    const matrix: [string, Actor, boolean][] = [
      ["uploader", uploader, true],
      ["clerk of the agency", await actor(w.people.clerk.id), true],
      ["leader of the agency", await actor(w.people.leader.id), true],
      ["staff of the same unit, not assigned", colleague, false],
      ["unit head, not assigned", await actor(w.people.unit_head.id), false],
      ["administrator", await actor(w.people.admin.id), false],
      ["clerk of another agency", await actor(other.people.clerk.id), false],
      ["leader of another agency", await actor(other.people.leader.id), false],
    ];
    for (const [who, a, expected] of matrix) expect(await canReadFile(t.db, a, file.id), who).toBe(expected);
  });

  it("lets people assigned to a document carrying the file read it, by name or by unit", async () => {
    const clerk = await actor(w.people.clerk.id);
    const attachment = await upload(clerk, "van-ban-den");
    const main = await upload(clerk, "ban-chinh");
    const assignedStaff = await actor((await addPerson(t.db, w, "staff")).id);
    const bystander = await actor((await addPerson(t.db, w, "staff")).id);
    const unit = await addUnit(t.db, w);
    const [pos] = await t.db.insert(positions).values({ unitId: unit.id, kind: "staff", title: "Chuyên viên" }).returning({ id: positions.id });
    const unitMember = await actor((await addPerson(t.db, w, "staff", { positionId: pos.id })).id);

    for (const [file, how] of [[attachment, "attachment"], [main, "main"]] as const) {
      const doc = await incoming(file.id, how);
      expect(await canReadFile(t.db, assignedStaff, file.id)).toBe(false);
      await assign(doc, { userId: assignedStaff.userId });
      await assign(doc, { unitId: unit.id });
      expect(await canReadFile(t.db, assignedStaff, file.id), how).toBe(true);
      expect(await canReadFile(t.db, unitMember, file.id), how).toBe(true);
      expect(await canReadFile(t.db, bystander, file.id), how).toBe(false);
      expect(await canReadFile(t.db, await actor(other.people.leader.id), file.id)).toBe(false);
    }
  });

  it("refuses everyone, even the uploader and the clerks, when a classified document carries the file", async () => {
    const clerk = await actor(w.people.clerk.id);
    const file = await upload(clerk, "mat");
    const doc = await incoming(file.id, "attachment", "secret");
    const assigned = await actor((await addPerson(t.db, w, "staff")).id);
    await assign(doc, { userId: assigned.userId });
    for (const a of [clerk, await actor(w.people.leader.id), assigned]) expect(await canReadFile(t.db, a, file.id)).toBe(false);
  });

  it("answers a missing or malformed id like a forbidden file", async () => {
    const clerk = await actor(w.people.clerk.id);
    for (const id of [randomUUID(), "khong-phai-uuid", "../../etc/passwd", ""]) expect(await canReadFile(t.db, clerk, id)).toBe(false);
  });

  it("opens the bytes for a reader with a file.download entry, and records a refusal for others", async () => {
    const clerk = await actor(w.people.clerk.id);
    const file = await upload(clerk, "tai-ve");
    const opened = await openFileFor(t.db, clerk, meta, file.id, h.store);
    const bytes = Buffer.from(await new Response(opened!.stream).arrayBuffer());
    expect(bytes.equals(pdf("tai-ve"))).toBe(true);
    expect(await auditRows(t.db, { action: "file.download", objectId: file.id, outcome: "success" })).toHaveLength(1);

    const outsider = await actor(other.people.clerk.id);
    expect(await openFileFor(t.db, outsider, meta, file.id, h.store)).toBeNull();
    expect(await openFileFor(t.db, outsider, meta, randomUUID(), h.store)).toBeNull();
    const refusals = await auditRows(t.db, { action: "file.download", objectId: file.id, outcome: "refused" });
    expect(refusals.map((r) => [r.actorId, r.chain])).toEqual([[outsider.userId, other.agencyId]]);
  });

  it("serves with the detected type, attachment by default, inline only for a PDF, always sandboxed", async () => {
    const clerk = await actor(w.people.clerk.id);
    const file = await upload(clerk, "Quyết định");
    const [row] = await t.db.select().from(storedFiles).where(eq(storedFiles.id, file.id));
    const h = downloadHeaders(row, false);
    expect(Object.fromEntries(h)).toMatchObject({
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="Quyet dinh.pdf"; filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh.pdf`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox",
      "cache-control": "private, no-store",
    });
    expect(downloadHeaders(row, true).get("content-disposition")).toMatch(/^inline; /);
    expect(downloadHeaders({ ...row, mime: "image/png" }, true).get("content-disposition")).toMatch(/^attachment; /);
  });

  it("streams a large file's exact bytes with the headers of its row (multipart into the bucket)", async () => {
    const clerk = await actor(w.people.clerk.id);
    // Over 5 MB: lib-storage sends it to S3 in parts; the PDF's trailer stays last.
    const body = pdf("lon");
    const big = Buffer.concat([body.subarray(0, 9), Buffer.from(`%${"x".repeat(70)}\n`.repeat(90_000)), body.subarray(9)]);
    const file = await saveUpload(t.db, clerk, meta, { body: once(big), name: "Báo cáo lớn.pdf" }, { store: h.store, maxBytes: 20 * 1024 * 1024 });
    expect(file.size).toBeGreaterThan(6 * 1024 * 1024);
    const opened = await openFileFor(t.db, clerk, meta, file.id, h.store);
    const chunks: Uint8Array[] = [];
    for await (const c of opened!.stream as unknown as AsyncIterable<Uint8Array>) chunks.push(c);
    // Streamed, not one buffer: more than one chunk arrives.
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).equals(big)).toBe(true);
    const headers = Object.fromEntries(downloadHeaders(opened!.file, false));
    expect(headers).toMatchObject({
      "content-type": "application/pdf",
      "content-length": String(big.length),
      etag: `"${createHash("sha256").update(big).digest("hex")}"`,
      "repr-digest": `sha-256=:${createHash("sha256").update(big).digest("base64")}:`,
    });
  });

  it("refuses to serve a blob that is missing or whose size differs from its row", async () => {
    const clerk = await actor(w.people.clerk.id);
    const file = await upload(clerk, "hong");
    await t.db.update(storedFiles).set({ size: file.size + 1 }).where(eq(storedFiles.id, file.id));
    await expect(openFileFor(t.db, clerk, meta, file.id, h.store)).rejects.toThrow(/bytes, row/);
    await t.db.update(storedFiles).set({ size: file.size }).where(eq(storedFiles.id, file.id));
    await h.store.delete(file.sha256);
    await expect(openFileFor(t.db, clerk, meta, file.id, h.store)).rejects.toThrow(/missing/);
    expect(await auditRows(t.db, { action: "file.download", objectId: file.id, outcome: "success" })).toHaveLength(0);
  });
});

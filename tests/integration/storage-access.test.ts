import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { incomingAssignments, incomingDocuments, incomingFiles, positions, storedFiles } from "@/db/schema";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { canReadFile } from "@/lib/access/files";
import { downloadHeaders, openFileFor } from "@/lib/storage/download";
import { saveUpload, type UploadedFile } from "@/lib/storage/store";
import { addPerson, addUnit, buildWorld, type World } from "../factories/org";
import { auditRows, createTestDb, DB_KINDS, type TestDb } from "../helpers/db";
import { pdf } from "../unit/storage-fixtures";

// Who may read a stored file (security.md §5 row 1, ASVS 8.2.2 and 8.4.1): the uploader, the
// agency's readers of all documents, people assigned to a document that carries it; never
// another agency, never through a classified document.

const meta = { ip: "10.4.4.4", userAgent: "vitest" };

async function* once(buf: Buffer) {
  yield buf;
}

describe.each(DB_KINDS)("file access on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let other: World;
  let root: string;
  const actor = async (userId: string): Promise<Actor> => (await loadActor(t.db, userId))!;
  const upload = async (by: Actor, text: string): Promise<UploadedFile> =>
    saveUpload(t.db, by, meta, { body: once(pdf(text)), name: `${text}.pdf` }, { root });

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
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    other = await buildWorld(t.db);
    root = fs.mkdtempSync(path.join(os.tmpdir(), "vpdt-access-"));
  });
  afterAll(async () => {
    fs.rmSync(root, { recursive: true, force: true });
    await t?.drop();
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
    const opened = await openFileFor(t.db, clerk, meta, file.id, root);
    const bytes = Buffer.from(await new Response(opened!.stream).arrayBuffer());
    expect(bytes.equals(pdf("tai-ve"))).toBe(true);
    expect(await auditRows(t.db, { action: "file.download", objectId: file.id, outcome: "success" })).toHaveLength(1);

    const outsider = await actor(other.people.clerk.id);
    expect(await openFileFor(t.db, outsider, meta, file.id, root)).toBeNull();
    expect(await openFileFor(t.db, outsider, meta, randomUUID(), root)).toBeNull();
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
});

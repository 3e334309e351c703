import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import type { Db } from "@/db/client";
import {
  filePlanHeadings, filePlanItems, filePlans, handoverBatches, incomingDocuments, incomingFiles, outgoingDocuments, storedFiles,
  workFileEntries, workFiles,
} from "@/db/schema";
import { blobPath } from "@/lib/storage/store";
import type { World } from "./org";
import { MIME } from "./outgoing";

// Work files written straight into their tables (the actions are built elsewhere): a Danh mục
// with headings and items, files with entries of each kind, blobs with real bytes on disk.

/** A PDF of `pages` pages (pdf-lib, standard font: ASCII text only). */
export async function pdfBytes(pages: number, label = "van ban"): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`${label} ${i + 1}`, { x: 50, y: 780, size: 12, font });
  return doc.save();
}

/** A stored file whose bytes are in the blob store under `root`. */
export async function storedBlob(db: Db, root: string, agencyId: string, userId: string, bytes: Uint8Array, mime: string, name: string) {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const target = blobPath(root, sha256);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, bytes);
  const [row] = await db
    .insert(storedFiles)
    .values({ agencyId, uploadedBy: userId, mime, size: bytes.byteLength, sha256, name })
    .returning({ id: storedFiles.id });
  return row.id;
}

export interface PlanWorld {
  planId: string;
  headings: { tccb: string; vp: string; empty: string };
  items: { person: string; unit: string; office: string };
}

/** Danh mục of the year: I. Tổ chức, cán bộ (01.TCCB by a person, 02.TCCB by a unit), II. Văn phòng (03.VP), III. empty. */
export async function buildPlan(db: Db, w: World, year: number): Promise<PlanWorld> {
  const [plan] = await db.insert(filePlans).values({ agencyId: w.agencyId, year, lastNo: 3 }).returning({ id: filePlans.id });
  const heading = async (sortOrder: number, abbr: string, title: string) =>
    (await db.insert(filePlanHeadings).values({ planId: plan.id, sortOrder, abbr, title }).returning({ id: filePlanHeadings.id }))[0].id;
  // Inserted out of order: the book orders by sort order and number.
  const vp = await heading(2, "VP", "Văn phòng");
  const tccb = await heading(1, "TCCB", "Tổ chức, cán bộ");
  const empty = await heading(3, "KHAC", "Công tác khác");
  const item = async (headingId: string, number: number, code: string, title: string, o: { ownerUserId?: string; ownerUnitId?: string; note?: string; retention?: string }) =>
    (
      await db
        .insert(filePlanItems)
        .values({ planId: plan.id, headingId, number, code, title, retentionCode: o.retention ?? "20", ownerUserId: o.ownerUserId, ownerUnitId: o.ownerUnitId, note: o.note ?? "" })
        .returning({ id: filePlanItems.id })
    )[0].id;
  const office = await item(vp, 3, "03.VP", "Hồ sơ hội nghị công chức, viên chức", { ownerUnitId: w.officeId, retention: "10" });
  const unit = await item(tccb, 2, "02.TCCB", "Hồ sơ nâng bậc lương năm", { ownerUnitId: w.divisionId, retention: "VV", note: "Bản chính" });
  const person = await item(tccb, 1, "01.TCCB", "Hồ sơ tuyển dụng công chức", { ownerUserId: w.people.staff.id, ownerUnitId: w.divisionId });
  return { planId: plan.id, headings: { tccb, vp, empty }, items: { person, unit, office } };
}

export async function buildWorkFile(
  db: Db,
  w: World,
  o: { itemId: string; year: number; code: string; title: string; ownerId?: string; unitId?: string } & Partial<typeof workFiles.$inferInsert>,
) {
  const [f] = await db
    .insert(workFiles)
    .values({
      agencyId: w.agencyId, retentionCode: "20", ownerId: o.ownerId ?? w.people.staff.id, unitId: o.unitId ?? w.divisionId,
      planItemId: o.itemId, ...o,
    })
    .returning({ id: workFiles.id });
  return f.id;
}

/** An incoming document registered on paper, with its scans. */
export async function incomingEntryDoc(db: Db, w: World, fileIds: string[], over: Partial<typeof incomingDocuments.$inferInsert> = {}) {
  const [d] = await db
    .insert(incomingDocuments)
    .values({
      agencyId: w.agencyId, status: "registered", source: "paper", issuerName: "UBND tỉnh Bình Định", docType: "Công văn",
      subject: "V/v tuyển dụng công chức năm 2026", symbol: "15/UBND-VX", issuedDate: "2026-02-10", pageCount: 3, ...over,
    })
    .returning({ id: incomingDocuments.id });
  for (const [i, fileId] of fileIds.entries()) await db.insert(incomingFiles).values({ documentId: d.id, fileId, sortOrder: i });
  return d.id;
}

/** An issued outgoing document with its final PDF. */
export async function outgoingEntryDoc(db: Db, w: World, finalFileId: string | null, over: Partial<typeof outgoingDocuments.$inferInsert> = {}) {
  const [d] = await db
    .insert(outgoingDocuments)
    .values({
      agencyId: w.agencyId, status: "issued", draftingUnitId: w.divisionId, drafterId: w.people.staff.id, signerId: w.people.leader.id,
      docType: "Quyết định", subject: "Quyết định tuyển dụng công chức", symbol: "20/QĐ-SNV", issuedDate: "2026-03-01", pageCount: 2,
      finalFileId, ...over,
    })
    .returning({ id: outgoingDocuments.id });
  return d.id;
}

export async function addEntry(db: Db, fileId: string, position: number, e: Partial<typeof workFileEntries.$inferInsert> & { kind: "incoming" | "outgoing" | "upload" }) {
  const [row] = await db.insert(workFileEntries).values({ fileId, position, ...e }).returning({ id: workFileEntries.id });
  return row.id;
}

export async function buildBatch(db: Db, w: World, o: Partial<typeof handoverBatches.$inferInsert> & { year: number }) {
  const [b] = await db
    .insert(handoverBatches)
    .values({ agencyId: w.agencyId, unitId: w.divisionId, title: "Tài liệu của Phòng Tổ chức cán bộ", submittedBy: w.people.staff.id, ...o })
    .returning({ id: handoverBatches.id });
  return b.id;
}

export { MIME };

import "server-only";
import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, Tx } from "@/db/client";
import { oncePerHandle } from "@/db/named";
import { agencies, outgoingFiles, storedFiles } from "@/db/schema";
import { conflict, isAppError } from "@/lib/errors";
import { verifyPdf } from "@/lib/signatures/verify";
import { readStoredFile, storeGeneratedPdf } from "@/lib/signatures/stored-pdf";
import { PDF_MIME } from "@/lib/storage/client";
import { agencySignerFor, signAttachment, trustAnchorsOf } from "./agency-seal";

// Phụ lục in their own files (NĐ 30/2020 Phụ lục I §8): at Phát hành of a digitally signed document
// the Văn thư's step signs each with the agency key at the top right of page 1 (số, ký hiệu and the
// ISO 8601 time, no image), in the transaction that takes the number; the signed copies are what the
// page offers and what the recipients receive, beside the issued PDF.

export interface DraftAttachment {
  fileId: string;
  name: string;
  mime: string;
}

export const attachmentNotPdf = (name: string) =>
  `Phụ lục "${name}" không phải tệp PDF nên không ký số của cơ quan được. Hãy trả lại để người soạn thảo chuyển phụ lục sang PDF.`;

/** The phụ lục of the current version, in order; refuses any that is not a PDF (before a number is taken). */
export async function attachmentsToIssue(tx: Tx, doc: { id: string; version: number }): Promise<DraftAttachment[]> {
  const rows = await tx
    .select({ fileId: outgoingFiles.fileId, name: storedFiles.name, mime: storedFiles.mime })
    .from(outgoingFiles)
    .innerJoin(storedFiles, eq(storedFiles.id, outgoingFiles.fileId))
    .where(and(eq(outgoingFiles.documentId, doc.id), eq(outgoingFiles.version, doc.version), eq(outgoingFiles.role, "attachment")))
    .orderBy(asc(outgoingFiles.sortOrder));
  const bad = rows.find((r) => r.mime !== PDF_MIME);
  if (bad) throw conflict(attachmentNotPdf(bad.name));
  return rows;
}

/**
 * Signs every phụ lục with the agency key, checks the result and stores it as the issued copy of that
 * phụ lục (outgoing_files.issued_file_id). Returns the signed files' ids, in order.
 */
export async function sealAttachments(
  tx: Tx,
  actor: { userId: string },
  doc: { id: string; agencyId: string; version: number; symbol: string },
  attachments: DraftAttachment[],
  now: Date,
): Promise<string[]> {
  if (!attachments.length) return [];
  const [agency] = await tx.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, doc.agencyId));
  const signer = await agencySignerFor(tx, doc.agencyId);
  const anchors = await trustAnchorsOf(tx, doc.agencyId);
  const ids: string[] = [];
  for (const [index, a] of attachments.entries()) {
    const source = await readStoredFile(tx, doc.agencyId, a.fileId);
    let pdf: Uint8Array;
    try {
      pdf = (await signAttachment(signer, source.bytes, { symbol: doc.symbol, agencyName: agency.name, now, index })).pdf;
    } catch (e) {
      if (isAppError(e)) throw e;
      // A damaged or encrypted PDF: said with its name, the number is rolled back.
      throw conflict(`Không ký số được phụ lục "${a.name}": tệp PDF bị hỏng hoặc được mã hóa. Hãy trả lại để người soạn thảo tải lên bản PDF khác.`);
    }
    const check = await verifyPdf(pdf, { trustAnchors: anchors, now });
    if (check.verdict !== "valid") throw conflict(`Ký số của cơ quan lên phụ lục "${a.name}" không thành công. Vui lòng liên hệ quản trị hệ thống.`);
    // "12-QĐ-SNV - Danh sách.pdf": the số, ký hiệu it was signed with, then the drafter's name for it.
    const name = `${doc.symbol.replace(/[\\/]/g, "-")} - ${a.name}`.slice(0, 250);
    const fileId = await storeGeneratedPdf(tx, doc.agencyId, actor.userId, pdf, name);
    await tx
      .update(outgoingFiles)
      .set({ issuedFileId: fileId })
      .where(and(eq(outgoingFiles.documentId, doc.id), eq(outgoingFiles.version, doc.version), eq(outgoingFiles.fileId, a.fileId)));
    ids.push(fileId);
  }
  return ids;
}

const source = alias(storedFiles, "source");

/**
 * The signed phụ lục of an issued document, in order (the page, the recipients' copies, the edXML
 * package), each with its title: the name the drafter gave the file, without ".pdf".
 */
export async function issuedAttachmentsOf(db: Db | Tx, doc: { id: string; version: number }) {
  const rows = await attachmentRows(db).execute({ id: doc.id, version: doc.version });
  return rows.map(({ sourceName, ...f }) => ({ ...f, title: sourceName.replace(/\.pdf$/i, "") }));
}

// Made once per database handle (db/named.ts): every view of an outgoing document reads it.
const attachmentRows = oncePerHandle((db: Db | Tx) =>
  db
    .select({
      id: storedFiles.id, name: storedFiles.name, sha256: storedFiles.sha256, mime: storedFiles.mime, size: storedFiles.size, pdfRisks: storedFiles.pdfRisks,
      sourceName: source.name,
    })
    .from(outgoingFiles)
    .innerJoin(storedFiles, eq(storedFiles.id, outgoingFiles.issuedFileId))
    .innerJoin(source, eq(source.id, outgoingFiles.fileId))
    .where(and(eq(outgoingFiles.documentId, sql.placeholder("id")), eq(outgoingFiles.version, sql.placeholder("version")), isNotNull(outgoingFiles.issuedFileId)))
    .orderBy(asc(outgoingFiles.sortOrder))
    .prepare("outgoing_issued_attachments"),
);

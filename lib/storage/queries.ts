import "server-only";
import { eq, inArray, or } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { incomingDocuments, incomingFiles, outgoingDocuments, outgoingFiles, storedFiles, type StoredFile } from "@/db/schema";

import { isUuid } from "@/lib/validation";

export { isUuid };

/** The file row, or null for a missing or malformed id. */
export async function findFile(db: Db | Tx, id: string): Promise<StoredFile | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(storedFiles).where(eq(storedFiles.id, id));
  return row ?? null;
}

export interface NewFile {
  agencyId: string;
  sha256: string;
  size: number;
  mime: string;
  name: string;
  uploadedBy: string;
  /** Flags of a PDF (lib/pdf/risks.ts); null for other types. */
  pdfRisks: string[] | null;
}

export async function insertFile(tx: Tx, file: NewFile): Promise<string> {
  const [row] = await tx.insert(storedFiles).values(file).returning({ id: storedFiles.id });
  return row.id;
}

/** Incoming documents that carry the file, as an attachment or as their main file. */
export async function documentsLinking(db: Db | Tx, fileId: string) {
  return db
    .select({ id: incomingDocuments.id, agencyId: incomingDocuments.agencyId, secrecy: incomingDocuments.secrecy })
    .from(incomingDocuments)
    .where(
      or(
        eq(incomingDocuments.mainFileId, fileId),
        inArray(incomingDocuments.id, db.select({ id: incomingFiles.documentId }).from(incomingFiles).where(eq(incomingFiles.fileId, fileId))),
      ),
    );
}

/** Outgoing documents that carry the file: a version of the draft, or the issued PDF. */
export async function outgoingLinking(db: Db | Tx, fileId: string) {
  return db
    .select({ id: outgoingDocuments.id, agencyId: outgoingDocuments.agencyId, secrecy: outgoingDocuments.secrecy })
    .from(outgoingDocuments)
    .where(
      or(
        eq(outgoingDocuments.finalFileId, fileId),
        inArray(outgoingDocuments.id, db.select({ id: outgoingFiles.documentId }).from(outgoingFiles).where(eq(outgoingFiles.fileId, fileId))),
      ),
    );
}

import "server-only";
import fs from "node:fs/promises";
import type { Tx } from "@/db/client";
import { storedFiles } from "@/db/schema";
import { inspectPdf } from "@/lib/pdf/inspect";
import { asStore, type StoreRef } from "./blob-store";
import { insertFile } from "./queries";
import { placeBlob, receive } from "./store";
import { eq } from "drizzle-orm";

/**
 * Stores bytes the system made itself (a prepared or signed PDF) like an upload: one blob per SHA-256,
 * one row. The blob is placed before the caller's audit entry, so a failed transaction can leave an
 * unreferenced blob, never a row without one.
 */
export async function storeBytes(
  tx: Tx,
  file: { agencyId: string; uploadedBy: string | null; name: string; mime: string; bytes: Uint8Array },
  store?: StoreRef,
): Promise<{ id: string; sha256: string; size: number }> {
  const { tempPath, sha256, size } = await receive((async function* () {
    yield file.bytes;
  })(), store, Number.MAX_SAFE_INTEGER);
  try {
    const pdfRisks = file.mime === "application/pdf" ? await inspectPdf(file.bytes) : null;
    const id = await insertFile(tx, { agencyId: file.agencyId, sha256, size, mime: file.mime, name: file.name, uploadedBy: file.uploadedBy, pdfRisks });
    await placeBlob(store, tempPath, sha256, size);
    return { id, sha256, size };
  } finally {
    // Placing consumes the spool file; after a failure before it, nothing stays in the spool.
    await fs.rm(tempPath, { force: true });
  }
}

/** The bytes of a stored file. */
export async function readStoredBytes(tx: Tx, fileId: string, store?: StoreRef): Promise<{ bytes: Uint8Array; sha256: string; mime: string; name: string }> {
  const [row] = await tx.select({ sha256: storedFiles.sha256, mime: storedFiles.mime, name: storedFiles.name }).from(storedFiles).where(eq(storedFiles.id, fileId));
  if (!row) throw new Error(`stored file ${fileId} missing`);
  return { ...row, bytes: await asStore(store).read(row.sha256) };
}

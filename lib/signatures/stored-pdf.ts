import "server-only";
import fs from "node:fs/promises";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { storedFiles } from "@/db/schema";
import { asStore, type StoreRef } from "@/lib/storage/blob-store";
import { insertFile } from "@/lib/storage/queries";
import { placeBlob, receive } from "@/lib/storage/store";

// The PDFs the signing steps read and write: the stored bytes of a file of the agency, and a new
// stored file made by the system (a stamped and signed PDF), placed like an upload (by SHA-256).

export async function readStoredFile(tx: Tx, agencyId: string, fileId: string, store?: StoreRef): Promise<{ bytes: Uint8Array; name: string; mime: string }> {
  const [f] = await tx.select().from(storedFiles).where(eq(storedFiles.id, fileId));
  if (!f || f.agencyId !== agencyId) throw new Error(`stored file ${fileId} is not the agency's`);
  return { bytes: await asStore(store).read(f.sha256), name: f.name, mime: f.mime };
}

async function* once(data: Uint8Array) {
  yield data;
}

/** A PDF the system made, stored in the caller's transaction; `uploadedBy` is the person whose step made it. */
export const storeGeneratedPdf = (tx: Tx, agencyId: string, uploadedBy: string | null, bytes: Uint8Array, name: string, store?: StoreRef) =>
  storeGeneratedFile(tx, agencyId, uploadedBy, bytes, name, "application/pdf", store);

/** A file the system made (a signed PDF, the demo seal PNG), stored in the caller's transaction. */
export async function storeGeneratedFile(tx: Tx, agencyId: string, uploadedBy: string | null, bytes: Uint8Array, name: string, mime: string, store?: StoreRef): Promise<string> {
  const r = await receive(once(bytes), store, Number.MAX_SAFE_INTEGER);
  try {
    const id = await insertFile(tx, { agencyId, sha256: r.sha256, size: r.size, mime, name, uploadedBy, pdfRisks: mime === "application/pdf" ? [] : null });
    await placeBlob(store, r.tempPath, r.sha256, r.size);
    return id;
  } catch (e) {
    await fs.rm(r.tempPath, { force: true });
    throw e;
  }
}

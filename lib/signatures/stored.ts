import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { pdfVerifications, storedFiles, type StoredFile } from "@/db/schema";
import { readableFileIds } from "@/lib/access/files";
import type { Actor } from "@/lib/auth/actor";
import { asStore, type StoreRef } from "@/lib/storage/blob-store";
import { liveAnchors, trustKeyOf } from "./trust";
import { verifyPdf, type VerifyResult } from "./verify";

// The signatures of stored PDFs as the screens show them: verified once per file content (SHA-256)
// and set of trust anchors, the result kept in pdf_verifications so a list does not verify again. A
// result older than a day is recomputed (a certificate may have expired since).

export type StoredVerification = VerifyResult & { verifiedAt: Date };

const MAX_AGE_MS = 24 * 3600_000;
const PDF = "application/pdf";

async function cached(db: Db | Tx, agencyId: string, sha256: string, trustKey: string): Promise<StoredVerification | null> {
  const [row] = await db
    .select()
    .from(pdfVerifications)
    .where(and(eq(pdfVerifications.agencyId, agencyId), eq(pdfVerifications.sha256, sha256), eq(pdfVerifications.trustKey, trustKey)));
  if (!row || Date.now() - row.verifiedAt.getTime() > MAX_AGE_MS) return null;
  return { ...(row.result as VerifyResult), verifiedAt: row.verifiedAt };
}

/** Verifies one stored PDF for an agency (no access check: callers check it), using the cache. */
export async function verifyFileFor(db: Db | Tx, agencyId: string, file: Pick<StoredFile, "sha256" | "mime">, store?: StoreRef, anchors?: Uint8Array[]): Promise<StoredVerification | null> {
  if (file.mime !== PDF) return null;
  const trust = anchors ?? (await liveAnchors(db, agencyId));
  const key = trustKeyOf(trust);
  const hit = await cached(db, agencyId, file.sha256, key);
  if (hit) return hit;
  let bytes: Uint8Array;
  try {
    bytes = await asStore(store).read(file.sha256);
  } catch {
    return null;
  }
  const result = await verifyPdf(bytes, { trustAnchors: trust });
  const verifiedAt = new Date();
  await db
    .insert(pdfVerifications)
    .values({ agencyId, sha256: file.sha256, trustKey: key, verdict: result.verdict, result, verifiedAt })
    .onConflictDoUpdate({
      target: [pdfVerifications.agencyId, pdfVerifications.sha256, pdfVerifications.trustKey],
      set: { verdict: result.verdict, result, verifiedAt: sql`excluded.created_at` },
    });
  return { ...result, verifiedAt };
}

/**
 * The verification of each stored PDF the actor may read (same read rule as the download), by file
 * id; other files (not PDF, not readable, missing blob) are absent from the map.
 */
export async function verifyStoredFiles(actor: Actor, fileIds: readonly string[], db?: Db, store?: StoreRef): Promise<Map<string, StoredVerification>> {
  const database = db ?? (await getDb());
  const out = new Map<string, StoredVerification>();
  const readable = [...(await readableFileIds(database, actor, fileIds))];
  if (!readable.length) return out;
  const files = await database.select({ id: storedFiles.id, sha256: storedFiles.sha256, mime: storedFiles.mime }).from(storedFiles).where(inArray(storedFiles.id, readable));
  const pdfs = files.filter((f) => f.mime === PDF);
  if (!pdfs.length) return out;
  const anchors = await liveAnchors(database, actor.agencyId);
  for (const f of pdfs) {
    const v = await verifyFileFor(database, actor.agencyId, f, store, anchors);
    if (v) out.set(f.id, v);
  }
  return out;
}

/** One stored PDF's verification for the actor, or null (not a PDF, not readable, missing). */
export async function verifyStoredFile(actor: Actor, fileId: string, db?: Db, store?: StoreRef): Promise<StoredVerification | null> {
  return (await verifyStoredFiles(actor, [fileId], db, store)).get(fileId) ?? null;
}

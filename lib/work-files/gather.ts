import "server-only";
import { and, eq, isNotNull, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { incomingDocuments, outgoingDocuments, workFileEntries, workFiles, type WorkFile } from "@/db/schema";
import { incomingReadableBy } from "@/lib/access/incoming";
import { outgoingReadableBy } from "@/lib/access/outgoing";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { addFileEvent } from "./access";

// Documents carrying a file's code (Số và ký hiệu hồ sơ on the ĐẾN stamp, a draft's Mã hồ sơ)
// gather into the open file of that code and year (Quy chế 376 Phụ lục 3, step (2)) — only those
// the file's owner may read: a code never opens a document to someone off its trail. Secret
// documents are kept on paper and never gather.

export type DocKind = "incoming" | "outgoing";

/** Whether this person may read the document (the lists' own rule), and it is not secret. */
export async function readableDocument(tx: Tx, actor: Actor, kind: DocKind, id: string): Promise<boolean> {
  if (kind === "incoming") {
    const d = incomingDocuments;
    const [row] = await tx.select({ id: d.id }).from(d).where(and(eq(d.id, id), incomingReadableBy(actor), eq(d.secrecy, "normal"))).limit(1);
    return !!row;
  }
  const d = outgoingDocuments;
  const [row] = await tx.select({ id: d.id }).from(d).where(and(eq(d.id, id), outgoingReadableBy(actor), eq(d.secrecy, "normal"))).limit(1);
  return !!row;
}

export async function nextPosition(tx: Tx, fileId: string): Promise<number> {
  const [row] = await tx
    .select({ max: sql<number>`coalesce(max(${workFileEntries.position}), 0)`.mapWith(Number) })
    .from(workFileEntries)
    .where(eq(workFileEntries.fileId, fileId));
  return (row?.max ?? 0) + 1;
}

/** Adds a reference to the document; false when it is already in the file (nothing changes twice). */
export async function insertEntry(
  tx: Tx,
  fileId: string,
  kind: DocKind,
  documentId: string,
  o: { addedBy: string | null; gathered: boolean },
): Promise<boolean> {
  const position = await nextPosition(tx, fileId);
  const rows = await tx
    .insert(workFileEntries)
    .values({
      fileId, kind, position, addedBy: o.addedBy, gathered: o.gathered,
      ...(kind === "incoming" ? { incomingId: documentId } : { outgoingId: documentId }),
    })
    .onConflictDoNothing()
    .returning({ id: workFileEntries.id });
  return rows.length > 0;
}

/** The documents of a code and year in the agency that the owner may read (the lists' own rule), not secret, oldest first. */
async function taggedDocuments(tx: Tx, file: Pick<WorkFile, "agencyId" | "code" | "year">, owner: Actor) {
  const inc = await tx
    .select({ id: incomingDocuments.id })
    .from(incomingDocuments)
    .where(
      and(
        eq(incomingDocuments.agencyId, file.agencyId), eq(incomingDocuments.fileCode, file.code), eq(incomingDocuments.year, file.year),
        isNotNull(incomingDocuments.arrivalNo), ne(incomingDocuments.status, "returned"),
        eq(incomingDocuments.secrecy, "normal"), incomingReadableBy(owner),
      ),
    )
    .orderBy(incomingDocuments.arrivalNo);
  const out = await tx
    .select({ id: outgoingDocuments.id })
    .from(outgoingDocuments)
    .where(
      and(
        eq(outgoingDocuments.agencyId, file.agencyId), eq(outgoingDocuments.fileCode, file.code),
        sql`coalesce(${outgoingDocuments.year}, extract(year from ${outgoingDocuments.createdAt} at time zone 'Asia/Ho_Chi_Minh')::int) = ${file.year}`,
        eq(outgoingDocuments.secrecy, "normal"), outgoingReadableBy(owner),
      ),
    )
    .orderBy(outgoingDocuments.createdAt);
  return [...inc.map((r) => ({ kind: "incoming" as const, id: r.id })), ...out.map((r) => ({ kind: "outgoing" as const, id: r.id }))];
}

/** When a file is opened: every readable document already carrying its code joins it. Returns how many joined. */
export async function gatherInto(tx: Tx, file: WorkFile, by: Actor): Promise<number> {
  const owner = file.ownerId === by.userId ? by : await loadActor(tx, file.ownerId);
  if (!owner) return 0;
  let joined = 0;
  for (const doc of await taggedDocuments(tx, file, owner)) {
    if (await insertEntry(tx, file.id, doc.kind, doc.id, { addedBy: null, gathered: true })) joined++;
  }
  if (joined) await addFileEvent(tx, by, file.id, { kind: "gathered", text: `${joined} văn bản có mã hồ sơ ${file.code}` });
  return joined;
}

/**
 * When a document gets a code (registered with it, a draft saved with it): it joins the open
 * files of that code and year whose owner may read it. Called inside the step's transaction.
 */
export async function gatherDocument(tx: Tx, by: Actor, doc: { kind: DocKind; id: string; agencyId: string; fileCode: string; year: number }) {
  if (!doc.fileCode) return;
  const files = await tx
    .select()
    .from(workFiles)
    .where(and(eq(workFiles.agencyId, doc.agencyId), eq(workFiles.code, doc.fileCode), eq(workFiles.year, doc.year), eq(workFiles.status, "open")));
  for (const file of files) {
    const owner = file.ownerId === by.userId ? by : await loadActor(tx, file.ownerId);
    if (!owner || !(await readableDocument(tx, owner, doc.kind, doc.id))) continue;
    if (await insertEntry(tx, file.id, doc.kind, doc.id, { addedBy: null, gathered: true })) {
      await addFileEvent(tx, by, file.id, { kind: "gathered", text: `Văn bản có mã hồ sơ ${file.code}`, payload: { kind: doc.kind, documentId: doc.id } });
    }
  }
}


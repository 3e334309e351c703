import "server-only";
import { and, eq, inArray, or } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { incomingAssignments, outgoingDocuments, workFileEntries, workFiles, type StoredFile } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { can, type Verb } from "@/lib/auth/permissions";
import { outgoingVisibleTo } from "@/lib/outgoing/access";
import { keepsNoFile } from "@/lib/secrecy/rules";
import { canReadWorkFile } from "@/lib/work-files/access";
import { documentsLinking, findFile, outgoingLinking } from "./queries";

// Who may read a stored file (ASVS 8.2.2, style.md rule 3: decided from the rows, never the URL):
// - never anyone of another agency;
// - nobody when a document carrying it is or ever was classified (Luật 29/2018 Điều 5: state secrets
//   are not kept on networked systems, so such a document has no files here; a link is refused, not
//   served, also after a downgrade: lib/secrecy/rules.ts keepsNoFile);
// - the person who uploaded it;
// - the agency's readers of all documents (documents.readAgency: clerks, leaders);
// - people assigned to an incoming document carrying it, by name or through one of their units;
// - people who may see an outgoing document carrying it (lib/outgoing/access.ts outgoingVisibleTo);
// - readers of a work file holding it as another paper (tài liệu khác), and the archivist for
//   documents of a work file handed over to the agency archive (product.md §1: "the archivist once archived").

// Uploading is part of registering incoming documents, drafting or issuing outgoing ones, and
// keeping work files; people with none of these have nothing to attach a file to.
export const UPLOAD_VERBS: readonly Verb[] = ["incoming.register", "outgoing.draft", "outgoing.issue", "files.keep"];

export const canUpload = (actor: Actor) => UPLOAD_VERBS.some((v) => can(actor, v));

export interface FileAccess {
  file: StoredFile;
  allowed: boolean;
}

/** The file and whether the actor may read it; null when there is no such file. */
export async function checkFileAccess(db: Db | Tx, actor: Actor, fileId: string): Promise<FileAccess | null> {
  const file = await findFile(db, fileId);
  if (!file) return null;
  const refuse = { file, allowed: false };
  if (file.agencyId !== actor.agencyId) return refuse;
  const [docs, outgoing] = await Promise.all([documentsLinking(db, file.id), outgoingLinking(db, file.id)]);
  if ([...docs, ...outgoing].some((d) => keepsNoFile(d) || d.agencyId !== actor.agencyId)) return refuse;
  if (file.uploadedBy === actor.userId || can(actor, "documents.readAgency")) return { file, allowed: true };
  if (outgoing.length) {
    const [seen] = await db
      .select({ id: outgoingDocuments.id })
      .from(outgoingDocuments)
      // Drafts and the issued PDF for those who took part; recipients read the PDF through their copy.
      .where(and(inArray(outgoingDocuments.id, outgoing.map((d) => d.id)), outgoingVisibleTo(actor, { recipients: false })))
      .limit(1);
    if (seen) return { file, allowed: true };
  }
  if (await viaWorkFile(db, actor, file.id, docs.map((d) => d.id), outgoing.map((d) => d.id))) return { file, allowed: true };
  if (docs.length === 0) return refuse;
  const unitIds = [...new Set(actor.positions.map((p) => p.unitId))];
  const byPerson = eq(incomingAssignments.userId, actor.userId);
  const [assigned] = await db
    .select({ id: incomingAssignments.id })
    .from(incomingAssignments)
    .where(
      and(
        inArray(incomingAssignments.documentId, docs.map((d) => d.id)),
        unitIds.length ? or(byPerson, inArray(incomingAssignments.unitId, unitIds)) : byPerson,
      ),
    )
    .limit(1);
  return { file, allowed: !!assigned };
}

/** A work file the person may read holds the upload, or holds the document and has been handed over (the archivist's access). */
async function viaWorkFile(db: Db | Tx, actor: Actor, fileId: string, incomingIds: string[], outgoingIds: string[]): Promise<boolean> {
  const refs = [eq(workFileEntries.storedFileId, fileId)];
  if (incomingIds.length) refs.push(inArray(workFileEntries.incomingId, incomingIds));
  if (outgoingIds.length) refs.push(inArray(workFileEntries.outgoingId, outgoingIds));
  const rows = await db
    .select({ kind: workFileEntries.kind, file: { agencyId: workFiles.agencyId, ownerId: workFiles.ownerId, unitId: workFiles.unitId, batchId: workFiles.batchId, status: workFiles.status } })
    .from(workFileEntries)
    .innerJoin(workFiles, eq(workFiles.id, workFileEntries.fileId))
    .where(and(eq(workFiles.agencyId, actor.agencyId), or(...refs)))
    .limit(50);
  return rows.some((r) => canReadWorkFile(actor, r.file) && (r.kind === "upload" || (!!r.file.batchId && can(actor, "files.accept"))));
}

export async function canReadFile(db: Db | Tx, actor: Actor, fileId: string): Promise<boolean> {
  return (await checkFileAccess(db, actor, fileId))?.allowed ?? false;
}

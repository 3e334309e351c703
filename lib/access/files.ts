import "server-only";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import {
  incomingDocuments, incomingFiles, outgoingDocuments, outgoingFiles, storedFiles, workFileEntries, workFiles, type StoredFile,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { can, type Verb } from "@/lib/auth/permissions";
import { isUuid } from "@/lib/validation";
import { readsNoDocuments } from "./sql";
import { incomingReadableBy } from "./incoming";
import { outgoingReadableBy } from "./outgoing";
import { workFileReadableBy } from "./work-files";

// Who may read a stored file (ASVS 8.2.2, style.md rule 3: decided from the rows, never the URL):
// - never anyone of another agency;
// - nobody when a document carrying it is or ever was classified (Luật 29/2018 Điều 5: state secrets
//   are not kept on networked systems, so such a document has no files here; a link is refused, not
//   served, also after a downgrade: was_secret, lib/secrecy/rules.ts);
// - the person who uploaded it;
// - the agency's readers of all documents (documents.readAgency: clerks, leaders);
// - readers of an incoming document carrying it (lib/access/incoming.ts);
// - people who took part in an outgoing document carrying it (lib/access/outgoing.ts, without its
//   recipients: they read the issued PDF through their incoming copy);
// - readers of a work file holding it as another paper (tài liệu khác); the archivist reads the
//   documents of a work file handed over to the agency archive through the two document rules
//   (lib/access/work-files.ts inArchiveOf, product.md §1: "the archivist once archived").
// The same rule decides which files a person may attach (lib/access/use.ts): one may attach only
// what one uploaded or may already read, so attaching never widens anyone's access.

// Uploading is part of registering incoming documents, drafting or issuing outgoing ones, and
// keeping work files, and of the agency's emblem (org.manage; the action takes PNG or JPEG only);
// people with none of these have nothing to attach a file to.
export const UPLOAD_VERBS: readonly Verb[] = ["incoming.register", "outgoing.draft", "outgoing.issue", "files.keep", "org.manage"];

export const canUpload = (actor: Actor) => UPLOAD_VERBS.some((v) => can(actor, v));

/** Uploading only as an administrator (the agency's emblem): PNG or JPEG, nothing else. */
export const imagesOnly = (actor: Actor) => !UPLOAD_VERBS.some((v) => v !== "org.manage" && can(actor, v));

const f = storedFiles;
/** Correlated on `stored_files`: an incoming document (the row of `incoming_documents`) carries the file. */
const incomingCarries = sql`(${incomingDocuments.mainFileId} = ${f.id}
  or exists (select 1 from ${incomingFiles} x where x.document_id = ${incomingDocuments.id} and x.file_id = ${f.id}))`;
/**
 * An outgoing document carries the file: a version of the draft, the PDF its signer signed, the issued
 * PDF, or a phụ lục as the agency signed it at Phát hành.
 */
const outgoingCarries = sql`(${outgoingDocuments.finalFileId} = ${f.id} or ${outgoingDocuments.signedFileId} = ${f.id}
  or exists (select 1 from ${outgoingFiles} x where x.document_id = ${outgoingDocuments.id} and (x.file_id = ${f.id} or x.issued_file_id = ${f.id})))`;

/** The rule in SQL over `stored_files`, for lists (an export's files) and checks alike. */
export function fileReadableBy(actor: Actor): SQL {
  const sameAgency = eq(f.agencyId, actor.agencyId);
  if (readsNoDocuments(actor)) return sql`false`;
  const blocked = sql`(exists (select 1 from ${incomingDocuments} where ${incomingCarries}
      and (${incomingDocuments.secrecy} <> 'normal' or ${incomingDocuments.wasSecret} or ${incomingDocuments.agencyId} <> ${actor.agencyId}))
    or exists (select 1 from ${outgoingDocuments} where ${outgoingCarries}
      and (${outgoingDocuments.secrecy} <> 'normal' or ${outgoingDocuments.wasSecret} or ${outgoingDocuments.agencyId} <> ${actor.agencyId})))`;
  if (can(actor, "documents.readAgency")) return and(sameAgency, sql`not ${blocked}`)!;
  const e = workFileEntries;
  const readers = sql`(${eq(f.uploadedBy, actor.userId)}
    or exists (select 1 from ${incomingDocuments} where ${incomingCarries} and ${incomingReadableBy(actor)})
    or exists (select 1 from ${outgoingDocuments} where ${outgoingCarries} and ${outgoingReadableBy(actor, { recipients: false })})
    or exists (select 1 from ${e} join ${workFiles} on ${workFiles.id} = ${e.fileId}
      where ${workFileReadableBy(actor)} and ${e.storedFileId} = ${f.id}))`;
  return and(sameAgency, sql`not ${blocked}`, readers)!;
}

export interface FileAccess {
  file: StoredFile;
  allowed: boolean;
}

/** The file and whether the actor may read it; null when there is no such file. */
export async function checkFileAccess(db: Db | Tx, actor: Actor, fileId: string): Promise<FileAccess | null> {
  if (!isUuid(fileId)) return null;
  const [row] = await db
    .select({ file: f, allowed: sql<boolean>`${fileReadableBy(actor)}`.mapWith(Boolean) })
    .from(f)
    .where(eq(f.id, fileId));
  return row ? { file: row.file, allowed: row.allowed } : null;
}

export async function canReadFile(db: Db | Tx, actor: Actor, fileId: string): Promise<boolean> {
  return (await checkFileAccess(db, actor, fileId))?.allowed ?? false;
}

/** Of these files, the ones the actor may read (one query: an export's files, a form's attachments). */
export async function readableFileIds(db: Db | Tx, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  const wanted = [...new Set(ids.filter(isUuid))];
  if (!wanted.length) return new Set();
  const rows = await db.select({ id: f.id }).from(f).where(and(inArray(f.id, wanted), fileReadableBy(actor)));
  return new Set(rows.map((r) => r.id));
}

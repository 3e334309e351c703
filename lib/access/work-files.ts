import "server-only";
import { and, eq, isNotNull, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { workFileEntries, workFiles, type FilePlanItem, type WorkFile } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { can, unitsWhere, type Verb } from "@/lib/auth/permissions";
import { inList, readsNoDocuments } from "./sql";

// Who may see and keep a work file (product.md §1, §4): its owner keeps it; the heads of its unit
// and the agency's leaders see it (a head reopens a closed one); the archivist sees it once it is
// handed over, and keeps the archive. The rules read the row, never the form.

type FileRow = Pick<WorkFile, "agencyId" | "ownerId" | "unitId" | "batchId">;

export const isOwner = (actor: Actor, file: Pick<FileRow, "agencyId" | "ownerId">) => file.agencyId === actor.agencyId && file.ownerId === actor.userId;

/** A head or deputy of the file's unit (the positions that monitor a unit). */
export const headsFileUnit = (actor: Actor, file: Pick<FileRow, "agencyId" | "unitId">) =>
  file.agencyId === actor.agencyId && unitsWhere(actor, "monitoring.unit").includes(file.unitId);

export const isArchivist = (actor: Actor, agencyId: string) => agencyId === actor.agencyId && can(actor, "files.accept");

/** May read the file, its documents' metadata and its printouts. */
export function canReadWorkFile(actor: Actor, file: FileRow): boolean {
  if (file.agencyId !== actor.agencyId || readsNoDocuments(actor)) return false;
  if (isOwner(actor, file) || headsFileUnit(actor, file)) return true;
  if (can(actor, "monitoring.agency")) return true;
  return !!file.batchId && can(actor, "files.accept");
}

/** The same rule in SQL over `work_files`, so that lists and searches return exactly the readable set. */
export function workFileReadableBy(actor: Actor): SQL {
  const f = workFiles;
  const sameAgency = eq(f.agencyId, actor.agencyId);
  if (readsNoDocuments(actor)) return sql`false`;
  if (can(actor, "monitoring.agency")) return sameAgency;
  const heads = unitsWhere(actor, "monitoring.unit");
  const conds: SQL[] = [eq(f.ownerId, actor.userId)];
  if (heads.length) conds.push(sql`${f.unitId} in (${inList(heads)})`);
  if (can(actor, "files.accept")) conds.push(isNotNull(f.batchId));
  return and(sameAgency, or(...conds))!;
}

/**
 * For the archivist (files.accept), in SQL correlated on a document's id: the document sits in a work
 * file of her agency handed to (or kept by) the agency archive, so she reads it as she reads that file
 * (product.md §1: "the archivist once archived"); null for anyone else. The same rule decides the
 * documents (lib/access/incoming.ts, outgoing.ts) and, through them, their stored files (files.ts).
 */
export function inArchiveOf(actor: Actor, kind: "incoming" | "outgoing", documentId: SQL | AnyColumn): SQL | null {
  if (!can(actor, "files.accept")) return null;
  const e = workFileEntries;
  const col = kind === "incoming" ? e.incomingId : e.outgoingId;
  return sql`exists (select 1 from ${e} join ${workFiles} w on w.id = ${e.fileId}
    where ${col} = ${documentId} and w.batch_id is not null and w.agency_id = ${actor.agencyId})`;
}

const PLAN_READERS: readonly Verb[] = ["files.plan", "files.keep", "files.accept", "monitoring.agency"];
/** Who sees (and prints) the agency's file plan: everyone who plans, keeps or receives files, and the leaders. */
export const seesPlan = (actor: Actor) => PLAN_READERS.some((v) => can(actor, v));

/** Who sees a hand-over batch, its Mục lục and Biên bản: the agency's archivist and leaders, and people keeping files in its unit. */
export const seesBatch = (actor: Actor, batch: { agencyId: string; unitId: string }) =>
  batch.agencyId === actor.agencyId &&
  (can(actor, "files.accept") || can(actor, "monitoring.agency") || unitsWhere(actor, "files.keep").includes(batch.unitId));

/** May open a work file from this plan item: its person, someone of its unit who keeps files, or anyone who keeps files when it names no one. */
export function mayOpenItem(actor: Actor, item: Pick<FilePlanItem, "ownerUnitId" | "ownerUserId">): boolean {
  if (!can(actor, "files.keep")) return false;
  if (item.ownerUserId) return item.ownerUserId === actor.userId;
  if (item.ownerUnitId) return unitsWhere(actor, "files.keep").includes(item.ownerUnitId);
  return true;
}

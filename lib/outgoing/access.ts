import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { outgoingConsultations, outgoingDocuments, outgoingEvents, outgoingRecipients, type OutgoingDocument } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { can, unitsWhere } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { isReviewStage, REVIEW_STAGES, type ReviewStage } from "./machine";

/** The document, locked: a repeated or concurrent click waits here, then finds the state moved. */
export async function lockOutgoing(tx: Tx, id: string): Promise<OutgoingDocument> {
  const [doc] = await tx.select().from(outgoingDocuments).where(eq(outgoingDocuments.id, id)).for("update");
  if (!doc) throw notFound();
  return doc;
}

type Row = Pick<OutgoingDocument, "agencyId" | "status" | "draftingUnitId" | "drafterId" | "signerId">;

export const isDrafter = (actor: Actor, doc: Row) => doc.agencyId === actor.agencyId && doc.drafterId === actor.userId;

/**
 * Who reviews a draft at a stage (Quy chế 376 Điều 4.2): a head of the drafting unit approves the
 * content, the Chánh Văn phòng (or the appointed checker) checks it, the proposed signer signs.
 * Decided from the row, never from the form.
 */
export function reviewsAt(actor: Actor, doc: Row, stage: ReviewStage): boolean {
  if (doc.agencyId !== actor.agencyId) return false;
  switch (stage) {
    case "awaiting_review":
      return unitsWhere(actor, "outgoing.approve").includes(doc.draftingUnitId);
    case "awaiting_check":
      return can(actor, "outgoing.check");
    case "awaiting_signature":
      return doc.signerId === actor.userId && can(actor, "outgoing.sign");
  }
}

/** A reviewer of the draft at some stage: may return it or ask for comments when it is their stage. */
export const isReviewer = (actor: Actor, doc: Row) => (Object.keys(REVIEW_STAGES) as ReviewStage[]).some((s) => reviewsAt(actor, doc, s));

/** The reviewer of the stage the draft is at now. */
export const isStageReviewer = (actor: Actor, doc: Row) => isReviewStage(doc.status) && reviewsAt(actor, doc, doc.status);

const ids = (xs: string[]) => sql.join(xs.map((x) => sql`${x}`), sql`, `);

/**
 * Who may see an outgoing document, in SQL so lists and searches return exactly the readable set
 * (product.md §1): the agency's clerks and leaders; the drafter; heads of the drafting unit; the
 * checkers once the content is approved; the signer; everyone who acted on it; units asked for
 * comments; and, once issued, its internal recipients (`recipients: false` leaves these out: they
 * see the issued document, not the drafts, comments and trail that led to it).
 */
export function outgoingVisibleTo(actor: Actor, opts: { recipients?: boolean } = {}): SQL {
  const d = outgoingDocuments;
  const sameAgency = eq(d.agencyId, actor.agencyId);
  if (can(actor, "documents.readAgency")) return sameAgency;
  const myUnits = [...new Set(actor.positions.map((p) => p.unitId))];
  const heads = unitsWhere(actor, "outgoing.approve");
  const conds: SQL[] = [
    eq(d.drafterId, actor.userId),
    eq(d.signerId, actor.userId),
    sql`exists (select 1 from ${outgoingEvents} e where e.document_id = ${d.id} and e.actor_id = ${actor.userId})`,
  ];
  if (opts.recipients !== false) {
    conds.push(sql`(${d.status} in ('issued', 'withdrawn') and exists (select 1 from ${outgoingRecipients} r where r.document_id = ${d.id}
      and (r.user_id = ${actor.userId}${myUnits.length ? sql` or r.unit_id in (${ids(myUnits)})` : sql``})))`);
  }
  if (heads.length) conds.push(sql`${d.draftingUnitId} in (${ids(heads)})`);
  if (myUnits.length) {
    conds.push(sql`exists (select 1 from ${outgoingConsultations} c where c.document_id = ${d.id} and c.unit_id in (${ids(myUnits)}))`);
  }
  if (can(actor, "outgoing.check")) {
    conds.push(sql`(${d.status} = 'awaiting_check' or exists (select 1 from ${outgoingEvents} e where e.document_id = ${d.id} and e.kind = 'approved'))`);
  }
  return and(sameAgency, sql`(${sql.join(conds, sql` or `)})`)!;
}

import "server-only";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { outgoingDocuments, type OutgoingDocument } from "@/db/schema";
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
      // The proposed signer: a leader, or a unit head signing TL./TUQ. under a delegation (lib/delegations).
      return doc.signerId === actor.userId;
  }
}

/** A reviewer of the draft at some stage: may return it or ask for comments when it is their stage. */
export const isReviewer = (actor: Actor, doc: Row) => (Object.keys(REVIEW_STAGES) as ReviewStage[]).some((s) => reviewsAt(actor, doc, s));

/** The reviewer of the stage the draft is at now. */
export const isStageReviewer = (actor: Actor, doc: Row) => isReviewStage(doc.status) && reviewsAt(actor, doc, doc.status);

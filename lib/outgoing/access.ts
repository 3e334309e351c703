import "server-only";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { outgoingDocuments, type OutgoingDocument } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { can, unitsWhere, type HasPositions } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { EDITABLE_STATES, isReviewStage, REVIEW_STAGES, type ReviewStage } from "./machine";

/** The document, locked: a repeated or concurrent click waits here, then finds the state moved. */
export async function lockOutgoing(tx: Tx, id: string): Promise<OutgoingDocument> {
  const [doc] = await tx.select().from(outgoingDocuments).where(eq(outgoingDocuments.id, id)).for("update");
  if (!doc) throw notFound();
  return doc;
}

type Row = Pick<OutgoingDocument, "agencyId" | "status" | "draftingUnitId" | "drafterId" | "signerId">;
/** A person and their positions: the signed-in actor, or anyone of the agency a notice may go to. */
export type Person = Pick<Actor, "userId" | "agencyId"> & HasPositions;

export const isDrafter = (actor: Actor, doc: Row) => doc.agencyId === actor.agencyId && doc.drafterId === actor.userId;

/**
 * Who reviews a draft at a stage (Quy chế 376 Điều 4.2): a head of the drafting unit approves the
 * content, the Chánh Văn phòng (or the appointed checker) checks it, the proposed signer signs.
 * Decided from the row, never from the form.
 */
export function reviewsAt(actor: Person, doc: Row, stage: ReviewStage): boolean {
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
export const isReviewer = (actor: Person, doc: Row) => (Object.keys(REVIEW_STAGES) as ReviewStage[]).some((s) => reviewsAt(actor, doc, s));

/** The reviewer of the stage the draft is at now. */
export const isStageReviewer = (actor: Person, doc: Row) => isReviewStage(doc.status) && reviewsAt(actor, doc, doc.status);

/**
 * Who acts on the document in its state now: the drafter while it is with them, the reviewer of the
 * stage, the agency's clerks once it is signed (Phát hành). The inbox "Chờ tôi xử lý" is this rule in
 * SQL (queries.ts waitingFor); the notices of each step go to the people it names (notices.ts).
 */
export function actsNow(actor: Person, doc: Row): boolean {
  if (doc.agencyId !== actor.agencyId) return false;
  if (EDITABLE_STATES.includes(doc.status)) return doc.drafterId === actor.userId;
  if (isReviewStage(doc.status)) return reviewsAt(actor, doc, doc.status);
  return doc.status === "awaiting_issue" && can(actor, "outgoing.issue");
}

/** Who answers a request for comments (Lấy ý kiến): a head of the consulted unit, in the document's agency. */
export const answersFor = (actor: Person, doc: Pick<Row, "agencyId">, unitId: string) =>
  doc.agencyId === actor.agencyId && unitsWhere(actor, "outgoing.approve").includes(unitId);

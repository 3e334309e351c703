import "server-only";
import { and, asc, eq, notInArray, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { statementCache } from "@/db/named";
import { outgoingDocuments, outgoingRecipients, type OutgoingDocument } from "@/db/schema";
import { outgoingReadableBy } from "@/lib/access/outgoing";
import { defineAction } from "@/lib/actions/define";
import type { Actor } from "@/lib/auth/actor";
import { can, unitsWhere } from "@/lib/auth/permissions";
import { conflict } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { vietnamYear } from "@/lib/registers/numbering";
import { gatherDocument } from "@/lib/work-files/gather";
import { lockOutgoing } from "./access";
import { addOutgoingEvent } from "./drafts";
import { AMEND_LABELS, type AmendKind } from "./labels";
import { amendIssuedSchema } from "./schemas";

// NĐ 30/2020 Điều 18 (standards.md §1.6, outgoing 8): an issued document is never edited. A wrong
// detail is put right by a công văn đính chính, wrong content by a document of the same form that
// replaces it; either is a new draft, reviewed, signed and issued with its own số đi, and linked to
// the original both ways (outgoing_documents.corrects_id / replaces_id).

type Row = Pick<OutgoingDocument, "agencyId" | "status" | "drafterId" | "draftingUnitId">;

/** The drafter of the original, or a head of its drafting unit, while it stands issued. */
export function mayAmend(actor: Actor, doc: Row): boolean {
  if (doc.agencyId !== actor.agencyId || doc.status !== "issued" || !can(actor, "outgoing.draft")) return false;
  return doc.drafterId === actor.userId || unitsWhere(actor, "outgoing.approve").includes(doc.draftingUnitId);
}

const column = (kind: AmendKind) => (kind === "correct" ? outgoingDocuments.correctsId : outgoingDocuments.replacesId);

export const amendIssued = defineAction({
  name: "outgoing.amend",
  idempotent: true,
  schema: amendIssuedSchema,
  verb: "outgoing.draft",
  load: ({ input, tx }) => lockOutgoing(tx, input.id),
  authorize: ({ actor, target }) => target.agencyId === actor.agencyId && (target.drafterId === actor.userId || unitsWhere(actor, "outgoing.approve").includes(target.draftingUnitId)),
  run: async ({ actor, input, tx, target }) => {
    if (target.status !== "issued") throw conflict("Chỉ đính chính hoặc thay thế văn bản đã phát hành.");
    // The original is locked: a second click finds the first draft and creates nothing twice.
    const open = await tx
      .select({ id: outgoingDocuments.id, status: outgoingDocuments.status })
      .from(outgoingDocuments)
      .where(and(or(eq(outgoingDocuments.correctsId, target.id), eq(outgoingDocuments.replacesId, target.id)), notInArray(outgoingDocuments.status, ["withdrawn"])));
    if (open.some((o) => o.status !== "issued")) throw conflict("Văn bản này đã có một dự thảo đính chính hoặc thay thế đang soạn; hãy tiếp tục dự thảo đó.");
    const [replaced] = await tx.select({ symbol: outgoingDocuments.symbol }).from(outgoingDocuments).where(and(eq(outgoingDocuments.replacesId, target.id), eq(outgoingDocuments.status, "issued")));
    if (replaced) throw conflict(`Văn bản này đã được thay thế bởi văn bản số ${replaced.symbol}.`);
    const original = `${target.docType.toLowerCase()} số ${target.symbol} ngày ${formatDate(target.issuedDate)}`;
    const correct = input.kind === "correct";
    const [doc] = await tx
      .insert(outgoingDocuments)
      .values({
        agencyId: target.agencyId, draftingUnitId: target.draftingUnitId, drafterId: actor.userId,
        docType: correct ? "Công văn" : target.docType,
        subject: correct ? `V/v đính chính ${original}` : target.subject,
        urgency: target.urgency, secrecy: target.secrecy, signerId: target.signerId, authority: target.authority,
        replyDeadline: null, note: "", fileCode: target.fileCode, version: 0,
        correctsId: correct ? target.id : null, replacesId: correct ? null : target.id,
      })
      .returning({ id: outgoingDocuments.id, createdAt: outgoingDocuments.createdAt });
    // The same nơi nhận receive the correction or the replacement; the drafter may change them.
    const recipients = await tx.select().from(outgoingRecipients).where(eq(outgoingRecipients.documentId, target.id)).orderBy(asc(outgoingRecipients.sortOrder));
    if (recipients.length) {
      await tx.insert(outgoingRecipients).values(
        recipients.map((r) => ({
          documentId: doc.id, kind: r.kind, unitId: r.unitId, userId: r.userId, directoryId: r.directoryId, organId: r.organId, name: r.name,
          delivery: r.delivery, sortOrder: r.sortOrder,
        })),
      );
    }
    const label = AMEND_LABELS[input.kind];
    await addOutgoingEvent(tx, actor, doc.id, { kind: "created", text: `${correct ? "Đính chính cho" : "Thay thế"} ${original}`, version: 0, payload: { [correct ? "correctsId" : "replacesId"]: target.id } });
    await addOutgoingEvent(tx, actor, target.id, { kind: "amended", text: `Dự thảo ${label.toLowerCase()}: ${correct ? `V/v đính chính ${original}` : target.subject}`, payload: { kind: input.kind, draftId: doc.id } });
    await gatherDocument(tx, actor, { kind: "outgoing", id: doc.id, agencyId: target.agencyId, fileCode: target.fileCode, year: vietnamYear(doc.createdAt) });
    return { data: { id: doc.id }, audit: { objectType: "outgoing", objectId: doc.id, payload: { kind: input.kind, originalId: target.id } } };
  },
  revalidate: ["/outgoing", "/registers"],
});

export interface AmendLink {
  id: string;
  kind: AmendKind;
  symbol: string | null;
  docType: string;
  subject: string;
  status: OutgoingDocument["status"];
  issuedDate: string | null;
}

const amendStatements = statementCache("outgoing_amend_links", 1000);

/**
 * Both directions of the links on a document page, only what the actor may read: the document this
 * one corrects or replaces (`of`), and the documents correcting or replacing it (`by`).
 */
export async function amendmentLinks(actor: Actor, doc: Pick<OutgoingDocument, "id" | "correctsId" | "replacesId">, given?: Db) {
  const db = given ?? (await getDb());
  const d = outgoingDocuments;
  const cols = { id: d.id, symbol: d.symbol, docType: d.docType, subject: d.subject, status: d.status, issuedDate: d.issuedDate, correctsId: d.correctsId, replacesId: d.replacesId };
  // Kept per reader (db/named.ts): the reader's rule is in the text, the documents' ids are placeholders.
  const key = JSON.stringify(actor);
  const originalId = doc.correctsId ?? doc.replacesId;
  const ofRows = originalId
    ? await amendStatements(db, `of${key}`, () => db.select(cols).from(d).where(and(eq(d.id, sql.placeholder("id")), outgoingReadableBy(actor)))).execute({ id: originalId })
    : [];
  const byRows = await amendStatements(db, `by${key}`, () =>
    db.select(cols).from(d).where(and(or(eq(d.correctsId, sql.placeholder("id")), eq(d.replacesId, sql.placeholder("id"))) as SQL, outgoingReadableBy(actor))).orderBy(asc(d.createdAt)),
  ).execute({ id: doc.id });
  const link = (r: (typeof byRows)[number], kind: AmendKind): AmendLink => ({ id: r.id, kind, symbol: r.symbol, docType: r.docType, subject: r.subject, status: r.status, issuedDate: r.issuedDate });
  return {
    of: ofRows.map((r) => link(r, doc.correctsId ? "correct" : "replace")),
    by: byRows.map((r) => link(r, r.correctsId === doc.id ? "correct" : "replace")),
  };
}


import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { oncePerHandle } from "@/db/named";
import { agencies, exchangeMessages, outgoingDocuments, outgoingRecipients, type OutgoingDocument } from "@/db/schema";
import { assertUsable } from "@/lib/access/use";
import { defineAction, sameAgency } from "@/lib/actions/define";
import { conflict, invalid } from "@/lib/errors";
import { lockOutgoing } from "@/lib/outgoing/access";
import { addOutgoingEvent } from "@/lib/outgoing/drafts";
import { keepsNoFile } from "@/lib/secrecy/rules";
import { PURPOSE_LABELS, RECALL_PURPOSES, requestRecallSchema, type RecallPurpose } from "./schemas";
import { documentIdOf } from "./message-builder";
import { queueMessage } from "./outbox";

// Thu hồi / cập nhật / thay thế a document sent by liên thông (NĐ 30/2020; standards.md §4.3): the
// sender asks each receiver with a 13 (reason, purpose); on the receiver's 15 the prepared recall (1),
// update (2) or replacement (3) is sent (lib/exchange/sender-status.ts); on 16 the sender sees why not.

export { PURPOSE_LABELS, RECALL_PURPOSES, requestRecallSchema, type RecallPurpose } from "./schemas";
export const PURPOSE_DOC_TYPE: Record<RecallPurpose, 1 | 2 | 3> = { recall: 1, update: 2, replace: 3 };

export const PENDING_MESSAGE = "Đang chờ cơ quan nhận trả lời một yêu cầu thu hồi, cập nhật hoặc thay thế văn bản này.";
export const NOTHING_SENT_MESSAGE = "Không có cơ quan nào đang giữ văn bản này qua liên thông (chưa gửi thành công, hoặc đã thu hồi): không có nơi để gửi yêu cầu.";

/** The recipients that were sent the document (its new-document message left successfully). */
export async function sentRecipients(db: Db | Tx, documentId: string) {
  return sentRecipientRows(db).execute({ documentId });
}

// Made once per database handle (db/named.ts): a sent document's page reads it at every view.
const sentRecipientRows = oncePerHandle((db: Db | Tx) =>
  db
    .selectDistinctOn([exchangeMessages.recipientId], {
      recipientId: exchangeMessages.recipientId, receiverOrganId: exchangeMessages.receiverOrganId, documentId: exchangeMessages.documentId,
    })
    .from(exchangeMessages)
    .where(
      and(
        eq(exchangeMessages.outgoingId, sql.placeholder("documentId")), eq(exchangeMessages.direction, "out"), eq(exchangeMessages.kind, "document"),
        eq(exchangeMessages.businessDocType, 0), eq(exchangeMessages.state, "sent"),
      ),
    )
    .orderBy(exchangeMessages.recipientId, asc(exchangeMessages.createdAt))
    .prepare("exchange_sent_recipients"),
);

/** Our 13s about the document still waiting for the receiver's 15 or 16 (not failed, not answered). */
export async function pendingRecalls(db: Db | Tx, documentId: string) {
  return db
    .select({ id: exchangeMessages.id, recipientId: exchangeMessages.recipientId, receiverOrganId: exchangeMessages.receiverOrganId, details: exchangeMessages.details })
    .from(exchangeMessages)
    .where(
      and(
        eq(exchangeMessages.outgoingId, documentId), eq(exchangeMessages.direction, "out"), eq(exchangeMessages.kind, "status"),
        eq(exchangeMessages.statusCode, "13"), inArray(exchangeMessages.state, ["queued", "sent"]),
        sql`not exists (select 1 from ${exchangeMessages} a where a.reply_to_id = ${exchangeMessages.id} and a.direction = 'in' and a.status_code in ('15', '16'))`,
      ),
    );
}

/**
 * Queues a 13 to every receiver that was sent the document, in `tx`. `skipPending`: receivers with a
 * request already waiting are left out (the internal withdrawal); otherwise any pending one refuses.
 */
export async function queueRecallRequests(
  tx: Tx,
  doc: OutgoingDocument,
  req: { purpose: RecallPurpose; reason: string; replacementId?: string | null; skipPending?: boolean },
): Promise<number> {
  if (keepsNoFile(doc)) return 0;
  const pending = await pendingRecalls(tx, doc.id);
  if (pending.length && !req.skipPending) throw conflict(PENDING_MESSAGE);
  const waiting = new Set(pending.map((p) => p.recipientId));
  // An agency that already took the document back (a recall sent on its 15) has nothing left to act on.
  const recalled = await tx
    .select({ recipientId: exchangeMessages.recipientId })
    .from(exchangeMessages)
    .where(
      and(
        eq(exchangeMessages.outgoingId, doc.id), eq(exchangeMessages.direction, "out"), eq(exchangeMessages.kind, "document"),
        eq(exchangeMessages.businessDocType, 1), inArray(exchangeMessages.state, ["queued", "sent"]),
      ),
    );
  for (const r of recalled) waiting.add(r.recipientId);
  const [agency] = await tx.select({ organId: agencies.organId }).from(agencies).where(eq(agencies.id, doc.agencyId));
  let n = 0;
  for (const r of await sentRecipients(tx, doc.id)) {
    if (waiting.has(r.recipientId)) continue;
    await queueMessage(tx, {
      agencyId: doc.agencyId, kind: "status", statusCode: "13", senderOrganId: agency.organId, receiverOrganId: r.receiverOrganId,
      documentId: r.documentId, outgoingId: doc.id, recipientId: r.recipientId, description: req.reason,
      details: { purpose: req.purpose, replacementId: req.replacementId ?? null },
    });
    n++;
  }
  return n;
}

/**
 * On the receiver's 15: the recall (1), update (2) or replacement (3) our 13 prepared, to that
 * receiver, queued in `tx`. A replacement is the replacing document, naming the original.
 */
export async function queuePreparedDocument(tx: Tx, request: { id: string; agencyId: string; outgoingId: string | null; recipientId: string | null; receiverOrganId: string; senderOrganId: string; documentId: string; description: string; details: Record<string, unknown> }) {
  const purpose = (RECALL_PURPOSES as readonly string[]).includes(String(request.details.purpose)) ? (request.details.purpose as RecallPurpose) : "recall";
  const type = PURPOSE_DOC_TYPE[purpose];
  if (!request.outgoingId) throw new Error("Yêu cầu thu hồi không gắn với văn bản đi.");
  let outgoingId = request.outgoingId;
  let recipientId = request.recipientId;
  let documentId = request.documentId;
  const details: Record<string, unknown> = { requestId: request.id };
  if (type === 3) {
    const replacementId = String(request.details.replacementId ?? "");
    const [rep] = replacementId ? await tx.select().from(outgoingDocuments).where(eq(outgoingDocuments.id, replacementId)) : [];
    if (!rep) throw new Error("Không tìm thấy văn bản thay thế của yêu cầu.");
    const [agency] = await tx.select({ organId: agencies.organId }).from(agencies).where(eq(agencies.id, rep.agencyId));
    const [same] = await tx
      .select({ id: outgoingRecipients.id })
      .from(outgoingRecipients)
      .where(and(eq(outgoingRecipients.documentId, rep.id), eq(outgoingRecipients.organId, request.receiverOrganId)));
    outgoingId = rep.id;
    recipientId = same?.id ?? null;
    documentId = documentIdOf(agency.organId, rep);
    details.originalId = request.outgoingId;
  }
  return queueMessage(tx, {
    agencyId: request.agencyId, kind: "document", businessDocType: type, senderOrganId: request.senderOrganId, receiverOrganId: request.receiverOrganId,
    documentId, outgoingId, recipientId, description: request.description, details, replyToId: request.id,
  });
}

/** Thu hồi / cập nhật / thay thế (13) by the Văn thư, for every agency the document was sent to. */
export const requestRecall = defineAction({
  name: "exchange.requestRecall",
  schema: requestRecallSchema,
  verb: "outgoing.issue",
  load: ({ input, tx }) => lockOutgoing(tx, input.id),
  authorize: sameAgency,
  run: async ({ actor, input, tx, target }) => {
    if (target.status !== "issued") throw conflict("Chỉ yêu cầu thu hồi, cập nhật hoặc thay thế được văn bản đã phát hành.");
    if (keepsNoFile(target)) throw conflict("Văn bản mật hoặc đã từng là văn bản mật không gửi liên thông.");
    let replacementId: string | null = null;
    if (input.purpose === "replace") {
      if (!input.replacementId) throw invalid({ replacementId: ["Vui lòng chọn văn bản thay thế đã phát hành."] });
      await assertUsable(tx, actor, { replacementId: ["outgoing", input.replacementId] });
      const [rep] = await tx.select().from(outgoingDocuments).where(eq(outgoingDocuments.id, input.replacementId));
      if (!rep || rep.replacesId !== target.id || rep.status !== "issued" || keepsNoFile(rep)) {
        throw invalid({ replacementId: ["Văn bản thay thế phải là văn bản đã phát hành để thay thế văn bản này."] });
      }
      replacementId = rep.id;
    } else if (input.replacementId) {
      throw invalid({ replacementId: ["Chỉ chọn văn bản thay thế khi yêu cầu thay thế."] });
    }
    const n = await queueRecallRequests(tx, target, { purpose: input.purpose, reason: input.reason, replacementId });
    if (n === 0) throw conflict(NOTHING_SENT_MESSAGE);
    await addOutgoingEvent(tx, actor, target.id, {
      kind: "recall_requested", text: `${PURPOSE_LABELS[input.purpose]}: ${input.reason}`, payload: { purpose: input.purpose, replacementId, receivers: n },
    });
    return {
      data: { requests: n },
      audit: { objectType: "outgoing", objectId: target.id, payload: { purpose: input.purpose, reason: input.reason, replacementId, receivers: n } },
    };
  },
  revalidate: ["/outgoing"],
});

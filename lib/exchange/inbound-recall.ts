import "server-only";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { exchangeMessages, incomingDocuments, incomingEvents } from "@/db/schema";
import { defineAction } from "@/lib/actions/define";
import type { Actor } from "@/lib/auth/actor";
import { conflict, notFound } from "@/lib/errors";
import { queueMessage } from "./outbox";
import { freezeIncoming } from "./receive";
import { acceptRecallSchema, refuseRecallSchema } from "./recall-schemas";

// A 13 (the sender asks to take back, update or replace a document it sent us) waits for our clerk
// (NĐ 30/2020; standards.md §4.3): Đồng ý (15) freezes our copy — "Đã thu hồi", its trail says why,
// everyone who had it is told — and Từ chối (16, with a reason) leaves it as it is. Either answer is
// queued back to the sender in the same transaction, and a request is answered once.

const PATHS = ["/incoming", "/exchange"];

/** The pending request and the document it is about, locked. */
async function lockRequest(tx: Tx, id: string) {
  const [msg] = await tx
    .select()
    .from(exchangeMessages)
    .where(and(eq(exchangeMessages.id, id), eq(exchangeMessages.direction, "in"), eq(exchangeMessages.kind, "status"), eq(exchangeMessages.statusCode, "13")))
    .for("update");
  if (!msg || !msg.incomingId) throw notFound();
  const [doc] = await tx.select().from(incomingDocuments).where(eq(incomingDocuments.id, msg.incomingId)).for("update");
  if (!doc) throw notFound();
  return { msg, doc };
}
type Loaded = Awaited<ReturnType<typeof lockRequest>>;

const sameAgency = ({ actor, target }: { actor: Actor; target: Loaded }) => target.msg.agencyId === actor.agencyId && target.doc.agencyId === actor.agencyId;

function assertPending(t: Loaded) {
  if (t.msg.state !== "pending") throw conflict("Yêu cầu lấy lại này đã được trả lời.");
}

const senderName = (t: Loaded) => (typeof t.msg.details?.senderName === "string" && t.msg.details.senderName) || t.msg.senderOrganId;

async function answer(tx: Tx, actor: Actor, t: Loaded, code: "15" | "16", description: string) {
  await tx.update(exchangeMessages).set({ state: "answered", processedAt: new Date() }).where(eq(exchangeMessages.id, t.msg.id));
  return queueMessage(tx, {
    agencyId: t.msg.agencyId, kind: "status", statusCode: code, senderOrganId: t.msg.receiverOrganId, receiverOrganId: t.msg.senderOrganId,
    documentId: t.msg.documentId, incomingId: t.doc.id, description, details: { staffInfo: { staff: actor.fullName } }, replyToId: t.msg.id,
  });
}

export const acceptRecall = defineAction({
  name: "exchange.acceptRecall",
  schema: acceptRecallSchema,
  verb: "incoming.register",
  load: ({ input, tx }) => lockRequest(tx, input.id),
  authorize: sameAgency,
  run: async ({ actor, tx, target }) => {
    assertPending(target);
    const why = `Đồng ý cho ${senderName(target)} lấy lại văn bản${target.msg.description ? `: ${target.msg.description}` : "."}`;
    const frozen = await freezeIncoming(tx, target.doc, { id: actor.userId, name: actor.fullName }, why);
    const messageId = await answer(tx, actor, target, "15", "");
    return {
      data: { messageId },
      audit: { objectType: "incoming", objectId: target.doc.id, payload: { requestId: target.msg.id, answer: "15", frozen, messageId } },
    };
  },
  revalidate: PATHS,
});

export const refuseRecall = defineAction({
  name: "exchange.refuseRecall",
  schema: refuseRecallSchema,
  verb: "incoming.register",
  load: ({ input, tx }) => lockRequest(tx, input.id),
  authorize: sameAgency,
  run: async ({ actor, input, tx, target }) => {
    assertPending(target);
    await tx.insert(incomingEvents).values({
      documentId: target.doc.id, actorId: actor.userId, actorName: actor.fullName, kind: "exchange_recall_refused", toText: senderName(target), text: input.reason,
    });
    const messageId = await answer(tx, actor, target, "16", input.reason);
    return {
      data: { messageId },
      audit: { objectType: "incoming", objectId: target.doc.id, payload: { requestId: target.msg.id, answer: "16", reason: input.reason, messageId } },
    };
  },
  revalidate: PATHS,
});

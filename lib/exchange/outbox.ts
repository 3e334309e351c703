import "server-only";
import type { Db, Tx } from "@/db/client";
import { exchangeMessages } from "@/db/schema";
import { enqueue } from "@/lib/jobs";

// The outbox: a message to another agency is a row of exchange_messages (state "queued") and a job
// of the "exchange.send" queue, both written in the transaction of the step that causes it, so a
// rolled-back step sends nothing and a committed one is sent even if the process dies right after
// (the job runner picks it up on restart). The worker (lib/exchange/send.ts) builds, signs and sends.

export const SEND_QUEUE = "exchange.send";

export interface QueueMessageInput {
  agencyId: string;
  kind: "document" | "status";
  /** Documents: 0 new, 1 recall, 2 update, 3 replacement. */
  businessDocType?: 0 | 1 | 2 | 3;
  /** Statuses: 01–06, 13, 15, 16. */
  statusCode?: string;
  senderOrganId: string;
  receiverOrganId: string;
  /** The edXML DocumentId the message is (about). */
  documentId: string;
  outgoingId?: string | null;
  recipientId?: string | null;
  incomingId?: string | null;
  description?: string;
  details?: Record<string, unknown>;
  replyToId?: string | null;
}

/** Writes the message and its sending job in `tx`; returns the message id. */
export async function queueMessage(tx: Tx | Db, m: QueueMessageInput): Promise<string> {
  const [row] = await tx
    .insert(exchangeMessages)
    .values({
      agencyId: m.agencyId, direction: "out", kind: m.kind, businessDocType: m.businessDocType ?? 0, statusCode: m.statusCode ?? "",
      senderOrganId: m.senderOrganId, receiverOrganId: m.receiverOrganId, documentId: m.documentId, state: "queued",
      outgoingId: m.outgoingId ?? null, recipientId: m.recipientId ?? null, incomingId: m.incomingId ?? null,
      description: m.description ?? "", details: m.details ?? {}, replyToId: m.replyToId ?? null,
    })
    .returning({ id: exchangeMessages.id });
  await enqueue(tx, SEND_QUEUE, { messageId: row.id }, { key: row.id });
  return row.id;
}

import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { exchangeMessages } from "@/db/schema";
import type { EdxmlStaffInfo } from "@/lib/edxml";
import { queueMessage } from "./outbox";

// Statuses we send back as the receiver of a document that came by liên thông (standards.md §4.3,
// NĐ 30/2020: the sender sees the receiver's progress): 01 on arrival (lib/exchange/receive.ts),
// 02 on Trả lại (with the reason), 03 on Vào sổ, 04 on the leader's assignment, 05 on the lead's first
// progress, 06 when the document is done. Each is queued in the transaction of the step that causes
// it (the outbox), and at most once per document: a later repeat of the step sends nothing again.

export type ReceiverStatusCode = "01" | "02" | "03" | "04" | "05" | "06";

export interface StatusOptions {
  /** The reason of a 02. */
  description?: string;
  /** Who acted (StaffInfo of the status message: staff = the person's name). */
  staff?: EdxmlStaffInfo;
}

/** The liên thông document message an incoming document arrived by, or null (paper, internal). */
export async function arrivalMessageOf(tx: Tx, incomingId: string) {
  const [m] = await tx
    .select()
    .from(exchangeMessages)
    .where(and(eq(exchangeMessages.incomingId, incomingId), eq(exchangeMessages.direction, "in"), eq(exchangeMessages.kind, "document"), eq(exchangeMessages.state, "received")))
    .orderBy(asc(exchangeMessages.createdAt))
    .limit(1);
  // A recall (1) or update (2) links to the original but is not how it arrived.
  return m && (m.businessDocType === 0 || m.businessDocType === 3) ? m : null;
}

/**
 * Queues status `code` back to the sender of `incomingId`; returns the message id, or null when the
 * document did not come by liên thông or this status was already queued for it.
 */
export async function queueIncomingStatus(tx: Tx, incomingId: string, code: ReceiverStatusCode, opts: StatusOptions = {}): Promise<string | null> {
  const arrival = await arrivalMessageOf(tx, incomingId);
  if (!arrival) return null;
  const [sent] = await tx
    .select({ id: exchangeMessages.id })
    .from(exchangeMessages)
    .where(and(eq(exchangeMessages.incomingId, incomingId), eq(exchangeMessages.direction, "out"), eq(exchangeMessages.kind, "status"), eq(exchangeMessages.statusCode, code)))
    .limit(1);
  if (sent) return null;
  const staff = opts.staff ? Object.fromEntries(Object.entries(opts.staff).filter(([, v]) => !!v)) : undefined;
  return queueMessage(tx, {
    agencyId: arrival.agencyId, kind: "status", statusCode: code, senderOrganId: arrival.receiverOrganId, receiverOrganId: arrival.senderOrganId,
    documentId: arrival.documentId, incomingId, description: opts.description ?? "", details: staff ? { staffInfo: staff } : {}, replyToId: arrival.id,
  });
}

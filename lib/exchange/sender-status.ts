import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import {
  agencies, exchangeMessages, outgoingDocuments, outgoingEvents, outgoingRecipients, type ExchangeMessage,
} from "@/db/schema";
import { STATUS_LABELS, type EdxmlStatusMessage } from "@/lib/edxml";
import { notify } from "@/lib/notifications";
import { clerksOf } from "./holders";
import { splitSymbol } from "./message-builder";
import { PURPOSE_LABELS, queuePreparedDocument, type RecallPurpose } from "./recall";

/** Our outgoing document a DocumentId names: through the message we sent, else by its số, ký hiệu and date. */
async function documentOf(tx: Tx, agencyId: string, documentId: string) {
  const [sent] = await tx
    .select({ id: exchangeMessages.outgoingId })
    .from(exchangeMessages)
    .where(
      and(
        eq(exchangeMessages.agencyId, agencyId), eq(exchangeMessages.direction, "out"), eq(exchangeMessages.kind, "document"),
        eq(exchangeMessages.documentId, documentId),
      ),
    )
    .limit(1);
  if (sent?.id) {
    const [doc] = await tx.select().from(outgoingDocuments).where(eq(outgoingDocuments.id, sent.id));
    if (doc) return doc;
  }
  const parts = documentId.split(",");
  if (parts.length < 3) return null;
  const [organId, date, ...rest] = parts;
  const [agency] = await tx.select({ organId: agencies.organId }).from(agencies).where(eq(agencies.id, agencyId));
  if (!agency || agency.organId !== organId) return null;
  const { codeNumber, codeNotation } = splitSymbol(rest.join(","));
  const [doc] = await tx
    .select()
    .from(outgoingDocuments)
    .where(
      and(
        eq(outgoingDocuments.agencyId, agencyId), eq(outgoingDocuments.symbol, `${codeNumber}/${codeNotation}`),
        eq(outgoingDocuments.issuedDate, date.replaceAll("/", "-")), eq(outgoingDocuments.secrecy, "normal"),
      ),
    );
  return doc ?? null;
}

/** `yyyy/MM/dd HH:mm:ss` (Vietnam time, as the standard writes it) → `dd/mm/yyyy HH:mm`. */
export function timeOf(edxmlTimestamp: string): string {
  const m = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2})/.exec(edxmlTimestamp);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : edxmlTimestamp;
}

/**
 * A status (01–06, 15, 16) that a receiving agency sent about a document we issued: called by the
 * receive pipeline (lib/exchange/receive.ts) in the transaction that stored `msg` (direction "in",
 * kind "status", state "received"). Links it to our outgoing document and recipient, writes the
 * trail, and reacts (15: sends the recall/update/replacement; 02 and 16: tells the clerk).
 * Owned by the send part (issue 13); the receive part only calls it.
 */
export async function applyInboundStatus(tx: Tx, msg: ExchangeMessage, status: EdxmlStatusMessage): Promise<void> {
  const documentId = status.responseFor.documentId;
  const doc = await documentOf(tx, msg.agencyId, documentId);
  if (!doc) throw new Error(`Trạng thái ${status.statusCode} về văn bản ${documentId}: không có văn bản đi nào của cơ quan với mã này.`);
  const from = status.from.organId;
  // The agency the package came from (checked by the receive part against its signature) speaks only for itself.
  if (msg.senderOrganId && msg.senderOrganId !== from) {
    throw new Error(`Trạng thái ${status.statusCode}: nơi gửi trong thông điệp (${from}) khác cơ quan đã gửi gói tin (${msg.senderOrganId}).`);
  }
  const [recipient] = await tx
    .select()
    .from(outgoingRecipients)
    .where(and(eq(outgoingRecipients.documentId, doc.id), eq(outgoingRecipients.organId, from)));
  if (!recipient) throw new Error(`Trạng thái ${status.statusCode} về văn bản ${doc.symbol}: ${from} không phải nơi nhận của văn bản này.`);

  // 15/16 answer our latest 13 to this receiver.
  let request: ExchangeMessage | undefined;
  if (status.statusCode === "15" || status.statusCode === "16") {
    [request] = await tx
      .select()
      .from(exchangeMessages)
      .where(
        and(
          eq(exchangeMessages.agencyId, msg.agencyId), eq(exchangeMessages.direction, "out"), eq(exchangeMessages.kind, "status"),
          eq(exchangeMessages.statusCode, "13"), eq(exchangeMessages.outgoingId, doc.id), eq(exchangeMessages.receiverOrganId, from),
        ),
      )
      .orderBy(desc(exchangeMessages.createdAt))
      .limit(1);
    if (!request) throw new Error(`Trạng thái ${status.statusCode} về văn bản ${doc.symbol}: cơ quan chưa gửi yêu cầu thu hồi, cập nhật hoặc thay thế nào tới ${from}.`);
  }
  await tx
    .update(exchangeMessages)
    .set({ outgoingId: doc.id, recipientId: recipient.id, ...(request ? { replyToId: request.id } : {}) })
    .where(eq(exchangeMessages.id, msg.id));

  const label = STATUS_LABELS[status.statusCode];
  const purpose = request ? ((request.details.purpose as RecallPurpose | undefined) ?? "recall") : null;
  const what = purpose ? ` (${PURPOSE_LABELS[purpose] ?? PURPOSE_LABELS.recall})` : "";
  const reason = status.description ? `: ${status.description}` : "";
  await tx.insert(outgoingEvents).values({
    documentId: doc.id, actorId: null, actorName: recipient.name, kind: "exchange_status", toText: "",
    text: `${label}${what}${reason} (lúc ${timeOf(status.timestamp)})`,
    payload: { statusCode: status.statusCode, messageId: msg.id, timestamp: status.timestamp, organId: from },
  });

  const href = `/outgoing/${doc.id}`;
  const who = [doc.drafterId, ...(await clerksOf(tx, msg.agencyId))];
  if (status.statusCode === "02") {
    await notify(tx, who, `${recipient.name} từ chối tiếp nhận văn bản ${doc.symbol}${reason}`, href);
  } else if (status.statusCode === "16") {
    await notify(tx, who, `${recipient.name} từ chối ${purpose === "recall" ? "thu hồi" : purpose === "update" ? "cập nhật" : "thay thế"} văn bản ${doc.symbol}${reason}`, href);
  } else if (status.statusCode === "15" && request) {
    await queuePreparedDocument(tx, request);
    await notify(tx, await clerksOf(tx, msg.agencyId), `${recipient.name} đồng ý ${PURPOSE_LABELS[purpose!].toLowerCase()} văn bản ${doc.symbol}; văn bản ${PURPOSE_LABELS[purpose!].toLowerCase()} đang được gửi.`, href);
  }
}

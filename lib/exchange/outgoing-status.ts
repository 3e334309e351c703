import "server-only";
import { and, asc, eq, or } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { exchangeMessages, outgoingDocuments, outgoingRecipients, type ExchangeMessage, type OutgoingDocument } from "@/db/schema";
import { outgoingReadableBy } from "@/lib/access/outgoing";
import type { Actor } from "@/lib/auth/actor";
import { STATUS_LABELS, type StatusCode } from "@/lib/edxml/types";
import { formatDateTime } from "@/lib/format";
import { can } from "@/lib/auth/permissions";
import { keepsNoFile } from "@/lib/secrecy/rules";
import { PENDING_MESSAGE, pendingRecalls, PURPOSE_LABELS, sentRecipients, type RecallPurpose } from "./recall";

// What the outgoing document page shows of liên thông, per electronic recipient: how the sending
// stands (Chờ gửi / Đã gửi lúc … / Gửi lỗi (lần n): … — sẽ thử lại / Gửi không thành công) and every
// status the receiver sent back, in order, with its time and reason.

type Sending = Pick<ExchangeMessage, "state" | "attempts" | "error" | "sentAt">;

/** The clerk's one line for a message being sent. */
export function sendingText(m: Sending | null | undefined, fallbackSentAt?: Date | null): string {
  if (!m) return fallbackSentAt ? `Đã gửi lúc ${formatDateTime(fallbackSentAt)}` : "Chờ gửi";
  if (m.state === "sent") return `Đã gửi lúc ${formatDateTime(m.sentAt)}`;
  if (m.state === "failed") return m.error ? `Gửi không thành công: ${m.error}` : "Gửi không thành công";
  if (m.attempts > 0 && m.error) return `Gửi lỗi (lần ${m.attempts}): ${m.error} — sẽ thử lại`;
  return "Chờ gửi";
}

export interface ReceivedStatus {
  id: string;
  code: string;
  label: string;
  description: string;
  at: Date;
}

export interface RequestSent {
  id: string;
  purpose: RecallPurpose;
  purposeLabel: string;
  reason: string;
  sending: string;
  answered: boolean;
  at: Date;
}

export interface RecipientExchange {
  recipientId: string;
  name: string;
  organId: string | null;
  /** The sending of the document itself. */
  sending: string;
  sendingState: "queued" | "sent" | "failed" | "none";
  /** Every status received from this agency about the document, oldest first. */
  statuses: ReceivedStatus[];
  /** Our thu hồi / cập nhật / thay thế requests (13) and the documents they led to. */
  requests: RequestSent[];
  followUps: { id: string; label: string; sending: string }[];
}

const FOLLOW_UP_LABELS: Record<number, string> = { 1: "Văn bản thu hồi", 2: "Văn bản cập nhật", 3: "Văn bản thay thế" };

/** Messages of a document, grouped per recipient (the new-document message, statuses in, our requests). */
function byRecipient(rows: ExchangeMessage[], recipientId: string) {
  const mine = rows.filter((m) => m.recipientId === recipientId);
  const doc = mine.filter((m) => m.direction === "out" && m.kind === "document" && m.businessDocType === 0).at(-1) ?? null;
  return { mine, doc };
}

/**
 * The liên thông panel of an outgoing document for someone who may read it, or null. One entry per
 * recipient sent electronically.
 */
export async function outgoingExchangeOf(actor: Actor, id: string, db?: Db): Promise<RecipientExchange[] | null> {
  const database = db ?? (await getDb());
  const [doc] = await database
    .select({ id: outgoingDocuments.id })
    .from(outgoingDocuments)
    .where(and(eq(outgoingDocuments.id, id), outgoingReadableBy(actor)));
  if (!doc) return null;
  const recipients = await database
    .select()
    .from(outgoingRecipients)
    .where(and(eq(outgoingRecipients.documentId, id), eq(outgoingRecipients.delivery, "electronic")))
    .orderBy(asc(outgoingRecipients.sortOrder));
  return exchangeOfRecipients(database, id, recipients);
}

type ElectronicRecipient = { id: string; name: string; organId: string | null; sentAt: Date | null };

/** The panel's entries for these electronic recipients of document `id` (in their order). */
async function exchangeOfRecipients(database: Db, id: string, recipients: readonly ElectronicRecipient[]): Promise<RecipientExchange[]> {
  if (!recipients.length) return [];
  const rows = await database
    .select()
    .from(exchangeMessages)
    .where(eq(exchangeMessages.outgoingId, id))
    .orderBy(asc(exchangeMessages.createdAt), asc(exchangeMessages.id));
  return recipients.map((r) => {
    const { mine, doc: m } = byRecipient(rows, r.id);
    const answered = new Set(mine.filter((x) => x.direction === "in" && x.replyToId).map((x) => x.replyToId));
    return {
      recipientId: r.id,
      name: r.name,
      organId: r.organId,
      sending: sendingText(m, r.sentAt),
      sendingState: m ? (m.state === "sent" || m.state === "failed" ? m.state : "queued") : r.sentAt ? "sent" : "none",
      statuses: mine
        .filter((x) => x.direction === "in" && x.kind === "status")
        .map((x) => ({ id: x.id, code: x.statusCode, label: STATUS_LABELS[x.statusCode as StatusCode] ?? x.statusCode, description: x.description, at: x.createdAt })),
      requests: mine
        .filter((x) => x.direction === "out" && x.kind === "status" && x.statusCode === "13")
        .map((x) => {
          const purpose = ((x.details as { purpose?: RecallPurpose }).purpose ?? "recall") as RecallPurpose;
          return {
            id: x.id, purpose, purposeLabel: PURPOSE_LABELS[purpose] ?? PURPOSE_LABELS.recall, reason: x.description, sending: sendingText(x),
            answered: answered.has(x.id), at: x.createdAt,
          };
        }),
      followUps: mine
        .filter((x) => x.direction === "out" && x.kind === "document" && x.businessDocType !== 0)
        .map((x) => ({ id: x.id, label: FOLLOW_UP_LABELS[x.businessDocType] ?? "Văn bản", sending: sendingText(x) })),
    };
  });
}

/** The sending line of each electronic recipient of a document (for the Nơi nhận table). */
export async function sendingTextsOf(database: Db, documentId: string): Promise<Map<string, string>> {
  // In one read: the document's own messages (its sending line) and the statuses the agencies sent back.
  const rows = await database
    .select({
      recipientId: exchangeMessages.recipientId, direction: exchangeMessages.direction, statusCode: exchangeMessages.statusCode,
      state: exchangeMessages.state, attempts: exchangeMessages.attempts, error: exchangeMessages.error, sentAt: exchangeMessages.sentAt,
    })
    .from(exchangeMessages)
    .where(
      and(
        eq(exchangeMessages.outgoingId, documentId),
        or(
          and(eq(exchangeMessages.direction, "out"), eq(exchangeMessages.kind, "document"), eq(exchangeMessages.businessDocType, 0)),
          and(eq(exchangeMessages.direction, "in"), eq(exchangeMessages.kind, "status")),
        ),
      ),
    )
    .orderBy(asc(exchangeMessages.createdAt), asc(exchangeMessages.id));
  const out = new Map<string, string>();
  // The latest status the agency sent back, after the sending line ("Đã gửi lúc …; Đã tiếp nhận").
  const latest = new Map<string, string>();
  for (const r of rows) {
    if (!r.recipientId) continue;
    if (r.direction === "out") out.set(r.recipientId, sendingText(r));
    else latest.set(r.recipientId, STATUS_LABELS[r.statusCode as StatusCode] ?? r.statusCode);
  }
  for (const [id, label] of latest) if (out.has(id)) out.set(id, `${out.get(id)}; ${label}`);
  return out;
}

export interface RecallOptions {
  /** The Văn thư may ask now (issued, sent to at least one agency, no request waiting). */
  allowed: boolean;
  /** Why not, when the form is not offered but the panel is shown. */
  note: string;
  /** Issued documents of ours that replace this one (for "Thay thế"). */
  replacements: { id: string; label: string }[];
}

/** What the Thu hồi / cập nhật / thay thế form offers the actor for this document, or null (not theirs to ask). */
export async function recallOptionsOf(actor: Actor, id: string, db?: Db): Promise<RecallOptions | null> {
  if (!can(actor, "outgoing.issue")) return null;
  const database = db ?? (await getDb());
  const [doc] = await database.select().from(outgoingDocuments).where(and(eq(outgoingDocuments.id, id), eq(outgoingDocuments.agencyId, actor.agencyId)));
  return doc ? recallOptionsFor(actor, doc, database) : null;
}

type RecallDocument = Pick<OutgoingDocument, "id" | "agencyId" | "status" | "secrecy" | "wasSecret">;

async function recallOptionsFor(actor: Actor, doc: RecallDocument, database: Db): Promise<RecallOptions | null> {
  if (!can(actor, "outgoing.issue") || doc.agencyId !== actor.agencyId) return null;
  if (doc.status !== "issued" || keepsNoFile(doc)) return null;
  const id = doc.id;
  const sent = await sentRecipients(database, id);
  if (!sent.length) return null;
  const pending = await pendingRecalls(database, id);
  const reps = await database
    .select({ id: outgoingDocuments.id, symbol: outgoingDocuments.symbol, subject: outgoingDocuments.subject })
    .from(outgoingDocuments)
    .where(and(eq(outgoingDocuments.replacesId, id), eq(outgoingDocuments.status, "issued"), outgoingReadableBy(actor)))
    .orderBy(asc(outgoingDocuments.issuedAt));
  return {
    allowed: pending.length === 0,
    note: pending.length ? PENDING_MESSAGE : "",
    replacements: reps.filter((r) => r.symbol).map((r) => ({ id: r.id, label: `${r.symbol}: ${r.subject}`.slice(0, 160) })),
  };
}

/**
 * The outgoing document page's two liên thông panels (the status per recipient; the Thu hồi form's options)
 * from the document as `getOutgoing` read it for this actor, its read rule applied there: the same as
 * `outgoingExchangeOf` and `recallOptionsOf`, without reading the document and its recipients again.
 */
export async function exchangePanelsOf(
  actor: Actor,
  read: { doc: RecallDocument; recipients: readonly (ElectronicRecipient & { delivery: string })[] },
  db?: Db,
): Promise<{ exchange: RecipientExchange[]; recall: RecallOptions | null }> {
  const database = db ?? (await getDb());
  const electronic = read.recipients.filter((r) => r.delivery === "electronic");
  const [exchange, recall] = await Promise.all([exchangeOfRecipients(database, read.doc.id, electronic), recallOptionsFor(actor, read.doc, database)]);
  return { exchange, recall };
}

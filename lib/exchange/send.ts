import "server-only";
import { X509Certificate } from "node:crypto";
import { and, asc, eq, isNotNull, lt, ne, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { agencies, exchangeMessages, jobs, outgoingDocuments, outgoingRecipients, type ExchangeMessage } from "@/db/schema";
import { buildEdxml, EdxmlError } from "@/lib/edxml";
import { signEdxml, signerInfo } from "@/lib/edxml/signature";
import { enqueue, registerWorker, type Job, type JobContext } from "@/lib/jobs";
import { keepsNoFile } from "@/lib/secrecy/rules";
import { partnerByOrganId, recordConnection } from "./directory";
import { signingKeyOf } from "./identity";
import { buildOutboundMessage, documentIdOf, MessageBuildError } from "./message-builder";
import { queueMessage, SEND_QUEUE } from "./outbox";
import { TransportError } from "./transport";
import { transportFor } from "./transports";

// The outbox sender (issue 13): one job per message (lib/exchange/outbox.ts). Loads the row, builds
// the edXML from the data (message-builder.ts), validates, signs with the agency's key and hands it
// to the partner's transport. A permanent refusal marks the message failed at once; anything else is
// written on the row ("Gửi lỗi (lần n): …") and rethrown so the runner retries with backoff.
// Messages of this agency to one receiver leave in the order they were queued.

export const SEND_RETRIES = 8;
/** The wait before a send's first retry; each later one doubles, up to 30 minutes (8 retries: about 42 minutes in all). */
export const DEFAULT_SEND_RETRY_MS = 10_000;

/** EXCHANGE_RETRY_MS: the wait before the first retry (at least 100 ms), else 10 s. */
export function sendRetryDelayMs(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const n = Number(env.EXCHANGE_RETRY_MS);
  return Number.isFinite(n) && n >= 100 ? Math.floor(n) : DEFAULT_SEND_RETRY_MS;
}
/**
 * A message behind an older one to the same receiver is woken by that one's outcome (`wakeNext`: sent or
 * failed), so a queue to one receiver drains one after another at full speed; this is only the fallback
 * look (ms), in case a wake was lost (a worker that died between the two).
 */
export const ORDER_WAIT_MS = 60_000;

export const NO_KEY_MESSAGE = "Cơ quan chưa có khóa và chứng thư liên thông (Quản trị → Liên thông).";

export interface SendPayload {
  messageId: string;
}

class Permanent extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
  }
}

async function markFailed(db: Db, msg: ExchangeMessage, code: string, error: string, attempts: number, now: Date) {
  await db.transaction(async (tx) => {
    await tx
      .update(exchangeMessages)
      .set({ state: "failed", errorCode: code, error: error.slice(0, 2000), attempts })
      .where(and(eq(exchangeMessages.id, msg.id), eq(exchangeMessages.state, "queued")));
    await wakeNext(tx, msg, now);
  });
}

/** The other messages of this agency still queued to the same receiver as `msg`. */
const queuedBeside = (msg: ExchangeMessage) =>
  and(
    eq(exchangeMessages.agencyId, msg.agencyId), eq(exchangeMessages.direction, "out"), eq(exchangeMessages.receiverOrganId, msg.receiverOrganId),
    eq(exchangeMessages.state, "queued"), ne(exchangeMessages.id, msg.id),
  );

/** The next message of this agency to the same receiver, once `msg` is out of the way: its send job, now. */
async function wakeNext(tx: Tx, msg: ExchangeMessage, now: Date) {
  const [next] = await tx
    .select({ id: exchangeMessages.id })
    .from(exchangeMessages)
    .where(queuedBeside(msg))
    .orderBy(asc(exchangeMessages.createdAt), asc(exchangeMessages.id))
    .limit(1);
  if (next) await enqueue(tx, SEND_QUEUE, { messageId: next.id }, { key: `${next.id}:after:${msg.id}`, runAt: now });
}

/** An older message of this agency to the same receiver still waiting to leave, if any. */
async function olderQueued(db: Db, msg: ExchangeMessage) {
  const [older] = await db
    .select({ id: exchangeMessages.id })
    .from(exchangeMessages)
    .where(and(queuedBeside(msg), or(lt(exchangeMessages.createdAt, msg.createdAt), and(eq(exchangeMessages.createdAt, msg.createdAt), lt(exchangeMessages.id, msg.id)))))
    .limit(1);
  return older ?? null;
}

export async function sendMessageJob(job: Job<SendPayload>, ctx: JobContext): Promise<void> {
  const { db } = ctx;
  const [msg] = await db.select().from(exchangeMessages).where(eq(exchangeMessages.id, job.payload.messageId));
  if (!msg || msg.direction !== "out" || msg.state !== "queued") return;

  // Order per receiver: wait behind an older message still queued (a new job later; this one is done).
  const older = await olderQueued(db, msg);
  if (older) {
    // Look again when the older message's own (re)try is due, not before.
    const [next] = await db
      .select({ runAt: jobs.runAt })
      .from(jobs)
      .where(and(eq(jobs.queue, SEND_QUEUE), eq(jobs.key, older.id), eq(jobs.state, "queued")));
    const now = ctx.now().getTime();
    const at = Math.max(now + ORDER_WAIT_MS, next ? next.runAt.getTime() + 1_000 : 0);
    await ctx.once(async (tx) => {
      await enqueue(tx, SEND_QUEUE, { messageId: msg.id }, { key: `${msg.id}:after:${job.id}`, runAt: new Date(at) });
    }, "wait");
    return;
  }

  const attempts = msg.attempts + 1;
  let xml: string;
  let partner;
  let certPem: string;
  try {
    const message = await buildOutboundMessage(db, msg, ctx.now());
    const unsigned = buildEdxml(message, { now: ctx.now() });
    const key = await signingKeyOf(db, msg.agencyId);
    if (!key) throw new Permanent("no_key", NO_KEY_MESSAGE);
    xml = signEdxml(unsigned, key);
    certPem = String(key.cert);
    partner = await partnerByOrganId(db, msg.agencyId, msg.receiverOrganId);
    if (!partner) throw new Permanent("unknown_partner", `Cơ quan nhận ${msg.receiverOrganId} không có trong danh mục cơ quan liên thông (hoặc đã ngừng).`);
    if (!partner.transport) throw new Permanent("no_transport", `Chưa khai báo cách gửi (trực tiếp hoặc qua trục) cho ${partner.name} (Quản trị → Liên thông).`);
  } catch (e) {
    if (e instanceof Permanent || e instanceof MessageBuildError) return markFailed(db, msg, e.code, e.message, attempts, ctx.now());
    if (e instanceof EdxmlError) return markFailed(db, msg, "invalid", e.message, attempts, ctx.now());
    // Anything else (the database, the file store) is retried; on the last attempt the message fails
    // visibly instead of staying queued and holding up the younger messages to this receiver.
    const text = e instanceof Error ? e.message : String(e);
    if (job.attempt > SEND_RETRIES) return markFailed(db, msg, "error", text, attempts, ctx.now());
    throw e;
  }

  let result;
  try {
    result = await transportFor(partner.transport).send(partner, { xml, fromOrganId: msg.senderOrganId, toOrganId: msg.receiverOrganId, messageId: msg.id });
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    await recordConnection(db, partner.id, { ok: false, error: text });
    if (e instanceof TransportError && e.permanent) return markFailed(db, msg, e.code, text, attempts, ctx.now());
    const last = job.attempt > SEND_RETRIES;
    if (last) return markFailed(db, msg, e instanceof TransportError ? e.code : "send_failed", text, attempts, ctx.now());
    await db
      .update(exchangeMessages)
      .set({ attempts, errorCode: e instanceof TransportError ? e.code : "send_failed", error: text.slice(0, 2000) })
      .where(and(eq(exchangeMessages.id, msg.id), eq(exchangeMessages.state, "queued")));
    throw e;
  }

  // The state change happens once even if this job runs twice (at-least-once delivery).
  const signer = signerInfo(new X509Certificate(certPem));
  await ctx.once(async (tx) => {
    const now = ctx.now();
    await tx
      .update(exchangeMessages)
      .set({
        state: "sent", sentAt: now, packageId: result.packageId ?? null, transport: partner.transport, attempts, errorCode: null, error: null,
        signer: { ...signer, notBefore: signer.notBefore.toISOString(), notAfter: signer.notAfter.toISOString() },
      })
      .where(and(eq(exchangeMessages.id, msg.id), eq(exchangeMessages.state, "queued")));
    if (msg.kind === "document" && msg.businessDocType === 0 && msg.recipientId) {
      await tx.update(outgoingRecipients).set({ sentAt: now }).where(and(eq(outgoingRecipients.id, msg.recipientId), sql`${outgoingRecipients.sentAt} is null`));
      // Withdrawn while this message was on its way: the withdrawal's recall requests missed it, so ask now.
      const [doc] = await tx.select().from(outgoingDocuments).where(eq(outgoingDocuments.id, msg.outgoingId!)).for("update");
      if (doc?.status === "withdrawn") {
        await queueMessage(tx, {
          agencyId: msg.agencyId, kind: "status", statusCode: "13", senderOrganId: msg.senderOrganId, receiverOrganId: msg.receiverOrganId,
          documentId: msg.documentId, outgoingId: doc.id, recipientId: msg.recipientId, description: doc.withdrawReason || "Văn bản đã bị thu hồi.",
          details: { purpose: "recall", replacementId: null },
        });
      }
    }
    await recordConnection(tx, partner.id, { ok: true }, now);
    await wakeNext(tx, msg, now);
  }, "sent");
}

/** Registers the sender on the job runner (lib/exchange/workers.ts). */
export function registerSendWorker() {
  registerWorker<SendPayload>(SEND_QUEUE, sendMessageJob, { retries: SEND_RETRIES, backoff: { delayMs: sendRetryDelayMs(), factor: 2, maxMs: 30 * 60_000 } });
}

/**
 * Phát hành: one new-document message per recipient sent electronically (a directory agency with a
 * mã định danh), written in the transaction. A document that is or ever was secret never
 * leaves (security.md §5 row 16), whatever its recipients say.
 */
export async function queueIssuedDocument(
  tx: Tx,
  doc: { id: string; agencyId: string; secrecy: string; wasSecret: boolean; symbol: string | null; issuedDate: string | null; replacesId?: string | null },
): Promise<number> {
  if (keepsNoFile(doc)) return 0;
  const rs = await tx
    .select({ id: outgoingRecipients.id, organId: outgoingRecipients.organId })
    .from(outgoingRecipients)
    .where(and(eq(outgoingRecipients.documentId, doc.id), eq(outgoingRecipients.delivery, "electronic"), isNotNull(outgoingRecipients.organId)))
    .orderBy(asc(outgoingRecipients.sortOrder));
  if (!rs.length) return 0;
  const [agency] = await tx.select({ organId: agencies.organId }).from(agencies).where(eq(agencies.id, doc.agencyId));
  const documentId = documentIdOf(agency.organId, doc);
  // A replacement goes to the agencies that were sent the replaced document through the 13 → 15 handshake
  // (type 3, lib/exchange/recall.ts), not as a new document as well.
  const viaHandshake = new Set<string>();
  if (doc.replacesId) {
    const sent = await tx
      .selectDistinct({ organId: exchangeMessages.receiverOrganId })
      .from(exchangeMessages)
      .where(and(eq(exchangeMessages.outgoingId, doc.replacesId), eq(exchangeMessages.direction, "out"), eq(exchangeMessages.kind, "document"), ne(exchangeMessages.state, "failed")));
    for (const s of sent) viaHandshake.add(s.organId);
  }
  let queued = 0;
  for (const r of rs) {
    if (viaHandshake.has(r.organId!)) continue;
    queued++;
    await queueMessage(tx, {
      agencyId: doc.agencyId, kind: "document", businessDocType: 0, senderOrganId: agency.organId, receiverOrganId: r.organId!,
      documentId, outgoingId: doc.id, recipientId: r.id,
    });
  }
  return queued;
}

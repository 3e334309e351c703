import "server-only";
import { createHash } from "node:crypto";
import { and, asc, eq, ne } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import {
  agencies, exchangeMessages, incomingDocuments, incomingEvents, incomingFiles, storedFiles, type ExchangeMessage,
} from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import {
  DEFAULT_EDXML_LIMITS, EdxmlError, parseEdxml, type EdxmlDocumentMessage, type EdxmlMessage, type EdxmlStatusMessage,
} from "@/lib/edxml";
import { verifyEdxmlSignature, type SignerInfo } from "@/lib/edxml/signature";
import { notify } from "@/lib/notifications";
import { asStore, type BlobStore, type StoreRef } from "@/lib/storage/blob-store";
import { UploadError } from "@/lib/storage/errors";
import { discard, keepFile, prepareAttachment, prepareRaw, type PreparedFile } from "./attachments";
import { partnerByOrganId, trustOf } from "./directory";
import { clerksOf, holdersOfIncoming } from "./holders";
import { queueIncomingStatus } from "./receiver-status";
import { applyInboundStatus } from "./sender-status";

// The receiving side of liên thông (issue 13, product.md §8, standards.md §4–5): one function for both
// transports (the direct route POST /api/exchange/edxml and the axis poller). In order:
//   1. size limit, DOCTYPE refused, parsed (lib/edxml) — only to find whom it is for and who claims to send it;
//   2. the raw package is stored (evidence, also of a refusal) before anything else and before any ack — in full
//      from a partner of the directory, only its first 256 KB when refused before that (unauthenticated input);
//   3. the sender must be an active partner of the receiving agency, and its XML-DSig signature valid under
//      that partner's pinned certificate or CA (lib/edxml/signature.ts strict policy); the certificate must
//      not name another OrganId than From;
//   4. the message is read again from the bytes the signature covers (never from the raw package);
//   5. a redelivery (same sender, DocumentId, type, status code; or the same axis package) changes nothing;
//   6. applied in one transaction: a new document in "Chờ tiếp nhận" with its files and the 01 queued back,
//      a recall/update/replacement, a 13 waiting for the clerk, or a status about a document we sent.
// Every refusal is a row (state "rejected", machine code, Vietnamese reason, the raw file) and an audit entry.

export interface ReceiveMeta {
  transport: "direct" | "axis";
  packageId?: string;
  now?: Date;
  /** Where blobs go (tests: a local folder or a store); default the configured store. */
  filesRoot?: StoreRef;
}

export interface ReceiveResult {
  state: "received" | "duplicate" | "rejected";
  messageId?: string;
  code?: string;
  reason?: string;
}

/** A refusal with its machine code and its Vietnamese reason (shown to the clerk, sent back to the sender). */
export class Refusal extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
    this.name = "Refusal";
  }
}

const REASONS = {
  tooLarge: (max: number) => `Thông điệp vượt quá dung lượng cho phép (${Math.round(max / 1024 / 1024)} MB).`,
  doctype: "Thông điệp có khai báo DOCTYPE/ENTITY: bị từ chối vì lý do an toàn.",
  notForUs: "Thông điệp không gửi cho cơ quan nào trên hệ thống này.",
  recipientStopped: (name: string) => `${name} đã ngừng hoạt động trên hệ thống này: thông điệp không được tiếp nhận.`,
  unknownSender: (organId: string) => `Cơ quan gửi (mã định danh ${organId || "không rõ"}) không có trong danh bạ liên thông hoặc đã ngừng liên thông.`,
  signerMismatch: (cert: string, from: string) => `Chứng thư số ký thông điệp thuộc cơ quan ${cert}, không phải cơ quan gửi ${from}.`,
  changed: "Nội dung được ký khác với nội dung đọc được: thông điệp bị từ chối.",
  replay: "Gói tin này đã được nhận trước đó với nội dung khác (gửi lại gói tin cũ): bị từ chối.",
  unknownDocument: "Không tìm thấy văn bản liên quan đã nhận từ cơ quan gửi.",
  attachment: (name: string, why: string) => `Tệp đính kèm "${name}" không được chấp nhận: ${why}`,
} as const;

interface Agency {
  id: string;
  organId: string;
  name: string;
  /** Ngừng hoạt động (Quản trị cấp tỉnh): messages for it are refused, kept as evidence under it. */
  disabledAt: Date | null;
}

const pgCode = (e: unknown): string | undefined => {
  for (let cur = e as { code?: unknown; cause?: unknown } | undefined, i = 0; cur && i < 5; cur = cur.cause as typeof cur, i++) {
    if (typeof cur.code === "string") return cur.code;
  }
  return undefined;
};

const isoOf = (edxmlDate: string | undefined) => (edxmlDate && /^\d{4}\/\d{2}\/\d{2}$/.test(edxmlDate) ? edxmlDate.replaceAll("/", "-") : null);

/** The whom-for and the claimed sender of a parsed message (our agency among `ours`). */
function routing(m: EdxmlMessage, ours: Agency[]): { agency: Agency | null; from: string; fromName: string; documentId: string } {
  if (m.kind === "document") {
    const to = new Set(m.header.to.map((o) => o.organId));
    return { agency: ours.find((a) => to.has(a.organId)) ?? null, from: m.header.from.organId, fromName: m.header.from.organName ?? "", documentId: m.header.documentId };
  }
  const rf = m.responseFor;
  // A 13 comes from the sender of a document we received (ResponseFor OrganId is us, the receiver);
  // the others answer a document we sent (its DocumentId begins with our OrganId).
  const agency = m.statusCode === "13" ? ours.find((a) => a.organId === rf.organId) : ours.find((a) => rf.documentId.startsWith(`${a.organId},`));
  return { agency: agency ?? null, from: m.from.organId, fromName: m.from.organName ?? "", documentId: rf.documentId };
}

/** For a message we cannot read: the one of our agencies its text names, else the only agency of the installation. */
function attributeUnreadable(text: string, ours: Agency[]): Agency | null {
  const named = ours.filter((a) => text.includes(`>${a.organId}<`) || text.includes(`${a.organId},`));
  if (named.length === 1) return named[0];
  return ours.length === 1 ? ours[0] : null;
}

const claimedFrom = (text: string) => /<(?:\w+:)?From>\s*<(?:\w+:)?OrganId>([^<]{1,40})</.exec(text)?.[1]?.trim() ?? "";

function signerJson(s: SignerInfo | undefined) {
  if (!s) return null;
  return { ...s, notBefore: s.notBefore.toISOString(), notAfter: s.notAfter.toISOString() };
}

const URGENCY = ["normal", "urgent", "very_urgent", "flash", "flash"] as const;

/** When the sender sent it: a status's Timestamp, a document's own trace. */
const timestampOf = (m: EdxmlMessage) => (m.kind === "status" ? m.timestamp : (m.traces.find((t) => t.organId === m.header.from.organId) ?? m.traces[0])?.timestamp ?? "");

export async function receiveMessage(db: Db, raw: Buffer, meta: ReceiveMeta): Promise<ReceiveResult> {
  const now = meta.now ?? new Date();
  const root = asStore(meta.filesRoot);
  const limits = DEFAULT_EDXML_LIMITS;
  // The agencies of this installation that hold documents (the province's own administration row holds none).
  const ours: Agency[] = await db
    .select({ id: agencies.id, organId: agencies.organId, name: agencies.name, disabledAt: agencies.disabledAt })
    .from(agencies)
    .where(eq(agencies.province, false));
  const sha256 = createHash("sha256").update(raw).digest("hex");

  // The same axis package again: the axis redelivers until acknowledged.
  if (meta.packageId) {
    const [seen] = await db
      .select({ id: exchangeMessages.id, sha: storedFiles.sha256, details: exchangeMessages.details })
      .from(exchangeMessages)
      .leftJoin(storedFiles, eq(storedFiles.id, exchangeMessages.rawFileId))
      .where(and(eq(exchangeMessages.direction, "in"), eq(exchangeMessages.packageId, meta.packageId)))
      .orderBy(asc(exchangeMessages.createdAt))
      .limit(1);
    // The package as received (the evidence kept may be only its beginning).
    if (seen && (seen.details?.sha256 ?? seen.sha) === sha256) return { state: "duplicate", messageId: seen.id };
    if (seen) {
      const text = raw.subarray(0, 64 * 1024).toString("utf8");
      return reject(db, root, raw, meta, attributeUnreadable(text, ours), { from: claimedFrom(text), documentId: "", sha256 }, new Refusal("package_replay", REASONS.replay));
    }
  }

  const text = raw.toString("utf8");
  // 1. Size, DOCTYPE, parse: before any XML parser sees the bytes.
  let parsed: EdxmlMessage;
  try {
    if (raw.byteLength > limits.maxMessageBytes) throw new Refusal("too_large", REASONS.tooLarge(limits.maxMessageBytes));
    if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) throw new Refusal("doctype", REASONS.doctype);
    parsed = parseEdxml(raw, { limits }).message;
  } catch (e) {
    const r = e instanceof Refusal ? e : e instanceof EdxmlError ? new Refusal(e.code, e.message) : new Refusal("malformed", "Thông điệp không đọc được.");
    // Kept as evidence only up to EVIDENCE_CAP (an oversize body never gets here from the route: refused unread).
    return reject(db, root, raw, meta, attributeUnreadable(text.slice(0, 256 * 1024), ours), { from: claimedFrom(text), documentId: "", sha256 }, r);
  }
  const route = routing(parsed, ours);
  const claim: Claim = { from: route.from, documentId: route.documentId, kind: parsed.kind, fromName: route.fromName, sha256 };
  if (!route.agency) return reject(db, root, raw, meta, attributeUnreadable(text.slice(0, 256 * 1024), ours), claim, new Refusal("not_for_us", REASONS.notForUs));
  const agency = route.agency;
  // A stopped agency receives nothing: its people cannot sign in to handle it. The sender is told (a refusal,
  // not retried), and the evidence is kept under the agency for when it is let back.
  if (agency.disabledAt) return reject(db, root, raw, meta, agency, claim, new Refusal("recipient_stopped", REASONS.recipientStopped(agency.name)));

  // 2. The raw package is kept before anything else (in full from a partner of the directory; from
  // anyone else only its first EVIDENCE_CAP bytes, so that posting junk cannot fill the disk).
  const partner = await partnerByOrganId(db, agency.id, route.from);
  if (!partner) {
    return reject(db, root, raw, meta, agency, claim, new Refusal("unknown_sender", REASONS.unknownSender(route.from)));
  }
  const rawFileId = await storeRaw(db, root, agency.id, raw, now);

  // 3. Sender and signature.
  const verdict = verifyEdxmlSignature(text, trustOf(partner, now));
  if (verdict.status !== "valid" || !verdict.signedXml || !verdict.signer) {
    return rejectStored(db, rawFileId, meta, agency, claim, new Refusal(`signature_${verdict.code.replace(/^signature_/, "")}`, verdict.reason), verdict.signer);
  }
  const signer = verdict.signer;
  if (signer.organId && signer.organId !== route.from) {
    return rejectStored(db, rawFileId, meta, agency, claim, new Refusal("signer_mismatch", REASONS.signerMismatch(signer.organId, route.from)), signer);
  }

  // 4. Read again from what was signed.
  let message: EdxmlMessage;
  try {
    message = parseEdxml(verdict.signedXml, { limits }).message;
  } catch (e) {
    return rejectStored(db, rawFileId, meta, agency, claim, new Refusal(e instanceof EdxmlError ? e.code : "malformed", e instanceof Error ? e.message : REASONS.changed), signer);
  }
  const signed = routing(message, ours);
  if (signed.agency?.id !== agency.id || signed.from !== route.from || signed.documentId !== route.documentId || message.kind !== parsed.kind) {
    return rejectStored(db, rawFileId, meta, agency, claim, new Refusal("mismatch", REASONS.changed), signer);
  }

  // 5. A redelivery changes nothing.
  const key = dedupeKey(agency, route.from, message);
  const existing = await findExisting(db, key);
  // The same key again is a redelivery, except for what a sender may send more than once about one
  // document: a new recall request (13) after ours answered the last, or a new update (2). Those carry
  // another timestamp, and reuse the row (one per sender, document, type and code: exchange_in_once_uq).
  let reopen: string | null = null;
  if (existing) {
    const repeatable = (message.kind === "status" && message.statusCode === "13") || (message.kind === "document" && message.business.businessDocType === 2);
    if (!repeatable) return { state: "duplicate", messageId: existing };
    const [prior] = await db.select({ state: exchangeMessages.state, details: exchangeMessages.details }).from(exchangeMessages).where(eq(exchangeMessages.id, existing));
    const seen = [prior?.details?.timestamp, ...(Array.isArray(prior?.details?.earlier) ? (prior.details.earlier as { timestamp?: unknown }[]).map((e) => e.timestamp) : [])];
    if (seen.includes(timestampOf(message)) || (message.kind === "status" && prior?.state !== "answered")) return { state: "duplicate", messageId: existing };
    reopen = existing;
  }

  // Attachments are checked (and written to temporary files) before the transaction.
  let prepared: { files: PreparedFile[]; names: string[] } = { files: [], names: [] };
  if (message.kind === "document" && message.business.businessDocType !== 1 && message.business.businessDocType !== 2) {
    try {
      prepared = await prepareAll(root, message);
    } catch (e) {
      if (e instanceof Refusal) return rejectStored(db, rawFileId, meta, agency, claim, e, signer);
      throw e;
    }
  }

  // 6. Apply.
  // The verdict names the sender as our directory knows it (the certificate is shown beside it).
  const ctx: ApplyContext = { agency, partnerName: partner.name, signer, verdictReason: `Chữ ký hợp lệ — ${partner.name}.`, rawFileId, meta, now, root, key, reopen, sha256 };
  try {
    const id = await db.transaction((tx) => (message.kind === "document" ? applyDocument(tx, ctx, message, prepared.files) : applyStatus(tx, ctx, message)));
    return { state: "received", messageId: id };
  } catch (e) {
    if (pgCode(e) === "23505") {
      // A concurrent delivery of the same message won the race.
      const first = await findExisting(db, key);
      if (first) return { state: "duplicate", messageId: first };
    }
    if (e instanceof Refusal) return rejectStored(db, rawFileId, meta, agency, claim, e, signer);
    // applyInboundStatus (sender side) refuses a status about a document it does not know by throwing.
    if (message.kind === "status" && e instanceof Error && !pgCode(e)) {
      return rejectStored(db, rawFileId, meta, agency, claim, new Refusal("unknown_document", e.message), signer);
    }
    throw e;
  } finally {
    await discard(prepared.files);
  }
}

interface DedupeKey {
  agencyId: string;
  sender: string;
  receiver: string;
  documentId: string;
  kind: "document" | "status";
  businessDocType: number;
  statusCode: string;
}

function dedupeKey(agency: Agency, from: string, m: EdxmlMessage): DedupeKey {
  return m.kind === "document"
    ? { agencyId: agency.id, sender: from, receiver: agency.organId, documentId: m.header.documentId, kind: "document", businessDocType: m.business.businessDocType, statusCode: "" }
    : { agencyId: agency.id, sender: from, receiver: agency.organId, documentId: m.responseFor.documentId, kind: "status", businessDocType: 0, statusCode: m.statusCode };
}

async function findExisting(db: Db | Tx, k: DedupeKey): Promise<string | null> {
  const [row] = await db
    .select({ id: exchangeMessages.id })
    .from(exchangeMessages)
    .where(
      and(
        eq(exchangeMessages.agencyId, k.agencyId), eq(exchangeMessages.direction, "in"), ne(exchangeMessages.state, "rejected"),
        eq(exchangeMessages.senderOrganId, k.sender), eq(exchangeMessages.documentId, k.documentId), eq(exchangeMessages.kind, k.kind),
        eq(exchangeMessages.businessDocType, k.businessDocType), eq(exchangeMessages.statusCode, k.statusCode),
      ),
    )
    .limit(1);
  return row?.id ?? null;
}

async function prepareAll(root: BlobStore, m: EdxmlDocumentMessage) {
  const files: PreparedFile[] = [];
  const names: string[] = [];
  try {
    for (const a of m.attachments) {
      try {
        const got = await prepareAttachment(root, a.data, a.name, DEFAULT_EDXML_LIMITS.maxAttachmentBytes);
        files.push(...got);
        names.push(a.name);
      } catch (e) {
        if (e instanceof UploadError) throw new Refusal("attachment", REASONS.attachment(a.name, e.message));
        throw e;
      }
    }
  } catch (e) {
    await discard(files);
    throw e;
  }
  return { files, names };
}

/** What is kept of a package refused before its sender was known to be a partner (unauthenticated input). */
export const EVIDENCE_CAP = 256 * 1024;

async function storeRaw(db: Db, root: BlobStore, agencyId: string, raw: Buffer, now: Date, cap = Infinity): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  const kept = raw.length > cap ? raw.subarray(0, cap) : raw;
  const f = await prepareRaw(root, kept, kept === raw ? `edxml-${stamp}.xml` : `edxml-${stamp}-phan-dau.xml`);
  try {
    return await db.transaction((tx) => keepFile(tx, root, agencyId, f));
  } finally {
    await discard([f]);
  }
}

interface Claim {
  from: string;
  documentId: string;
  kind?: "document" | "status";
  fromName?: string;
  details?: Record<string, unknown>;
  sha256?: string;
}

async function reject(db: Db, root: BlobStore, raw: Buffer | null, meta: ReceiveMeta, agency: Agency | null, claim: Claim, r: Refusal): Promise<ReceiveResult> {
  if (!agency) {
    // Nobody to attribute it to (an installation of several agencies, and the text names none): the audit's system chain.
    await db.transaction((tx) =>
      appendAudit(tx, {
        agencyId: null, actorName: claim.from || "Liên thông", action: "exchange.receive", outcome: "refused", objectType: "exchange_message",
        payload: { code: r.code, reason: r.message, sender: claim.from, transport: meta.transport, packageId: meta.packageId ?? null },
      }),
    );
    return { state: "rejected", code: r.code, reason: r.message };
  }
  // Refused before the sender was established: only the first EVIDENCE_CAP bytes are kept.
  const rawFileId = raw ? await storeRaw(db, root, agency.id, raw, meta.now ?? new Date(), EVIDENCE_CAP) : null;
  const evidence = raw && raw.length > EVIDENCE_CAP ? { evidence: { bytes: raw.length, kept: EVIDENCE_CAP } } : {};
  return rejectStored(db, rawFileId, meta, agency, { ...claim, details: evidence }, r);
}

/** The refusal as a row (with the raw evidence) and an audit entry, in one transaction. */
async function rejectStored(db: Db, rawFileId: string | null, meta: ReceiveMeta, agency: Agency, claim: Claim, r: Refusal, signer?: SignerInfo): Promise<ReceiveResult> {
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(exchangeMessages)
      .values({
        agencyId: agency.id, direction: "in", kind: claim.kind ?? "document", senderOrganId: claim.from.slice(0, 40), receiverOrganId: agency.organId,
        documentId: claim.documentId.slice(0, 300), state: "rejected", transport: meta.transport, packageId: meta.packageId ?? null, rawFileId,
        errorCode: r.code, error: r.message.slice(0, 2000), signer: signerJson(signer), processedAt: new Date(),
        details: { ...(claim.fromName ? { senderName: claim.fromName.slice(0, 300) } : {}), ...(claim.sha256 ? { sha256: claim.sha256 } : {}), ...claim.details },
      })
      .returning({ id: exchangeMessages.id });
    await appendAudit(tx, {
      agencyId: agency.id, actorName: claim.fromName || claim.from || "Liên thông", action: "exchange.receive", outcome: "refused",
      objectType: "exchange_message", objectId: row.id,
      payload: { code: r.code, reason: r.message, sender: claim.from, documentId: claim.documentId, transport: meta.transport, packageId: meta.packageId ?? null },
    });
    return row.id;
  });
  return { state: "rejected", messageId: id, code: r.code, reason: r.message };
}

interface ApplyContext {
  agency: Agency;
  partnerName: string;
  signer: SignerInfo;
  verdictReason: string;
  rawFileId: string;
  meta: ReceiveMeta;
  now: Date;
  root: BlobStore;
  key: DedupeKey;
  /** The row a repeated 13 or update (2) reuses. */
  reopen: string | null;
  /** SHA-256 of the package as received. */
  sha256: string;
}

async function insertInbound(tx: Tx, ctx: ApplyContext, v: { state: "received" | "pending"; incomingId?: string | null; description?: string; details?: Record<string, unknown> }) {
  const k = ctx.key;
  const [row] = await tx
    .insert(exchangeMessages)
    .values({
      agencyId: k.agencyId, direction: "in", kind: k.kind, businessDocType: k.businessDocType, statusCode: k.statusCode, senderOrganId: k.sender,
      receiverOrganId: k.receiver, documentId: k.documentId, state: v.state, transport: ctx.meta.transport, packageId: ctx.meta.packageId ?? null,
      incomingId: v.incomingId ?? null, rawFileId: ctx.rawFileId, description: (v.description ?? "").slice(0, 2000), details: { senderName: ctx.partnerName, sha256: ctx.sha256, ...v.details },
      signer: signerJson(ctx.signer), processedAt: ctx.now,
    })
    .returning();
  await appendAudit(tx, {
    agencyId: k.agencyId, actorName: ctx.partnerName, action: "exchange.receive", outcome: "success", objectType: "exchange_message", objectId: row.id,
    payload: { kind: k.kind, businessDocType: k.businessDocType, statusCode: k.statusCode, sender: k.sender, documentId: k.documentId, incomingId: v.incomingId ?? null, transport: ctx.meta.transport },
  });
  return row;
}

/** A repeated 13 or 2 (see receiveMessage): the same row, with the new message; the earlier ones listed in its details. */
async function reuseRow(tx: Tx, ctx: ApplyContext, id: string, v: { state: "pending" | "received"; incomingId: string; description: string; details: Record<string, unknown> }) {
  const [prior] = await tx.select().from(exchangeMessages).where(eq(exchangeMessages.id, id)).for("update");
  if (v.state === "pending" && prior.state !== "answered") throw new Refusal("duplicate", "Yêu cầu lấy lại này đang chờ trả lời.");
  const earlier = Array.isArray(prior.details?.earlier) ? (prior.details.earlier as unknown[]) : [];
  const [row] = await tx
    .update(exchangeMessages)
    .set({
      state: v.state, description: v.description.slice(0, 2000), rawFileId: ctx.rawFileId, transport: ctx.meta.transport, packageId: ctx.meta.packageId ?? null,
      signer: signerJson(ctx.signer), processedAt: ctx.now,
      details: { senderName: ctx.partnerName, sha256: ctx.sha256, ...v.details, earlier: [...earlier, { description: prior.description, timestamp: prior.details?.timestamp ?? null, rawFileId: prior.rawFileId }] },
    })
    .where(eq(exchangeMessages.id, id))
    .returning();
  await appendAudit(tx, {
    agencyId: ctx.key.agencyId, actorName: ctx.partnerName, action: "exchange.receive", outcome: "success", objectType: "exchange_message", objectId: row.id,
    payload: { kind: ctx.key.kind, businessDocType: ctx.key.businessDocType, statusCode: ctx.key.statusCode, sender: ctx.key.sender, documentId: ctx.key.documentId, incomingId: v.incomingId, repeated: true, transport: ctx.meta.transport },
  });
  return row;
}

/** The document we received earlier from this sender under this DocumentId (the original of a recall/update/replacement, the subject of a 13). */
async function receivedDocument(tx: Tx, agencyId: string, sender: string, documentId: string) {
  const [row] = await tx
    .select({ incomingId: exchangeMessages.incomingId })
    .from(exchangeMessages)
    .where(
      and(
        eq(exchangeMessages.agencyId, agencyId), eq(exchangeMessages.direction, "in"), eq(exchangeMessages.kind, "document"),
        eq(exchangeMessages.senderOrganId, sender), eq(exchangeMessages.documentId, documentId), eq(exchangeMessages.state, "received"),
      ),
    )
    .orderBy(asc(exchangeMessages.createdAt))
    .limit(1);
  if (!row?.incomingId) return null;
  const [doc] = await tx.select().from(incomingDocuments).where(eq(incomingDocuments.id, row.incomingId)).for("update");
  return doc ?? null;
}

const event = (tx: Tx, ctx: ApplyContext, documentId: string, e: { kind: string; text?: string; toText?: string; payload?: Record<string, unknown> }) =>
  tx.insert(incomingEvents).values({ documentId, actorId: null, actorName: ctx.partnerName, ...e });

const symbolOf = (m: EdxmlDocumentMessage) => {
  const { codeNumber, codeNotation } = m.header.code;
  return codeNumber && codeNumber !== "0" ? `${codeNumber}/${codeNotation}` : codeNotation;
};

/** Freezes a received document (a recall, or an accepted 13): "withdrawn", on the trail, everyone who had it told. */
export async function freezeIncoming(tx: Tx, doc: { id: string; status: string; symbol: string; subject: string }, actor: { id: string | null; name: string }, reason: string) {
  if (doc.status === "withdrawn") return false;
  const now = new Date();
  await tx.update(incomingDocuments).set({ status: "withdrawn", updatedAt: now }).where(eq(incomingDocuments.id, doc.id));
  await tx.insert(incomingEvents).values({ documentId: doc.id, actorId: actor.id, actorName: actor.name, kind: "withdrawn", text: reason });
  const label = doc.symbol ? `số ${doc.symbol}` : `"${doc.subject.slice(0, 80)}"`;
  await notify(tx, await holdersOfIncoming(tx, doc.id), `Văn bản ${label} đã bị thu hồi: ${reason}`, `/incoming/${doc.id}`, "recall");
  return true;
}

/** The trail of both documents of a replacement (type 3). */
async function linkReplacement(tx: Tx, ctx: ApplyContext, doc: { id: string; symbol: string }, replaced: { id: string; symbol: string; subject: string }, reason: string) {
  await event(tx, ctx, doc.id, { kind: "exchange_replaces", text: `Thay thế văn bản ${replaced.symbol || replaced.subject.slice(0, 80)}${reason ? `: ${reason}` : ""}`, payload: { incomingId: replaced.id } });
  await event(tx, ctx, replaced.id, { kind: "exchange_replaced", text: `Được thay thế bởi văn bản ${doc.symbol}${reason ? `: ${reason}` : ""}`, payload: { incomingId: doc.id } });
}

async function applyDocument(tx: Tx, ctx: ApplyContext, m: EdxmlDocumentMessage, files: PreparedFile[]): Promise<string> {
  const type = m.business.businessDocType;
  const reason = m.business.businessDocReason ?? "";
  if (type === 1 || type === 2) {
    const original = await receivedDocument(tx, ctx.agency.id, ctx.key.sender, m.business.documentId ?? m.header.documentId);
    if (!original) throw new Refusal("unknown_document", REASONS.unknownDocument);
    if (type === 1) {
      await freezeIncoming(tx, original, { id: null, name: ctx.partnerName }, reason || `Thu hồi theo yêu cầu của ${ctx.partnerName}`);
    } else {
      const info = m.business.businessDocumentInfo?.documentInfo ?? "";
      await event(tx, ctx, original.id, {
        kind: "exchange_updated",
        text: [reason, info].filter(Boolean).join(" — ") || "Cơ quan gửi cập nhật thông tin văn bản.",
        payload: { documentId: m.header.documentId, subject: m.header.subject },
      });
    }
    const values = { state: "received" as const, incomingId: original.id, description: reason, details: { subject: m.header.subject, timestamp: timestampOf(m) } };
    const row = ctx.reopen ? await reuseRow(tx, ctx, ctx.reopen, values) : await insertInbound(tx, ctx, values);
    return row.id;
  }

  // 0 new, 3 replacement: a new document waiting in "Chờ tiếp nhận".
  let replaced: Awaited<ReturnType<typeof receivedDocument>> = null;
  if (type === 3) {
    for (const r of m.business.replacementInfoList) {
      replaced = await receivedDocument(tx, ctx.agency.id, ctx.key.sender, r.documentId);
      if (replaced) break;
    }
    if (!replaced) throw new Refusal("unknown_document", "Không tìm thấy văn bản được thay thế đã nhận từ cơ quan gửi.");
  }
  const h = m.header;
  const symbol = symbolOf(m);
  if (replaced) {
    // The replacing document may have come already as a new document (a sender that sends both): link that copy.
    const earlier = await receivedDocument(tx, ctx.agency.id, ctx.key.sender, h.documentId);
    if (earlier) {
      await tx.update(incomingDocuments).set({ replacesIncomingId: replaced.id, updatedAt: new Date() }).where(eq(incomingDocuments.id, earlier.id));
      await linkReplacement(tx, ctx, { id: earlier.id, symbol }, replaced, reason);
      const row = await insertInbound(tx, ctx, {
        state: "received", incomingId: earlier.id, description: reason, details: { subject: h.subject, symbol, replacesIncomingId: replaced.id },
      });
      return row.id;
    }
  }
  const fileIds: string[] = [];
  for (const f of files) fileIds.push(await keepFile(tx, ctx.root, ctx.agency.id, f));
  const mainFileId = fileIds.find((_, i) => files[i].mime === "application/pdf") ?? null;
  // The issuer as our directory names the verified sender (not the name the message claims for itself).
  const [doc] = await tx
    .insert(incomingDocuments)
    .values({
      agencyId: ctx.agency.id, status: "awaiting_reception", source: "electronic", symbol: symbol.slice(0, 100),
      issuedDate: isoOf(h.promulgationInfo.promulgationDate), issuerName: ctx.partnerName.slice(0, 500), issuerOrganId: h.from.organId,
      docType: (h.documentType?.typeName || "Công văn").slice(0, 100), subject: h.subject, signer: (h.signerInfo?.fullName ?? "").slice(0, 200),
      urgency: URGENCY[h.otherInfo?.priority ?? 0] ?? "normal", dueDate: isoOf(h.dueDate), pageCount: h.otherInfo?.pageAmount ?? null,
      mainFileId, replacesIncomingId: replaced?.id ?? null,
    })
    .returning({ id: incomingDocuments.id });
  if (fileIds.length) await tx.insert(incomingFiles).values(fileIds.map((fileId, i) => ({ documentId: doc.id, fileId, sortOrder: i })));
  await event(tx, ctx, doc.id, {
    kind: "exchange_received",
    text: `Nhận liên thông từ ${ctx.partnerName}. ${ctx.verdictReason}`,
    payload: { documentId: h.documentId, signer: ctx.signer.commonName ?? ctx.signer.subject, transport: ctx.meta.transport },
  });
  if (replaced) await linkReplacement(tx, ctx, { id: doc.id, symbol }, replaced, reason);
  const row = await insertInbound(tx, ctx, {
    state: "received", incomingId: doc.id, description: reason,
    details: { subject: h.subject, symbol, ...(replaced ? { replacesIncomingId: replaced.id } : {}) },
  });
  await queueIncomingStatus(tx, doc.id, "01", {});
  return row.id;
}

async function applyStatus(tx: Tx, ctx: ApplyContext, s: EdxmlStatusMessage): Promise<string> {
  if (s.statusCode === "13") {
    const doc = await receivedDocument(tx, ctx.agency.id, ctx.key.sender, s.responseFor.documentId);
    if (!doc) throw new Refusal("unknown_document", REASONS.unknownDocument);
    const values = { state: "pending" as const, incomingId: doc.id, description: s.description ?? "", details: { staffInfo: s.staffInfo ?? null, timestamp: s.timestamp } };
    const row = ctx.reopen ? await reuseRow(tx, ctx, ctx.reopen, values) : await insertInbound(tx, ctx, values);
    await event(tx, ctx, doc.id, { kind: "exchange_recall_requested", text: s.description ?? "", payload: { messageId: row.id } });
    const label = doc.symbol ? `số ${doc.symbol}` : `"${doc.subject.slice(0, 80)}"`;
    await notify(tx, await clerksOf(tx, ctx.agency.id), `${ctx.partnerName} đề nghị lấy lại văn bản ${label}${s.description ? `: ${s.description}` : ""}`, `/incoming/${doc.id}`);
    return row.id;
  }
  const row: ExchangeMessage = await insertInbound(tx, ctx, { state: "received", description: s.description ?? "", details: { staffInfo: s.staffInfo ?? null, timestamp: s.timestamp } });
  await applyInboundStatus(tx, row, s);
  return row.id;
}

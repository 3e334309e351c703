import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import {
  agencies, exchangeMessages, outgoingDocuments, outgoingRecipients, storedFiles, type ExchangeMessage, type OutgoingDocument,
} from "@/db/schema";
import {
  createDocumentMessage, createStatusMessage, isDocumentId, makeDocumentId, type EdxmlAttachment, type EdxmlMessage, type EdxmlReplacementInfo,
  type EdxmlResponseFor, type EdxmlStaffInfo, type Priority, type StatusCode,
} from "@/lib/edxml";
import { signatureBlockOf } from "@/lib/delegations/coverage";
import { signerProfile } from "@/lib/outgoing/drafts";
import { issuedAttachmentsOf } from "@/lib/outgoing/issued-attachments";
import { AUTHORITY_PREFIX } from "@/lib/outgoing/labels";
import { keepsNoFile } from "@/lib/secrecy/rules";
import { asStore, type StoreRef } from "@/lib/storage/blob-store";
import { ourOrganization } from "./identity";

// Outgoing exchange message (a row of exchange_messages) → the typed edXML message the sender signs
// and sends (QCVN 102:2016; standards.md §4.2–4.3). Everything is read from the database at sending
// time: the document's metadata as issued, its recipients (ToPlaces), the final PDF.

/** A message that cannot be built from its data: retrying gives the same answer, so it fails at once. */
export class MessageBuildError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
    this.name = "MessageBuildError";
  }
}

export const SECRET_REFUSED = "Văn bản mật hoặc đã từng là văn bản mật không được gửi liên thông (Luật Bảo vệ bí mật nhà nước).";

const PRIORITY: Record<OutgoingDocument["urgency"], Priority> = { normal: 0, urgent: 1, very_urgent: 2, flash: 3 };

/** `05/SNV-VP` → { codeNumber: "05", codeNotation: "SNV-VP" }. */
export function splitSymbol(symbol: string): { codeNumber: string; codeNotation: string } {
  const i = symbol.indexOf("/");
  return i < 0 ? { codeNumber: symbol, codeNotation: "" } : { codeNumber: symbol.slice(0, i), codeNotation: symbol.slice(i + 1) };
}

/** `yyyy-mm-dd` → `yyyy/MM/dd`. */
const edxmlDate = (iso: string) => iso.replaceAll("-", "/");

/** The DocumentId of an issued outgoing document of the agency whose OrganId is given. */
export function documentIdOf(organId: string, doc: { symbol: string | null; issuedDate: string | null }): string {
  if (!doc.symbol || !doc.issuedDate) throw new MessageBuildError("not_issued", "Văn bản chưa phát hành: chưa có số, ký hiệu và ngày.");
  const { codeNumber, codeNotation } = splitSymbol(doc.symbol);
  return makeDocumentId(organId, edxmlDate(doc.issuedDate), codeNumber, codeNotation);
}

/** What a DocumentId says: the issuer's OrganId, the date and Số/Ký hiệu (a UUID id says nothing). */
export function partsOfDocumentId(documentId: string): { organId?: string; promulgationDate?: string; code?: string } {
  if (!isDocumentId(documentId) || !documentId.includes(",")) return {};
  const [organId, promulgationDate, ...rest] = documentId.split(",");
  return { organId, promulgationDate, code: rest.join(",") };
}

async function loadOutgoing(db: Db | Tx, id: string | null | undefined): Promise<OutgoingDocument> {
  if (!id) throw new MessageBuildError("no_document", "Thông điệp không gắn với văn bản đi nào.");
  const [doc] = await db.select().from(outgoingDocuments).where(eq(outgoingDocuments.id, id));
  if (!doc) throw new MessageBuildError("no_document", "Không tìm thấy văn bản đi của thông điệp.");
  return doc;
}

/** Refuses a document that is or ever was secret (security.md §5 row 16): every outbound path asks this. */
export function assertMaySend(doc: { secrecy: string; wasSecret: boolean }) {
  if (keepsNoFile(doc)) throw new MessageBuildError("secret", SECRET_REFUSED);
}

type StoredRef = { id: string; name: string; sha256: string; mime: string };

/** The final PDF of an issued document, then its phụ lục signed by the agency (Phụ lục I §8), as attachments. */
async function attachmentsOf(db: Db | Tx, doc: OutgoingDocument, appendixes: StoredRef[], store?: StoreRef): Promise<EdxmlAttachment[]> {
  if (!doc.finalFileId) return [];
  const [f] = await db.select().from(storedFiles).where(eq(storedFiles.id, doc.finalFileId));
  if (!f) throw new MessageBuildError("file_missing", "Không tìm thấy tệp văn bản phát hành.");
  const out: EdxmlAttachment[] = [];
  for (const file of [f, ...appendixes]) {
    let data: Buffer;
    try {
      const bytes = await asStore(store).read(file.sha256);
      data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch {
      throw new MessageBuildError("file_missing", `Không đọc được tệp văn bản phát hành "${file.name}" trong kho lưu trữ tệp.`);
    }
    out.push({ contentId: `cid:${file.id}`, name: file.name, contentType: file.mime, data });
  }
  return out;
}

/** ResponseFor: the incoming document this one answers, when it came by liên thông. */
async function responseForOf(db: Db | Tx, doc: OutgoingDocument): Promise<EdxmlResponseFor[]> {
  if (!doc.replyToId) return [];
  const [m] = await db
    .select({ documentId: exchangeMessages.documentId, senderOrganId: exchangeMessages.senderOrganId })
    .from(exchangeMessages)
    .where(
      and(
        eq(exchangeMessages.agencyId, doc.agencyId), eq(exchangeMessages.direction, "in"), eq(exchangeMessages.kind, "document"),
        eq(exchangeMessages.incomingId, doc.replyToId),
      ),
    )
    .orderBy(asc(exchangeMessages.createdAt))
    .limit(1);
  if (!m) return [];
  const p = partsOfDocumentId(m.documentId);
  const r: EdxmlResponseFor = { organId: p.organId ?? m.senderOrganId, documentId: m.documentId };
  if (p.code) r.code = p.code;
  if (p.promulgationDate) r.promulgationDate = p.promulgationDate;
  return [r];
}

function staffOf(details: Record<string, unknown>): EdxmlStaffInfo | undefined {
  const s = details.staffInfo;
  if (!s || typeof s !== "object") return undefined;
  const out: EdxmlStaffInfo = {};
  for (const k of ["department", "staff", "email", "mobile"] as const) {
    const v = (s as Record<string, unknown>)[k];
    if (typeof v === "string" && v) out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

async function buildDocument(db: Db | Tx, msg: ExchangeMessage, now: Date): Promise<EdxmlMessage> {
  const doc = await loadOutgoing(db, msg.outgoingId);
  assertMaySend(doc);
  const type = msg.businessDocType as 0 | 1 | 2 | 3;
  // A replacement is the replacing document (its own number and file), naming the one it replaces.
  const originalId = typeof msg.details.originalId === "string" ? msg.details.originalId : null;
  const original = type === 3 ? await loadOutgoing(db, originalId) : null;
  if (original) assertMaySend(original);
  if (doc.status === "withdrawn" && type !== 1) {
    throw new MessageBuildError("withdrawn", "Văn bản đã bị thu hồi trước khi gửi: không gửi nữa.");
  }
  if (doc.status !== "issued" && doc.status !== "withdrawn") {
    throw new MessageBuildError("not_issued", "Văn bản chưa phát hành: không gửi liên thông.");
  }
  const from = await ourOrganization(db, msg.agencyId);
  const [agency] = await db.select({ placeName: agencies.placeName }).from(agencies).where(eq(agencies.id, msg.agencyId));
  let toName: string | undefined;
  if (msg.recipientId) {
    const [r] = await db.select({ name: outgoingRecipients.name }).from(outgoingRecipients).where(eq(outgoingRecipients.id, msg.recipientId));
    toName = r?.name;
  }
  const places = await db
    .select({ name: outgoingRecipients.name })
    .from(outgoingRecipients)
    .where(eq(outgoingRecipients.documentId, doc.id))
    .orderBy(asc(outgoingRecipients.sortOrder));
  const signer = await signerProfile(db, doc.signerId);
  // Under a delegation the competence names whose authority is exercised ("KT. GIÁM ĐỐC"), as of the signature.
  const block = await signatureBlockOf(db, doc, doc.signedAt ?? new Date());
  const competence = block.delegation ? block.lines[0] : AUTHORITY_PREFIX[doc.authority];
  const signerInfo: { competence?: string; position?: string; fullName?: string } = {};
  if (competence) signerInfo.competence = competence;
  if (signer?.titles[0]) signerInfo.position = signer.titles[0];
  if (signer?.fullName) signerInfo.fullName = signer.fullName;
  if (!doc.symbol || !doc.issuedDate) throw new MessageBuildError("not_issued", "Văn bản chưa phát hành: chưa có số, ký hiệu và ngày.");
  // Phụ lục: named in OtherInfo/Appendixes and carried as attachments after the main PDF (a recall carries none).
  const appendixes = type === 1 ? [] : await issuedAttachmentsOf(db, doc);
  const otherInfo: NonNullable<Parameters<typeof createDocumentMessage>[0]["otherInfo"]> = {
    priority: PRIORITY[doc.urgency], appendixes: appendixes.map((a) => a.title.slice(0, 250)),
  };
  if (doc.issuedAmount) otherInfo.promulgationAmount = doc.issuedAmount;
  if (doc.pageCount) otherInfo.pageAmount = doc.pageCount;
  let replacementInfoList: EdxmlReplacementInfo[] | undefined;
  if (original) replacementInfoList = [{ documentId: documentIdOf(from.organId, original), organIds: [msg.receiverOrganId] }];
  const m = createDocumentMessage({
    from,
    to: [{ organId: msg.receiverOrganId, ...(toName ? { organName: toName.slice(0, 200) } : {}) }],
    code: splitSymbol(doc.symbol),
    // The Vietnamese calendar day of issue: noon in Hà Nội is that day whatever the server's zone.
    promulgationDate: new Date(`${doc.issuedDate}T12:00:00+07:00`),
    ...(agency?.placeName ? { place: agency.placeName } : {}),
    documentType: { type: 1, typeName: doc.docType },
    subject: doc.subject,
    ...(Object.keys(signerInfo).length ? { signerInfo } : {}),
    ...(doc.replyDeadline ? { dueDate: edxmlDate(doc.replyDeadline) } : {}),
    otherInfo,
    responseFor: await responseForOf(db, doc),
    toPlaces: places.map((p) => p.name.slice(0, 150)),
    businessDocType: type,
    ...(type !== 0 && msg.description ? { businessDocReason: msg.description } : {}),
    ...(staffOf(msg.details) ? { staffInfo: staffOf(msg.details) } : {}),
    ...(replacementInfoList ? { replacementInfoList } : {}),
    // A recall carries no file: it asks the receiver to take back what it has.
    attachments: type === 1 ? [] : await attachmentsOf(db, doc, appendixes),
    sentAt: now,
  });
  if (type === 2) {
    m.business.businessDocumentInfo = { documentInfo: "1", receivers: [{ organId: msg.receiverOrganId }] };
  }
  return m;
}

function buildStatus(msg: ExchangeMessage, from: Awaited<ReturnType<typeof ourOrganization>>, now: Date): EdxmlMessage {
  const p = partsOfDocumentId(msg.documentId);
  const responseFor: EdxmlResponseFor = { organId: msg.receiverOrganId, documentId: msg.documentId };
  if (p.code) responseFor.code = p.code;
  if (p.promulgationDate) responseFor.promulgationDate = p.promulgationDate;
  return createStatusMessage({
    from,
    responseFor,
    statusCode: msg.statusCode as StatusCode,
    ...(msg.description ? { description: msg.description } : {}),
    ...(staffOf(msg.details) ? { staffInfo: staffOf(msg.details) } : {}),
    at: now,
  });
}

/** The edXML message of an outbound row (unsigned, not yet validated). */
export async function buildOutboundMessage(db: Db | Tx, msg: ExchangeMessage, now = new Date()): Promise<EdxmlMessage> {
  if (msg.kind === "document") return buildDocument(db, msg, now);
  // A 13 about one of our documents: that document must still be one we may send.
  if (msg.outgoingId) assertMaySend(await loadOutgoing(db, msg.outgoingId));
  return buildStatus(msg, await ourOrganization(db, msg.agencyId), now);
}

import { sql } from "drizzle-orm";
import {
  type AnyPgColumn, boolean, check, customType, date, index, integer, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, tstz, updatedAt } from "./columns";
import { storedFiles } from "./files";
import { incomingDocuments, secrecy, urgency } from "./incoming";
import { agencies, units, users } from "./org";
import { registers } from "./registers";
import { trailColumns } from "./trail";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const outgoingStatus = pgEnum("outgoing_status", [
  "draft", "awaiting_review", "awaiting_check", "awaiting_signature", "awaiting_issue", "issued", "returned", "withdrawn",
]);
/** Thẩm quyền ký (NĐ 30/2020 Phụ lục I): ký trực tiếp, KT., TL., TUQ., Q., TM. */
export const signingAuthority = pgEnum("signing_authority", ["direct", "kt", "tl", "tuq", "q", "tm"]);
export const outgoingRecipientKind = pgEnum("outgoing_recipient_kind", ["unit", "user", "agency", "text"]);
export const deliveryKind = pgEnum("delivery_kind", ["internal", "electronic", "paper"]);
export const consultationStatus = pgEnum("consultation_status", ["pending", "answered"]);
/**
 * What a file of a draft is (NĐ 30/2020 Phụ lục I §8): the văn bản chính (signed by the competent
 * person), a phụ lục in its own file (issued with it, signed by the agency at Phát hành), or a
 * supporting paper for the reviewers (tờ trình, báo cáo…), never issued.
 */
export const outgoingFileRole = pgEnum("outgoing_file_role", ["main", "attachment", "supporting"]);

// Cơ quan nhận bên ngoài: the agency's directory of external recipients. The mã định danh comes from
// the national registry (standards.md §4.4), never derived; without one a recipient gets paper.
export const agencyDirectory = pgTable(
  "agency_directory",
  {
    id: id(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    name: text("name").notNull(),
    organId: text("organ_id"),
    sortOrder: integer("sort_order").notNull().default(0),
    active: boolean("active").notNull().default(true),
    // Liên thông (lib/exchange): how to reach the agency and whom to trust for its signatures.
    address: text("address").notNull().default(""),
    /** "direct": another installation of this system at `endpoint`; "axis": through the configured axis. */
    transport: text("transport", { enum: ["direct", "axis"] }),
    endpoint: text("endpoint").notNull().default(""),
    /** Its exchange certificate (PEM, pinned) … */
    certPem: text("cert_pem"),
    /** … or the CA that issues it (PEM). */
    caPem: text("ca_pem"),
    lastSuccessAt: tstz("last_success_at"),
    lastError: text("last_error"),
    lastErrorAt: tstz("last_error_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("agency_directory_agency_idx").on(t.agencyId, t.sortOrder),
    uniqueIndex("agency_directory_organ_uq").on(t.agencyId, t.organId).where(sql`${t.organId} is not null`),
  ],
);

// A document from its first draft to its issue (Quy chế 376 Điều 4.2; Phụ lục VI fields of a VB đi).
export const outgoingDocuments = pgTable(
  "outgoing_documents",
  {
    id: id(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    status: outgoingStatus("status").notNull().default("draft"),
    draftingUnitId: uuid("drafting_unit_id").notNull().references(() => units.id),
    drafterId: uuid("drafter_id").notNull().references(() => users.id),
    /** The incoming document this one answers (a draft made from "Xử lý chính" / "Phối hợp"). */
    replyToId: uuid("reply_to_id").references(() => incomingDocuments.id),
    docType: text("doc_type").notNull(),
    subject: text("subject").notNull(),
    urgency: urgency("urgency").notNull().default("normal"),
    secrecy: secrecy("secrecy").notNull().default("normal"),
    /** Ever classified (kept true by a trigger once secrecy leaves 'normal'): it keeps no file, even after a downgrade. */
    wasSecret: boolean("was_secret").notNull().default(false),
    signerId: uuid("signer_id").notNull().references(() => users.id),
    authority: signingAuthority("authority").notNull().default("direct"),
    /** Hạn trả lời văn bản (DueDate). */
    replyDeadline: date("reply_deadline", { mode: "string" }),
    note: text("note").notNull().default(""),
    /** Mã hồ sơ: the draft (and the issued document) gathers into the open work file of that code. */
    fileCode: text("file_code").notNull().default(""),
    /** The current version number of the draft's files; each upload of a revision adds one. */
    version: integer("version").notNull().default(0),
    signedAt: tstz("signed_at"),
    /** "KT. Giám đốc, Phó Giám đốc Lê Thị Mai": the signer as of the signature, for the register and the copies. */
    signerLine: text("signer_line").notNull().default(""),
    // Filled at issue (Phát hành): register, số đi, ký hiệu, date, final PDF, kept copy.
    registerId: uuid("register_id").references(() => registers.id),
    year: integer("year"),
    number: integer("number"),
    symbol: text("symbol"),
    issuedDate: date("issued_date", { mode: "string" }),
    issuedAt: tstz("issued_at"),
    issuedBy: uuid("issued_by").references(() => users.id),
    finalFileId: uuid("final_file_id").references(() => storedFiles.id),
    /** Ký số (issue 14): the PDF carrying the competent person's digital signature, made at signing. */
    signedFileId: uuid("signed_file_id").references(() => storedFiles.id),
    pageCount: integer("page_count"),
    issuedAmount: integer("issued_amount"),
    keptCopy: text("kept_copy").notNull().default(""),
    withdrawnAt: tstz("withdrawn_at"),
    withdrawReason: text("withdraw_reason").notNull().default(""),
    /** NĐ 30/2020 Điều 18: a công văn đính chính for a wrong detail of this issued document … */
    correctsId: uuid("corrects_id").references((): AnyPgColumn => outgoingDocuments.id),
    /** … or a document of the same form that replaces it. */
    replacesId: uuid("replaces_id").references((): AnyPgColumn => outgoingDocuments.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      sql`to_tsvector('simple'::regconfig, f_unaccent(coalesce(symbol, '') || ' ' || coalesce(doc_type, '') || ' ' || coalesce(subject, '')))`,
    ),
  },
  (t) => [
    uniqueIndex("outgoing_register_no_uq").on(t.registerId, t.number),
    // Số + ký hiệu is unique within the year and series (NĐ 30/2020 Điều 15: secret documents are numbered apart).
    uniqueIndex("outgoing_symbol_series_uq").on(t.agencyId, t.year, sql`(${t.secrecy} <> 'normal')`, t.symbol),
    index("outgoing_agency_list_idx").on(t.agencyId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("outgoing_status_idx").on(t.agencyId, t.status, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("outgoing_drafter_idx").on(t.drafterId, t.createdAt.desc().nullsFirst()),
    index("outgoing_unit_idx").on(t.draftingUnitId, t.status),
    // Chờ tôi xử lý (lib/outgoing/queries.ts waitingFor): each branch newest first from its own index, read only as
    // far as the page needs: my drafts in progress, a unit's drafts to review, the drafts I am to sign.
    index("outgoing_drafter_open_idx").on(t.drafterId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()).where(sql`${t.status} in ('draft', 'returned')`),
    index("outgoing_unit_review_idx").on(t.draftingUnitId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()).where(sql`${t.status} = 'awaiting_review'`),
    index("outgoing_signer_waiting_idx").on(t.signerId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()).where(sql`${t.status} = 'awaiting_signature'`),
    index("outgoing_reply_idx").on(t.replyToId),
    index("outgoing_file_code_idx").on(t.agencyId, t.fileCode).where(sql`${t.fileCode} <> ''`),
    index("outgoing_search_idx").using("gin", t.searchVector),
    index("outgoing_corrects_idx").on(t.correctsId).where(sql`${t.correctsId} is not null`),
    index("outgoing_replaces_idx").on(t.replacesId).where(sql`${t.replacesId} is not null`),
    check("outgoing_amends_one_chk", sql`${t.correctsId} is null or ${t.replacesId} is null`),
  ],
);

/** Every uploaded file of a draft, by version; earlier versions are kept and downloadable. */
export const outgoingFiles = pgTable(
  "outgoing_files",
  {
    documentId: uuid("document_id").notNull().references(() => outgoingDocuments.id),
    fileId: uuid("file_id").notNull().references(() => storedFiles.id),
    version: integer("version").notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
    role: outgoingFileRole("role").notNull().default("supporting"),
    /** A phụ lục as issued: the copy the agency signed at Phát hành (top right of page 1, Phụ lục I §8). */
    issuedFileId: uuid("issued_file_id").references(() => storedFiles.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.fileId, t.version] }),
    index("outgoing_files_file_idx").on(t.fileId),
    index("outgoing_files_issued_idx").on(t.issuedFileId).where(sql`${t.issuedFileId} is not null`),
  ],
);

// Nơi nhận: internal units and people (delivered as văn bản nội bộ), agencies of the directory
// (liên thông when they have a mã định danh) and free text (paper).
export const outgoingRecipients = pgTable(
  "outgoing_recipients",
  {
    id: id(),
    documentId: uuid("document_id").notNull().references(() => outgoingDocuments.id),
    kind: outgoingRecipientKind("kind").notNull(),
    unitId: uuid("unit_id").references(() => units.id),
    userId: uuid("user_id").references(() => users.id),
    directoryId: uuid("directory_id").references(() => agencyDirectory.id),
    organId: text("organ_id"),
    name: text("name").notNull(),
    delivery: deliveryKind("delivery").notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
    /** The internal copy this recipient received (văn bản đến nội bộ), once issued. */
    incomingId: uuid("incoming_id").references(() => incomingDocuments.id),
    sentAt: tstz("sent_at"),
  },
  (t) => [
    index("outgoing_recipients_document_idx").on(t.documentId, t.sortOrder),
    index("outgoing_recipients_unit_idx").on(t.unitId),
    index("outgoing_recipients_user_idx").on(t.userId),
  ],
);

/** Lấy ý kiến: a reviewer asks another unit for comments; the answer is attached to the draft. */
export const outgoingConsultations = pgTable(
  "outgoing_consultations",
  {
    id: id(),
    documentId: uuid("document_id").notNull().references(() => outgoingDocuments.id),
    unitId: uuid("unit_id").notNull().references(() => units.id),
    requestedBy: uuid("requested_by").notNull().references(() => users.id),
    request: text("request").notNull().default(""),
    deadline: date("deadline", { mode: "string" }),
    status: consultationStatus("status").notNull().default("pending"),
    answer: text("answer").notNull().default(""),
    answeredBy: uuid("answered_by").references(() => users.id),
    answeredAt: tstz("answered_at"),
    version: integer("version").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("outgoing_consultations_document_idx").on(t.documentId), index("outgoing_consultations_unit_idx").on(t.unitId, t.status)],
);

// The trail of a draft: submissions, approvals, returns with comments, checks, signature, issue.
export const outgoingEvents = pgTable(
  "outgoing_events",
  {
    ...trailColumns(),
    documentId: uuid("document_id").notNull().references(() => outgoingDocuments.id),
    version: integer("version"),
  },
  (t) => [index("outgoing_events_document_idx").on(t.documentId, t.id), index("outgoing_events_actor_idx").on(t.actorId)],
);

// In-app notices: the bell (lib/notifications).
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: uuid("user_id").notNull().references(() => users.id),
    text: text("text").notNull(),
    href: text("href").notNull().default(""),
    /** lib/notifications/kinds.ts: assigned, returned, approved, opinion, remind, due_soon, due_today, overdue, … */
    kind: text("kind").notNull().default("other"),
    /** The incoming part (incoming_assignments.id) a notice of a new part announces; null for other notices. */
    subjectId: uuid("subject_id"),
    readAt: tstz("read_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt.desc().nullsFirst()),
    // The bell's count: one index-only look per poll.
    index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
    // A draft that moves on reads the unread notices that announced its former stage (lib/notifications/seen.ts).
    index("notifications_unread_href_idx").on(t.href).where(sql`${t.readAt} is null`),
    // A unit's part taken up by one of its heads reads the notices its other heads got (lib/notifications/seen.ts).
    index("notifications_unread_subject_idx").on(t.subjectId).where(sql`${t.readAt} is null and ${t.subjectId} is not null`),
  ],
);

export type OutgoingDocument = typeof outgoingDocuments.$inferSelect;
export type OutgoingStatus = (typeof outgoingStatus.enumValues)[number];
export type SigningAuthority = (typeof signingAuthority.enumValues)[number];
export type OutgoingRecipient = typeof outgoingRecipients.$inferSelect;

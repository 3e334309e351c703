import { sql } from "drizzle-orm";
import {
  boolean, customType, date, index, integer, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, tstz, updatedAt } from "./columns";
import { storedFiles } from "./files";
import { agencies, units, users } from "./org";
import { registers } from "./registers";
import { trailColumns } from "./trail";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const urgency = pgEnum("urgency", ["normal", "urgent", "very_urgent", "flash"]);
export const secrecy = pgEnum("secrecy", ["normal", "confidential", "secret", "top_secret"]);
export const incomingSource = pgEnum("incoming_source", ["paper", "electronic", "internal"]);
export const incomingStatus = pgEnum("incoming_status", [
  "awaiting_reception", "registered", "awaiting_instruction", "in_progress", "done", "returned", "withdrawn", "voided",
]);
export const assignmentRole = pgEnum("assignment_role", ["lead", "coordinate", "info"]);
export const assignmentStatus = pgEnum("assignment_status", ["pending", "in_progress", "done"]);

// Phụ lục VI Phần II (standards.md §1.3): the metadata of an incoming document.
export const incomingDocuments = pgTable(
  "incoming_documents",
  {
    id: id(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    status: incomingStatus("status").notNull(),
    source: incomingSource("source").notNull(),
    registerId: uuid("register_id").references(() => registers.id),
    year: integer("year"),
    /** Số đến: given by the system at registration (ArrivalNumber). */
    arrivalNo: integer("arrival_no"),
    arrivalDate: tstz("arrival_date"),
    /** Số, ký hiệu as written on the document, e.g. 15/QĐ-BNV. */
    symbol: text("symbol").notNull().default(""),
    issuedDate: date("issued_date", { mode: "string" }),
    issuerName: text("issuer_name").notNull(),
    issuerOrganId: text("issuer_organ_id"),
    docType: text("doc_type").notNull(),
    subject: text("subject").notNull(),
    signer: text("signer").notNull().default(""),
    urgency: urgency("urgency").notNull().default("normal"),
    secrecy: secrecy("secrecy").notNull().default("normal"),
    /** Ever classified (kept true by a trigger once secrecy leaves 'normal'): it keeps no file, even after a downgrade. */
    wasSecret: boolean("was_secret").notNull().default(false),
    pageCount: integer("page_count"),
    dueDate: date("due_date", { mode: "string" }),
    /**
     * The earliest deadline of the document's open parts (not done, not for information); kept by the
     * triggers of migration 0037 on incoming_assignments, never written by the application. "Quá hạn"
     * (lib/incoming/progress-conditions.ts overdueCondition) compares it and the due date with the day.
     */
    openDeadline: date("open_deadline", { mode: "string" }),
    note: text("note").notNull().default(""),
    /** Số và ký hiệu hồ sơ (the ĐẾN stamp): the document gathers into the open work file of that code. */
    fileCode: text("file_code").notNull().default(""),
    mainFileId: uuid("main_file_id").references(() => storedFiles.id),
    /** The leader the clerk submitted it to (Trình lãnh đạo). */
    submittedToId: uuid("submitted_to_id").references(() => users.id),
    instruction: text("instruction").notNull().default(""),
    returnReason: text("return_reason").notNull().default(""),
    /** Chờ ý kiến phối hợp: the leader chose that the document waits for its coordinating parts (they do not close with the lead). */
    waitForOpinions: boolean("wait_for_opinions").notNull().default(false),
    /** Paper original: Ngày chuyển and Ký nhận of the register. */
    paperHandedAt: date("paper_handed_at", { mode: "string" }),
    paperReceiver: text("paper_receiver").notNull().default(""),
    doneAt: tstz("done_at"),
    /** Hủy vào sổ: the số đến stays in the register, marked "Đã hủy" with the reason (never reused). */
    voidedAt: tstz("voided_at"),
    voidReason: text("void_reason").notNull().default(""),
    voidedBy: uuid("voided_by").references(() => users.id),
    /** An internal document: the outgoing document of our own agency it is a copy of (no FK: the tables reference each other). */
    outgoingId: uuid("outgoing_id"),
    /** Liên thông replacement (BussinessDocType 3): the earlier document this one replaces (no FK: a self-reference). */
    replacesIncomingId: uuid("replaces_incoming_id"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      sql`to_tsvector('simple'::regconfig, f_unaccent(coalesce(symbol, '') || ' ' || coalesce(issuer_name, '') || ' ' || coalesce(doc_type, '') || ' ' || coalesce(subject, '')))`,
    ),
  },
  (t) => [
    uniqueIndex("incoming_register_no_uq").on(t.registerId, t.arrivalNo),
    // Matches the lists' ORDER BY year DESC, arrival_no DESC, created_at DESC (PostgreSQL's DESC is NULLS FIRST).
    index("incoming_agency_list_idx").on(t.agencyId, t.year.desc().nullsFirst(), t.arrivalNo.desc().nullsFirst(), t.createdAt.desc().nullsFirst()),
    // The open documents in the list's order: "Quá hạn" reads them and compares two dates, newest first.
    index("incoming_open_list_idx")
      .on(t.agencyId, t.year.desc().nullsFirst(), t.arrivalNo.desc().nullsFirst(), t.createdAt.desc().nullsFirst())
      .where(sql`${t.status} <> 'done'`),
    index("incoming_status_idx").on(t.agencyId, t.status, t.createdAt.desc().nullsFirst()),
    index("incoming_dup_idx").on(t.agencyId, sql`lower(${t.symbol})`, sql`lower(${t.issuerName})`),
    index("incoming_search_idx").using("gin", t.searchVector),
    index("incoming_submitted_idx").on(t.submittedToId, t.status),
    index("incoming_outgoing_idx").on(t.outgoingId),
    index("incoming_file_code_idx").on(t.agencyId, t.fileCode).where(sql`${t.fileCode} <> ''`),
    // The monitoring figures' period (lib/monitoring: the day a document arrived): a range of it, and the planner's
    // statistics of the expression (without them it guessed a year of 200,000 documents at 1,000 and looked each up).
    index("incoming_arrived_idx").on(t.agencyId, sql`coalesce(${t.arrivalDate}, ${t.createdAt})`),
  ],
);

export const incomingFiles = pgTable(
  "incoming_files",
  {
    documentId: uuid("document_id").notNull().references(() => incomingDocuments.id),
    fileId: uuid("file_id").notNull().references(() => storedFiles.id),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.fileId] })],
);

// Who acts on a document: the leader's recipients (parentId null) and each unit's cascade.
export const incomingAssignments = pgTable(
  "incoming_assignments",
  {
    id: id(),
    documentId: uuid("document_id").notNull().references(() => incomingDocuments.id),
    parentId: uuid("parent_id"),
    role: assignmentRole("role").notNull(),
    unitId: uuid("unit_id").references(() => units.id),
    userId: uuid("user_id").references(() => users.id),
    assignedBy: uuid("assigned_by").notNull().references(() => users.id),
    deadline: date("deadline", { mode: "string" }),
    instruction: text("instruction").notNull().default(""),
    status: assignmentStatus("status").notNull().default("pending"),
    progress: text("progress").notNull().default(""),
    result: text("result").notNull().default(""),
    doneAt: tstz("done_at"),
    /** Đóng theo văn bản: closed (done) because the document was done, not by its holder. */
    closedWithDocument: boolean("closed_with_document").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index("assignments_document_idx").on(t.documentId),
    // Việc của tôi → Đã xử lý: a person's done parts, newest first.
    index("assignments_user_done_idx").on(t.userId, t.doneAt.desc().nullsFirst()).where(sql`${t.status} = 'done'`),
    index("assignments_user_open_idx").on(t.userId, t.createdAt.desc().nullsFirst()).where(sql`${t.status} <> 'done'`),
    index("assignments_unit_open_idx").on(t.unitId, t.createdAt.desc().nullsFirst()).where(sql`${t.status} <> 'done'`),
    // Việc của tôi (lib/incoming/queries.ts workBranches), each branch read in the list's order (deadline, newest,
    // id) so that a page reads its 26 rows and sorts nothing: my open parts; a unit's parts still to pass on (a
    // unit head's work; 190,000 of them in one unit at a million generated documents); the open parts a person
    // gave (Chờ người khác).
    index("assignments_user_open_order_idx").on(t.userId, t.deadline.asc().nullsLast(), t.createdAt.desc().nullsFirst(), t.id).where(sql`${t.status} <> 'done'`),
    index("assignments_unit_pending_idx").on(t.unitId, t.deadline.asc().nullsLast(), t.createdAt.desc().nullsFirst(), t.id).where(sql`${t.status} = 'pending'`),
    index("assignments_assigned_open_idx").on(t.assignedBy, t.deadline.asc().nullsLast(), t.createdAt.desc().nullsFirst(), t.id).where(sql`${t.status} <> 'done'`),
    // Báo cáo giải quyết văn bản đến → Theo đơn vị xử lý chính: a document's first leading unit, the first row.
    index("assignments_document_lead_idx").on(t.documentId, t.createdAt).where(sql`${t.role} = 'lead' and ${t.unitId} is not null`),
    // Quá hạn (lib/incoming/progress-conditions.ts overdueCondition): a document's open parts past their deadline, from the index.
    index("assignments_document_open_idx").on(t.documentId, t.deadline).where(sql`${t.status} <> 'done' and ${t.role} <> 'info'`),
  ],
);

// Đôn đốc (lib/monitoring/remind.ts): a reminder sent by a leader or head about one part; one per part per
// day (Vietnam date), the unique index is the rate limit.
export const incomingReminders = pgTable(
  "incoming_reminders",
  {
    id: id(),
    assignmentId: uuid("assignment_id").notNull().references(() => incomingAssignments.id),
    documentId: uuid("document_id").notNull().references(() => incomingDocuments.id),
    senderId: uuid("sender_id").notNull().references(() => users.id),
    day: date("day", { mode: "string" }).notNull(),
    message: text("message").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("incoming_reminders_part_day_uq").on(t.assignmentId, t.day), index("incoming_reminders_document_idx").on(t.documentId)],
);

// The processing trail (Luồng xử lý): every step, who, when, to whom, instruction, deadline.
export const incomingEvents = pgTable(
  "incoming_events",
  {
    ...trailColumns(),
    documentId: uuid("document_id").notNull().references(() => incomingDocuments.id),
    deadline: date("deadline", { mode: "string" }),
    /** false for the paper path (dashed arrows in the flow diagram). */
    electronic: boolean("electronic").notNull().default(true),
  },
  (t) => [index("incoming_events_document_idx").on(t.documentId, t.id)],
);

export type IncomingDocument = typeof incomingDocuments.$inferSelect;
export type IncomingStatus = (typeof incomingStatus.enumValues)[number];
export type Assignment = typeof incomingAssignments.$inferSelect;

import {
  boolean, check, date, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { createdAt, id, tstz, updatedAt } from "./columns";
import { storedFiles } from "./files";
import { incomingDocuments } from "./incoming";
import { agencies, units, users } from "./org";
import { outgoingDocuments } from "./outgoing";
import { trailColumns } from "./trail";

// Quy chế 376 Điều 4.3, NĐ 30/2020 Điều 28–31 and Phụ lục V–VI (standards.md §3): the yearly
// file plan, the work files kept from it, and their hand-over to the agency archive.

/** Thời hạn bảo quản as a lookup table (TT 10/2022/TT-BNV): years, or null for Vĩnh viễn. */
export const retentionPeriods = pgTable("retention_periods", {
  code: text("code").primaryKey(),
  label: text("label").notNull(),
  years: integer("years"),
  legalBasis: text("legal_basis").notNull().default(""),
  sortOrder: integer("sort_order").notNull().default(0),
});

// Danh mục hồ sơ of an agency and year; the row is also the counter of its items' numbers
// (số hồ sơ, across the whole list from 01), taken FOR UPDATE with the new item.
export const filePlans = pgTable(
  "file_plans",
  {
    id: id(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    year: integer("year").notNull(),
    lastNo: integer("last_no").notNull().default(0),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("file_plans_agency_year_uq").on(t.agencyId, t.year)],
);

/** A main heading (đề mục lớn), numbered in Roman numerals by its order; `abbr` ends the items' codes (01.TCCB). */
export const filePlanHeadings = pgTable(
  "file_plan_headings",
  {
    id: id(),
    planId: uuid("plan_id").notNull().references(() => filePlans.id),
    sortOrder: integer("sort_order").notNull(),
    abbr: text("abbr").notNull(),
    title: text("title").notNull(),
  },
  (t) => [uniqueIndex("file_plan_headings_abbr_uq").on(t.planId, t.abbr), index("file_plan_headings_plan_idx").on(t.planId, t.sortOrder)],
);

export const filePlanItems = pgTable(
  "file_plan_items",
  {
    id: id(),
    planId: uuid("plan_id").notNull().references(() => filePlans.id),
    headingId: uuid("heading_id").notNull().references(() => filePlanHeadings.id),
    /** Số hồ sơ from the plan's counter: gapless and unique within the plan. */
    number: integer("number").notNull(),
    /** Số và ký hiệu hồ sơ, e.g. 01.TCCB. */
    code: text("code").notNull(),
    title: text("title").notNull(),
    retentionCode: text("retention_code").notNull().references(() => retentionPeriods.code),
    ownerUnitId: uuid("owner_unit_id").references(() => units.id),
    ownerUserId: uuid("owner_user_id").references(() => users.id),
    note: text("note").notNull().default(""),
    /** Opened by staff outside the approved list (NĐ 30 Điều 29.1). */
    adHoc: boolean("ad_hoc").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("file_plan_items_no_uq").on(t.planId, t.number),
    uniqueIndex("file_plan_items_code_uq").on(t.planId, t.code),
    index("file_plan_items_heading_idx").on(t.headingId, t.number),
  ],
);

export const workFileStatus = pgEnum("work_file_status", ["open", "closed", "archived"]);
export const handoverStatus = pgEnum("handover_status", ["submitted", "accepted", "returned"]);
export const workFileEntryKind = pgEnum("work_file_entry_kind", ["incoming", "outgoing", "upload"]);

// Nộp lưu: a unit hands closed files of one year to the agency archive; the archivist accepts or
// returns the whole batch. Its Mục lục and Biên bản giao nhận are printed from it.
export const handoverBatches = pgTable(
  "handover_batches",
  {
    id: id(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    unitId: uuid("unit_id").notNull().references(() => units.id),
    year: integer("year").notNull(),
    status: handoverStatus("status").notNull().default("submitted"),
    /** Tên khối tài liệu of the Biên bản. */
    title: text("title").notNull(),
    /** Tình trạng tài liệu giao nộp. */
    condition: text("condition").notNull().default(""),
    /** Paper quantity: hộp (cặp) and mét giá. */
    boxes: integer("boxes"),
    shelfMeters: text("shelf_meters").notNull().default(""),
    submittedBy: uuid("submitted_by").notNull().references(() => users.id),
    submittedAt: tstz("submitted_at").notNull().defaultNow(),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: tstz("decided_at"),
    returnReason: text("return_reason").notNull().default(""),
  },
  (t) => [index("handover_batches_agency_idx").on(t.agencyId, t.status, t.submittedAt.desc())],
);

/** A hồ sơ công việc: opened from a plan item (one file per item), kept by its owner. */
export const workFiles = pgTable(
  "work_files",
  {
    id: id(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    planItemId: uuid("plan_item_id").notNull().references(() => filePlanItems.id),
    year: integer("year").notNull(),
    code: text("code").notNull(),
    title: text("title").notNull(),
    /**
     * What the list's search reads: the code and the title in lower case without accents, kept by PostgreSQL, so a
     * search compares with LIKE (ILIKE over 3,000 titles cost PostgreSQL 2–4 ms a request) and a trigram index
     * answers a narrow search in a large archive.
     */
    searchText: text("search_text").generatedAlwaysAs(sql`lower(f_unaccent(code || ' ' || title))`),
    ownerId: uuid("owner_id").notNull().references(() => users.id),
    unitId: uuid("unit_id").notNull().references(() => units.id),
    status: workFileStatus("status").notNull().default("open"),
    retentionCode: text("retention_code").notNull().references(() => retentionPeriods.code),
    startDate: date("start_date", { mode: "string" }),
    endDate: date("end_date", { mode: "string" }),
    sheets: integer("sheets"),
    pages: integer("pages"),
    language: text("language").notNull().default("Tiếng Việt"),
    rights: text("rights").notNull().default("Hạn chế"),
    description: text("description").notNull().default(""),
    closedAt: tstz("closed_at"),
    /** Đối chiếu với hồ sơ giấy before hand-over. */
    reconciled: boolean("reconciled").notNull().default(false),
    reconcileNote: text("reconcile_note").notNull().default(""),
    reconciledBy: uuid("reconciled_by").references(() => users.id),
    reconciledAt: tstz("reconciled_at"),
    /** The hand-over batch holding it (submitted or accepted); cleared when a batch is returned. */
    batchId: uuid("batch_id").references(() => handoverBatches.id),
    batchOrder: integer("batch_order"),
    archivedAt: tstz("archived_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("work_files_item_uq").on(t.planItemId),
    index("work_files_owner_idx").on(t.ownerId, t.status),
    index("work_files_unit_idx").on(t.unitId, t.year, t.status),
    index("work_files_agency_code_idx").on(t.agencyId, t.year, t.code),
    // The hand-over reminders (Tổng quan, Hồ sơ công việc) look for files of past years not yet archived: few
    // once an agency hands its files over, among every archived one the agency index would walk through.
    index("work_files_unarchived_idx").on(t.agencyId, t.year, t.code).where(sql`${t.status} <> 'archived'`),
    index("work_files_batch_idx").on(t.batchId, t.batchOrder),
    // The list's order (newest year, last changed first): a page's ids read from the index alone.
    index("work_files_list_idx").on(t.agencyId, t.year.desc().nullsFirst(), t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("work_files_search_trgm_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
  ],
);

/**
 * A document in a file: a reference to the incoming or outgoing document (never a copy, so one
 * document sits in several files), or an upload of another paper (tài liệu khác) with its own metadata.
 */
export const workFileEntries = pgTable(
  "work_file_entries",
  {
    id: id(),
    fileId: uuid("file_id").notNull().references(() => workFiles.id),
    kind: workFileEntryKind("kind").notNull(),
    incomingId: uuid("incoming_id").references(() => incomingDocuments.id),
    outgoingId: uuid("outgoing_id").references(() => outgoingDocuments.id),
    storedFileId: uuid("stored_file_id").references(() => storedFiles.id),
    /** Order inside the file (STT of the Mục lục văn bản). */
    position: integer("position").notNull(),
    docType: text("doc_type").notNull().default(""),
    symbol: text("symbol").notNull().default(""),
    docDate: date("doc_date", { mode: "string" }),
    author: text("author").notNull().default(""),
    subject: text("subject").notNull().default(""),
    pageCount: integer("page_count"),
    note: text("note").notNull().default(""),
    /** Gathered because the document carries the file's code. */
    gathered: boolean("gathered").notNull().default(false),
    addedBy: uuid("added_by").references(() => users.id),
    addedAt: createdAt(),
  },
  (t) => [
    uniqueIndex("work_file_entries_incoming_uq").on(t.fileId, t.incomingId),
    uniqueIndex("work_file_entries_outgoing_uq").on(t.fileId, t.outgoingId),
    index("work_file_entries_file_idx").on(t.fileId, t.position),
    index("work_file_entries_in_idx").on(t.incomingId),
    index("work_file_entries_out_idx").on(t.outgoingId),
    index("work_file_entries_stored_idx").on(t.storedFileId),
    check(
      "work_file_entries_ref_ck",
      sql`(${t.kind} = 'incoming' and ${t.incomingId} is not null) or (${t.kind} = 'outgoing' and ${t.outgoingId} is not null) or (${t.kind} = 'upload' and ${t.storedFileId} is not null)`,
    ),
  ],
);

// Opened, documents added and removed, closed, reopened, reconciled, handed over, accepted, viewed in the archive.
export const workFileEvents = pgTable(
  "work_file_events",
  {
    ...trailColumns(),
    fileId: uuid("file_id").notNull().references(() => workFiles.id),
  },
  (t) => [index("work_file_events_file_idx").on(t.fileId, t.id)],
);

export type RetentionPeriod = typeof retentionPeriods.$inferSelect;
export type FilePlan = typeof filePlans.$inferSelect;
export type FilePlanHeading = typeof filePlanHeadings.$inferSelect;
export type FilePlanItem = typeof filePlanItems.$inferSelect;
export type WorkFile = typeof workFiles.$inferSelect;
export type WorkFileStatus = (typeof workFileStatus.enumValues)[number];
export type WorkFileEntry = typeof workFileEntries.$inferSelect;
export type HandoverBatch = typeof handoverBatches.$inferSelect;
export type HandoverStatus = (typeof handoverStatus.enumValues)[number];

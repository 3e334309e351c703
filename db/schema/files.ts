import { bigint, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { agencies, users } from "./org";

// One row per upload; the bytes are stored once per SHA-256 under FILES_DIR (lib/storage), so the
// same scan uploaded twice is one blob and two rows. The hash is the integrity check shown to users.
export const storedFiles = pgTable(
  "stored_files",
  {
    id: id(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    sha256: text("sha256").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    mime: text("mime").notNull(),
    name: text("name").notNull(),
    /** Null for a file the system received by itself (liên thông: a package and its attachments). */
    uploadedBy: uuid("uploaded_by").references(() => users.id),
    // What a PDF does by itself when opened (lib/pdf/risks.ts), found at upload; [] for a clean PDF,
    // null for other types and for PDFs stored before the check.
    pdfRisks: text("pdf_risks").array(),
    createdAt: createdAt(),
  },
  (t) => [index("stored_files_sha_idx").on(t.agencyId, t.sha256)],
);

export type StoredFile = typeof storedFiles.$inferSelect;

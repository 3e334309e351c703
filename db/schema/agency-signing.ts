import { sql } from "drizzle-orm";
import { check, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { storedFiles } from "./files";
import { agencies, users } from "./org";
import { outgoingDocuments } from "./outgoing";

// Issue 14, the agency's side (lib/signatures/agency-key.ts, lib/outgoing/agency-sign.ts). The agency
// key is set by the administrator here or, when no row or no backend, by the server's configuration
// (AGENCY_SIGNING_P12 / AGENCY_PKCS11_*). Secrets are sealed (lib/secret-box.ts) and are read
// only by agency-key.ts; no page or route returns them.
export const agencySigning = pgTable("agency_signing", {
  agencyId: uuid("agency_id").primaryKey().references(() => agencies.id),
  /** The red seal (PNG, transparent) drawn at real size beside the signer's image. */
  sealFileId: uuid("seal_file_id").references(() => storedFiles.id),
  /** Real width of the seal in millimetres (the PNG is scaled to it); 36 mm is the usual round seal. */
  sealWidthMm: text("seal_width_mm").notNull().default("36"),
  /** 'pkcs12' | 'pkcs11' | null (use the server configuration). */
  backend: text("backend"),
  p12Enc: text("p12_enc"),
  p12PasswordEnc: text("p12_password_enc"),
  pkcs11Module: text("pkcs11_module"),
  pkcs11Token: text("pkcs11_token"),
  pkcs11KeyLabel: text("pkcs11_key_label"),
  pkcs11PinEnc: text("pkcs11_pin_enc"),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: updatedAt(),
}, (t) => [check("agency_signing_backend", sql`${t.backend} is null or ${t.backend} in ('pkcs12', 'pkcs11')`)]);

/**
 * Electronic copies (NĐ 30/2020 Điều 25–27): Sao y, Sao lục, Trích sao of an issued, signed document,
 * made by the Văn thư with the copy marking and the agency signature at the top right of page 1.
 */
export const outgoingCopies = pgTable(
  "outgoing_copies",
  {
    id: id(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    documentId: uuid("document_id").notNull().references(() => outgoingDocuments.id),
    /** 'sao_y' | 'sao_luc' | 'trich_sao'. */
    kind: text("kind").notNull(),
    /** Trích sao: the pages taken (1-based, e.g. "1-2"); null for the whole document. */
    pages: text("pages"),
    fileId: uuid("file_id").notNull().references(() => storedFiles.id),
    createdBy: uuid("created_by").notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("outgoing_copies_document").on(t.documentId),
    check("outgoing_copies_kind", sql`${t.kind} in ('sao_y', 'sao_luc', 'trich_sao')`),
  ],
);

export type AgencySigning = typeof agencySigning.$inferSelect;
export type OutgoingCopy = typeof outgoingCopies.$inferSelect;

import { sql } from "drizzle-orm";
import { customType, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tstz } from "./columns";
import { storedFiles } from "./files";
import { agencies, users } from "./org";

// Ký số (issue 14, lib/signatures). sigsigner's and sigagency's own tables go in this file too, in
// their own migrations.

/** Raw bytes (PostgreSQL bytea) as a Uint8Array. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array | Buffer }>({
  dataType: () => "bytea",
  toDriver: (v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength),
  fromDriver: (v) => new Uint8Array(v),
});

/**
 * A certificate the administrator trusts as a root of PDF signatures (the national root CA, the
 * Government's specialised CA). agencyId null = installation-wide. Never deleted: removal sets revokedAt.
 */
export const trustAnchors = pgTable(
  "trust_anchors",
  {
    id: id(),
    agencyId: uuid("agency_id").references(() => agencies.id),
    der: bytea("der").notNull(),
    subject: text("subject").notNull(),
    issuer: text("issuer").notNull(),
    /** SHA-256 of the DER, lower-case hex. */
    fingerprint: text("fingerprint").notNull(),
    notBefore: tstz("not_before").notNull(),
    notAfter: tstz("not_after").notNull(),
    addedBy: uuid("added_by").references(() => users.id),
    createdAt: createdAt(),
    revokedAt: tstz("revoked_at"),
    revokedBy: uuid("revoked_by").references(() => users.id),
  },
  (t) => [
    // One live row per certificate and scope (a removed one can be imported again).
    uniqueIndex("trust_anchors_fp_idx").on(sql`coalesce(${t.agencyId}::text, '')`, t.fingerprint).where(sql`${t.revokedAt} is null`),
  ],
);

/**
 * Deferred signing (lib/signatures/deferred.ts): the server prepared the PDF and the bytes to be
 * signed; the signer's side (browser, agent, CSC service) returns the signature. Consumed once.
 */
export const signingSessions = pgTable(
  "signing_sessions",
  {
    id: id(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    /** e.g. 'outgoing.sign', 'outgoing.issue', 'copy'. */
    purpose: text("purpose").notNull(),
    /** e.g. 'outgoing'. */
    documentKind: text("document_kind").notNull(),
    documentId: uuid("document_id").notNull(),
    userId: uuid("user_id").notNull().references(() => users.id),
    /** The prepared PDF (placeholder in place), or the stored file it was saved as. */
    prepared: bytea("prepared"),
    preparedFileId: uuid("prepared_file_id").references(() => storedFiles.id),
    byteRange: jsonb("byte_range").$type<[number, number, number, number]>().notNull(),
    /** SHA-256 of the covered bytes, hex. */
    digest: text("digest").notNull(),
    /** DER of the signed attributes: what the key signs. */
    toBeSigned: bytea("to_be_signed").notNull(),
    /** DER certificates, signer first, base64. */
    chain: jsonb("chain").$type<string[]>().notNull(),
    state: text("state", { enum: ["open", "consumed", "cancelled"] }).notNull().default("open"),
    expiresAt: tstz("expires_at").notNull(),
    consumedAt: tstz("consumed_at"),
    /** SHA-256 of the signed PDF it produced (hex). */
    resultSha256: text("result_sha256"),
    createdAt: createdAt(),
  },
  (t) => [index("signing_sessions_doc_idx").on(t.documentKind, t.documentId)],
);

/** The signatures a stored PDF carries that this system made, in order. */
export const pdfSignatures = pgTable(
  "pdf_signatures",
  {
    id: id(),
    fileId: uuid("file_id").notNull().references(() => storedFiles.id),
    order: integer("order").notNull(),
    kind: text("kind", { enum: ["signer", "agency", "attachment", "copy"] }).notNull(),
    userId: uuid("user_id").references(() => users.id),
    certificateFingerprint: text("certificate_fingerprint").notNull(),
    signerName: text("signer_name").notNull(),
    signedAt: tstz("signed_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("pdf_signatures_file_order_idx").on(t.fileId, t.order)],
);

/**
 * Verification results per file content and trust-anchor set (lib/signatures/stored.ts), so a list
 * does not verify the same PDF again. trustKey = SHA-256 of the sorted anchor fingerprints.
 */
export const pdfVerifications = pgTable(
  "pdf_verifications",
  {
    id: id(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    sha256: text("sha256").notNull(),
    trustKey: text("trust_key").notNull(),
    verdict: text("verdict", { enum: ["valid", "modified", "invalid", "unsigned"] }).notNull(),
    result: jsonb("result").notNull(),
    verifiedAt: createdAt(),
  },
  (t) => [uniqueIndex("pdf_verifications_key_idx").on(t.agencyId, t.sha256, t.trustKey)],
);

export type TrustAnchor = typeof trustAnchors.$inferSelect;
export type SigningSession = typeof signingSessions.$inferSelect;

// ---- sigsigner: each person's signing profile ----------------------------------------------------

// Each person's own signing material, managed on "Tài khoản của tôi" (issue 14). Only public parts are kept:
// the image of the handwritten signature (NĐ 30/2020 Phụ lục I §7: blue, PNG, transparent background) and the
// certificate (Chứng thư số). The private key never reaches the server (browser PKCS#12, USB token agent, CSC).
export const signingProfiles = pgTable("signing_profiles", {
  userId: uuid("user_id").primaryKey().references(() => users.id),
  /** PNG bytes, base64; checked at upload (PNG, alpha channel, size). */
  signatureImage: text("signature_image"),
  signatureWidth: integer("signature_width"),
  signatureHeight: integer("signature_height"),
  /** The certificate, DER base64 (public part only), and what the screen shows of it. */
  certificateDer: text("certificate_der"),
  certificateSubject: text("certificate_subject").notNull().default(""),
  certificateIssuer: text("certificate_issuer").notNull().default(""),
  certificateSerial: text("certificate_serial").notNull().default(""),
  certificateFingerprint: text("certificate_fingerprint").notNull().default(""),
  certificateNotBefore: tstz("certificate_not_before"),
  certificateNotAfter: tstz("certificate_not_after"),
  /** The person's user id at the remote signing service (CSC API v2 `userID`); empty = their username. */
  cscUserId: text("csc_user_id").notNull().default(""),
  updatedAt: tstz("updated_at").notNull().defaultNow(),
});

export type SigningProfile = typeof signingProfiles.$inferSelect;

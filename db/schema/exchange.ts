import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tstz, updatedAt } from "./columns";
import { storedFiles } from "./files";
import { incomingDocuments } from "./incoming";
import { agencies } from "./org";
import { agencyDirectory, outgoingDocuments, outgoingRecipients } from "./outgoing";

// Liên thông (issue 13, lib/exchange). This agency's exchange identity: the address and contact the
// edXML header carries, its XML-DSig key (PKCS#8, encrypted at rest under EXCHANGE_SECRET or
// AUTH_SECRET) and certificate, a pending certificate request, and the axis connection.
export const exchangeIdentities = pgTable("exchange_identities", {
  agencyId: uuid("agency_id").primaryKey().references(() => agencies.id),
  address: text("address").notNull().default(""),
  email: text("email").notNull().default(""),
  telephone: text("telephone").notNull().default(""),
  website: text("website").notNull().default(""),
  /** The certificate that goes with the key (PEM); null while only a request exists. */
  certPem: text("cert_pem"),
  /** The private key, encrypted (lib/secret-box.ts). */
  keyEnc: text("key_enc"),
  /** A certificate request for the generated key, to download and send to the CA. */
  csrPem: text("csr_pem"),
  /** The axis (provincial platform or national): endpoint and credentials (secret encrypted). */
  axisUrl: text("axis_url").notNull().default(""),
  axisUsername: text("axis_username").notNull().default(""),
  axisSecretEnc: text("axis_secret_enc"),
  updatedAt: updatedAt(),
});

/**
 * Every edXML message sent or received. Outbound: written in the transaction of the step that causes
 * it (with its job), then sent by the job runner (queued → sent | failed). Inbound: the raw package is
 * stored first (rawFileId), then verified and applied (received | rejected with the reason); a 13
 * (recall request) waits for the clerk (pending → answered).
 */
export const exchangeMessages = pgTable(
  "exchange_messages",
  {
    id: id(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    direction: text("direction", { enum: ["out", "in"] }).notNull(),
    kind: text("kind", { enum: ["document", "status"] }).notNull(),
    /** 0 new, 1 recall, 2 update, 3 replacement (documents). */
    businessDocType: integer("business_doc_type").notNull().default(0),
    /** 01–06, 13, 15, 16 (statuses); '' for documents. */
    statusCode: text("status_code").notNull().default(""),
    senderOrganId: text("sender_organ_id").notNull(),
    receiverOrganId: text("receiver_organ_id").notNull(),
    /** The edXML DocumentId the message is (about): `OrganId,yyyy/MM/dd,Số/Ký hiệu`. */
    documentId: text("document_id").notNull(),
    state: text("state", { enum: ["queued", "sent", "failed", "received", "rejected", "pending", "answered"] }).notNull(),
    transport: text("transport", { enum: ["direct", "axis"] }),
    /** The axis's package id (received or sent through the axis). */
    packageId: text("package_id"),
    outgoingId: uuid("outgoing_id").references(() => outgoingDocuments.id),
    recipientId: uuid("recipient_id").references(() => outgoingRecipients.id),
    incomingId: uuid("incoming_id").references(() => incomingDocuments.id),
    /** The raw message as sent or received. */
    rawFileId: uuid("raw_file_id").references(() => storedFiles.id),
    /** Reason of 02, 13, 16; the Vietnamese summary of an update. */
    description: text("description").notNull().default(""),
    /** What the builder needs beyond the columns: staff info, the 13's purpose (recall/update/replace), the replacing document… */
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    /** Who signed it (verified inbound, ours outbound): subject, issuer, validity, fingerprint. */
    signer: jsonb("signer"),
    /** Machine code and Vietnamese reason of a refusal or of the last sending error. */
    errorCode: text("error_code"),
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    /** For an answer (15/16, or a 01–06 we send): the message it answers. */
    replyToId: uuid("reply_to_id"),
    createdAt: createdAt(),
    sentAt: tstz("sent_at"),
    processedAt: tstz("processed_at"),
  },
  (t) => [
    // A redelivered package is a no-op: one accepted message per sender, document, type and status.
    uniqueIndex("exchange_in_once_uq")
      .on(t.agencyId, t.senderOrganId, t.documentId, t.kind, t.businessDocType, t.statusCode)
      .where(sql`${t.direction} = 'in' and ${t.state} <> 'rejected'`),
    index("exchange_agency_idx").on(t.agencyId, t.direction, t.createdAt.desc().nullsFirst()),
    index("exchange_state_idx").on(t.agencyId, t.state),
    index("exchange_outgoing_idx").on(t.outgoingId).where(sql`${t.outgoingId} is not null`),
    index("exchange_recipient_idx").on(t.recipientId).where(sql`${t.recipientId} is not null`),
    index("exchange_incoming_idx").on(t.incomingId).where(sql`${t.incomingId} is not null`),
    index("exchange_document_idx").on(t.agencyId, t.documentId),
    check("exchange_direction_ck", sql`${t.direction} in ('out', 'in')`),
  ],
);

export type ExchangeMessage = typeof exchangeMessages.$inferSelect;
export type ExchangeIdentity = typeof exchangeIdentities.$inferSelect;

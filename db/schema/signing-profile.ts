import { integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { tstz, updatedAt } from "./columns";
import { users } from "./org";

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
  updatedAt: updatedAt(),
});

export type SigningProfile = typeof signingProfiles.$inferSelect;

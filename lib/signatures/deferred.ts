import "server-only";
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { signingSessions, type SigningSession } from "@/db/schema";
import { conflict, forbidden, invalid, notFound } from "@/lib/errors";
import { assembleCms, keyParamsOf, OID, signedAttributes, type SignatureAlgorithm, verifyWithCertificate, ecdsaToDer } from "./cms";
import { fromBase64, toBase64 } from "./der";
import { embedCms, preparePdfSignature, type Prepared, type PrepareOptions } from "./pdf/prepare";
import { configuredTsaUrl, requestTimestamp } from "./timestamp";
import { verifyPdf } from "./verify";

// Deferred signing: the server prepares the PDF and the bytes to be signed (startSigning); the
// signer's side — the browser with a PKCS#12, a local signing agent, a CSC remote service — signs
// them with a key the server never sees; the server checks and embeds the signature (completeSigning).
// A session is bound to one user and one document, expires, and is consumed once.

export const SESSION_MINUTES = 15;

export const SIGNING_MESSAGES = {
  notYours: "Phiên ký này không thuộc về bạn.",
  otherDocument: "Chữ ký này được tạo cho một văn bản khác.",
  consumed: "Phiên ký này đã hoàn tất; văn bản không bị ký lần nữa.",
  expired: "Phiên ký đã hết hạn, vui lòng ký lại.",
  badSignature: "Chữ ký không khớp với văn bản đã chuẩn bị (sai khóa hoặc ký cho văn bản khác).",
  notEmbedded: "Không nhúng được chữ ký vào tệp PDF.",
  noTimestamp: "Không lấy được dấu thời gian từ máy chủ cấp dấu thời gian; văn bản chưa được ký, vui lòng thử lại sau ít phút.",
} as const;

export interface StartInput {
  agencyId: string;
  purpose: string;
  documentKind: string;
  documentId: string;
  userId: string;
  /** DER certificates, signer first. */
  chain: Uint8Array[];
  /** The PDF to sign and where the signature goes, or an already prepared file. */
  pdf?: Uint8Array;
  placement?: PrepareOptions;
  prepared?: Prepared;
  preparedFileId?: string;
  now?: Date;
}

export interface Started {
  sessionId: string;
  /** DER of the signed attributes: what the key signs. */
  toBeSigned: Uint8Array;
  /** SHA-256 of toBeSigned, base64 (what a CSC service or a token signs as a hash). */
  hashToSign: string;
  expiresAt: Date;
}

export async function startSigning(tx: Tx, input: StartInput): Promise<Started> {
  if (!input.chain.length) throw invalid({ chain: ["Chưa có chứng thư số của người ký."] });
  keyParamsOf(input.chain[0]); // throws on a certificate with an unsupported key
  const now = input.now ?? new Date();
  let prepared = input.prepared;
  if (!prepared) {
    if (!input.pdf || !input.placement) throw new Error("startSigning needs pdf + placement or prepared");
    prepared = await preparePdfSignature(input.pdf, { ...input.placement, signedAt: input.placement.signedAt ?? now });
  }
  const toBeSigned = await signedAttributes({ digest: prepared.digest, certificate: input.chain[0] });
  const expiresAt = new Date(now.getTime() + SESSION_MINUTES * 60_000);
  const [row] = await tx
    .insert(signingSessions)
    .values({
      agencyId: input.agencyId,
      purpose: input.purpose,
      documentKind: input.documentKind,
      documentId: input.documentId,
      userId: input.userId,
      prepared: input.preparedFileId ? null : prepared.prepared,
      preparedFileId: input.preparedFileId ?? null,
      byteRange: prepared.byteRange,
      digest: Buffer.from(prepared.digest).toString("hex"),
      toBeSigned,
      chain: input.chain.map(toBase64),
      expiresAt,
    })
    .returning({ id: signingSessions.id });
  return { sessionId: row.id, toBeSigned, hashToSign: createHash("sha256").update(toBeSigned).digest("base64"), expiresAt };
}

export interface CompleteInput {
  sessionId: string;
  userId: string;
  /** The document the caller is completing (refused if the session was for another). */
  documentKind: string;
  documentId: string;
  /** The signature over toBeSigned (RSA, or ECDSA raw r‖s or DER). */
  signature: Uint8Array;
  /** The chain to put in the CMS, if it differs from the one given at start (same signer certificate). */
  chain?: Uint8Array[];
  algorithm?: SignatureAlgorithm;
  /** Gets an RFC 3161 token for the signature value; default: the TSA_URL authority when configured. */
  timestampToken?: (signatureValue: Uint8Array) => Promise<Uint8Array | null>;
  /** The prepared bytes when the session stored a file id instead. */
  loadPrepared?: (fileId: string) => Promise<Uint8Array>;
  now?: Date;
}

export interface Completed {
  signedPdf: Uint8Array;
  sha256: string;
  session: SigningSession;
}

/** Locks the session row; refuses another user's, another document's, a consumed or expired one. */
async function lockSession(tx: Tx, input: CompleteInput): Promise<SigningSession> {
  const [session] = await tx.select().from(signingSessions).where(eq(signingSessions.id, input.sessionId)).for("update");
  if (!session) throw notFound();
  if (session.userId !== input.userId) throw forbidden(SIGNING_MESSAGES.notYours);
  if (session.documentKind !== input.documentKind || session.documentId !== input.documentId) throw forbidden(SIGNING_MESSAGES.otherDocument);
  if (session.state !== "open") throw conflict(SIGNING_MESSAGES.consumed);
  if (session.expiresAt.getTime() < (input.now ?? new Date()).getTime()) throw conflict(SIGNING_MESSAGES.expired);
  return session;
}

export async function completeSigning(tx: Tx, input: CompleteInput): Promise<Completed> {
  const session = await lockSession(tx, input);
  const startChain = session.chain.map(fromBase64);
  const chain = input.chain?.length ? input.chain : startChain;
  if (Buffer.compare(Buffer.from(chain[0]), Buffer.from(startChain[0])) !== 0) throw forbidden(SIGNING_MESSAGES.badSignature);
  const params = keyParamsOf(chain[0]);
  const algorithm: SignatureAlgorithm = input.algorithm ?? (params.name === "ECDSA" ? "ECDSA" : "RSASSA-PKCS1-v1_5");
  const sigForCheck = algorithm === "ECDSA" ? ecdsaToDer(input.signature) : input.signature;
  const oid = algorithm === "ECDSA" ? OID.ecdsaWithSha256 : algorithm === "RSA-PSS" ? OID.rsaPss : OID.sha256WithRSA;
  if (!(await verifyWithCertificate(chain[0], session.toBeSigned, sigForCheck, oid))) throw forbidden(SIGNING_MESSAGES.badSignature);

  const prepared = session.prepared ?? (session.preparedFileId && input.loadPrepared ? await input.loadPrepared(session.preparedFileId) : null);
  if (!prepared) throw new Error("signing session has no prepared file");
  const tsaUrl = configuredTsaUrl();
  const stamp = input.timestampToken ?? (tsaUrl ? (value: Uint8Array) => requestTimestamp(value, tsaUrl) : null);
  let token: Uint8Array | null = null;
  try {
    token = stamp ? await stamp(sigForCheck) : null;
  } catch {
    throw conflict(SIGNING_MESSAGES.noTimestamp);
  }
  const cms = assembleCms({ signedAttributes: session.toBeSigned, signature: input.signature, chain, algorithm, timestampToken: token ?? undefined });
  let signedPdf: Uint8Array;
  try {
    signedPdf = embedCms(prepared, cms);
  } catch {
    throw conflict(SIGNING_MESSAGES.notEmbedded);
  }
  // The result must verify (integrity; trust is the caller's policy) and cover the whole file.
  const check = await verifyPdf(signedPdf, { trustAnchors: [], now: input.now });
  const last = check.signatures.find((s) => s.coversWholeFile);
  if (!last || last.integrity !== "intact" || check.signatures.some((s) => s.integrity !== "intact")) throw conflict(SIGNING_MESSAGES.notEmbedded);

  const sha256 = createHash("sha256").update(signedPdf).digest("hex");
  const [updated] = await tx
    .update(signingSessions)
    .set({ state: "consumed", consumedAt: sql`now()`, resultSha256: sha256, prepared: null })
    .where(and(eq(signingSessions.id, session.id), eq(signingSessions.state, "open")))
    .returning();
  if (!updated) throw conflict(SIGNING_MESSAGES.consumed);
  return { signedPdf, sha256, session: updated };
}

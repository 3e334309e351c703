import "server-only";
import { promises as fs } from "node:fs";
import { createHash, X509Certificate } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { outgoingFiles, storedFiles, users, type OutgoingDocument } from "@/db/schema";
import { loadSigningProfile } from "@/lib/account/signing-profile";
import { bytesFromBase64 } from "@/lib/account/signature-image";
import { defineAction } from "@/lib/actions/define";
import type { Actor } from "@/lib/auth/actor";
import { conflict } from "@/lib/errors";
import { keepsNoFile } from "@/lib/secrecy/rules";
import { completeSigning, startSigning } from "@/lib/signatures/deferred";
import { findText } from "@/lib/signatures/pdf/locate";
import { preparePdfSignature } from "@/lib/signatures/pdf/prepare";
import { readStoredBytes, storeBytes } from "@/lib/storage/bytes";
import { DOCX_MIME, PDF_MIME } from "@/lib/storage/client";
import { docxPreview } from "@/lib/storage/preview";
import { assertTransition } from "@/lib/workflow/machine";
import { canSignDocument, type SignDecision } from "@/lib/delegations/coverage";
import { lockOutgoing } from "./access";
import { addOutgoingEvent, signerLineOf, touch } from "./drafts";
import { outgoingMachine } from "./machine";
import { notifyMovedOn } from "./notices";
import { LINE, pickNameHit, signatureRect, type TextRun } from "./signature-place";
import { signCompleteSchema, signPrepareSchema, type SignPrepared } from "./sign-schemas";

const PATHS = ["/outgoing", "/my-work"];

type SignTarget = OutgoingDocument & { decision: SignDecision | null };

/** The draft, locked, with who may sign it today: the proposed signer or a covered delegate (lib/delegations). */
async function loadForSigning({ actor, input, tx }: { actor: Actor; input: { id: string }; tx: Tx }): Promise<SignTarget> {
  const doc = await lockOutgoing(tx, input.id);
  const decision = doc.agencyId === actor.agencyId && doc.status === "awaiting_signature" ? await canSignDocument(actor, doc, { db: tx }) : null;
  return { ...doc, decision };
}

/** The same rule as Ký duyệt (signDraft): the proposed signer, or a delegate whose delegation covers this draft today. */
const mayDigitallySign = ({ actor, target }: { actor: Actor; target: SignTarget }) =>
  target.agencyId === actor.agencyId && (target.signerId === actor.userId || target.decision?.ok === true);

/** The decision, or the refusal in its own words (a proposed signer whose authority form no delegation covers). */
function assertMaySign(target: SignTarget): Extract<SignDecision, { ok: true }> {
  if (!target.decision?.ok) throw conflict(target.decision?.reason ?? "Bạn không ký được văn bản này.");
  return target.decision;
}

const b64 = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString("base64");
const fingerprintOf = (der: Uint8Array) => createHash("sha256").update(der).digest("hex");

/** The state, the file rule and the machine, before any work (a replay finds the state moved). */
function assertSignable(doc: OutgoingDocument) {
  assertTransition(outgoingMachine, doc.status, "sign");
  if (keepsNoFile(doc)) throw conflict("Văn bản mật không có tệp trên hệ thống: ký trên bản giấy.");
}

/** The main file of the current version: the first PDF or DOCX the drafter attached. */
async function currentDraftFile(tx: Tx, doc: OutgoingDocument) {
  const [file] = await tx
    .select({ id: storedFiles.id, mime: storedFiles.mime, sha256: storedFiles.sha256, name: storedFiles.name })
    .from(outgoingFiles)
    .innerJoin(storedFiles, eq(storedFiles.id, outgoingFiles.fileId))
    .where(and(eq(outgoingFiles.documentId, doc.id), eq(outgoingFiles.version, doc.version)))
    .orderBy(asc(outgoingFiles.sortOrder));
  if (!file || (file.mime !== PDF_MIME && file.mime !== DOCX_MIME)) throw conflict("Dự thảo chưa có tệp PDF hoặc DOCX để ký số.");
  return file;
}

/**
 * The final PDF of the draft: the PDF itself, or the PDF LibreOffice makes of the DOCX (the same conversion
 * and cache as the DOCX preview, lib/storage/preview.ts; the draft page has usually made it already).
 */
async function finalPdf(tx: Tx, doc: OutgoingDocument): Promise<Uint8Array> {
  const file = await currentDraftFile(tx, doc);
  if (file.mime === PDF_MIME) return (await readStoredBytes(tx, file.id)).bytes;
  const preview = await docxPreview(file.sha256, { waitMs: 60_000 });
  if (preview.state === "ready") return new Uint8Array(await fs.readFile(preview.path));
  if (preview.state === "unavailable") throw conflict("Máy chủ chưa cài LibreOffice nên không chuyển được tệp DOCX sang PDF để ký. Hãy đề nghị người soạn thảo tải lên bản PDF.");
  throw conflict("Chưa chuyển được tệp DOCX sang PDF để ký. Vui lòng thử lại sau ít phút.");
}

/** The signer's certificate must be the one they registered on "Tài khoản của tôi", and valid today. */
async function assertOwnCertificate(tx: Tx, actor: Actor, chain: Uint8Array[]) {
  const profile = await loadSigningProfile(tx, actor.userId);
  if (!profile?.signatureImage) throw conflict("Bạn chưa có ảnh chữ ký. Hãy tải lên ảnh chữ ký tại Tài khoản của tôi.");
  if (!profile.certificateDer) throw conflict("Bạn chưa đăng ký chứng thư số. Hãy tải lên chứng thư số tại Tài khoản của tôi.");
  if (fingerprintOf(chain[0]) !== profile.certificateFingerprint)
    throw conflict("Chứng thư số dùng để ký không phải chứng thư số bạn đã đăng ký tại Tài khoản của tôi.");
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(chain[0]);
  } catch {
    throw conflict("Không đọc được chứng thư số dùng để ký.");
  }
  const now = Date.now();
  if (new Date(cert.validTo).getTime() < now) throw conflict("Chứng thư số đã hết hạn.");
  if (new Date(cert.validFrom).getTime() > now) throw conflict("Chứng thư số chưa có hiệu lực.");
  return { image: bytesFromBase64(profile.signatureImage), width: profile.signatureWidth ?? 1, height: profile.signatureHeight ?? 1 };
}

/**
 * Ký số, step 1: the server makes the final PDF, places the signature image between the title and the
 * signer's name, and returns the bytes the signer's key signs (deferred signing, lib/signatures/deferred.ts).
 * The prepared PDF is stored so the page can show it in the viewer before signing.
 */
export const prepareDigitalSignature = defineAction({
  name: "outgoing.sign.prepare",
  schema: signPrepareSchema,
  // Who signs is decided from the row and the delegations in force, not by a position alone (TL./TUQ. are unit heads).
  verb: null,
  load: loadForSigning,
  authorize: mayDigitallySign,
  run: async ({ actor, input, tx, target }): Promise<{ data: SignPrepared; audit: { objectType: string; objectId: string; payload: Record<string, unknown> } }> => {
    assertSignable(target);
    assertMaySign(target);
    const chain = input.chain.map(bytesFromBase64);
    const image = await assertOwnCertificate(tx, actor, chain);
    const pdf = await finalPdf(tx, target);
    // The person who signs is the one whose name the signature block must carry (a delegate signing in the
    // head's place needs a draft bearing their own name and form).
    const [signer] = await tx.select({ fullName: users.fullName }).from(users).where(eq(users.id, actor.userId));
    const name = pickNameHit(await findText(pdf, signer.fullName, { page: "last" }));
    if (!name) throw conflict(`Không tìm thấy họ tên người ký "${signer.fullName}" ở cuối dự thảo để đặt chữ ký. Hãy trả lại để người soạn thảo sửa.`);
    const lines: TextRun[] = await findText(pdf, LINE, { page: name.page });
    const rect = signatureRect(lines, name, image);
    const signedAt = new Date();
    const prepared = await preparePdfSignature(pdf, {
      page: name.page, rect, image: image.image, reason: "Ký ban hành văn bản", name: signer.fullName, fieldName: "NguoiKy", signedAt,
    });
    const preview = await storeBytes(tx, {
      agencyId: actor.agencyId, uploadedBy: actor.userId, mime: PDF_MIME, bytes: prepared.prepared, name: `${target.docType} - ban ky.pdf`,
    });
    // The prepared bytes live in the stored preview file; the session keeps its id.
    const session = await startSigning(tx, {
      agencyId: actor.agencyId, purpose: "outgoing.sign", documentKind: "outgoing", documentId: target.id, userId: actor.userId,
      chain, prepared, preparedFileId: preview.id,
    });
    return {
      data: { sessionId: session.sessionId, hashToSign: session.hashToSign, toBeSigned: b64(session.toBeSigned), previewFileId: preview.id, page: name.page },
      audit: { objectType: "outgoing", objectId: target.id, payload: { method: input.method, certificate: fingerprintOf(chain[0]), version: target.version } },
    };
  },
});

/**
 * Ký số, step 2: the signature from the signer's side is checked against the prepared bytes and the
 * certificate, embedded, and the signed PDF is stored; the draft goes to the clerk (Chờ phát hành).
 * A session of another document or person is refused; a replay finds the state moved and changes nothing.
 */
export const completeDigitalSignature = defineAction({
  name: "outgoing.sign.complete",
  schema: signCompleteSchema,
  verb: null,
  load: loadForSigning,
  authorize: mayDigitallySign,
  run: async ({ actor, input, tx, target }) => {
    const status = assertTransition(outgoingMachine, target.status, "sign");
    const decision = assertMaySign(target);
    // The session must be this person's, for this document, open and unexpired; the signature must verify for
    // the prepared bytes (lib/signatures/deferred.ts): a signature made for another document's hash is refused.
    const { signedPdf } = await completeSigning(tx, {
      sessionId: input.sessionId, userId: actor.userId, documentKind: "outgoing", documentId: target.id,
      signature: bytesFromBase64(input.signature), chain: input.chain?.map(bytesFromBase64),
      loadPrepared: async (fileId) => (await readStoredBytes(tx, fileId)).bytes,
    });
    const signed = await storeBytes(tx, {
      agencyId: actor.agencyId, uploadedBy: actor.userId, mime: PDF_MIME, bytes: signedPdf, name: `${target.docType} - da ky so.pdf`,
    });
    // A delegate signing in the head's place becomes the signer, in their delegation's form (as Ký duyệt does).
    const { decision: _d, ...doc } = target;
    const as = decision.onBehalf ? { ...doc, signerId: actor.userId, authority: decision.authority } : doc;
    await touch(tx, target.id, {
      status, signedAt: new Date(), signerId: as.signerId, authority: as.authority, signerLine: await signerLineOf(tx, as), signedFileId: signed.id,
    });
    const delegation = decision.delegation ? { delegationId: decision.delegation.id, form: decision.delegation.form, onBehalf: decision.onBehalf } : {};
    await addOutgoingEvent(tx, actor, target.id, {
      kind: "signed", toText: "Văn thư", text: "Ký số", version: target.version, payload: { method: input.method, fileId: signed.id, ...delegation },
    });
    await notifyMovedOn(tx, actor, { ...as, status });
    return {
      data: { signedFileId: signed.id },
      audit: { objectType: "outgoing", objectId: target.id, payload: { method: input.method, sha256: signed.sha256, version: target.version } },
    };
  },
  revalidate: PATHS,
});

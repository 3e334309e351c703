import "server-only";
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { outgoingDocuments, users } from "@/db/schema";
import { loadSigningProfile } from "@/lib/account/signing-profile";
import { executeAction, type ActionCaller } from "@/lib/actions/define";
import type { ActionResult } from "@/lib/actions/result";
import { loadActor } from "@/lib/auth/actor";
import { CscClient, cscConfig, CscError, type CscConfig } from "@/lib/signatures/adapters/csc";
import { canSignDocument } from "@/lib/delegations/coverage";
import { completeDigitalSignature, prepareDigitalSignature } from "./digital-sign";
import { signRemoteSchema } from "./sign-schemas";

export const CSC_NOT_CONFIGURED = "Hệ thống chưa cấu hình dịch vụ ký số từ xa (CSC_URL).";
const b64 = (u: Uint8Array) => Buffer.from(u).toString("base64");
const refused = (formError: string, code = "conflict"): ActionResult<never> => ({ ok: false, code, formError });

/**
 * Ký số through a remote signing service (CSC API v2). Three steps, each outside the others' transactions so
 * no lock is held across a network call (style.md rule 10): the person's credential and certificate from the
 * service; the prepare action (the wrapper: the signer, the state, the certificate registered on "Tài khoản
 * của tôi"); the service signs the one hash the person authorises with their PIN/OTP; the complete action.
 * The PIN and OTP go to the service only, never to the database or the audit trail.
 */
export async function signRemotely(
  caller: ActionCaller | null,
  raw: unknown,
  opts: { db?: Db; config?: CscConfig | null } = {},
): Promise<ActionResult<{ signedFileId: string }>> {
  const db = opts.db ?? (await getDb());
  const parsed = signRemoteSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const i of parsed.error.issues) (fieldErrors[i.path.join(".") || "_"] ??= []).push(i.message);
    return { ok: false, code: "validation", formError: "Dữ liệu chưa hợp lệ, vui lòng kiểm tra lại.", fieldErrors };
  }
  const input = parsed.data;
  // Someone who may not sign this draft is refused (and audited) by the wrapper, before any call to the service.
  const actor = caller ? await loadActor(db, caller.userId) : null;
  const [doc] = await db.select().from(outgoingDocuments).where(eq(outgoingDocuments.id, input.id));
  const decision = actor && doc && doc.status === "awaiting_signature" ? await canSignDocument(actor, doc, { db }) : null;
  if (!actor || !doc || !decision?.ok)
    return executeAction(prepareDigitalSignature, caller, { id: input.id, method: "csc", chain: ["AA=="] }, db) as Promise<ActionResult<never>>;
  const config = opts.config === undefined ? cscConfig() : opts.config;
  if (!config) return refused(CSC_NOT_CONFIGURED);
  const profile = await loadSigningProfile(db, actor.userId);
  if (!profile?.certificateFingerprint) return refused("Bạn chưa đăng ký chứng thư số. Hãy tải lên chứng thư số tại Tài khoản của tôi.");
  const [me] = await db.select({ username: users.username }).from(users).where(eq(users.id, actor.userId));
  const client = new CscClient(config);
  try {
    const credentials = await client.credentials(profile.cscUserId || me.username);
    const credential = credentials.find((c) => c.chain[0] && createHash("sha256").update(c.chain[0]).digest("hex") === profile.certificateFingerprint);
    if (!credential) return refused("Dịch vụ ký số từ xa không có chứng thư số bạn đã đăng ký tại Tài khoản của tôi.");
    const prepared = await executeAction(prepareDigitalSignature, caller, { id: input.id, method: "csc", chain: credential.chain.map(b64) }, db);
    if (!prepared.ok) return prepared;
    const signature = await client.signHash(credential, Uint8Array.from(Buffer.from(prepared.data.hashToSign, "base64")), { pin: input.pin, otp: input.otp });
    return executeAction(completeDigitalSignature, caller, { id: input.id, sessionId: prepared.data.sessionId, method: "csc", signature: b64(signature) }, db);
  } catch (e) {
    if (e instanceof CscError) return refused(e.message);
    throw e;
  }
}

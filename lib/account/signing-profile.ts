import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db, type Tx } from "@/db/client";
import { signingProfiles, type SigningProfile } from "@/db/schema";
import { defineAction } from "@/lib/actions/define";
import { invalid } from "@/lib/errors";
import { readCertificate } from "./certificate";
import { bytesFromBase64, readPng, signatureImageProblem } from "./signature-image";
import { certificateSchema, cscUserSchema, signatureImageSchema } from "./signing-schemas";

const own = { verb: null, load: async ({ actor }: { actor: { userId: string } }) => ({ userId: actor.userId }), authorize: () => true } as const;
const audit = (userId: string, payload?: Record<string, unknown>) => ({ objectType: "user", objectId: userId, payload });

async function upsert(tx: Tx, userId: string, set: Partial<SigningProfile>) {
  await tx
    .insert(signingProfiles)
    .values({ userId, ...set })
    .onConflictDoUpdate({ target: signingProfiles.userId, set: { ...set, updatedAt: new Date() } });
}

export async function loadSigningProfile(db: Db | Tx, userId: string): Promise<SigningProfile | null> {
  const [row] = await db.select().from(signingProfiles).where(eq(signingProfiles.userId, userId));
  return row ?? null;
}

/** What "Tài khoản của tôi" shows: the image as a data URL (img-src allows data:) and the certificate's fields. */
export async function signingProfileView(userId: string) {
  const p = await loadSigningProfile(await getDb(), userId);
  return {
    image: p?.signatureImage ? { src: `data:image/png;base64,${p.signatureImage}`, width: p.signatureWidth ?? 0, height: p.signatureHeight ?? 0 } : null,
    certificate: p?.certificateDer
      ? {
          subject: p.certificateSubject, issuer: p.certificateIssuer, serial: p.certificateSerial, fingerprint: p.certificateFingerprint,
          notBefore: p.certificateNotBefore, notAfter: p.certificateNotAfter,
        }
      : null,
    cscUserId: p?.cscUserId ?? "",
    cscEnabled: !!process.env.CSC_URL?.trim(),
  };
}

// Each person manages only their own profile: the row is the caller's, from the session, never from the form.
export const setSignatureImage = defineAction({
  name: "account.signature.image",
  schema: signatureImageSchema,
  ...own,
  run: async ({ actor, input, tx }) => {
    const bytes = bytesFromBase64(input.image);
    const info = readPng(bytes);
    const problem = signatureImageProblem(info);
    if (problem || !info) throw invalid({ image: [problem ?? "Ảnh chữ ký phải là tệp PNG."] });
    await upsert(tx, actor.userId, { signatureImage: input.image, signatureWidth: info.width, signatureHeight: info.height });
    return { data: undefined, audit: audit(actor.userId, { width: info.width, height: info.height, size: bytes.length }) };
  },
  revalidate: ["/account"],
});

export const removeSignatureImage = defineAction({
  name: "account.signature.image.remove",
  schema: z.object({}),
  ...own,
  run: async ({ actor, tx }) => {
    await upsert(tx, actor.userId, { signatureImage: null, signatureWidth: null, signatureHeight: null });
    return { data: undefined, audit: audit(actor.userId) };
  },
  revalidate: ["/account"],
});

export const setCertificate = defineAction({
  name: "account.certificate",
  schema: certificateSchema,
  ...own,
  run: async ({ actor, input, tx }) => {
    const c = readCertificate(bytesFromBase64(input.certificate));
    await upsert(tx, actor.userId, {
      certificateDer: Buffer.from(c.der).toString("base64"), certificateSubject: c.subject, certificateIssuer: c.issuer,
      certificateSerial: c.serial, certificateFingerprint: c.fingerprint, certificateNotBefore: c.notBefore, certificateNotAfter: c.notAfter,
    });
    return { data: undefined, audit: audit(actor.userId, { subject: c.subject, issuer: c.issuer, fingerprint: c.fingerprint }) };
  },
  revalidate: ["/account"],
});

export const removeCertificate = defineAction({
  name: "account.certificate.remove",
  schema: z.object({}),
  ...own,
  run: async ({ actor, tx }) => {
    await upsert(tx, actor.userId, {
      certificateDer: null, certificateSubject: "", certificateIssuer: "", certificateSerial: "", certificateFingerprint: "",
      certificateNotBefore: null, certificateNotAfter: null,
    });
    return { data: undefined, audit: audit(actor.userId) };
  },
  revalidate: ["/account"],
});

export const setCscUser = defineAction({
  name: "account.csc.user",
  schema: cscUserSchema,
  ...own,
  run: async ({ actor, input, tx }) => {
    await upsert(tx, actor.userId, { cscUserId: input.cscUserId });
    return { data: undefined, audit: audit(actor.userId, { cscUserId: input.cscUserId }) };
  },
  revalidate: ["/account"],
});

/** Whether the person can start Ký số (both parts on "Tài khoản của tôi"), and the ways this installation offers. */
export async function signingOptions(userId: string) {
  const p = await loadSigningProfile(await getDb(), userId);
  const ready = !p?.signatureImage
    ? "Bạn chưa có ảnh chữ ký: hãy tải lên ảnh chữ ký trước khi ký số."
    : !p.certificateDer
      ? "Bạn chưa đăng ký chứng thư số: hãy tải lên chứng thư số (phần công khai) trước khi ký số."
      : p.certificateNotAfter && p.certificateNotAfter < new Date()
        ? "Chứng thư số của bạn đã hết hạn: hãy tải lên chứng thư số mới."
        : null;
  const agentUrl = process.env.SIGNING_AGENT_URL?.trim() || null;
  const methods = ["pkcs12", ...(agentUrl ? ["agent"] : []), ...(process.env.CSC_URL?.trim() ? ["csc"] : [])] as ("pkcs12" | "agent" | "csc")[];
  return { ready, agentUrl, methods };
}

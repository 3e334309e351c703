import "server-only";
import { X509Certificate } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { agencySigning, storedFiles } from "@/db/schema";
import { assertUsable } from "@/lib/access/use";
import { defineAction, sameAgency } from "@/lib/actions/define";
import type { Actor } from "@/lib/auth/actor";
import { conflict, invalid } from "@/lib/errors";
import { seal } from "@/lib/secret-box";
import { AgencyKeyError, agencyKeyConfig, agencyKeyStatus, signerOf, type AgencyKeyConfig } from "./agency-key";
import { agencyKeyTestSchema, agencyP12Schema, agencyPkcs11Schema, agencySealSchema } from "./agency-settings-schemas";
import { pngSize } from "./agency-sign";
import { readStoredFile } from "./stored-pdf";

// Quản trị → Ký số của cơ quan (issue 14): the administrator stores the agency key (a PKCS#12 file,
// sealed, or an HSM's PKCS#11 module, token, key label and PIN, sealed), the seal image, and tries
// the key ("Thử ký"). Each setting is opened and tried before it is kept; nothing secret is returned.
// A PKCS#11 module is native code loaded into the server: only modules the server's configuration
// allows (AGENCY_PKCS11_MODULES, and AGENCY_PKCS11_MODULE) may be named here.

const PATHS = ["/admin/signing"];
const DEFAULT_MODULES = ["/usr/lib/softhsm/libsofthsm2.so"];

export function allowedPkcs11Modules(env: NodeJS.ProcessEnv = process.env): string[] {
  const listed = (env.AGENCY_PKCS11_MODULES ?? "").split(/[,\s]+/).filter(Boolean);
  return [...new Set([...DEFAULT_MODULES, ...listed, ...(env.AGENCY_PKCS11_MODULE ? [env.AGENCY_PKCS11_MODULE] : [])])];
}

async function loadSettings({ actor, tx }: { actor: Actor; tx: Tx }) {
  await tx.insert(agencySigning).values({ agencyId: actor.agencyId }).onConflictDoNothing();
  const [row] = await tx.select().from(agencySigning).where(eq(agencySigning.agencyId, actor.agencyId)).for("update");
  return row;
}

/** Opens the key and signs a sample: the certificate's subject and validity, or the Vietnamese reason. */
async function tryKey(config: AgencyKeyConfig, field: string) {
  try {
    const signer = signerOf(config);
    const [leaf] = await signer.chain();
    await signer.sign(new TextEncoder().encode("thử ký"));
    const cert = new X509Certificate(leaf);
    if (new Date(cert.validTo) < new Date()) throw invalid({ [field]: [`Chứng thư số của khóa đã hết hạn (${cert.validTo}).`] });
    return { subject: cert.subject, notAfter: new Date(cert.validTo).toISOString(), fingerprint: cert.fingerprint256 };
  } catch (e) {
    if (e instanceof AgencyKeyError) throw invalid({ [field]: [e.message] }, e.message);
    throw e;
  }
}

export const setAgencyKeyPkcs12 = defineAction({
  name: "signatures.agencyKey.pkcs12",
  schema: agencyP12Schema,
  verb: "signatures.configure",
  load: loadSettings,
  authorize: sameAgency,
  run: async ({ input, tx, target }) => {
    const p12 = Buffer.from(input.file, "base64");
    const cert = await tryKey({ backend: "pkcs12", p12, password: input.password }, "file");
    await tx.update(agencySigning).set({
      backend: "pkcs12", p12Enc: seal(p12), p12PasswordEnc: seal(input.password), pkcs11Module: null, pkcs11Token: null, pkcs11KeyLabel: null, pkcs11PinEnc: null, updatedAt: new Date(),
    }).where(eq(agencySigning.agencyId, target.agencyId));
    return { data: { subject: cert.subject }, audit: { objectType: "agency_signing", objectId: target.agencyId, payload: { backend: "pkcs12", certificate: cert } } };
  },
  revalidate: PATHS,
});

export const setAgencyKeyPkcs11 = defineAction({
  name: "signatures.agencyKey.pkcs11",
  schema: agencyPkcs11Schema,
  verb: "signatures.configure",
  load: loadSettings,
  authorize: sameAgency,
  run: async ({ input, tx, target }) => {
    if (!allowedPkcs11Modules().includes(input.module)) {
      throw invalid({ module: ["Thư viện PKCS#11 này chưa được máy chủ cho phép (AGENCY_PKCS11_MODULES)."] });
    }
    const cert = await tryKey({ backend: "pkcs11", module: input.module, token: input.token, keyLabel: input.keyLabel, pin: input.pin }, "keyLabel");
    await tx.update(agencySigning).set({
      backend: "pkcs11", pkcs11Module: input.module, pkcs11Token: input.token, pkcs11KeyLabel: input.keyLabel, pkcs11PinEnc: seal(input.pin), p12Enc: null, p12PasswordEnc: null, updatedAt: new Date(),
    }).where(eq(agencySigning.agencyId, target.agencyId));
    return { data: { subject: cert.subject }, audit: { objectType: "agency_signing", objectId: target.agencyId, payload: { backend: "pkcs11", module: input.module, token: input.token, keyLabel: input.keyLabel, certificate: cert } } };
  },
  revalidate: PATHS,
});

export const setAgencySeal = defineAction({
  name: "signatures.agencySeal",
  schema: agencySealSchema,
  verb: "signatures.configure",
  load: loadSettings,
  authorize: sameAgency,
  run: async ({ actor, input, tx, target }) => {
    await assertUsable(tx, actor, { fileId: ["file", input.fileId] });
    const [f] = await tx.select({ mime: storedFiles.mime }).from(storedFiles).where(eq(storedFiles.id, input.fileId));
    if (f?.mime !== "image/png") throw invalid({ fileId: ["Hình ảnh con dấu phải là tệp PNG nền trong suốt."] });
    const { bytes } = await readStoredFile(tx, target.agencyId, input.fileId);
    const { width, height } = pngSize(bytes);
    if (bytes[25] !== 6 && bytes[25] !== 4) throw invalid({ fileId: ["Hình ảnh con dấu phải có nền trong suốt (PNG có kênh alpha)."] });
    if (width < 200 || height < 200) throw invalid({ fileId: ["Hình ảnh con dấu quá nhỏ (cần ít nhất 200 × 200 điểm ảnh)."] });
    await tx.update(agencySigning).set({ sealFileId: input.fileId, sealWidthMm: String(input.widthMm), updatedAt: new Date() }).where(eq(agencySigning.agencyId, target.agencyId));
    return { data: undefined, audit: { objectType: "agency_signing", objectId: target.agencyId, payload: { sealFileId: input.fileId, widthMm: input.widthMm } } };
  },
  revalidate: PATHS,
});

/** "Thử ký": opens the key in use (settings or configuration) and signs a sample. */
export const testAgencyKey = defineAction({
  name: "signatures.agencyKey.test",
  schema: agencyKeyTestSchema,
  verb: "signatures.configure",
  load: loadSettings,
  authorize: sameAgency,
  run: async ({ tx, target }) => {
    let config: AgencyKeyConfig | null;
    try {
      config = await agencyKeyConfig(tx, target.agencyId);
    } catch (e) {
      throw conflict(e instanceof AgencyKeyError ? e.message : "Không mở được khóa của cơ quan.");
    }
    if (!config) throw conflict("Chưa cấu hình khóa ký số của cơ quan.");
    const cert = await tryKey(config, "key");
    return { data: { subject: cert.subject, notAfter: cert.notAfter }, audit: { objectType: "agency_signing", objectId: target.agencyId, payload: { backend: config.backend, certificate: cert } } };
  },
  revalidate: PATHS,
});

/** The screen's view: the key's status (never a secret), the seal, the allowed PKCS#11 modules. */
export async function agencySigningView(agencyId: string) {
  const db = await getDb();
  const [row] = await db.select({ sealFileId: agencySigning.sealFileId, sealWidthMm: agencySigning.sealWidthMm }).from(agencySigning).where(eq(agencySigning.agencyId, agencyId));
  return { status: await agencyKeyStatus(db, agencyId), hasSeal: !!row?.sealFileId, sealWidthMm: Number(row?.sealWidthMm ?? 36) || 36, modules: allowedPkcs11Modules() };
}

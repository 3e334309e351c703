import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { signingProfiles, signingSessions } from "@/db/schema";
import { removeCertificate, removeSignatureImage, setCertificate, setCscUser, setSignatureImage } from "@/lib/account/signing-profile";
import { completeDigitalSignature, prepareDigitalSignature } from "@/lib/outgoing/digital-sign";
import { ringPng } from "../../signatures/sign";
import { testCa } from "../../signatures/test-ca";
import { fb, na, nf, type AreaMatrix, type Matrix } from "./world";

// Ký số (issue 14): the signer's prepare/complete steps and each person's own signing profile.

const OWN = "every signed-in person manages their own signature image and certificate (verb null)";
const b64 = (u: Uint8Array) => Buffer.from(u).toString("base64");
const image = () => ({ image: b64(ringPng(160)) });
const certificate = async () => ({ certificate: b64((await testCa()).leader.certificate) });

/** The clerk's profile, then the staff member's step: the clerk's row is as it was (no id names it). */
function ownOnly(def: Parameters<Matrix["run"]>[0], input: () => Promise<Record<string, unknown>> | Record<string, unknown>) {
  return async (m: Matrix) => {
    const clerk = m.w.people.clerk.id;
    await m.ok(setSignatureImage, clerk, image());
    await m.ok(setCertificate, clerk, await certificate());
    const [before] = await m.db.select().from(signingProfiles).where(eq(signingProfiles.userId, clerk));
    expect(await m.run(def, m.w.people.staff.id, { ...(await input()), userId: clerk })).toMatchObject({ ok: true });
    const [after] = await m.db.select().from(signingProfiles).where(eq(signingProfiles.userId, clerk));
    expect(after).toEqual(before);
  };
}

/** A signing session of another agency's draft, by its leader. */
async function theirSession(m: Matrix) {
  const documentId = await m.draftAt("awaiting_signature", m.them);
  const [s] = await m.db
    .insert(signingSessions)
    .values({
      agencyId: m.other.agencyId, purpose: "outgoing.sign", documentKind: "outgoing", documentId, userId: m.other.people.leader.id,
      byteRange: [0, 10, 20, 10], digest: "00", toBeSigned: new Uint8Array([1, 2, 3]), chain: [], expiresAt: new Date(Date.now() + 600_000),
    })
    .returning({ id: signingSessions.id });
  return s.id;
}

const chain = async () => [b64((await testCa()).leader.certificate)];

export const signingMatrix: AreaMatrix = [
  {
    def: prepareDigitalSignature,
    wrongPosition: async (m) => m.refused(prepareDigitalSignature, m.w.people.staff.id, { id: await m.draftAt("awaiting_signature"), method: "pkcs12", chain: await chain() }, nf), // verb null: refused as not found
    foreignRow: async (m) => m.refused(prepareDigitalSignature, m.w.people.leader.id, { id: await m.draftAt("awaiting_signature", m.them), method: "pkcs12", chain: await chain() }, nf),
    foreignIds: na("takes no id besides the draft it acts on (the chain is certificates, checked against the signer's own)"),
  },
  {
    def: completeDigitalSignature,
    wrongPosition: async (m) =>
      m.refused(completeDigitalSignature, m.w.people.staff.id, { id: await m.draftAt("awaiting_signature"), sessionId: await theirSession(m), method: "pkcs12", signature: "AA==" }, nf),
    foreignRow: async (m) =>
      m.refused(completeDigitalSignature, m.w.people.leader.id, { id: await m.draftAt("awaiting_signature", m.them), sessionId: await theirSession(m), method: "pkcs12", signature: "AA==" }, nf),
    // Another agency's session on our own draft: refused before anything is signed or stored.
    foreignIds: async (m) =>
      m.refused(completeDigitalSignature, m.w.people.leader.id, { id: await m.draftAt("awaiting_signature"), sessionId: await theirSession(m), method: "pkcs12", signature: "AA==" }, fb),
  },
  { def: setSignatureImage, wrongPosition: na(OWN), foreignRow: ownOnly(setSignatureImage, image), foreignIds: na("takes no id: the profile is the caller's") },
  { def: removeSignatureImage, wrongPosition: na(OWN), foreignRow: ownOnly(removeSignatureImage, () => ({})), foreignIds: na("takes no id: the profile is the caller's") },
  { def: setCertificate, wrongPosition: na(OWN), foreignRow: ownOnly(setCertificate, certificate), foreignIds: na("takes no id: the profile is the caller's") },
  { def: removeCertificate, wrongPosition: na(OWN), foreignRow: ownOnly(removeCertificate, () => ({})), foreignIds: na("takes no id: the profile is the caller's") },
  { def: setCscUser, wrongPosition: na(OWN), foreignRow: ownOnly(setCscUser, () => ({ cscUserId: "nguoi-khac" })), foreignIds: na("takes no id: the profile is the caller's") },
];

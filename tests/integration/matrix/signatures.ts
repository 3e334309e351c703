import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { trustAnchors } from "@/db/schema";
import { certificateInfo } from "@/lib/signatures/cms";
import { readCertificates } from "@/lib/signatures/certificates";
import { importAnchors, removeAnchor } from "@/lib/signatures/trust";
import { fb, na, nf, type AreaMatrix, type Matrix, type Side } from "./world";

// Ký số (issue 14): the administrator's trust anchors for PDF signatures.

const PEM = fs.readFileSync(path.join(process.cwd(), "tests", "fixtures", "pdf-signatures", "trust-anchor.pem"));
const file = PEM.toString("base64");
const admin = (m: Matrix) => m.w.people.admin.id;

/** A live anchor row of that side's agency (the fixture root). */
async function anchorOf(m: Matrix, s: Side) {
  const der = readCertificates(new Uint8Array(PEM))[0];
  const info = await certificateInfo(der);
  const [existing] = await m.db.select({ id: trustAnchors.id }).from(trustAnchors).where(eq(trustAnchors.agencyId, s.w.agencyId));
  if (existing) await m.db.delete(trustAnchors).where(eq(trustAnchors.agencyId, s.w.agencyId));
  const [r] = await m.db
    .insert(trustAnchors)
    .values({ agencyId: s.w.agencyId, der, subject: info.subject, issuer: info.issuer, fingerprint: info.fingerprint, notBefore: info.notBefore, notAfter: info.notAfter })
    .returning({ id: trustAnchors.id });
  return r.id;
}

export const signaturesMatrix: AreaMatrix = [
  {
    def: importAnchors,
    wrongPosition: (m) => m.refused(importAnchors, m.w.people.clerk.id, { file }, fb),
    // The same certificate already trusted by another agency becomes a row of ours; theirs stays.
    foreignRow: async (m) => {
      const theirId = await anchorOf(m, m.them);
      await m.db.delete(trustAnchors).where(eq(trustAnchors.agencyId, m.us.w.agencyId));
      const theirs = async () => (await m.db.select().from(trustAnchors).where(eq(trustAnchors.id, theirId)))[0];
      const before = await theirs();
      expect(await m.ok(importAnchors, admin(m), { file })).toEqual({ added: 1 });
      expect(await theirs()).toEqual(before);
      const ours = await m.db.select().from(trustAnchors).where(eq(trustAnchors.agencyId, m.us.w.agencyId));
      expect(ours).toHaveLength(1);
    },
    foreignIds: na("takes a certificate file and no id; the row it creates is the caller's agency's"),
  },
  {
    def: removeAnchor,
    wrongPosition: async (m) => m.refused(removeAnchor, m.w.people.leader.id, { id: await anchorOf(m, m.us) }, fb),
    foreignRow: async (m) => m.refused(removeAnchor, admin(m), { id: await anchorOf(m, m.them) }, nf),
    foreignIds: na("takes no id besides the anchor it removes"),
  },
];

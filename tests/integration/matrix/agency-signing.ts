import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { agencySigning } from "@/db/schema";
import { setAgencyKeyPkcs11, setAgencyKeyPkcs12, setAgencySeal, testAgencyKey } from "@/lib/signatures/agency-settings";
import { MIME } from "../../factories/outgoing";
import { fb, field, na, type AreaMatrix, type Matrix } from "./world";

// Ký số of the agency (issue 14): the administrator's key, seal and "Thử ký". Each changes only the
// caller's own agency's settings row; the foreign-row case checks another agency's row stays apart.

process.env.EXCHANGE_SECRET ||= "matrix-signatures-secret";
const OWN = "names no row: it changes the caller's own agency's signing settings, which the foreign-row case checks stays apart from another agency's";

const admin = (m: Matrix) => m.w.people.admin.id;
const clerk = (m: Matrix) => m.w.people.clerk.id;
const pkcs11 = { module: "/usr/lib/softhsm/libsofthsm2.so", token: "khong-co", keyLabel: "khoa", pin: "123456" };

/** Another agency's settings row is left as it was by a step of ours. */
async function theirsUnchanged(m: Matrix, step: () => Promise<void>) {
  await m.db.insert(agencySigning).values({ agencyId: m.them.w.agencyId, sealWidthMm: "40" }).onConflictDoNothing();
  const theirs = async () => (await m.db.select().from(agencySigning).where(eq(agencySigning.agencyId, m.them.w.agencyId)))[0];
  const before = await theirs();
  await step();
  expect(await theirs()).toEqual(before);
}

export const agencySigningMatrix: AreaMatrix = [
  {
    def: setAgencyKeyPkcs12,
    wrongPosition: (m) => m.refused(setAgencyKeyPkcs12, clerk(m), { file: "AAAA", password: "" }, fb),
    foreignRow: (m) => theirsUnchanged(m, async () => expect(await m.run(setAgencyKeyPkcs12, admin(m), { file: "AAAA", password: "" })).toMatchObject({ ok: false, code: "validation" })),
    foreignIds: na(OWN),
  },
  {
    def: setAgencyKeyPkcs11,
    wrongPosition: (m) => m.refused(setAgencyKeyPkcs11, clerk(m), pkcs11, fb),
    foreignRow: (m) => theirsUnchanged(m, async () => expect(await m.run(setAgencyKeyPkcs11, admin(m), { ...pkcs11, module: "/tmp/khong-cho-phep.so" })).toMatchObject({ ok: false, code: "validation" })),
    foreignIds: na(OWN),
  },
  {
    def: setAgencySeal,
    wrongPosition: async (m) => m.refused(setAgencySeal, clerk(m), { fileId: await m.file(m.us, MIME.png, admin(m)), widthMm: 36 }, fb),
    foreignRow: (m) => theirsUnchanged(m, async () => expect(await m.run(setAgencySeal, admin(m), { fileId: await m.file(m.us, MIME.pdf, admin(m)), widthMm: 36 })).toMatchObject({ ok: false, code: "validation" })),
    foreignIds: async (m) => m.refused(setAgencySeal, admin(m), { fileId: await m.file(m.them, MIME.png, m.them.w.people.admin.id), widthMm: 36 }, field("fileId")),
  },
  {
    def: testAgencyKey,
    wrongPosition: (m) => m.refused(testAgencyKey, clerk(m), {}, fb),
    foreignRow: (m) => theirsUnchanged(m, async () => void (await m.run(testAgencyKey, admin(m), {}))),
    foreignIds: na(OWN),
  },
];

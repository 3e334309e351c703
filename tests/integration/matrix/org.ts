import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { agencies, ssoIdentities } from "@/db/schema";
import { endOtherSessions, endOwnSession, signOutSession } from "@/lib/account/actions";
import { createSession, validateSession } from "@/lib/auth/sessions";
import {
  createPosition, createUnit, createUser, deletePosition, grantPosition, linkSso, resetPassword, revokePosition, setUserActive, unlinkSso, updateAgency,
  updateUnit, updateUser,
} from "@/lib/org/actions";
import { expect } from "vitest";
import { addPerson } from "../../factories/org";
import { fb, field, na, nf, type AreaMatrix, type Matrix, type Side } from "./world";

// The organisation (the administrator of each agency) and each person's own sessions.

const TARGET_ONLY = "takes no id besides the unit, position or person it changes";
const OWN = "acts on the caller's own sessions only: no position grants or withholds it (verb null), so no position is wrong";
const sfx = () => randomBytes(3).toString("hex").toUpperCase();
const unit = (over: Record<string, unknown> = {}) => ({ kind: "division", code: `D${sfx()}`, name: "Phòng mới", ...over });
const user = (over: Record<string, unknown> = {}) => ({ username: `u.${sfx().toLowerCase()}`, fullName: "Người mới", email: "", ...over });
const person = (m: Matrix, s: Side) => addPerson(m.db, s.w, "staff");
async function identity(m: Matrix, s: Side) {
  const p = await person(m, s);
  const [i] = await m.db.insert(ssoIdentities).values({ userId: p.id, issuer: "https://sso.example.vn", subject: `sub-${sfx()}` }).returning();
  return { userId: p.id, identityId: i.id };
}
const meta = { ip: "10.9.9.9", userAgent: "vitest" };
const admin = (m: Matrix) => m.w.people.admin.id;
const staff = (m: Matrix) => m.w.people.staff.id;

const agencyInput = (over: Record<string, unknown> = {}) => ({ name: "Sở Nội vụ", parentName: "UBND tỉnh", placeName: "Bình Định", emblemFileId: "", ...over });

export const orgMatrix: AreaMatrix = [
  {
    def: updateAgency,
    wrongPosition: (m) => m.refused(updateAgency, staff(m), agencyInput(), fb),
    // The input names no agency: the row is the caller's own; another agency's row stays as it was.
    foreignRow: async (m) => {
      const theirs = async () => (await m.db.select().from(agencies).where(eq(agencies.id, m.them.w.agencyId)))[0];
      const before = await theirs();
      expect(await m.run(updateAgency, admin(m), agencyInput({ name: `Sở Nội vụ ${sfx()}` }))).toMatchObject({ ok: true });
      expect(await theirs()).toEqual(before);
    },
    foreignIds: async (m) => m.refused(updateAgency, admin(m), agencyInput({ emblemFileId: await m.file(m.them, "image/png", m.them.w.people.admin.id) }), field("emblemFileId")),
  },
  {
    def: createUnit,
    wrongPosition: (m) => m.refused(createUnit, staff(m), unit(), fb),
    foreignRow: na("creates a unit: the only row it names is its parent, which the foreign-ids case covers"),
    foreignIds: (m) => m.refused(createUnit, admin(m), unit({ parentId: m.other.divisionId }), nf),
  },
  {
    def: updateUnit,
    wrongPosition: (m) => m.refused(updateUnit, staff(m), unit({ id: m.us.xdcq.id }), fb),
    foreignRow: (m) => m.refused(updateUnit, admin(m), unit({ id: m.them.xdcq.id }), nf),
    foreignIds: (m) => m.refused(updateUnit, admin(m), unit({ id: m.us.xdcq.id, parentId: m.other.divisionId }), nf),
  },
  {
    def: createPosition,
    wrongPosition: (m) => m.refused(createPosition, staff(m), { unitId: m.w.divisionId, kind: "staff", title: "Chuyên viên" }, fb),
    foreignRow: (m) => m.refused(createPosition, admin(m), { unitId: m.other.divisionId, kind: "staff", title: "Chuyên viên" }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: deletePosition,
    wrongPosition: (m) => m.refused(deletePosition, staff(m), { id: m.w.people.archivist.positionId }, fb),
    foreignRow: (m) => m.refused(deletePosition, admin(m), { id: m.other.people.archivist.positionId }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: createUser,
    wrongPosition: (m) => m.refused(createUser, staff(m), user(), fb),
    foreignRow: na("creates a person: the only row it names is the position given, which the foreign-ids case covers"),
    foreignIds: (m) => m.refused(createUser, admin(m), user({ positionId: m.other.people.staff.positionId }), nf),
  },
  {
    def: updateUser,
    wrongPosition: async (m) => m.refused(updateUser, staff(m), { id: (await person(m, m.us)).id, fullName: "Tên mới", email: "" }, fb),
    foreignRow: async (m) => m.refused(updateUser, admin(m), { id: (await person(m, m.them)).id, fullName: "Tên mới", email: "" }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: setUserActive,
    wrongPosition: async (m) => m.refused(setUserActive, staff(m), { id: (await person(m, m.us)).id, active: false }, fb),
    foreignRow: async (m) => m.refused(setUserActive, admin(m), { id: (await person(m, m.them)).id, active: false }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  ...[grantPosition, revokePosition].map((def) => ({
    def,
    wrongPosition: async (m: Matrix) => m.refused(def, staff(m), { id: (await person(m, m.us)).id, positionId: m.w.people.clerk.positionId }, fb),
    foreignRow: async (m: Matrix) => m.refused(def, admin(m), { id: (await person(m, m.them)).id, positionId: m.w.people.clerk.positionId }, nf),
    foreignIds: async (m: Matrix) => m.refused(def, admin(m), { id: (await person(m, m.us)).id, positionId: m.other.people.clerk.positionId }, nf),
  })),
  {
    def: linkSso,
    wrongPosition: async (m) => m.refused(linkSso, staff(m), { id: (await person(m, m.us)).id, issuer: "https://sso.example.vn", subject: `s-${sfx()}` }, fb),
    foreignRow: async (m) => m.refused(linkSso, admin(m), { id: (await person(m, m.them)).id, issuer: "https://sso.example.vn", subject: `s-${sfx()}` }, nf),
    foreignIds: na("takes no id besides the person it links (issuer and subject are the identity provider's, not rows)"),
  },
  {
    def: unlinkSso,
    wrongPosition: async (m) => m.refused(unlinkSso, staff(m), (({ userId, identityId }) => ({ id: userId, identityId }))(await identity(m, m.us)), fb),
    foreignRow: async (m) => m.refused(unlinkSso, admin(m), (({ userId, identityId }) => ({ id: userId, identityId }))(await identity(m, m.them)), nf),
    foreignIds: async (m) => {
      const mine = await identity(m, m.us);
      const theirs = await identity(m, m.them);
      await m.refused(unlinkSso, admin(m), { id: mine.userId, identityId: theirs.identityId }, nf);
    },
  },
  {
    def: resetPassword,
    wrongPosition: async (m) => m.refused(resetPassword, staff(m), { id: (await person(m, m.us)).id, password: "Mat-khau-moi-2026!", confirm: "Mat-khau-moi-2026!" }, fb),
    foreignRow: async (m) => m.refused(resetPassword, admin(m), { id: (await person(m, m.them)).id, password: "Mat-khau-moi-2026!", confirm: "Mat-khau-moi-2026!" }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: endOwnSession,
    wrongPosition: na(OWN),
    foreignRow: async (m) => {
      const theirs = await createSession(m.db, m.w.people.clerk.id, "password", meta);
      const caller = { userId: staff(m), sessionId: await createSession(m.db, staff(m), "password", meta), meta };
      await m.refused(endOwnSession, caller, { id: theirs }, nf);
      expect(await validateSession(m.db, theirs)).toEqual({ userId: m.w.people.clerk.id });
    },
    foreignIds: na("takes no id besides the session it ends"),
  },
  ...[endOtherSessions, signOutSession].map((def) => ({
    def,
    wrongPosition: na(OWN),
    // No id in its input: the row is the caller's session; one naming another person's session ends nothing of theirs.
    foreignRow: async (m: Matrix) => {
      const theirs = await createSession(m.db, m.w.people.clerk.id, "password", meta);
      const r = await m.run(def, { userId: staff(m), sessionId: theirs, meta }, {});
      expect(r).toMatchObject({ ok: true });
      expect(await validateSession(m.db, theirs)).toEqual({ userId: m.w.people.clerk.id });
    },
    foreignIds: na("takes no input at all"),
  })),
];

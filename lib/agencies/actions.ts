import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { agencies, positions, units, userPositions, users, userSessions } from "@/db/schema";
import { defineAction } from "@/lib/actions/define";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { conflict, invalid, notFound } from "@/lib/errors";
import { createAgencyAdminSchema, createAgencySchema, disableAgencySchema, enableAgencySchema } from "./schemas";

// Quản trị cấp tỉnh (province_admin, "agencies.manage"): creates the agencies of the installation and
// their administrators. Only a person of the province's own administration row (agencies.province)
// may, and never for that row itself; nothing here reads or writes a document.

const PATHS = ["/admin/agencies"];

/** The actor's own agency row: the province's administration row, or an agency that may not do this. */
async function actorsAgency(tx: Tx, actor: Actor) {
  const [a] = await tx.select({ id: agencies.id, province: agencies.province }).from(agencies).where(eq(agencies.id, actor.agencyId));
  if (!a) throw notFound();
  return a;
}

async function assertUsernameFree(tx: Tx, username: string) {
  const [dup] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${username})`);
  if (dup) throw invalid({ adminUsername: ["Tên đăng nhập này đã có người dùng."] });
}

/** An administrator of `agencyId`, holding the agency's "Quản trị hệ thống" position (created in its first unit when missing). */
async function insertAdmin(tx: Tx, agencyId: string, a: { adminUsername: string; adminFullName: string; adminPassword: string }) {
  await assertUsernameFree(tx, a.adminUsername);
  let [position] = await tx
    .select({ id: positions.id })
    .from(positions)
    .innerJoin(units, eq(units.id, positions.unitId))
    .where(and(eq(units.agencyId, agencyId), eq(positions.kind, "admin")))
    .orderBy(asc(units.sortOrder), asc(positions.createdAt))
    .limit(1);
  if (!position) {
    let [unit] = await tx.select({ id: units.id }).from(units).where(eq(units.agencyId, agencyId)).orderBy(asc(units.sortOrder)).limit(1);
    if (!unit) [unit] = await tx.insert(units).values({ agencyId, code: "VP", name: "Văn phòng", kind: "office", sortOrder: 1 }).returning({ id: units.id });
    [position] = await tx.insert(positions).values({ unitId: unit.id, kind: "admin", title: "Quản trị hệ thống" }).returning({ id: positions.id });
  }
  const [user] = await tx
    .insert(users)
    .values({
      agencyId, username: a.adminUsername.toLowerCase(), fullName: a.adminFullName,
      passwordHash: await hashPassword(a.adminPassword), passwordChangedAt: new Date(),
    })
    .returning({ id: users.id });
  await tx.insert(userPositions).values({ userId: user.id, positionId: position.id });
  return user.id;
}

export const createAgency = defineAction({
  name: "agencies.create",
  idempotent: true,
  schema: createAgencySchema,
  verb: "agencies.manage",
  load: ({ actor, tx }) => actorsAgency(tx, actor),
  authorize: ({ target }) => target.province,
  run: async ({ input, tx }) => {
    const [dupCode] = await tx.select({ id: agencies.id }).from(agencies).where(sql`lower(${agencies.code}) = lower(${input.code})`);
    if (dupCode) throw invalid({ code: ["Ký hiệu viết tắt này đã được dùng cho cơ quan khác."] });
    const [dupOrgan] = await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.organId, input.organId));
    if (dupOrgan) throw invalid({ organId: ["Mã định danh này đã được dùng cho cơ quan khác."] });
    const [agency] = await tx
      .insert(agencies)
      .values({ code: input.code, name: input.name, organId: input.organId, parentName: input.parentName, placeName: input.placeName })
      .returning({ id: agencies.id });
    await tx.insert(units).values({ agencyId: agency.id, code: "VP", name: "Văn phòng", kind: "office", sortOrder: 1 });
    const adminId = await insertAdmin(tx, agency.id, input);
    // Its registers are created by the first registration of each year and series (lib/registers/numbering.ts ensureRegister).
    return {
      data: { id: agency.id, adminId },
      audit: {
        objectType: "agency", objectId: agency.id,
        payload: { code: input.code, name: input.name, organId: input.organId, adminUsername: input.adminUsername.toLowerCase(), adminId },
      },
    };
  },
  revalidate: PATHS,
});

/**
 * An agency the actor manages, locked for the step: the actor must sit in the province's administration
 * row, and that row itself is not an agency it manages (its administrators are seeded).
 */
const managedAgency = {
  verb: "agencies.manage" as const,
  load: async ({ actor, input, tx }: { actor: Actor; input: { agencyId: string }; tx: Tx }) => {
    const own = await actorsAgency(tx, actor);
    const [target] = await tx
      .select({ id: agencies.id, name: agencies.name, province: agencies.province, disabledAt: agencies.disabledAt })
      .from(agencies)
      .where(eq(agencies.id, input.agencyId))
      .for("update");
    if (!target) throw notFound();
    return { ...target, actorIsProvince: own.province };
  },
  authorize: ({ target }: { target: { actorIsProvince: boolean; province: boolean } }) => target.actorIsProvince && !target.province,
};

export const createAgencyAdmin = defineAction({
  name: "agencies.createAdmin",
  idempotent: true,
  schema: createAgencyAdminSchema,
  ...managedAgency,
  run: async ({ input, tx, target }) => {
    const adminId = await insertAdmin(tx, target.id, input);
    return {
      data: { id: adminId },
      audit: { objectType: "user", objectId: adminId, payload: { agencyId: target.id, username: input.adminUsername.toLowerCase(), fullName: input.adminFullName } },
    };
  },
  revalidate: PATHS,
});

/**
 * Ngừng hoạt động: the agency's people can no longer sign in (password or SSO) and every session they hold
 * ends now; its documents, registers, numbers and files stay untouched, and Cho hoạt động lại gives it all back.
 */
export const disableAgency = defineAction({
  name: "agencies.disable",
  schema: disableAgencySchema,
  ...managedAgency,
  run: async ({ input, tx, target }) => {
    if (target.disabledAt) throw conflict("Cơ quan này đã ngừng hoạt động.");
    await tx.update(agencies).set({ disabledAt: new Date(), disabledReason: input.reason }).where(eq(agencies.id, target.id));
    const ended = await tx
      .update(userSessions)
      .set({ endedAt: new Date(), endReason: "agency_disabled" })
      .where(and(isNull(userSessions.endedAt), inArray(userSessions.userId, tx.select({ id: users.id }).from(users).where(eq(users.agencyId, target.id)))))
      .returning({ id: userSessions.id });
    return {
      data: { id: target.id },
      audit: { objectType: "agency", objectId: target.id, payload: { name: target.name, reason: input.reason, sessionsEnded: ended.length } },
    };
  },
  revalidate: PATHS,
});

export const enableAgency = defineAction({
  name: "agencies.enable",
  schema: enableAgencySchema,
  ...managedAgency,
  run: async ({ tx, target }) => {
    if (!target.disabledAt) throw conflict("Cơ quan này đang hoạt động.");
    await tx.update(agencies).set({ disabledAt: null, disabledReason: "" }).where(eq(agencies.id, target.id));
    return { data: { id: target.id }, audit: { objectType: "agency", objectId: target.id, payload: { name: target.name, disabledAt: target.disabledAt.toISOString() } } };
  },
  revalidate: PATHS,
});

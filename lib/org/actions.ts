import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { agencies, positions, ssoIdentities, storedFiles, units, userPositions, users } from "@/db/schema";
import { assertUsable } from "@/lib/access/use";
import { defineAction, sameAgency } from "@/lib/actions/define";
import { hashPassword } from "@/lib/auth/password";
import { endUserSessions } from "@/lib/auth/sessions";
import { conflict, invalid, notFound } from "@/lib/errors";
import {
  activeAdminCount, holderCount, isSelfOrDescendant, loadPosition, loadUnit, loadUser, lockAgency,
} from "./guards";
import { formatSize } from "@/lib/format";
import {
  agencySchema, EMBLEM_MAX_BYTES, EMBLEM_MIMES,
  createUnitSchema, createUserSchema, deletePositionSchema, linkSsoSchema, positionSchema, resetPasswordSchema,
  setUserActiveSchema, unlinkSsoSchema, updateUnitSchema, updateUserSchema, userPositionSchema,
} from "./schemas";

// The administrator manages the organisation of their own agency only: every row is checked
// against the actor's agency (style.md rule 3).
const ADMIN_PATHS = ["/admin"];

async function assertUnitCodeFree(tx: Parameters<typeof loadUnit>[0], agencyId: string, code: string, exceptId?: string) {
  const [dup] = await tx
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.agencyId, agencyId), sql`lower(${units.code}) = lower(${code})`, exceptId ? sql`${units.id} <> ${exceptId}` : undefined));
  if (dup) throw invalid({ code: ["Ký hiệu viết tắt này đã được dùng cho đơn vị khác."] });
}

export const createUnit = defineAction({
  name: "org.unit.create",
  idempotent: true,
  schema: createUnitSchema,
  verb: "org.manage",
  load: async ({ actor, input, tx }) => (input.parentId ? loadUnit(tx, input.parentId) : { agencyId: actor.agencyId }),
  authorize: sameAgency,
  run: async ({ actor, input, tx }) => {
    await assertUsable(tx, actor, { parentId: ["unit", input.parentId] });
    await assertUnitCodeFree(tx, actor.agencyId, input.code);
    const [u] = await tx.insert(units).values({ ...input, agencyId: actor.agencyId }).returning({ id: units.id });
    return { data: { id: u.id }, audit: { objectType: "unit", objectId: u.id, payload: { ...input } } };
  },
  revalidate: ADMIN_PATHS,
});

export const updateUnit = defineAction({
  name: "org.unit.update",
  schema: updateUnitSchema,
  verb: "org.manage",
  load: async ({ input, tx }) => {
    const unit = await loadUnit(tx, input.id);
    const parent = input.parentId ? await loadUnit(tx, input.parentId) : null;
    return { ...unit, parentAgencyId: parent?.agencyId ?? unit.agencyId };
  },
  authorize: ({ actor, target }) => target.agencyId === actor.agencyId && target.parentAgencyId === actor.agencyId,
  run: async ({ actor, input, tx, target }) => {
    await assertUsable(tx, actor, { parentId: ["unit", input.parentId] });
    if (input.parentId && (await isSelfOrDescendant(tx, target.id, input.parentId))) {
      throw invalid({ parentId: ["Không thể chuyển đơn vị vào chính nó hoặc vào đơn vị cấp dưới của nó."] });
    }
    await assertUnitCodeFree(tx, target.agencyId, input.code, target.id);
    const { id, ...values } = input;
    await tx.update(units).set({ ...values, updatedAt: new Date() }).where(eq(units.id, id));
    const before = { parentId: target.parentId, kind: target.kind, code: target.code, name: target.name };
    return { data: { id }, audit: { objectType: "unit", objectId: id, payload: { before, after: values } } };
  },
  revalidate: ADMIN_PATHS,
});

export const createPosition = defineAction({
  name: "org.position.create",
  idempotent: true,
  schema: positionSchema,
  verb: "org.manage",
  load: ({ input, tx }) => loadUnit(tx, input.unitId),
  authorize: sameAgency,
  run: async ({ input, tx }) => {
    const [p] = await tx.insert(positions).values(input).returning({ id: positions.id });
    return { data: { id: p.id }, audit: { objectType: "position", objectId: p.id, payload: { ...input } } };
  },
  revalidate: ADMIN_PATHS,
});

export const deletePosition = defineAction({
  name: "org.position.delete",
  schema: deletePositionSchema,
  verb: "org.manage",
  load: ({ input, tx }) => loadPosition(tx, input.id),
  authorize: sameAgency,
  run: async ({ tx, target }) => {
    if ((await holderCount(tx, target.id)) > 0) {
      throw conflict("Chức vụ đang có người giữ; hãy gỡ chức vụ khỏi những người này trước khi xóa.");
    }
    await tx.delete(positions).where(eq(positions.id, target.id));
    return { data: undefined, audit: { objectType: "position", objectId: target.id, payload: { title: target.title, kind: target.kind } } };
  },
  revalidate: ADMIN_PATHS,
});

export const createUser = defineAction({
  name: "org.user.create",
  idempotent: true,
  schema: createUserSchema,
  verb: "org.manage",
  load: async ({ actor, input, tx }) => (input.positionId ? loadPosition(tx, input.positionId) : { agencyId: actor.agencyId }),
  authorize: sameAgency,
  run: async ({ actor, input, tx }) => {
    await assertUsable(tx, actor, { positionId: ["position", input.positionId] });
    const [dup] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${input.username})`);
    if (dup) throw invalid({ username: ["Tên đăng nhập này đã có người dùng."] });
    const [u] = await tx
      .insert(users)
      .values({
        agencyId: actor.agencyId,
        username: input.username.toLowerCase(),
        fullName: input.fullName,
        email: input.email,
        passwordHash: input.password ? await hashPassword(input.password) : null,
        passwordChangedAt: input.password ? new Date() : null,
      })
      .returning({ id: users.id });
    if (input.positionId) await tx.insert(userPositions).values({ userId: u.id, positionId: input.positionId });
    return {
      data: { id: u.id },
      audit: { objectType: "user", objectId: u.id, payload: { username: input.username, fullName: input.fullName, positionId: input.positionId } },
    };
  },
  revalidate: ADMIN_PATHS,
});

export const updateUser = defineAction({
  name: "org.user.update",
  schema: updateUserSchema,
  verb: "org.manage",
  load: ({ input, tx }) => loadUser(tx, input.id),
  authorize: sameAgency,
  run: async ({ input, tx, target }) => {
    await tx.update(users).set({ fullName: input.fullName, email: input.email, updatedAt: new Date() }).where(eq(users.id, target.id));
    return { data: undefined, audit: { objectType: "user", objectId: target.id, payload: { fullName: input.fullName, email: input.email } } };
  },
  revalidate: ADMIN_PATHS,
});

export const setUserActive = defineAction({
  name: "org.user.setActive",
  schema: setUserActiveSchema,
  verb: "org.manage",
  load: ({ input, tx }) => loadUser(tx, input.id),
  authorize: sameAgency,
  run: async ({ actor, input, tx, target }) => {
    if (!input.active) {
      if (target.id === actor.userId) throw conflict("Bạn không thể tự vô hiệu hóa tài khoản của mình.");
      await lockAgency(tx, target.agencyId);
      if ((await activeAdminCount(tx, target.agencyId)) > 0 && (await activeAdminCount(tx, target.agencyId, target.id)) === 0) {
        throw conflict("Không thể vô hiệu hóa quản trị viên cuối cùng của cơ quan.");
      }
    }
    if (target.active === input.active) {
      throw conflict(input.active ? "Tài khoản này đang hoạt động." : "Tài khoản này đã bị vô hiệu hóa.");
    }
    await tx
      .update(users)
      .set({ active: input.active, disabledAt: input.active ? null : new Date(), updatedAt: new Date() })
      .where(eq(users.id, target.id));
    // ASVS 7.4.2: disabling a person ends their sessions (they are also re-checked on every request).
    if (!input.active) await endUserSessions(tx, target.id, "user_disabled");
    return { data: undefined, audit: { objectType: "user", objectId: target.id, payload: { active: input.active } } };
  },
  revalidate: ADMIN_PATHS,
});

const userAndPosition = async ({ input, tx }: { input: { id: string; positionId: string }; tx: Parameters<typeof loadUser>[0] }) => {
  const user = await loadUser(tx, input.id);
  const position = await loadPosition(tx, input.positionId);
  return { user, position, agencyId: user.agencyId === position.agencyId ? user.agencyId : "" };
};

export const grantPosition = defineAction({
  name: "org.user.grantPosition",
  schema: userPositionSchema,
  verb: "org.manage",
  load: userAndPosition,
  authorize: sameAgency,
  run: async ({ actor, input, tx, target }) => {
    await assertUsable(tx, actor, { positionId: ["position", input.positionId] });
    const inserted = await tx
      .insert(userPositions)
      .values({ userId: target.user.id, positionId: target.position.id })
      .onConflictDoNothing()
      .returning({ userId: userPositions.userId });
    if (inserted.length === 0) throw conflict(`${target.user.fullName} đã giữ chức vụ "${target.position.title}".`);
    return {
      data: undefined,
      audit: { objectType: "user", objectId: target.user.id, payload: { positionId: target.position.id, title: target.position.title } },
    };
  },
  revalidate: ADMIN_PATHS,
});

export const revokePosition = defineAction({
  name: "org.user.revokePosition",
  schema: userPositionSchema,
  verb: "org.manage",
  load: userAndPosition,
  authorize: sameAgency,
  run: async ({ actor, input, tx, target }) => {
    await assertUsable(tx, actor, { positionId: ["position", input.positionId] });
    if (target.position.kind === "admin") {
      await lockAgency(tx, target.agencyId);
      if ((await activeAdminCount(tx, target.agencyId, target.user.id, target.position.id)) === 0) {
        throw conflict("Không thể gỡ chức vụ quản trị của quản trị viên cuối cùng.");
      }
    }
    const removed = await tx
      .delete(userPositions)
      .where(and(eq(userPositions.userId, target.user.id), eq(userPositions.positionId, target.position.id)))
      .returning({ userId: userPositions.userId });
    if (removed.length === 0) throw conflict(`${target.user.fullName} không giữ chức vụ "${target.position.title}".`);
    return {
      data: undefined,
      audit: { objectType: "user", objectId: target.user.id, payload: { positionId: target.position.id, title: target.position.title } },
    };
  },
  revalidate: ADMIN_PATHS,
});

export const linkSso = defineAction({
  name: "org.user.linkSso",
  schema: linkSsoSchema,
  verb: "org.manage",
  load: ({ input, tx }) => loadUser(tx, input.id),
  authorize: sameAgency,
  run: async ({ input, tx, target }) => {
    const inserted = await tx
      .insert(ssoIdentities)
      .values({ userId: target.id, issuer: input.issuer, subject: input.subject })
      .onConflictDoNothing()
      .returning({ id: ssoIdentities.id });
    if (inserted.length === 0) throw invalid({ subject: ["Định danh SSO này đã được liên kết với một người dùng."] });
    return { data: undefined, audit: { objectType: "user", objectId: target.id, payload: { issuer: input.issuer, subject: input.subject } } };
  },
  revalidate: ADMIN_PATHS,
});

export const unlinkSso = defineAction({
  name: "org.user.unlinkSso",
  schema: unlinkSsoSchema,
  verb: "org.manage",
  load: async ({ input, tx }) => {
    const user = await loadUser(tx, input.id);
    const [identity] = await tx
      .select()
      .from(ssoIdentities)
      .where(and(eq(ssoIdentities.id, input.identityId), eq(ssoIdentities.userId, user.id)));
    if (!identity) throw notFound();
    return { ...user, identity };
  },
  authorize: sameAgency,
  run: async ({ actor, input, tx, target }) => {
    await assertUsable(tx, actor, { identityId: ["ssoIdentity", input.identityId] });
    await tx.delete(ssoIdentities).where(eq(ssoIdentities.id, target.identity.id));
    return {
      data: undefined,
      audit: { objectType: "user", objectId: target.id, payload: { issuer: target.identity.issuer, subject: target.identity.subject } },
    };
  },
  revalidate: ADMIN_PATHS,
});

export const resetPassword = defineAction({
  name: "org.user.resetPassword",
  schema: resetPasswordSchema,
  verb: "org.manage",
  load: ({ input, tx }) => loadUser(tx, input.id),
  authorize: sameAgency,
  run: async ({ input, tx, target }) => {
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(input.password), passwordChangedAt: new Date(), updatedAt: new Date() })
      .where(eq(users.id, target.id));
    await endUserSessions(tx, target.id, "password_reset");
    return { data: undefined, audit: { objectType: "user", objectId: target.id, payload: {} } };
  },
  revalidate: ADMIN_PATHS,
});

/**
 * Thông tin cơ quan: name, parent (cơ quan chủ quản), địa danh and emblem of the administrator's own
 * agency (the input names no agency: the row is the actor's). A new emblem must be a file the
 * administrator may use (assertUsable) and a PNG or JPEG of at most 1 MB, as sniffed at upload.
 */
export const updateAgency = defineAction({
  name: "org.agency.update",
  schema: agencySchema,
  verb: "org.manage",
  load: async ({ actor, tx }) => {
    const [a] = await tx.select().from(agencies).where(eq(agencies.id, actor.agencyId));
    if (!a) throw notFound();
    return { ...a, agencyId: a.id };
  },
  authorize: sameAgency,
  run: async ({ actor, input, tx, target }) => {
    if (input.emblemFileId && input.emblemFileId !== target.emblemFileId) {
      await assertUsable(tx, actor, { emblemFileId: ["file", input.emblemFileId] });
      const [f] = await tx.select({ mime: storedFiles.mime, size: storedFiles.size }).from(storedFiles).where(eq(storedFiles.id, input.emblemFileId));
      if (!(EMBLEM_MIMES as readonly string[]).includes(f.mime)) {
        throw invalid({ emblemFileId: ["Biểu tượng phải là ảnh PNG hoặc JPEG (không nhận SVG)."] });
      }
      if (f.size > EMBLEM_MAX_BYTES) throw invalid({ emblemFileId: [`Biểu tượng không được lớn hơn ${formatSize(EMBLEM_MAX_BYTES)}.`] });
    }
    await tx.update(agencies).set(input).where(eq(agencies.id, target.id));
    const before = { name: target.name, parentName: target.parentName, placeName: target.placeName, emblemFileId: target.emblemFileId };
    return { data: { id: target.id }, audit: { objectType: "agency", objectId: target.id, payload: { before, after: input } } };
  },
  revalidate: ["/", "/admin"],
});

import { randomBytes, randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { agencies, positions, units, userPositions, users, type PositionKind } from "@/db/schema";
import type { ActionCaller } from "@/lib/actions/define";
import { IDEMPOTENCY_FIELD, withIdempotencyKey } from "@/lib/actions/idempotency-field";

const suffix = () => randomBytes(3).toString("hex");

export interface World {
  agencyId: string;
  officeId: string;
  divisionId: string;
  people: Record<PositionKind, { id: string; username: string; positionId: string }>;
}

/**
 * An agency with a Văn phòng and one division, and one person per position kind. Password
 * hashes are left empty: tests that sign in set their own with hashPassword.
 */
export async function buildWorld(db: Db, code = `A${suffix()}`): Promise<World> {
  const [agency] = await db
    .insert(agencies)
    .values({ code, name: `Cơ quan ${code}`, organId: `000.00.${suffix()}` })
    .returning({ id: agencies.id });
  const [office] = await db
    .insert(units)
    .values({ agencyId: agency.id, kind: "office", code: "VP", name: "Văn phòng" })
    .returning({ id: units.id });
  const [division] = await db
    .insert(units)
    .values({ agencyId: agency.id, kind: "division", code: "TCCB", name: "Phòng Tổ chức cán bộ" })
    .returning({ id: units.id });
  const kinds: PositionKind[] = ["admin", "clerk", "leader", "office_chief", "checker", "unit_head", "unit_deputy", "staff", "archivist"];
  const people = {} as World["people"];
  for (const kind of kinds) {
    const unitId = ["unit_head", "unit_deputy", "staff"].includes(kind) ? division.id : office.id;
    const [p] = await db.insert(positions).values({ unitId, kind, title: kind }).returning({ id: positions.id });
    const username = `${kind}.${code}`.toLowerCase();
    const [u] = await db
      .insert(users)
      .values({ agencyId: agency.id, username, fullName: `Người ${kind}` })
      .returning({ id: users.id });
    await db.insert(userPositions).values({ userId: u.id, positionId: p.id });
    people[kind] = { id: u.id, username, positionId: p.id };
  }
  return { agencyId: agency.id, officeId: office.id, divisionId: division.id, people };
}

export const callerOf = (userId: string, ip = "10.0.0.1"): ActionCaller => ({
  userId,
  sessionId: `test-${userId}`,
  meta: { ip, userAgent: "vitest" },
});

/** The input as the app's forms send it: with a fresh idempotency key unless it already has one (creating actions require it). */
export const keyed = <I>(input: I): I =>
  input && typeof input === "object" && IDEMPOTENCY_FIELD in input ? input : withIdempotencyKey(input, randomUUID());

export interface Person {
  id: string;
  username: string;
  positionId: string;
}

/**
 * One more person in the world. Without `positionId` a new position of `kind` is created in the
 * office (or the division for unit kinds), so the person is its only holder.
 */
export async function addPerson(
  db: Db,
  w: World,
  kind: PositionKind,
  opts: { username?: string; passwordHash?: string | null; positionId?: string; active?: boolean } = {},
): Promise<Person> {
  let positionId = opts.positionId;
  if (!positionId) {
    const unitId = ["unit_head", "unit_deputy", "staff"].includes(kind) ? w.divisionId : w.officeId;
    [{ id: positionId }] = await db.insert(positions).values({ unitId, kind, title: `${kind} ${suffix()}` }).returning({ id: positions.id });
  }
  const username = opts.username ?? `${kind}.${suffix()}`;
  const [u] = await db
    .insert(users)
    .values({
      agencyId: w.agencyId, username, fullName: `Người ${username}`, passwordHash: opts.passwordHash ?? null, active: opts.active ?? true,
    })
    .returning({ id: users.id });
  await db.insert(userPositions).values({ userId: u.id, positionId });
  return { id: u.id, username, positionId };
}

/** A unit of the world's agency, under `parentId` when given. */
export async function addUnit(db: Db, w: World, opts: { parentId?: string | null; kind?: "office" | "division" | "affiliated" | "leadership"; code?: string } = {}) {
  const code = opts.code ?? `U${suffix()}`.toUpperCase();
  const [u] = await db
    .insert(units)
    .values({ agencyId: w.agencyId, parentId: opts.parentId ?? null, kind: opts.kind ?? "division", code, name: `Đơn vị ${code}` })
    .returning({ id: units.id });
  return { id: u.id, code };
}

/**
 * The province's own administration row (agencies.province) with one Quản trị cấp tỉnh (province_admin):
 * manages the agencies of the installation, reads no document.
 */
export async function buildProvince(db: Db, code = `P${suffix()}`): Promise<{ agencyId: string; unitId: string; admin: Person }> {
  const [agency] = await db
    .insert(agencies)
    .values({ code, name: `Quản trị cấp tỉnh ${code}`, organId: `000.00.${suffix()}`, province: true })
    .returning({ id: agencies.id });
  const [unit] = await db.insert(units).values({ agencyId: agency.id, kind: "office", code: "QT", name: "Tổ quản trị" }).returning({ id: units.id });
  const [p] = await db.insert(positions).values({ unitId: unit.id, kind: "province_admin", title: "Quản trị cấp tỉnh" }).returning({ id: positions.id });
  const username = `province.${code}`.toLowerCase();
  const [u] = await db.insert(users).values({ agencyId: agency.id, username, fullName: `Người quản trị ${code}` }).returning({ id: users.id });
  await db.insert(userPositions).values({ userId: u.id, positionId: p.id });
  return { agencyId: agency.id, unitId: unit.id, admin: { id: u.id, username, positionId: p.id } };
}

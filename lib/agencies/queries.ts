import "server-only";
import { and, asc, desc, eq, lt, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { agencies, auditEvents, positions, units, userPositions, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";

// Quản trị cấp tỉnh → Cơ quan: the agencies of the installation with their numbers of people, and
// one agency's administrators. Organisation data only: no document, register entry or file is read.

export const AGENCIES_PAGE_SIZE = 20;

export interface AgencyRow {
  id: string;
  code: string;
  name: string;
  organId: string;
  parentName: string;
  users: number;
  activeUsers: number;
  admins: number;
  disabledAt: Date | null;
}

const managesAgencies = (actor: Actor) => can(actor, "agencies.manage");

// Qualified by hand: drizzle writes a one-table select's columns unqualified, and "id" is then ambiguous here.
const agencyId = sql`"agencies"."id"`;
const counts = {
  users: sql<number>`(select count(*) from ${users} u where u.agency_id = ${agencyId})::int`,
  activeUsers: sql<number>`(select count(*) from ${users} u where u.agency_id = ${agencyId} and u.active)::int`,
  admins: sql<number>`(select count(distinct u.id) from ${users} u join ${userPositions} up on up.user_id = u.id
    join ${positions} p on p.id = up.position_id where u.agency_id = ${agencyId} and u.active and p.kind = 'admin')::int`,
};

/** The agencies (never the province's own administration row), by name, a page at a time; empty for anyone else. */
export async function listAgencies(actor: Actor, q: string, page: number, given?: Db): Promise<{ rows: AgencyRow[]; hasNext: boolean; total: number }> {
  if (!managesAgencies(actor)) return { rows: [], hasNext: false, total: 0 };
  const db = given ?? (await getDb());
  const term = q.trim();
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const where = and(
    eq(agencies.province, false),
    term ? sql`(f_unaccent(${agencies.name}) ilike f_unaccent(${pattern}) or ${agencies.code} ilike ${pattern} or ${agencies.organId} ilike ${pattern})` : undefined,
  );
  const rows = await db
    .select({ id: agencies.id, code: agencies.code, name: agencies.name, organId: agencies.organId, parentName: agencies.parentName, disabledAt: agencies.disabledAt, ...counts })
    .from(agencies)
    .where(where)
    .orderBy(asc(agencies.name), asc(agencies.id))
    .limit(AGENCIES_PAGE_SIZE + 1)
    .offset((page - 1) * AGENCIES_PAGE_SIZE);
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(agencies).where(where);
  return { rows: rows.slice(0, AGENCIES_PAGE_SIZE), hasNext: rows.length > AGENCIES_PAGE_SIZE, total: n };
}

/** One agency with its counts and active administrators; null when missing, the province's row, or not a province administrator. */
export async function loadAgencyForProvince(actor: Actor, id: string, given?: Db) {
  if (!managesAgencies(actor)) return null;
  const db = given ?? (await getDb());
  const [agency] = await db
    .select({
      id: agencies.id, code: agencies.code, name: agencies.name, organId: agencies.organId, parentName: agencies.parentName, placeName: agencies.placeName,
      disabledAt: agencies.disabledAt, disabledReason: agencies.disabledReason, ...counts,
    })
    .from(agencies)
    .where(and(eq(agencies.id, id), eq(agencies.province, false)));
  if (!agency) return null;
  const admins = await db
    .selectDistinct({ id: users.id, username: users.username, fullName: users.fullName, active: users.active })
    .from(users)
    .innerJoin(userPositions, eq(userPositions.userId, users.id))
    .innerJoin(positions, eq(positions.id, userPositions.positionId))
    .innerJoin(units, eq(units.id, positions.unitId))
    .where(and(eq(users.agencyId, id), eq(units.agencyId, id), eq(positions.kind, "admin")))
    .orderBy(asc(users.username));
  return { ...agency, adminUsers: admins };
}

export const PROVINCE_LOG_PAGE_SIZE = 50;

/**
 * Nhật ký quản trị cấp tỉnh: the province row's audit chain, newest first (agencies created, administrators
 * added, agencies stopped and let back, and what was refused or failed there, sign-ins included), a page
 * before `beforeId` at a time. Only for a province administrator of that row; empty for anyone else.
 */
export async function provinceLog(actor: Actor, beforeId: number | undefined, given?: Db) {
  const none = { rows: [], nextBeforeId: undefined };
  if (!managesAgencies(actor)) return none;
  const db = given ?? (await getDb());
  const [own] = await db.select({ province: agencies.province }).from(agencies).where(eq(agencies.id, actor.agencyId));
  if (!own?.province) return none;
  const rows = await db
    .select({
      id: auditEvents.id, at: auditEvents.at, actorName: auditEvents.actorName, action: auditEvents.action, outcome: auditEvents.outcome,
      objectType: auditEvents.objectType, objectId: auditEvents.objectId, ip: auditEvents.ip, payload: auditEvents.payload,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.chain, actor.agencyId), beforeId ? lt(auditEvents.id, beforeId) : undefined))
    .orderBy(desc(auditEvents.id))
    .limit(PROVINCE_LOG_PAGE_SIZE + 1);
  const page = rows.slice(0, PROVINCE_LOG_PAGE_SIZE);
  return { rows: page, nextBeforeId: rows.length > PROVINCE_LOG_PAGE_SIZE ? page[page.length - 1].id : undefined };
}

import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { positions, units, userPositions, users } from "@/db/schema";
import { compareVietnameseNames } from "@/lib/names";

export interface RecipientOption {
  kind: "unit" | "user";
  id: string;
  label: string;
}

/** Leaders of the agency, for "Trình lãnh đạo" and "Chuyển lãnh đạo khác". */
export async function leaderOptions(agencyId: string) {
  const db = await getDb();
  return db
    .selectDistinct({ id: users.id, fullName: users.fullName, title: positions.title })
    .from(users)
    .innerJoin(userPositions, eq(userPositions.userId, users.id))
    .innerJoin(positions, eq(positions.id, userPositions.positionId))
    .where(and(eq(users.agencyId, agencyId), eq(users.active, true), eq(positions.kind, "leader")))
    .orderBy(asc(positions.title))
    .then((rows) => [...rows].sort((a, b) => a.title.localeCompare(b.title, "vi") || compareVietnameseNames(a.fullName, b.fullName)));
}

/** Units of the agency, for the list's "Đơn vị xử lý" filter. */
export async function unitFilterOptions(agencyId: string, database?: Db) {
  const db = database ?? (await getDb());
  return db.select({ id: units.id, name: units.name }).from(units).where(eq(units.agencyId, agencyId)).orderBy(asc(units.sortOrder));
}

/** What a leader may assign to: every active unit, and every active person, of the agency. */
export async function agencyRecipientOptions(agencyId: string): Promise<RecipientOption[]> {
  const db = await getDb();
  const [unitRows, people] = await Promise.all([
    db.select({ id: units.id, name: units.name }).from(units).where(and(eq(units.agencyId, agencyId), eq(units.active, true))).orderBy(asc(units.sortOrder)),
    peopleOf(and(eq(users.agencyId, agencyId), eq(users.active, true))!),
  ]);
  return [...unitRows.map((u) => ({ kind: "unit" as const, id: u.id, label: u.name })), ...people];
}

/** What a unit head may pass on to: the unit's people and its own divisions. */
export async function unitRecipientOptions(unitId: string): Promise<RecipientOption[]> {
  const db = await getDb();
  const [children, people] = await Promise.all([
    db.select({ id: units.id, name: units.name }).from(units).where(and(eq(units.parentId, unitId), eq(units.active, true))).orderBy(asc(units.sortOrder)),
    peopleOf(and(eq(positions.unitId, unitId), eq(users.active, true))!),
  ]);
  return [...children.map((u) => ({ kind: "unit" as const, id: u.id, label: u.name })), ...people];
}

async function peopleOf(where: ReturnType<typeof and>) {
  const db = await getDb();
  const rows = await db
    .select({ id: users.id, fullName: users.fullName, title: positions.title, unitName: units.name })
    .from(users)
    .innerJoin(userPositions, eq(userPositions.userId, users.id))
    .innerJoin(positions, eq(positions.id, userPositions.positionId))
    .innerJoin(units, eq(units.id, positions.unitId))
    .where(where)
    .orderBy(asc(units.sortOrder));
  // Within a unit, names the Vietnamese way (by tên, then họ: lib/names.ts); the sort is stable.
  const unitRank = new Map<string, number>();
  for (const r of rows) if (!unitRank.has(r.unitName)) unitRank.set(r.unitName, unitRank.size);
  const seen = new Set<string>();
  return [...rows]
    .sort((a, b) => unitRank.get(a.unitName)! - unitRank.get(b.unitName)! || compareVietnameseNames(a.fullName, b.fullName))
    .filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)))
    .map((r) => ({ kind: "user" as const, id: r.id, label: `${r.fullName} – ${r.title}, ${r.unitName}` }));
}


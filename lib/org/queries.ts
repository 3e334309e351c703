import "server-only";
import { cache } from "react";
import { and, asc, eq, ilike, inArray, or, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { agencies, positions, ssoIdentities, units, userPositions, users } from "@/db/schema";
import { sortByVietnameseName } from "@/lib/names";
import { cachedByVersion } from "@/lib/cache/data-version";

/** The agency's row, read once per request (the page's title and the office layout both ask). */
export const getAgency = cache(async (agencyId: string) => {
  const db = await getDb();
  const [a] = await db.select().from(agencies).where(eq(agencies.id, agencyId));
  return a;
});

export interface UnitNode {
  id: string;
  parentId: string | null;
  kind: (typeof units.$inferSelect)["kind"];
  code: string;
  name: string;
  sortOrder: number;
  active: boolean;
  depth: number;
  positions: { id: string; kind: (typeof positions.$inferSelect)["kind"]; title: string; holders: number }[];
}

/** The agency's units in tree order (depth-first, by sort order), each with its positions. */
export async function listUnitTree(agencyId: string): Promise<UnitNode[]> {
  const db = await getDb();
  const rows = await db.select().from(units).where(eq(units.agencyId, agencyId)).orderBy(asc(units.sortOrder), asc(units.name));
  const pos = await db
    .select({
      id: positions.id,
      unitId: positions.unitId,
      kind: positions.kind,
      title: positions.title,
      holders: sql<number>`count(${userPositions.userId})::int`,
    })
    .from(positions)
    .innerJoin(units, eq(units.id, positions.unitId))
    .leftJoin(userPositions, eq(userPositions.positionId, positions.id))
    .where(eq(units.agencyId, agencyId))
    .groupBy(positions.id)
    .orderBy(asc(positions.title));
  const byParent = new Map<string | null, typeof rows>();
  for (const r of rows) byParent.set(r.parentId, [...(byParent.get(r.parentId) ?? []), r]);
  const out: UnitNode[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const r of byParent.get(parentId) ?? []) {
      out.push({
        id: r.id, parentId: r.parentId, kind: r.kind, code: r.code, name: r.name, sortOrder: r.sortOrder, active: r.active, depth,
        positions: pos.filter((p) => p.unitId === r.id).map(({ unitId: _u, ...p }) => p),
      });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export async function getUnit(agencyId: string, id: string) {
  const db = await getDb();
  const [u] = await db.select().from(units).where(and(eq(units.id, id), eq(units.agencyId, agencyId)));
  return u ?? null;
}

export const USERS_PAGE_SIZE = 25;

/**
 * The agency's people in Vietnamese name order, as ids: sorting 2,000 names with the collator cost the users' page
 * 6 ms of its thread on every request (PGlite has no ICU collation to do it in SQL), so the order is kept under the
 * agency's data version, which a new person, a changed name or a deactivation moves (migration 0026's trigger on
 * users).
 */
function peopleInNameOrder(db: Db, agencyId: string): Promise<string[]> {
  return cachedByVersion(db, agencyId, JSON.stringify(["people-by-name", agencyId]), async () => {
    const all = await db.select({ id: users.id, fullName: users.fullName }).from(users).where(eq(users.agencyId, agencyId)).orderBy(asc(users.id));
    return sortByVietnameseName(all, (r) => r.fullName).map((r) => r.id);
  });
}

/**
 * People of the agency, searchable without accents ("nguyen van" finds "Nguyễn Văn"), ordered the
 * Vietnamese way (lib/names.ts) by the kept order above; then one page's rows are read.
 */
export async function listUsers(agencyId: string, q: string, page: number, database?: Db) {
  const db = database ?? (await getDb());
  const term = q.trim();
  const columns = { id: users.id, username: users.username, fullName: users.fullName, email: users.email, active: users.active };
  let rows: { id: string; username: string; fullName: string; email: string | null; active: boolean }[];
  if (term) {
    const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const [order, found] = await Promise.all([
      peopleInNameOrder(db, agencyId),
      db
        .select(columns)
        .from(users)
        .where(and(eq(users.agencyId, agencyId), or(sql`${users.fullNameUnaccented} ilike f_unaccent(${pattern})`, ilike(users.username, pattern))))
        .orderBy(asc(users.id)),
    ]);
    // The matches in the kept order (a person added since it was read goes last; the next request has them in place).
    const rank = new Map(order.map((id, i) => [id, i]));
    rows = found
      .map((r, i) => ({ r, k: rank.get(r.id) ?? order.length + i }))
      .sort((x, y) => x.k - y.k)
      .map((x) => x.r)
      .slice((page - 1) * USERS_PAGE_SIZE, page * USERS_PAGE_SIZE + 1);
  } else {
    // The page's ids from the kept order, then their rows (fresh: e-mail and login name are read every time).
    const ids = (await peopleInNameOrder(db, agencyId)).slice((page - 1) * USERS_PAGE_SIZE, page * USERS_PAGE_SIZE + 1);
    const byId = new Map((ids.length ? await db.select(columns).from(users).where(and(eq(users.agencyId, agencyId), inArray(users.id, ids))) : []).map((r) => [r.id, r]));
    rows = ids.flatMap((id) => byId.get(id) ?? []);
  }
  const pageRows = rows.slice(0, USERS_PAGE_SIZE);
  const held = pageRows.length
    ? await db
        .select({ userId: userPositions.userId, title: positions.title, unitName: units.name })
        .from(userPositions)
        .innerJoin(positions, eq(positions.id, userPositions.positionId))
        .innerJoin(units, eq(units.id, positions.unitId))
        .where(inArray(userPositions.userId, pageRows.map((r) => r.id)))
        .orderBy(asc(units.sortOrder), asc(positions.title))
    : [];
  return {
    rows: pageRows.map((r) => ({
      ...r,
      positions: held.filter((h) => h.userId === r.id).map((h) => `${h.title} – ${h.unitName}`).join("; "),
    })),
    hasNext: rows.length > USERS_PAGE_SIZE,
  };
}

export async function getUserDetail(agencyId: string, id: string) {
  const db = await getDb();
  const [u] = await db
    .select({
      id: users.id, username: users.username, fullName: users.fullName, email: users.email, active: users.active,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`, disabledAt: users.disabledAt, createdAt: users.createdAt,
    })
    .from(users)
    .where(and(eq(users.id, id), eq(users.agencyId, agencyId)));
  if (!u) return null;
  const held = await db
    .select({ id: positions.id, title: positions.title, kind: positions.kind, unitName: units.name })
    .from(userPositions)
    .innerJoin(positions, eq(positions.id, userPositions.positionId))
    .innerJoin(units, eq(units.id, positions.unitId))
    .where(eq(userPositions.userId, id))
    .orderBy(asc(units.sortOrder));
  const identities = await db
    .select({ id: ssoIdentities.id, issuer: ssoIdentities.issuer, subject: ssoIdentities.subject, createdAt: ssoIdentities.createdAt })
    .from(ssoIdentities)
    .where(eq(ssoIdentities.userId, id));
  return { ...u, positions: held, identities };
}

/** Every position of the agency, for the "give a position" picker. */
export async function listPositionOptions(agencyId: string) {
  const db = await getDb();
  return db
    .select({ id: positions.id, title: positions.title, kind: positions.kind, unitName: units.name })
    .from(positions)
    .innerJoin(units, eq(units.id, positions.unitId))
    .where(eq(units.agencyId, agencyId))
    .orderBy(asc(units.sortOrder), asc(positions.title));
}

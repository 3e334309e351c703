import "server-only";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { incomingAssignments, incomingDocuments, units, users } from "@/db/schema";
import { incomingReadableBy } from "@/lib/access/incoming";
import type { Actor } from "@/lib/auth/actor";
import { can, unitsWhere } from "@/lib/auth/permissions";
import { vnMidnight } from "@/lib/registers/book";
import type { WorkCalendar } from "@/lib/calendar/calendar";
import { loadCalendar } from "@/lib/calendar/load";
import { todayInVietnam } from "@/lib/workdays";
import { cachedByVersion, readerKey } from "./cache";
import { arrivalDay, doneDay, handledWithinAny, peopleOf, progressCounts, unitTree } from "./predicates";

// Theo dõi, đôn đốc (Quy chế 376 Điều 5): the figures of the incoming documents handled in a period,
// for an agency leader all the agency's non-secret work, for a unit head their unit and its sub-units.

export interface Period {
  from: string;
  to: string;
}

export interface Figures {
  received: number;
  ontime: number;
  late: number;
  open: number;
  overdue: number;
  /** Average processing time of the done documents, in working days (null when none is done). */
  avgDays: number | null;
}

export interface MonitoringScope {
  /** Every unit the person may choose (the agency's for a leader; the headed units and sub-units for a head). */
  units: { id: string; name: string; parentId: string | null }[];
  /** The chosen unit, or null: everything the person oversees. */
  unitId: string | null;
  /** The roots of the figures: null = the whole agency. */
  roots: string[] | null;
}

/**
 * Who oversees what: null when the person oversees nothing, or names a unit outside what they
 * oversee (another agency's, or another unit's for a head) — answered like a missing page.
 */
export async function monitoringScope(actor: Actor, unitId: string | undefined, db?: Db): Promise<MonitoringScope | null> {
  const database = db ?? (await getDb());
  const agencyWide = can(actor, "monitoring.agency");
  const headed = unitsWhere(actor, "monitoring.unit");
  if (!agencyWide && !headed.length) return null;
  const cols = { id: units.id, name: units.name, parentId: units.parentId };
  const list = await database
    .select(cols)
    .from(units)
    .where(and(eq(units.agencyId, actor.agencyId), eq(units.active, true), agencyWide ? undefined : sql`${units.id} in ${unitTree(headed)}`))
    .orderBy(asc(units.sortOrder), asc(units.name));
  if (unitId && !list.some((u) => u.id === unitId)) return null;
  return { units: list, unitId: unitId ?? null, roots: unitId ? [unitId] : agencyWide ? null : headed };
}

/** The documents the figures count: the agency's non-secret incoming documents the person may read, arrived in the period, in scope. */
function inScope(actor: Actor, scope: MonitoringScope, period: Period): SQL {
  const d = incomingDocuments;
  const arrived = sql`coalesce(${d.arrivalDate}, ${d.createdAt})`;
  return and(
    incomingReadableBy(actor),
    eq(d.secrecy, "normal"),
    sql`${arrived} >= ${vnMidnight(period.from)} and ${arrived} < ${vnMidnight(period.to, 1)}`,
    scope.roots ? handledWithinAny(scope.roots) : undefined,
  )!;
}

type Durations = Array<{ key: string | null; start: string; end: string; n: number }>;

/** The average working days per key of (start, end, count) groups: each pair of days is counted once. */
function averages(rows: Durations, calendar: WorkCalendar): Map<string | null, number> {
  const days = new Map<string, number>();
  const sums = new Map<string | null, { total: number; n: number }>();
  for (const r of rows) {
    const pair = `${r.start}|${r.end}`;
    if (!days.has(pair)) days.set(pair, calendar.workingDaysBetween(r.start, r.end));
    const s = sums.get(r.key) ?? { total: 0, n: 0 };
    s.total += days.get(pair)! * r.n;
    s.n += r.n;
    sums.set(r.key, s);
  }
  return new Map([...sums].map(([k, s]) => [k, Math.round((s.total / s.n) * 10) / 10]));
}

export interface GroupRow extends Figures {
  id: string;
  name: string;
}

export interface Dashboard {
  total: Figures;
  byUnit: GroupRow[];
  byPerson: GroupRow[];
}

/**
 * The dashboard's figures: the total, per unit (parts of the unit itself) and per person (their own parts);
 * kept in this instance under the data version (lib/monitoring/cache.ts) per reader, scope, period and day.
 */
export async function dashboardFigures(actor: Actor, scope: MonitoringScope, period: Period, db?: Db, today = todayInVietnam()): Promise<Dashboard> {
  const database = db ?? (await getDb());
  const reader = readerKey(actor);
  const key = reader && JSON.stringify(["dashboard", reader, scope.roots, scope.unitId, scope.units.map((u) => [u.id, u.parentId]), period.from, period.to, today]);
  return cachedByVersion(database, key, () => computeDashboard(actor, scope, period, database, today));
}

async function computeDashboard(actor: Actor, scope: MonitoringScope, period: Period, database: Db, today: string): Promise<Dashboard> {
  const d = incomingDocuments;
  const a = incomingAssignments;
  const where = inScope(actor, scope, period);
  const counts = progressCounts(today);
  const done = sql`${d.status} = 'done'`;
  const day = (x: SQL) => sql<string>`to_char(${x}, 'YYYY-MM-DD')`;
  const unitIds = scope.roots ? scope.units.filter((u) => !scope.unitId || u.id === scope.unitId || isBelow(scope.units, u.id, scope.unitId)).map((u) => u.id) : null;
  // A head's table lists the people of the units they oversee, not the other units' people on the same documents.
  const people = unitIds ? peopleOf(a.userId, unitIds) : undefined;
  const partOf = (col: typeof a.unitId | typeof a.userId) => and(eq(a.documentId, d.id), sql`${a.role} <> 'info'`, sql`${col} is not null`);

  const [[total], totalDays, unitRows, unitDays, personRows, personDays] = await Promise.all([
    database.select(counts).from(d).where(where),
    database.select({ key: sql<null>`null`, start: day(arrivalDay), end: day(doneDay), n: sql<number>`count(*)`.mapWith(Number) })
      .from(d).where(and(where, done)).groupBy(arrivalDay, doneDay),
    database.select({ key: a.unitId, ...counts }).from(d).innerJoin(a, partOf(a.unitId))
      .where(and(where, unitIds ? inArray(a.unitId, unitIds) : undefined)).groupBy(a.unitId),
    database.select({ key: a.unitId, start: day(arrivalDay), end: day(doneDay), n: sql<number>`count(distinct ${d.id})`.mapWith(Number) })
      .from(d).innerJoin(a, partOf(a.unitId)).where(and(where, done, unitIds ? inArray(a.unitId, unitIds) : undefined)).groupBy(a.unitId, arrivalDay, doneDay),
    database.select({ key: a.userId, name: users.fullName, ...counts }).from(d).innerJoin(a, partOf(a.userId)).innerJoin(users, eq(users.id, a.userId))
      .where(and(where, people)).groupBy(a.userId, users.fullName),
    database.select({ key: a.userId, start: day(arrivalDay), end: day(doneDay), n: sql<number>`count(distinct ${d.id})`.mapWith(Number) })
      .from(d).innerJoin(a, partOf(a.userId)).where(and(where, done, people)).groupBy(a.userId, arrivalDay, doneDay),
  ]);
  // Working days on the agency's one calendar (weekends, holidays, the administrator's changes).
  const calendar = await loadCalendar(actor.agencyId, database);
  const totalAvg = averages(totalDays as Durations, calendar).get(null) ?? null;
  const unitAvg = averages(unitDays as Durations, calendar);
  const personAvg = averages(personDays as Durations, calendar);
  const names = new Map(scope.units.map((u) => [u.id, u.name]));
  const figures = (r: { received: number; ontime: number; late: number; open: number; overdue: number }) =>
    ({ received: r.received, ontime: r.ontime, late: r.late, open: r.open, overdue: r.overdue });
  return {
    total: { ...figures(total), avgDays: totalAvg },
    byUnit: unitRows
      .filter((r) => r.key && names.has(r.key))
      .map((r) => ({ id: r.key!, name: names.get(r.key!)!, ...figures(r), avgDays: unitAvg.get(r.key) ?? null }))
      .sort((x, y) => y.received - x.received || x.name.localeCompare(y.name, "vi")),
    byPerson: personRows
      .map((r) => ({ id: r.key!, name: r.name, ...figures(r), avgDays: personAvg.get(r.key) ?? null }))
      .sort((x, y) => y.received - x.received || x.name.localeCompare(y.name, "vi")),
  };
}

function isBelow(list: MonitoringScope["units"], id: string, root: string): boolean {
  const parent = new Map(list.map((u) => [u.id, u.parentId]));
  for (let p = parent.get(id); p; p = parent.get(p)) if (p === root) return true;
  return false;
}

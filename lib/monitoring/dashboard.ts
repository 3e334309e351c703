import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { statementCache } from "@/db/named";
import { incomingAssignments, incomingDocuments, units, users } from "@/db/schema";
import { incomingReadableBy } from "@/lib/access/incoming";
import type { Actor } from "@/lib/auth/actor";
import { can, unitsWhere } from "@/lib/auth/permissions";
import { vnMidnight } from "@/lib/registers/book";
import type { WorkCalendar } from "@/lib/calendar/calendar";
import { loadCalendar } from "@/lib/calendar/load";
import { todayInVietnam } from "@/lib/dates";
import { cachedByVersion } from "@/lib/cache/data-version";
import { readerKey } from "./cache";
import { inList } from "@/lib/access/sql";
import { arrivalDay, doneDay, handledWithinAny, peopleOf, progressCondition, unitTree, type Progress } from "@/lib/incoming/progress-conditions";

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

// The units a person oversees, kept per handle, agency and headed units (db/named.ts): every text is named.
const scopeStatements = statementCache("monitoring_units", 500);

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
  const list = await scopeStatements(database, JSON.stringify([actor.agencyId, agencyWide ? null : headed]), () =>
    database
      .select(cols)
      .from(units)
      .where(and(eq(units.agencyId, actor.agencyId), eq(units.active, true), agencyWide ? undefined : sql`${units.id} in ${unitTree(headed)}`))
      .orderBy(asc(units.sortOrder), asc(units.name)),
  ).execute();
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
 * kept in this instance under the data version (lib/cache/data-version.ts) per reader, scope, period and day.
 */
export async function dashboardFigures(actor: Actor, scope: MonitoringScope, period: Period, db?: Db, today = todayInVietnam()): Promise<Dashboard> {
  const database = db ?? (await getDb());
  const reader = readerKey(actor);
  const key = reader && JSON.stringify(["dashboard", reader, scope.roots, scope.unitId, scope.units.map((u) => [u.id, u.parentId]), period.from, period.to, today]);
  return cachedByVersion(database, actor.agencyId, key, () => computeDashboard(actor, scope, period, database, today));
}

/** The groups of the one statement: the whole, a unit (its own parts), a person (their own parts). */
type Kind = "total" | "unit" | "person";
interface FactRow {
  kind: Kind;
  key: string | null;
  name: string | null;
  /** 1 on a group's figures row; 0 on a (group, arrival day, done day) row of the averages. */
  whole: number;
  start: string | null;
  end: string | null;
  received: number;
  ontime: number;
  late: number;
  open: number;
  overdue: number;
  done: number;
}

/**
 * The dashboard in ONE statement: the documents in scope with their flags computed once (a materialized
 * CTE: the Quá hạn check, an index lookup per open document, runs once per document, not once per
 * table), their parts (not for information) in one pass, and every group's figures and
 * (arrival day, done day) pairs by grouping sets. Was six statements each walking the year's documents.
 */
async function computeDashboard(actor: Actor, scope: MonitoringScope, period: Period, database: Db, today: string): Promise<Dashboard> {
  const d = incomingDocuments;
  const a = incomingAssignments;
  const where = inScope(actor, scope, period);
  const flag = (p: Progress) => sql`(${progressCondition(p, today)})`;
  const unitIds = scope.roots ? scope.units.filter((u) => !scope.unitId || u.id === scope.unitId || isBelow(scope.units, u.id, scope.unitId)).map((u) => u.id) : null;
  // A head's table lists the people of the units they oversee, not the other units' people on the same documents.
  const people = unitIds ? sql` and ${peopleOf(sql`p.user_id`, unitIds)}` : sql``;
  const ofUnits = unitIds ? sql` and ${unitIds.length ? sql`p.unit_id in (${inList(unitIds)})` : sql`false`}` : sql``;
  // A group counts a document once, however many parts its unit or person has on it.
  const once = (col: string, also: SQL) => sql`select distinct p.id, ${sql.raw(col)} as key from parts p where ${sql.raw(col)} is not null${also}`;
  const c = (f: string) => sql.raw(`count(*) filter (where f.${f})::int as ${f}`);
  const sum = (f: string) => sql.raw(`sum(${f})::int as ${f}`);
  // Kinds as numbers and days as dates until the end: the rows hashed stay narrow.
  const { rows } = await database.execute<FactRow & Record<string, unknown>>(sql`
    with docs as materialized (
      select ${d.id} as id, ${flag("received")} as received, ${flag("ontime")} as ontime, ${flag("late")} as late,
        ${flag("open")} as open, ${flag("overdue")} as overdue, ${d.status} = 'done' as done, ${arrivalDay} as start, ${doneDay} as "end"
      from ${d} where ${where}
    ), parts as materialized (
      select ${a.documentId} as id, ${a.unitId} as unit_id, ${a.userId} as user_id from ${a} join docs on docs.id = ${a.documentId}
      where ${a.role} <> 'info'
    ), facts as (
      select 0 as kind, null::uuid as key, docs.* from docs
      union all
      select 1, p.key, docs.* from (${once("p.unit_id", ofUnits)}) p join docs on docs.id = p.id
      union all
      select 2, p.key, docs.* from (${once("p.user_id", people)}) p join docs on docs.id = p.id
    ), pairs as (
      select f.kind, f.key, f.start, f."end", ${c("received")}, ${c("ontime")}, ${c("late")}, ${c("open")}, ${c("overdue")}, ${c("done")}
      from facts f group by f.kind, f.key, f.start, f."end"
    ), g as (
      select kind, key, (grouping(start, "end") <> 0)::int as whole, start, "end",
        ${sum("received")}, ${sum("ontime")}, ${sum("late")}, ${sum("open")}, ${sum("overdue")}, ${sum("done")}
      from pairs group by grouping sets ((kind, key), (kind, key, start, "end"))
    )
    select (array['total', 'unit', 'person'])[g.kind + 1] as kind, g.key, ${users.fullName} as name, g.whole,
      to_char(g.start, 'YYYY-MM-DD') as start, to_char(g."end", 'YYYY-MM-DD') as "end",
      g.received, g.ontime, g.late, g.open, g.overdue, g.done
    from g left join ${users} on g.kind = 2 and ${users.id} = g.key`);
  const figureRows = rows.filter((r) => Number(r.whole) === 1);
  const durations = (kind: Kind): Durations =>
    rows.filter((r) => Number(r.whole) === 0 && r.kind === kind && Number(r.done) > 0)
      .map((r) => ({ key: r.key, start: r.start!, end: r.end as string, n: Number(r.done) }));
  // Working days on the agency's one calendar (weekends, holidays, the administrator's changes).
  const calendar = await loadCalendar(actor.agencyId, database);
  const totalAvg = averages(durations("total"), calendar).get(null) ?? null;
  const unitAvg = averages(durations("unit"), calendar);
  const personAvg = averages(durations("person"), calendar);
  const names = new Map(scope.units.map((u) => [u.id, u.name]));
  const figures = (r?: FactRow) =>
    ({ received: Number(r?.received ?? 0), ontime: Number(r?.ontime ?? 0), late: Number(r?.late ?? 0), open: Number(r?.open ?? 0), overdue: Number(r?.overdue ?? 0) });
  return {
    total: { ...figures(figureRows.find((r) => r.kind === "total")), avgDays: totalAvg },
    byUnit: figureRows
      .filter((r) => r.kind === "unit" && r.key && names.has(r.key))
      .map((r) => ({ id: r.key!, name: names.get(r.key!)!, ...figures(r), avgDays: unitAvg.get(r.key) ?? null }))
      .sort((x, y) => y.received - x.received || x.name.localeCompare(y.name, "vi")),
    byPerson: figureRows
      .filter((r) => r.kind === "person")
      .map((r) => ({ id: r.key!, name: r.name!, ...figures(r), avgDays: personAvg.get(r.key) ?? null }))
      .sort((x, y) => y.received - x.received || x.name.localeCompare(y.name, "vi")),
  };
}

function isBelow(list: MonitoringScope["units"], id: string, root: string): boolean {
  const parent = new Map(list.map((u) => [u.id, u.parentId]));
  for (let p = parent.get(id); p; p = parent.get(p)) if (p === root) return true;
  return false;
}

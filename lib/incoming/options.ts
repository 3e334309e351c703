import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { oncePerHandle } from "@/db/named";
import { keptForRequest } from "@/lib/cache/data-version";
import { positions, units, userPositions, users, type PositionKind } from "@/db/schema";
import { kindCan } from "@/lib/auth/permissions";
import { compareVietnameseNames } from "@/lib/names";

export interface RecipientOption {
  kind: "unit" | "user";
  id: string;
  label: string;
  /** The heading it is listed under in the assignment form (Lãnh đạo Sở, Phòng/đơn vị, …). */
  group?: string;
  /** The person's or unit's name, as the trail records it. */
  name?: string;
}

// The document page's reads of the organisation, made once per database handle (db/named.ts: on PostgreSQL named
// statements, parsed once per connection; built by drizzle at every request they cost it 0.2 ms of CPU each).
const leaderRows = oncePerHandle((db: Db) =>
  db
    .selectDistinct({ id: users.id, fullName: users.fullName, title: positions.title })
    .from(users)
    .innerJoin(userPositions, eq(userPositions.userId, users.id))
    .innerJoin(positions, eq(positions.id, userPositions.positionId))
    .where(and(eq(users.agencyId, sql.placeholder("agency")), eq(users.active, true), eq(positions.kind, "leader")))
    .orderBy(asc(positions.title))
    .prepare("incoming_leader_options"),
);
const activeUnitRows = oncePerHandle((db: Db | Tx) =>
  db
    .select({ id: units.id, name: units.name, kind: units.kind, parentId: units.parentId })
    .from(units)
    .where(and(eq(units.agencyId, sql.placeholder("agency")), eq(units.active, true)))
    .orderBy(asc(units.sortOrder), asc(units.name))
    .prepare("incoming_assign_units"),
);
const heldRows = oncePerHandle((db: Db | Tx) =>
  db
    .select({ id: users.id, fullName: users.fullName, title: positions.title, kind: positions.kind, unitId: positions.unitId })
    .from(users)
    .innerJoin(userPositions, eq(userPositions.userId, users.id))
    .innerJoin(positions, eq(positions.id, userPositions.positionId))
    .where(and(eq(users.agencyId, sql.placeholder("agency")), eq(users.active, true), sql`${positions.kind}::text = any(${sql.placeholder("kinds")}::text[])`))
    .prepare("incoming_assign_people"),
);

/** Leaders of the agency, for "Trình lãnh đạo" and "Chuyển lãnh đạo khác". */
export async function leaderOptions(agencyId: string) {
  const db = await getDb();
  const rows = await keptForRequest(db, agencyId, `leaders:${agencyId}`, () => leaderRows(db).execute({ agency: agencyId }));
  return [...rows].sort((a, b) => a.title.localeCompare(b.title, "vi") || compareVietnameseNames(a.fullName, b.fullName));
}

// Once per database handle (db/named.ts): the incoming list asks for it on every request.
const unitFilterStatement = oncePerHandle((db: Db) =>
  db.select({ id: units.id, name: units.name }).from(units).where(eq(units.agencyId, sql.placeholder("agency"))).orderBy(asc(units.sortOrder)).prepare("unit_filter_options"),
);

/** Units of the agency, for the list's "Đơn vị xử lý" filter. */
export async function unitFilterOptions(agencyId: string, database?: Db) {
  return unitFilterStatement(database ?? (await getDb())).execute({ agency: agencyId });
}

// The agency's active units as recipients, read by every draft form: made once per handle (db/named.ts).
const recipientUnitsStatement = oncePerHandle((db: Db) =>
  db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.agencyId, sql.placeholder("agencyId")), eq(units.active, true)))
    .orderBy(asc(units.sortOrder))
    .prepare("recipient_unit_options"),
);

/**
 * What a leader may assign to: every active unit, and every active person, of the agency. `people`: only these
 * people (a form that loads the agency's people on demand shows the chosen ones from the start).
 */
export async function agencyRecipientOptions(agencyId: string, o: { people?: readonly string[] } = {}): Promise<RecipientOption[]> {
  const db = await getDb();
  const [unitRows, people] = await Promise.all([
    recipientUnitsStatement(db).execute({ agencyId }),
    o.people && o.people.length === 0 ? [] : peopleOf(and(eq(users.agencyId, agencyId), eq(users.active, true), o.people ? inArray(users.id, [...o.people]) : undefined)!),
  ]);
  return [...unitRows.map((u) => ({ kind: "unit" as const, id: u.id, label: u.name })), ...people];
}

/** The agency's active people as options (`agencyRecipientOptions`' people), for a form that asks for them when it opens. */
export async function agencyPeopleOptions(agencyId: string): Promise<RecipientOption[]> {
  return peopleOf(and(eq(users.agencyId, agencyId), eq(users.active, true))!);
}

async function peopleOf(where: ReturnType<typeof and>) {
  const db = await getDb();
  const rows = await db
    .select({ id: users.id, fullName: users.fullName, title: positions.title, kind: positions.kind, unitName: units.name })
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
  // A person with two positions is shown by the higher one (Chánh Văn phòng, not Kiểm tra thể thức).
  const rank = (k: PositionKind) => RANK[k] ?? 9;
  const best = new Map<string, number>();
  for (const r of rows) best.set(r.id, Math.min(best.get(r.id) ?? 99, rank(r.kind)));
  return rows
    .filter((r) => rank(r.kind) === best.get(r.id))
    .sort((a, b) => unitRank.get(a.unitName)! - unitRank.get(b.unitName)! || compareVietnameseNames(a.fullName, b.fullName))
    .filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)))
    .map((r) => ({ kind: "user" as const, id: r.id, label: `${r.fullName} – ${r.title}, ${r.unitName}` }));
}


// ───────────────────────── Chuyển xử lý: who may receive (issue 11, item 9) ─────────────────────────
// One rule for the form and the action (style.md rule 7): the form lists exactly these options and
// the action refuses any recipient not among them. A person receives through a position that
// processes documents (lib/auth/permissions.ts, incoming.process: leaders, heads, deputies, staff),
// so the administrator, the clerks, the archivist and a checker-only position are never offered;
// nor is the person assigning. Secret documents go to other leaders only (they stay on paper).

export const GROUP_LEADERS = "Lãnh đạo Sở";
export const GROUP_UNITS = "Phòng/đơn vị";
export const GROUP_AFFILIATED = "Đơn vị trực thuộc";
export const peopleGroup = (unitName: string) => `Cá nhân – ${unitName}`;

/** Order of titles inside a unit: its head first, then deputies, then the others. */
const RANK: Partial<Record<PositionKind, number>> = { leader: 0, unit_head: 1, office_chief: 1, unit_deputy: 2, staff: 3 };
const RECEIVING_KINDS = (Object.keys(RANK) as PositionKind[]).filter((k) => kindCan(k, "incoming.process"));

export interface AssignScope {
  agencyId: string;
  /** The person assigning: never offered to themself. */
  actorId: string;
  /** A unit head passing on the unit's part: only the unit's people and its own divisions. */
  withinUnitId?: string;
  /** A secret document: other leaders only. */
  leadersOnly?: boolean;
  /**
   * Part of the list (the whole agency's): "people" the units' people only, "firstPart" the rest (leaders and
   * units). The leader's form shows the first part with the page and asks for the people when it opens
   * (/api/incoming/assign-people); together they are the whole list, which the action checks against.
   */
  part?: "all" | "firstPart" | "people";
}

const byName = (a: string, b: string) => a.localeCompare(b, "vi");

/** The options of the assignment form, in the order shown; the action checks against the same list. */
export async function assignOptions(scope: AssignScope, database?: Db | Tx): Promise<RecipientOption[]> {
  // The first part lists no unit's people: only the leaders are read then.
  const kinds = scope.part === "firstPart" && !scope.withinUnitId ? ["leader"] : RECEIVING_KINDS;
  const read = (h: Db | Tx) => Promise.all([activeUnitRows(h).execute({ agency: scope.agencyId }), heldRows(h).execute({ agency: scope.agencyId, kinds })]);
  // A page's read is kept under the agency's data version; an action's (in its transaction) is its own.
  const shared = database ? null : await getDb();
  const [unitRows, held] = shared ? await keptForRequest(shared, scope.agencyId, `assign:${scope.agencyId}:${kinds.join(",")}`, () => read(shared)) : await read(database!);
  const unitById = new Map(unitRows.map((u) => [u.id, u]));
  const people = held.filter((p) => p.id !== scope.actorId && unitById.has(p.unitId));
  const person = (p: (typeof people)[number], group: string): RecipientOption => ({
    kind: "user", id: p.id, name: p.fullName, group, label: `${p.fullName} – ${p.title}, ${unitById.get(p.unitId)!.name}`,
  });
  const ranked = (rows: typeof people) =>
    [...rows].sort((a, b) => (RANK[a.kind] ?? 9) - (RANK[b.kind] ?? 9) || byName(a.title, b.title) || compareVietnameseNames(a.fullName, b.fullName));
  /** Each person once per unit, by their highest position there (a Chánh Văn phòng who also checks drafts is the Chánh Văn phòng). */
  const oncePerUnit = (rows: typeof people) => {
    const seen = new Set<string>();
    return ranked(rows).filter((p) => (seen.has(`${p.id}:${p.unitId}`) ? false : (seen.add(`${p.id}:${p.unitId}`), true)));
  };
  const unit = (u: (typeof unitRows)[number], group: string, label = u.name): RecipientOption => ({ kind: "unit", id: u.id, name: u.name, group, label });

  if (scope.withinUnitId) {
    const own = unitById.get(scope.withinUnitId);
    if (!own || scope.leadersOnly) return [];
    return [
      ...unitRows.filter((u) => u.parentId === own.id).map((u) => unit(u, GROUP_UNITS)),
      ...oncePerUnit(people.filter((p) => p.unitId === own.id && p.kind !== "leader")).map((p) => person(p, peopleGroup(own.name))),
    ];
  }

  const leaderIds = new Set(people.filter((p) => p.kind === "leader").map((p) => p.id));
  const leaders = oncePerUnit(people.filter((p) => p.kind === "leader"));
  const leaderOptions = leaders.filter((p, i) => leaders.findIndex((q) => q.id === p.id) === i).map((p) => person(p, GROUP_LEADERS));
  if (scope.leadersOnly) return leaderOptions;
  const top = (u: (typeof unitRows)[number]) => {
    let cur = u;
    for (let guard = 0; cur.parentId && unitById.has(cur.parentId) && guard < 20; guard++) cur = unitById.get(cur.parentId)!;
    return cur;
  };
  const affiliated = (u: (typeof unitRows)[number]) => {
    for (let cur: typeof u | undefined = u, guard = 0; cur && guard < 20; cur = cur.parentId ? unitById.get(cur.parentId) : undefined, guard++) {
      if (cur.kind === "affiliated") return true;
    }
    return false;
  };
  const receiving = unitRows.filter((u) => u.kind !== "leadership");
  // A division of an affiliated unit follows it, named with it ("Phòng Nghiệp vụ Thi đua – Ban Thi đua - Khen thưởng").
  const underAffiliated = receiving
    .filter(affiliated)
    .sort((a, b) => unitRows.indexOf(top(a)) - unitRows.indexOf(top(b)) || (a.parentId ? 1 : 0) - (b.parentId ? 1 : 0) || unitRows.indexOf(a) - unitRows.indexOf(b));
  const part = scope.part ?? "all";
  return [
    ...(part === "people" ? [] : [
      ...leaderOptions,
      ...receiving.filter((u) => !affiliated(u)).map((u) => unit(u, GROUP_UNITS, u.parentId && unitById.get(u.parentId)?.kind !== "leadership" ? `${u.name} – ${top(u).name}` : u.name)),
      ...underAffiliated.map((u) => unit(u, GROUP_AFFILIATED, u.parentId ? `${u.name} – ${top(u).name}` : u.name)),
    ]),
    ...(part === "firstPart" ? [] : [...receiving, ...unitRows.filter((u) => u.kind === "leadership")].flatMap((u) =>
      oncePerUnit(people.filter((p) => p.unitId === u.id && !leaderIds.has(p.id))).map((p) => person(p, peopleGroup(u.name))),
    )),
  ];
}

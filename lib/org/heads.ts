import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { oncePerHandle } from "@/db/named";
import { positions, userPositions, users, type PositionKind } from "@/db/schema";

const HEAD_KINDS: PositionKind[] = ["unit_head", "unit_deputy", "office_chief"];

/** The people who lead these units (head, deputy, Chánh Văn phòng): those told of what reaches a unit. */
export async function unitHeadIds(tx: Tx | Db, unitIds: string[]): Promise<string[]> {
  return [...(await unitHeadsByUnit(tx, unitIds)).values()].flat();
}

// Read by a document's page (Đôn đốc's heads) and by the steps that tell a unit: made once per handle (db/named.ts).
const headsStatement = oncePerHandle((db: Tx | Db) =>
  db
    .select({ id: userPositions.userId, unitId: positions.unitId })
    .from(userPositions)
    .innerJoin(positions, eq(positions.id, userPositions.positionId))
    .where(and(sql`${positions.unitId} = any(${sql.placeholder("unitIds")}::uuid[])`, inArray(positions.kind, HEAD_KINDS)))
    .prepare("unit_heads_by_unit"),
);

/** The same people by unit, in one statement for all the units. */
export async function unitHeadsByUnit(tx: Tx | Db, unitIds: string[]): Promise<Map<string, string[]>> {
  const byUnit = new Map<string, string[]>();
  if (unitIds.length === 0) return byUnit;
  const rows = await headsStatement(tx).execute({ unitIds });
  for (const r of rows) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r.id]);
  return byUnit;
}

/**
 * The agency's active people with their positions, for a rule written over a person (lib/access,
 * lib/outgoing/access.ts) to choose who is told of a step: the rule is asked, never restated.
 */
export async function agencyPeople(tx: Tx | Db, agencyId: string): Promise<AgencyPerson[]> {
  const rows = await tx
    .select({ userId: users.id, kind: positions.kind, unitId: positions.unitId })
    .from(users)
    .innerJoin(userPositions, eq(userPositions.userId, users.id))
    .innerJoin(positions, eq(positions.id, userPositions.positionId))
    .where(and(eq(users.agencyId, agencyId), eq(users.active, true)));
  const byUser = new Map<string, AgencyPerson>();
  for (const r of rows) {
    const p = byUser.get(r.userId) ?? { userId: r.userId, agencyId, positions: [] };
    p.positions.push({ kind: r.kind, unitId: r.unitId });
    byUser.set(r.userId, p);
  }
  return [...byUser.values()];
}

export interface AgencyPerson {
  userId: string;
  agencyId: string;
  positions: { kind: PositionKind; unitId: string }[];
}

import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { positions, units, userPositions, users } from "@/db/schema";
import { unitHeadIds, unitHeadsByUnit } from "@/lib/org/heads";

// Who is told about a part (Theo dõi, đôn đốc): its holder, the holder's head, the agency's leadership.

export interface PartHolder {
  userId: string | null;
  unitId: string | null;
  assignedBy: string;
}

/** Whoever holds the part: the person, or the heads of the unit a unit part was given to. */
export async function holdersOfPart(tx: Tx | Db, part: Omit<PartHolder, "assignedBy">): Promise<string[]> {
  return (await holdersOfParts(tx, [part]))[0];
}

/** The holders of each part (holdersOfPart), the heads of all their units in one statement. */
export async function holdersOfParts(tx: Tx | Db, parts: readonly Omit<PartHolder, "assignedBy">[]): Promise<string[][]> {
  const heads = await unitHeadsByUnit(tx, [...new Set(parts.flatMap((p) => (!p.userId && p.unitId ? [p.unitId] : [])))]);
  return parts.map((p) => (p.userId ? [p.userId] : p.unitId ? (heads.get(p.unitId) ?? []) : []));
}

/**
 * The holder's head: for a person, the heads of the units they work in (not themselves); for a unit
 * part (held by its head) and when a unit has no other head, the one who gave the part.
 */
export async function headsOfPart(tx: Tx | Db, part: PartHolder): Promise<string[]> {
  const holders = await holdersOfPart(tx, part);
  let heads: string[] = [];
  if (part.userId) {
    const mine = await tx
      .select({ unitId: positions.unitId })
      .from(userPositions)
      .innerJoin(positions, eq(positions.id, userPositions.positionId))
      .where(eq(userPositions.userId, part.userId));
    heads = await unitHeadIds(tx, [...new Set(mine.map((m) => m.unitId))]);
  }
  heads = heads.filter((h) => !holders.includes(h));
  if (heads.length === 0 && !holders.includes(part.assignedBy)) heads = [part.assignedBy];
  return [...new Set(heads)];
}

/** The agency's leadership (Giám đốc, Phó Giám đốc), active. */
export async function leadersOf(tx: Tx | Db, agencyId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: userPositions.userId })
    .from(userPositions)
    .innerJoin(positions, eq(positions.id, userPositions.positionId))
    .innerJoin(units, eq(units.id, positions.unitId))
    .innerJoin(users, and(eq(users.id, userPositions.userId), eq(users.active, true)))
    .where(and(eq(units.agencyId, agencyId), eq(positions.kind, "leader")));
  return [...new Set(rows.map((r) => r.id))];
}


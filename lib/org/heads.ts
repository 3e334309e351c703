import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { positions, userPositions } from "@/db/schema";

/** The people who lead these units (head, deputy, Chánh Văn phòng): those told of what reaches a unit. */
export async function unitHeadIds(tx: Tx, unitIds: string[]): Promise<string[]> {
  if (unitIds.length === 0) return [];
  const rows = await tx
    .select({ id: userPositions.userId })
    .from(userPositions)
    .innerJoin(positions, eq(positions.id, userPositions.positionId))
    .where(and(inArray(positions.unitId, unitIds), inArray(positions.kind, ["unit_head", "unit_deputy", "office_chief"])));
  return rows.map((r) => r.id);
}

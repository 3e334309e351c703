import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { agencies, positions, units, userPositions, users, type PositionKind, type UnitKind } from "@/db/schema";

export interface ActorPosition {
  id: string;
  kind: PositionKind;
  title: string;
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
}

export interface Actor {
  userId: string;
  agencyId: string;
  username: string;
  fullName: string;
  positions: ActorPosition[];
}

/** Re-reads an active user and their positions; null when the user is missing or disabled, or their agency is (Ngừng hoạt động). */
export async function loadActor(db: Db | Tx, userId: string): Promise<Actor | null> {
  const [u] = await db
    .select({ id: users.id, agencyId: users.agencyId, username: users.username, fullName: users.fullName })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(and(eq(users.id, userId), eq(users.active, true), isNull(agencies.disabledAt)));
  if (!u) return null;
  const rows = await db
    .select({
      id: positions.id,
      kind: positions.kind,
      title: positions.title,
      unitId: units.id,
      unitName: units.name,
      unitKind: units.kind,
    })
    .from(userPositions)
    .innerJoin(positions, eq(positions.id, userPositions.positionId))
    .innerJoin(units, eq(units.id, positions.unitId))
    .where(eq(userPositions.userId, userId))
    .orderBy(asc(units.sortOrder), asc(positions.title));
  return { userId: u.id, agencyId: u.agencyId, username: u.username, fullName: u.fullName, positions: rows };
}

import "server-only";
import { and, count, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { agencies, positions, units, userPositions, users } from "@/db/schema";
import { notFound } from "@/lib/errors";

/** Serialises changes to an agency's administrators, so "the last administrator" stays true under concurrency. */
export async function lockAgency(tx: Tx, agencyId: string) {
  await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, agencyId)).for("update");
}

export async function activeAdminCount(tx: Tx, agencyId: string, excludeUserId?: string, excludePositionId?: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(distinct ${users.id})::int` })
    .from(users)
    .innerJoin(userPositions, eq(userPositions.userId, users.id))
    .innerJoin(positions, eq(positions.id, userPositions.positionId))
    .where(
      and(
        eq(users.agencyId, agencyId),
        eq(users.active, true),
        eq(positions.kind, "admin"),
        excludeUserId
          ? excludePositionId
            ? sql`not (${users.id} = ${excludeUserId} and ${positions.id} = ${excludePositionId})`
            : sql`${users.id} <> ${excludeUserId}`
          : undefined,
      ),
    );
  return row.n;
}

export async function loadUnit(tx: Tx, id: string) {
  const [u] = await tx.select().from(units).where(eq(units.id, id));
  if (!u) throw notFound();
  return u;
}

export async function loadUser(tx: Tx, id: string) {
  const [u] = await tx
    .select({ id: users.id, agencyId: users.agencyId, username: users.username, fullName: users.fullName, active: users.active })
    .from(users)
    .where(eq(users.id, id));
  if (!u) throw notFound();
  return u;
}

export async function loadPosition(tx: Tx, id: string) {
  const [p] = await tx
    .select({ id: positions.id, kind: positions.kind, title: positions.title, unitId: positions.unitId, agencyId: units.agencyId })
    .from(positions)
    .innerJoin(units, eq(units.id, positions.unitId))
    .where(eq(positions.id, id));
  if (!p) throw notFound();
  return p;
}

/** True when `candidateParentId` is `unitId` itself or one of its descendants. */
export async function isSelfOrDescendant(tx: Tx, unitId: string, candidateParentId: string) {
  const rows = await tx.execute<{ id: string }>(sql`
    with recursive up(id, parent_id) as (
      select id, parent_id from ${units} where id = ${candidateParentId}
      union all
      select u.id, u.parent_id from ${units} u join up on u.id = up.parent_id
    ) select id from up where id = ${unitId} limit 1`);
  return rows.rows.length > 0;
}

export async function holderCount(tx: Tx, positionId: string) {
  const [row] = await tx.select({ n: count() }).from(userPositions).where(eq(userPositions.positionId, positionId));
  return row.n;
}

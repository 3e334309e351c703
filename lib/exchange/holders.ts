import "server-only";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { incomingAssignments, incomingDocuments, positions, units, userPositions, users } from "@/db/schema";
import { unitHeadIds } from "@/lib/org/heads";

/** Everyone who had a received document: the leader it was submitted to, everyone assigned, the heads of units assigned. */
export async function holdersOfIncoming(tx: Tx, documentId: string): Promise<string[]> {
  const [doc] = await tx.select({ submittedToId: incomingDocuments.submittedToId }).from(incomingDocuments).where(eq(incomingDocuments.id, documentId));
  const parts = await tx.select({ userId: incomingAssignments.userId, unitId: incomingAssignments.unitId }).from(incomingAssignments).where(eq(incomingAssignments.documentId, documentId));
  const heads = await unitHeadIds(tx, parts.filter((p) => !p.userId && p.unitId).map((p) => p.unitId!));
  return [doc?.submittedToId, ...parts.map((p) => p.userId), ...heads].filter((x): x is string => !!x);
}

/** The agency's clerks (Văn thư), active: those who answer what arrives by liên thông. */
export async function clerksOf(tx: Tx, agencyId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: userPositions.userId })
    .from(userPositions)
    .innerJoin(positions, eq(positions.id, userPositions.positionId))
    .innerJoin(units, eq(units.id, positions.unitId))
    .innerJoin(users, eq(users.id, userPositions.userId))
    .where(and(eq(units.agencyId, agencyId), eq(positions.kind, "clerk"), eq(users.active, true)));
  return rows.map((r) => r.id);
}

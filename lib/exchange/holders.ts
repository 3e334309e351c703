import "server-only";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { incomingAssignments, incomingDocuments } from "@/db/schema";
import { unitHeadIds } from "@/lib/org/heads";

/** Everyone who had a received document: the leader it was submitted to, everyone assigned, the heads of units assigned. */
export async function holdersOfIncoming(tx: Tx, documentId: string): Promise<string[]> {
  const [doc] = await tx.select({ submittedToId: incomingDocuments.submittedToId }).from(incomingDocuments).where(eq(incomingDocuments.id, documentId));
  const parts = await tx.select({ userId: incomingAssignments.userId, unitId: incomingAssignments.unitId }).from(incomingAssignments).where(eq(incomingAssignments.documentId, documentId));
  const heads = await unitHeadIds(tx, parts.filter((p) => !p.userId && p.unitId).map((p) => p.unitId!));
  return [doc?.submittedToId, ...parts.map((p) => p.userId), ...heads].filter((x): x is string => !!x);
}

import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { incomingAssignments, notifications } from "@/db/schema";

// A notice says "this waits for you" or "this happened"; once its reader has taken a step on the item
// it links to, or the wait it announced is over, it no longer asks for attention and stops counting in
// the bell. Marking read is never a GET's doing: only steps (the action wrapper, lib/actions/answered.ts, and the workflow) mark.

/**
 * A draft moved on (approved, returned, signed, issued): the "waits for you" notices of the stage it
 * left are read, for everyone who got them; the new stage's notices follow in the same transaction.
 */
export async function retireWaiting(tx: Tx, href: string): Promise<void> {
  await tx.execute(
    sql`update ${notifications} set read_at = now() where ${notifications.href} = ${href} and ${notifications.kind} = 'assigned' and ${notifications.readAt} is null`,
  );
}

/**
 * A part of an incoming document was taken up (passed on, progress noted, an opinion sent, done, seen):
 * the "Được giao xử lý" notices of every part of the document that no longer waits are read, for all who
 * got them. A unit's part is announced to its head and deputies; once one of them acts, it waits for
 * nobody else (notices name their part since migration 0041; older ones are left as they are).
 */
export async function retireTakenParts(tx: Tx, documentId: string): Promise<void> {
  await tx.execute(
    sql`update ${notifications} set read_at = now() where ${notifications.readAt} is null and ${notifications.subjectId} in (
      select ${incomingAssignments.id} from ${incomingAssignments}
      where ${incomingAssignments.documentId} = ${documentId}::uuid and ${incomingAssignments.status} <> 'pending')`,
  );
}

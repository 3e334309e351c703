import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { incomingAssignments, notifications } from "@/db/schema";

// A notice says "this waits for you" or "this happened"; once its reader has taken a step on the item
// it links to, or the wait it announced is over, it no longer asks for attention and stops counting in
// the bell. Marking read is never a GET's doing: only steps (the action wrapper, the workflow) mark.

/** The page a notice about an audited object links to (the hrefs notify() is given), or null. */
const HREF_OF: Partial<Record<string, (id: string) => string>> = {
  incoming: (id) => `/incoming/${id}`,
  outgoing: (id) => `/outgoing/${id}`,
  work_file: (id) => `/files/${id}`,
  handover: (id) => `/files/handover/${id}`,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function noticeHrefOf(objectType: string, objectId: string | null | undefined): string | null {
  const of = HREF_OF[objectType];
  return of && objectId && UUID.test(objectId) ? of(objectId) : null;
}

/**
 * The action wrapper's part (lib/actions/define.ts, in its last statement): the actor's unread notices
 * about the item they just took a step on are read.
 */
export function markSeenSql(userId: string, href: string): SQL {
  return sql`update ${notifications} set read_at = now() where ${notifications.userId} = ${userId}::uuid and ${notifications.readAt} is null and ${notifications.href} = ${href}`;
}

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

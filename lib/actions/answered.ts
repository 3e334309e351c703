import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { notifications } from "@/db/schema";

// The action wrapper's part of the bell's rules (lib/notifications/seen.ts has the others): a step on an
// item answers the actor's own unread notices about it. Only steps mark read, never a page's GET.

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

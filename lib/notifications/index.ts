import "server-only";
import { desc, eq } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { notifications } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";

/** In-app notices, written in the transaction of the step that causes them. */
export async function notify(tx: Tx, userIds: Iterable<string>, text: string, href = "") {
  const ids = [...new Set(userIds)];
  if (ids.length) await tx.insert(notifications).values(ids.map((userId) => ({ userId, text, href })));
}

/** The person's latest notices (own data only). */
export async function latestNotifications(actor: Actor, limit = 10, db?: Db) {
  const database = db ?? (await getDb());
  return database
    .select({ id: notifications.id, text: notifications.text, href: notifications.href, createdAt: notifications.createdAt, readAt: notifications.readAt })
    .from(notifications)
    .where(eq(notifications.userId, actor.userId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
}

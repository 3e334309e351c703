import "server-only";
import { and, desc, eq, isNull, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { oncePerHandle } from "@/db/named";
import { COUNT_CAP } from "@/lib/format";
import { notifications, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { enqueue } from "@/lib/jobs";
import { mailEnabled, MAIL_QUEUE } from "@/lib/mail/config";
import type { NotificationKind } from "./kinds";

export type { NotificationKind } from "./kinds";

/**
 * In-app notices, written in the transaction of the step that causes them. The people who chose this
 * kind in Tài khoản của tôi and have an e-mail address also get it by e-mail: one job per notice,
 * enqueued in the same transaction (lib/notifications/mail-worker.ts), when SMTP_URL is set.
 */
export async function notify(
  tx: Tx, userIds: Iterable<string>, text: string, href = "", kind: NotificationKind = "other", opts: { subjectId?: string } = {},
) {
  const ids = [...new Set(userIds)].filter(Boolean);
  if (!ids.length) return [];
  const rows = await tx
    .insert(notifications)
    .values(ids.map((userId) => ({ userId, text, href, kind, subjectId: opts.subjectId ?? null })))
    .returning({ id: notifications.id, userId: notifications.userId });
  if (mailEnabled()) {
    const wanting = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          sql`${users.id} in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`,
          sql`${kind} = any(${users.emailKinds})`,
          sql`coalesce(${users.email}, '') <> ''`,
          eq(users.active, true),
        ),
      );
    const want = new Set(wanting.map((w) => w.id));
    for (const r of rows) if (want.has(r.userId)) await enqueue(tx, MAIL_QUEUE, { notificationId: r.id }, { key: r.id });
  }
  return rows;
}

const columns = {
  id: notifications.id,
  text: notifications.text,
  href: notifications.href,
  kind: notifications.kind,
  createdAt: notifications.createdAt,
  readAt: notifications.readAt,
};

// Tổng quan and the bell's list read this at every request: named, parsed and planned once per connection.
const latestOf = oncePerHandle((db: Db) =>
  db
    .select(columns)
    .from(notifications)
    .where(eq(notifications.userId, sql.placeholder("user")))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(sql.placeholder("limit"))
    .prepare("notifications_latest"),
);

/** The person's latest notices (own data only). */
export async function latestNotifications(actor: Actor, limit = 10, db?: Db) {
  return latestOf(db ?? (await getDb())).execute({ user: actor.userId, limit });
}

/**
 * The person's unread notices up to COUNT_CAP (shown "99+", lib/format.ts), as a scalar sub-select (`user`: the
 * person's id or a placeholder). A leader who leaves the bell alone keeps a notice for every document submitted
 * to them: at a million documents the director held 166,667 unread, and counting them all took PostgreSQL 12 ms
 * at every page of theirs (README, Benchmarks).
 */
export function unreadCountSql(db: Db, user: SQLWrapper | string): SQL<number> {
  const unread = db
    .select({ one: sql`1` })
    .from(notifications)
    .where(and(eq(notifications.userId, user), isNull(notifications.readAt)))
    .limit(COUNT_CAP);
  return sql<number>`(select count(*) from (${unread}) as unread)`;
}

/** The bell's number: unread notices of the person, at most COUNT_CAP (one index look, notifications_unread_idx). */
export async function unreadCount(userId: string, db?: Db): Promise<number> {
  const database = db ?? (await getDb());
  const [r] = await database.select({ n: unreadCountSql(database, userId) }).from(sql`(select 1) as one`);
  return Number(r?.n ?? 0);
}

export const NOTIFICATIONS_PAGE_SIZE = 30;

/** /notifications: one page of the person's notices (or of the unread ones), newest first. */
export async function notificationsPage(actor: Actor, page: number, db?: Db, o: { unread?: boolean } = {}) {
  const database = db ?? (await getDb());
  const mine = o.unread ? and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)) : eq(notifications.userId, actor.userId);
  // One row past the page tells whether another follows: no count of every notice the person ever got
  // (476,000 for a unit head at a million documents).
  const rows = await database
    .select(columns)
    .from(notifications)
    .where(mine)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(NOTIFICATIONS_PAGE_SIZE + 1)
    .offset((page - 1) * NOTIFICATIONS_PAGE_SIZE);
  return { rows: rows.slice(0, NOTIFICATIONS_PAGE_SIZE), hasNext: rows.length > NOTIFICATIONS_PAGE_SIZE, page };
}

/** Tài khoản của tôi: the person's e-mail address and the kinds they get by e-mail. */
export async function emailPreferences(userId: string, db?: Db) {
  const database = db ?? (await getDb());
  const [u] = await database.select({ email: users.email, kinds: users.emailKinds }).from(users).where(eq(users.id, userId));
  return { email: u?.email ?? "", kinds: u?.kinds ?? [], enabled: mailEnabled() };
}

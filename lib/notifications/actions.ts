import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { notifications, users } from "@/db/schema";
import { defineAction } from "@/lib/actions/define";
import { notFound } from "@/lib/errors";
import { emailPreferencesSchema } from "./schemas";

// The bell: mark one notice read, or all of the person's. Own data only (verb null); another person's
// notice is answered as missing.

export const markReadSchema = z.object({ id: z.uuid("Thông báo không hợp lệ.") });

export const markNotificationRead = defineAction({
  name: "notifications.read",
  schema: markReadSchema,
  verb: null,
  load: async ({ input, tx }) => {
    const [n] = await tx.select({ id: notifications.id, userId: notifications.userId, readAt: notifications.readAt }).from(notifications).where(eq(notifications.id, input.id));
    if (!n) throw notFound();
    return n;
  },
  authorize: ({ actor, target }) => target.userId === actor.userId,
  run: async ({ tx, target }) => {
    // Reading it again changes nothing (the first time stays).
    if (!target.readAt) await tx.update(notifications).set({ readAt: new Date() }).where(and(eq(notifications.id, target.id), isNull(notifications.readAt)));
    return { data: { id: target.id }, audit: { objectType: "notification", objectId: target.id } };
  },
});

export const markAllNotificationsRead = defineAction({
  name: "notifications.readAll",
  schema: z.object({}),
  verb: null,
  load: async ({ actor }) => ({ userId: actor.userId }),
  authorize: ({ actor, target }) => target.userId === actor.userId,
  run: async ({ actor, tx }) => {
    const rows = await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    return { data: { count: rows.length }, audit: { objectType: "user", objectId: actor.userId, payload: { count: rows.length } } };
  },
});

/** Tài khoản của tôi: which kinds of notice also go by e-mail (own data). */
export const updateEmailPreferences = defineAction({
  name: "account.notifications.email",
  schema: emailPreferencesSchema,
  verb: null,
  load: async ({ actor, tx }) => {
    const [u] = await tx.select({ id: users.id, emailKinds: users.emailKinds }).from(users).where(eq(users.id, actor.userId));
    if (!u) throw notFound();
    return { ...u, userId: u.id };
  },
  authorize: ({ actor, target }) => target.userId === actor.userId,
  run: async ({ input, tx, target }) => {
    const kinds = [...new Set(input.kinds)];
    await tx.update(users).set({ emailKinds: kinds }).where(eq(users.id, target.id));
    return { data: { kinds }, audit: { objectType: "user", objectId: target.id, payload: { before: target.emailKinds, after: kinds } } };
  },
  revalidate: ["/account"],
});

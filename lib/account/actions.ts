import "server-only";
import { and, eq } from "drizzle-orm";
import { userSessions } from "@/db/schema";
import { defineAction } from "@/lib/actions/define";
import { endSession as endSessionRow, endUserSessions } from "@/lib/auth/sessions";
import { endSessionSchema } from "@/lib/auth/schemas";
import { notFound } from "@/lib/errors";
import { z } from "zod";

// Every person manages their own sessions only: the session row must belong to the caller.
export const endOwnSession = defineAction({
  name: "account.session.end",
  schema: endSessionSchema,
  verb: null,
  load: async ({ input, tx }) => {
    const [s] = await tx
      .select({ id: userSessions.id, userId: userSessions.userId })
      .from(userSessions)
      .where(eq(userSessions.id, input.id));
    if (!s) throw notFound();
    return s;
  },
  authorize: ({ actor, target }) => target.userId === actor.userId,
  run: async ({ tx, target }) => {
    await endSessionRow(tx, target.id, "ended_by_user");
    return { data: undefined, audit: { objectType: "session", objectId: target.id.slice(0, 8) } };
  },
  revalidate: ["/account"],
});

export const endOtherSessions = defineAction({
  name: "account.session.endOthers",
  schema: z.object({}),
  verb: null,
  load: async ({ actor }) => ({ userId: actor.userId }),
  authorize: ({ actor, target }) => target.userId === actor.userId,
  run: async ({ tx, caller, actor }) => {
    await endUserSessions(tx, actor.userId, "ended_by_user", caller.sessionId);
    return { data: undefined, audit: { objectType: "user", objectId: actor.userId } };
  },
  revalidate: ["/account"],
});

/** Sign-out: ends this session server-side so the cookie is worthless even if replayed. */
export const signOutSession = defineAction({
  name: "auth.logout",
  schema: z.object({}),
  verb: null,
  load: async ({ tx, actor }) => ({ userId: actor.userId }),
  authorize: ({ actor, target }) => target.userId === actor.userId,
  run: async ({ tx, caller, actor }) => {
    if (caller.sessionId) {
      await tx
        .update(userSessions)
        .set({ endedAt: new Date(), endReason: "logout" })
        .where(and(eq(userSessions.id, caller.sessionId), eq(userSessions.userId, actor.userId)));
    }
    return { data: undefined, audit: { objectType: "user", objectId: actor.userId } };
  },
});

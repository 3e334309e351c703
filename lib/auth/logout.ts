import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, userSessions } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import type { RequestMeta } from "./sessions";

/**
 * Ends a server-side session at sign-out, whichever way the person signed out (Auth.js's own
 * POST /api/auth/signout, the app's Đăng xuất with or without Origin): the cookie alone is then
 * worthless even if replayed. Writes the audit entry once; a session already ended is left as is.
 */
export async function endSessionAtSignOut(db: Db, sid: string, meta: RequestMeta): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [ended] = await tx
      .update(userSessions)
      .set({ endedAt: new Date(), endReason: "logout" })
      .where(and(eq(userSessions.id, sid), isNull(userSessions.endedAt)))
      .returning({ userId: userSessions.userId });
    if (!ended) return false;
    const [user] = await tx.select({ agencyId: users.agencyId, fullName: users.fullName }).from(users).where(eq(users.id, ended.userId));
    await appendAudit(tx, {
      agencyId: user?.agencyId ?? null, actorId: ended.userId, actorName: user?.fullName ?? "", action: "auth.logout",
      outcome: "success", objectType: "user", objectId: ended.userId, ip: meta.ip, payload: { via: "signout" },
    });
    return true;
  });
}

import "server-only";
import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, isNull, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { oncePerHandle } from "@/db/named";
import { agencies, calendarVersions, positions, units, userPositions, users, userSessions } from "@/db/schema";
import type { Actor, ActorPosition } from "./actor";
import { authSettings } from "./settings";

export interface RequestMeta {
  ip: string;
  userAgent: string;
}

export async function createSession(tx: Db | Tx, userId: string, method: "password" | "sso", meta: RequestMeta) {
  const id = randomBytes(32).toString("base64url");
  const now = new Date();
  await tx.insert(userSessions).values({
    id,
    userId,
    method,
    ip: meta.ip.slice(0, 100),
    userAgent: meta.userAgent.slice(0, 300),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + authSettings.maxHours * 3600_000),
  });
  return id;
}

/** What the signed-in shell's header shows of the person's agency, read with the session. */
export interface SessionAgency {
  name: string;
  parentName: string;
  emblemFileId: string | null;
  /** N of the reminders (Quản trị → Thông tin cơ quan): Tổng quan's "Sắp đến hạn" reads it from here. */
  remindDaysBefore: number;
  /** The agency's calendar version (lib/calendar/load.ts), null before its first use: Tổng quan's calendar is checked against it. */
  calendarToken: string | null;
}

function sessionActorQuery(db: Db) {
  return db
    .select({
      userId: userSessions.userId,
      lastSeenAt: userSessions.lastSeenAt,
      expiresAt: userSessions.expiresAt,
      endedAt: userSessions.endedAt,
      active: users.active,
      agencyDisabledAt: agencies.disabledAt,
      agencyId: users.agencyId,
      username: users.username,
      fullName: users.fullName,
      agencyName: agencies.name,
      agencyParentName: agencies.parentName,
      agencyEmblemFileId: agencies.emblemFileId,
      agencyRemindDaysBefore: agencies.remindDaysBefore,
      calendarToken: calendarVersions.token,
      positionId: positions.id,
      kind: positions.kind,
      title: positions.title,
      unitId: units.id,
      unitName: units.name,
      unitKind: units.kind,
    })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .leftJoin(calendarVersions, eq(calendarVersions.agencyId, users.agencyId))
    .leftJoin(userPositions, eq(userPositions.userId, users.id))
    .leftJoin(positions, eq(positions.id, userPositions.positionId))
    .leftJoin(units, eq(units.id, positions.unitId))
    .where(eq(userSessions.id, sql.placeholder("sid")))
    .orderBy(asc(units.sortOrder), asc(positions.title))
    .prepare("load_session_actor");
}

// The statement is built once per database handle: drizzle's building and rendering of this join cost
// about as much of the server's thread as running it (README, Lists at scale). With PostgreSQL it is
// a named prepared statement (planned once per connection).
const sessionActorStatement = oncePerHandle(sessionActorQuery);

/**
 * The server-side check behind every authenticated request, the person's positions and their agency's
 * name, in one query (session ⋈ user ⋈ agency ⟕ positions ⟕ units): the session must exist, not be
 * ended, be within its absolute lifetime and idle timeout, and belong to an active user of an agency in
 * use; the positions are read from the database on every request, never from the cookie.
 */
export async function loadSessionActor(db: Db, sid: string, opts: { touch?: boolean } = {}): Promise<{ actor: Actor; agency: SessionAgency } | null> {
  const rows = await sessionActorStatement(db).execute({ sid });
  const row = rows[0];
  if (!row || row.endedAt) return null;
  const now = Date.now();
  let reason: string | null = null;
  if (!row.active) reason = "user_disabled";
  else if (row.agencyDisabledAt) reason = "agency_disabled";
  else if (row.expiresAt.getTime() <= now) reason = "expired";
  else if (row.lastSeenAt.getTime() + authSettings.idleMinutes * 60_000 <= now) reason = "idle";
  if (reason) {
    await endSession(db, sid, reason);
    return null;
  }
  // Touch at most once a minute so reads do not turn every page view into a write. A background poll
  // (the bell) does not touch: it must not keep an unattended session alive past its idle timeout.
  if (opts.touch !== false && now - row.lastSeenAt.getTime() > 60_000) {
    await db.update(userSessions).set({ lastSeenAt: new Date(now) }).where(eq(userSessions.id, sid));
  }
  const held: ActorPosition[] = [];
  for (const r of rows) {
    if (r.positionId && r.kind && r.unitId && r.unitKind) {
      held.push({ id: r.positionId, kind: r.kind, title: r.title ?? "", unitId: r.unitId, unitName: r.unitName ?? "", unitKind: r.unitKind });
    }
  }
  return {
    actor: { userId: row.userId, agencyId: row.agencyId, username: row.username, fullName: row.fullName, positions: held },
    agency: {
      name: row.agencyName, parentName: row.agencyParentName, emblemFileId: row.agencyEmblemFileId,
      remindDaysBefore: row.agencyRemindDaysBefore, calendarToken: row.calendarToken,
    },
  };
}

/** The session check alone: the user id of a usable session, or null. */
export async function validateSession(db: Db, sid: string): Promise<{ userId: string } | null> {
  const s = await loadSessionActor(db, sid);
  return s ? { userId: s.actor.userId } : null;
}

export async function endSession(db: Db | Tx, sid: string, reason: string) {
  await db
    .update(userSessions)
    .set({ endedAt: new Date(), endReason: reason })
    .where(and(eq(userSessions.id, sid), isNull(userSessions.endedAt)));
}

export async function endUserSessions(db: Db | Tx, userId: string, reason: string, exceptSid?: string) {
  const conds = [eq(userSessions.userId, userId), isNull(userSessions.endedAt)];
  if (exceptSid) conds.push(ne(userSessions.id, exceptSid));
  await db.update(userSessions).set({ endedAt: new Date(), endReason: reason }).where(and(...conds));
}

/** A user's sessions that are still usable now, newest first. */
export async function listActiveSessions(db: Db, userId: string) {
  const idleCutoff = new Date(Date.now() - authSettings.idleMinutes * 60_000);
  return db
    .select({
      id: userSessions.id,
      method: userSessions.method,
      ip: userSessions.ip,
      userAgent: userSessions.userAgent,
      createdAt: userSessions.createdAt,
      lastSeenAt: userSessions.lastSeenAt,
    })
    .from(userSessions)
    .where(
      and(
        eq(userSessions.userId, userId),
        isNull(userSessions.endedAt),
        sql`${userSessions.expiresAt} > now()`,
        sql`${userSessions.lastSeenAt} > ${idleCutoff}`,
      ),
    )
    .orderBy(desc(userSessions.lastSeenAt));
}

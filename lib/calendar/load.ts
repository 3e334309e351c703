import "server-only";
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { calendarDays, calendarVersions } from "@/db/schema";
import { parseDate } from "@/lib/dates";
import { WorkCalendar } from "./calendar";
import { defaultDaysOff, isWeekend } from "./holidays";

// The agency's calendar, cached per app instance. Every read asks the agency's version token first (one
// small query): each change writes a fresh token in its own transaction (bumpCalendar), so an instance
// whose cached token differs re-reads the changes – several instances on one PostgreSQL stay in step.

const cache = new Map<string, { token: string; calendar: WorkCalendar }>();

export const HOLIDAYS_SEED_REASON = "Ngày nghỉ khai báo trong biến HOLIDAYS";

/**
 * The first use of an agency's calendar: the days of the deprecated HOLIDAYS variable (yyyy-mm-dd,
 * separated by commas) that are not already off become the agency's extra days off; then the version
 * row. Safe to run concurrently (both inserts skip what exists).
 */
export async function ensureCalendar(db: Db | Tx, agencyId: string): Promise<void> {
  const [v] = await db.select({ token: calendarVersions.token }).from(calendarVersions).where(eq(calendarVersions.agencyId, agencyId));
  if (v) return;
  const days = (process.env.HOLIDAYS ?? "")
    .split(",")
    .map((s) => parseDate(s))
    .filter((d): d is string => !!d && !isWeekend(d) && !defaultDaysOff(Number(d.slice(0, 4))).some((h) => h.day === d));
  if (days.length) {
    await db
      .insert(calendarDays)
      .values([...new Set(days)].map((day) => ({ agencyId, day, kind: "off" as const, reason: HOLIDAYS_SEED_REASON })))
      .onConflictDoNothing();
  }
  await db.insert(calendarVersions).values({ agencyId, token: randomUUID() }).onConflictDoNothing();
}

/** A change of the agency's calendar, in the change's transaction: the row is locked until commit. */
export async function bumpCalendar(tx: Tx, agencyId: string): Promise<void> {
  await tx
    .insert(calendarVersions)
    .values({ agencyId, token: randomUUID() })
    .onConflictDoUpdate({ target: calendarVersions.agencyId, set: { token: randomUUID(), updatedAt: sql`now()` } });
}

/**
 * The agency's working-day calendar (weekends, computed holidays and the administrator's changes).
 * `knownToken`: the agency's version token as read in this request (with the session, lib/auth/sessions.ts),
 * which saves reading it again; null or absent reads it here.
 */
export async function loadCalendar(agencyId: string, database?: Db | Tx, knownToken?: string | null): Promise<WorkCalendar> {
  const db = database ?? (await getDb());
  const token = async () =>
    (await db.select({ token: calendarVersions.token }).from(calendarVersions).where(eq(calendarVersions.agencyId, agencyId)))[0]?.token;
  let current = knownToken || (await token());
  if (!current) {
    await ensureCalendar(db, agencyId);
    current = await token();
  }
  const hit = cache.get(agencyId);
  if (hit && current && hit.token === current) return hit.calendar;
  // Read after the token: a change committed in between is in the rows, and its new token makes the
  // next read load again – the cache is never older than the token it is kept under.
  const rows = await db
    .select({ id: calendarDays.id, day: calendarDays.day, kind: calendarDays.kind, reason: calendarDays.reason, createdBy: calendarDays.createdBy })
    .from(calendarDays)
    .where(eq(calendarDays.agencyId, agencyId));
  const calendar = new WorkCalendar(rows.map((r) => ({ id: r.id, day: r.day, kind: r.kind, reason: r.reason, fromSeed: r.createdBy === null })));
  if (current) cache.set(agencyId, { token: current, calendar });
  return calendar;
}

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userSessions } from "@/db/schema";
import { endOtherSessions, endOwnSession, signOutSession } from "@/lib/account/actions";
import { executeAction, type ActionCaller, type ActionDefinition } from "@/lib/actions/define";
import { verifyChain } from "@/lib/audit";
import { createSession, listActiveSessions, validateSession } from "@/lib/auth/sessions";
import { buildWorld, type World } from "../factories/org";
import { auditRows, createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Each person manages their own sessions only (security.md §5 rows 1 and 5, ASVS 7.4.1).
const meta = { ip: "10.2.2.2", userAgent: "vitest" };

describe.each(DB_KINDS)("account actions on %s", (kind) => {
  let t: TestDb;
  let w: World;
  const as = (userId: string, sessionId: string): ActionCaller => ({ userId, sessionId, meta });
  const session = (userId: string) => createSession(t.db, userId, "password", meta);
  const endedReason = async (sid: string) => (await t.db.select().from(userSessions).where(eq(userSessions.id, sid)))[0].endReason;

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
  });
  afterAll(async () => t?.drop());

  it("refuses anonymous callers for every account action", async () => {
    const sid = await session(w.people.staff.id);
    const calls: [ActionDefinition<any, any, any>, object][] = [[endOwnSession, { id: sid }], [endOtherSessions, {}], [signOutSession, {}]]; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const [def, input] of calls) {
      expect(await executeAction(def, null, input, t.db), def.name).toMatchObject({ ok: false, code: "unauthenticated" });
    }
    expect(await validateSession(t.db, sid)).toEqual({ userId: w.people.staff.id });
  });

  it("endOwnSession ends the caller's own session, and cannot end another person's", async () => {
    const mine = await session(w.people.staff.id);
    const current = await session(w.people.staff.id);
    const theirs = await session(w.people.clerk.id);

    const refused = await executeAction(endOwnSession, as(w.people.staff.id, current), { id: theirs }, t.db);
    expect(refused).toMatchObject({ ok: false, code: "not_found" });
    // Someone else's session and a session that does not exist get the same answer.
    const missing = await executeAction(endOwnSession, as(w.people.staff.id, current), { id: "khong-ton-tai-0123456789" }, t.db);
    expect(missing).toEqual(refused);
    expect(await validateSession(t.db, theirs)).toEqual({ userId: w.people.clerk.id });
    // Even the administrator cannot end someone else's session through this action.
    const byAdmin = await executeAction(endOwnSession, as(w.people.admin.id, await session(w.people.admin.id)), { id: theirs }, t.db);
    expect(byAdmin).toMatchObject({ ok: false, code: "not_found" });
    expect(await validateSession(t.db, theirs)).toEqual({ userId: w.people.clerk.id });
    const trail = await auditRows(t.db, { chain: w.agencyId, action: "action.refused", objectType: "account.session.end" });
    expect(trail.map((e) => e.actorId)).toEqual([w.people.staff.id, w.people.admin.id]);

    expect(await executeAction(endOwnSession, as(w.people.staff.id, current), { id: mine }, t.db)).toMatchObject({ ok: true });
    expect(await validateSession(t.db, mine)).toBeNull();
    expect(await endedReason(mine)).toBe("ended_by_user");
    expect(await validateSession(t.db, current)).toEqual({ userId: w.people.staff.id });
    const [entry] = await auditRows(t.db, { action: "account.session.end", actorId: w.people.staff.id });
    // The trail keeps only a prefix of the session id, never the whole secret.
    expect(entry).toMatchObject({ outcome: "success", objectType: "session", objectId: mine.slice(0, 8) });
  });

  it("endOwnSession answers not_found for an unknown session and validation for a malformed id", async () => {
    const current = await session(w.people.staff.id);
    expect(await executeAction(endOwnSession, as(w.people.staff.id, current), { id: "x".repeat(43) }, t.db)).toMatchObject({ ok: false, code: "not_found" });
    expect(await executeAction(endOwnSession, as(w.people.staff.id, current), { id: "" }, t.db)).toMatchObject({ ok: false, code: "validation" });
  });

  it("endOtherSessions keeps the current session and ends only the caller's others", async () => {
    const current = await session(w.people.leader.id);
    const others = [await session(w.people.leader.id), await session(w.people.leader.id)];
    const someoneElse = await session(w.people.checker.id);
    expect(await executeAction(endOtherSessions, as(w.people.leader.id, current), {}, t.db)).toMatchObject({ ok: true });
    expect(await validateSession(t.db, current)).toEqual({ userId: w.people.leader.id });
    for (const sid of others) {
      expect(await validateSession(t.db, sid)).toBeNull();
      expect(await endedReason(sid)).toBe("ended_by_user");
    }
    expect(await validateSession(t.db, someoneElse)).toEqual({ userId: w.people.checker.id });
    expect((await listActiveSessions(t.db, w.people.leader.id)).map((s) => s.id)).toEqual([current]);
    expect(await auditRows(t.db, { action: "account.session.endOthers", objectId: w.people.leader.id })).toHaveLength(1);
  });

  it("signOutSession ends the current session only, and only if it is the caller's", async () => {
    const current = await session(w.people.archivist.id);
    const other = await session(w.people.archivist.id);
    const foreign = await session(w.people.unit_head.id);
    // A caller claiming someone else's session id signs nobody out.
    expect(await executeAction(signOutSession, as(w.people.archivist.id, foreign), {}, t.db)).toMatchObject({ ok: true });
    expect(await validateSession(t.db, foreign)).toEqual({ userId: w.people.unit_head.id });
    expect(await executeAction(signOutSession, as(w.people.archivist.id, current), {}, t.db)).toMatchObject({ ok: true });
    expect(await validateSession(t.db, current)).toBeNull();
    expect(await endedReason(current)).toBe("logout");
    expect(await validateSession(t.db, other)).toEqual({ userId: w.people.archivist.id });
  });

  it("keeps the audit chain valid", async () => {
    expect(await verifyChain(t.db, w.agencyId)).toMatchObject({ ok: true });
  });
});

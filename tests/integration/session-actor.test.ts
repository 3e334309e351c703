import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencies, calendarVersions, userPositions, users, userSessions } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { createSession, endSession, loadSessionActor } from "@/lib/auth/sessions";
import { addPerson, buildWorld, type World } from "../factories/org";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// The one query behind every signed-in page: the session is re-validated and the positions are
// re-read from the database on each call, exactly as the former session check + loadActor did.
describe.each(DB_KINDS)("loadSessionActor on %s", (kind) => {
  let t: TestDb;
  let w: World;
  const meta = { ip: "10.0.0.9", userAgent: "vitest" };
  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
  });
  afterAll(async () => t?.drop());

  it("gives the same person and positions as loadActor, and sees a new position at the next call", async () => {
    const sid = await createSession(t.db, w.people.unit_head.id, "password", meta);
    const first = await loadSessionActor(t.db, sid);
    expect(first?.actor).toEqual(await loadActor(t.db, w.people.unit_head.id));
    // The shell's header reads the agency with the session (no query of its own).
    const [agency] = await t.db.select().from(agencies).where(eq(agencies.id, first!.actor.agencyId));
    const [calendar] = await t.db.select().from(calendarVersions).where(eq(calendarVersions.agencyId, agency.id));
    expect(first?.agency).toEqual({
      name: agency.name, parentName: agency.parentName, emblemFileId: agency.emblemFileId, remindDaysBefore: agency.remindDaysBefore,
      calendarToken: calendar?.token ?? null,
    });
    // A second position granted after sign-in counts at once (nothing is kept in the cookie).
    const second = await addPerson(t.db, w, "clerk");
    await t.db.insert(userPositions).values({ userId: w.people.unit_head.id, positionId: second.positionId });
    const again = (await loadSessionActor(t.db, sid))!.actor;
    expect(again.positions.map((p) => p.kind).sort()).toEqual(["clerk", "unit_head"]);
    expect(again).toEqual(await loadActor(t.db, w.people.unit_head.id));
  });

  it("a person without positions is signed in with none; an ended session, a disabled user or an unknown id give null", async () => {
    const bare = await addPerson(t.db, w, "staff");
    await t.db.delete(userPositions).where(eq(userPositions.userId, bare.id));
    const sid = await createSession(t.db, bare.id, "password", meta);
    expect((await loadSessionActor(t.db, sid))?.actor).toMatchObject({ userId: bare.id, positions: [] });

    await endSession(t.db, sid, "logout");
    expect(await loadSessionActor(t.db, sid)).toBeNull();

    const other = await createSession(t.db, w.people.staff.id, "password", meta);
    await t.db.update(users).set({ active: false }).where(eq(users.id, w.people.staff.id));
    expect(await loadSessionActor(t.db, other)).toBeNull();
    const [row] = await t.db.select().from(userSessions).where(eq(userSessions.id, other));
    expect(row.endReason).toBe("user_disabled");
    expect(await loadSessionActor(t.db, "khong-co-phien-nay")).toBeNull();
  });
});

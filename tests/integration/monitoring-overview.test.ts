import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { agencies, calendarDays, incomingAssignments, incomingDocuments, outgoingDocuments } from "@/db/schema";
import { createSession, loadSessionActor } from "@/lib/auth/sessions";
import { bumpCalendar } from "@/lib/calendar/load";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { listIncoming, myWork, type WorkView } from "@/lib/incoming/queries";
import { countLabel } from "@/lib/format";
import { NAV_COUNT_CAP, navCountsFor } from "@/lib/monitoring/nav-counts";
import { overviewFor } from "@/lib/monitoring/overview";
import { addUnit, buildWorld, type World } from "../factories/org";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Tổng quan: each count equals the rows of the list it links to; "sắp đến hạn" counts working days
// (Mon 30/11/2026 + 3 working days = Thu 03/12); row level: staff their own, a head their unit, a
// leader the agency's non-secret work, nothing of another agency.
const TODAY = "2026-11-30";

describe.each(DB_KINDS)("Tổng quan counts on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let foreign: World;
  const actor = async (id: string) => (await loadActor(t.db, id)) as Actor;
  const counts = async (userId: string) =>
    Object.fromEntries((await overviewFor(await actor(userId), { db: t.db, today: TODAY, daysBefore: 3 })).counts.map((c) => [c.key, c.count]));

  async function doc(o: { agencyId?: string; status?: "in_progress" | "awaiting_reception" | "awaiting_instruction"; due?: string; secret?: boolean; submittedTo?: string }) {
    const [d] = await t.db.insert(incomingDocuments).values({
      agencyId: o.agencyId ?? w.agencyId, status: o.status ?? "in_progress", source: "paper", issuerName: "UBND tỉnh", docType: "Công văn",
      subject: "Về việc báo cáo", dueDate: o.due ?? null, secrecy: o.secret ? "secret" : "normal", submittedToId: o.submittedTo ?? null,
    }).returning({ id: incomingDocuments.id });
    return d.id;
  }
  async function part(documentId: string, o: { userId?: string; unitId?: string; deadline?: string; role?: "lead" | "info"; by?: string; done?: boolean }) {
    await t.db.insert(incomingAssignments).values({
      documentId, role: o.role ?? "lead", userId: o.userId ?? null, unitId: o.unitId ?? null, assignedBy: o.by ?? w.people.unit_head.id,
      deadline: o.deadline ?? null, status: o.done ? "done" : "in_progress",
    });
  }

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    foreign = await buildWorld(t.db);
    const staff = w.people.staff.id;
    const div = w.divisionId;
    const a = await doc({ due: "2026-11-25" });
    await part(a, { unitId: div, by: w.people.leader.id, deadline: "2026-11-25" });
    await part(a, { userId: staff, deadline: "2026-11-25" }); // overdue
    const b = await doc({});
    await part(b, { unitId: div, by: w.people.leader.id });
    await part(b, { userId: staff, deadline: "2026-12-03" }); // soon (3rd working day)
    const c = await doc({});
    await part(c, { unitId: div, by: w.people.leader.id });
    await part(c, { userId: staff, deadline: "2026-12-04" }); // not yet soon
    const e = await doc({});
    await part(e, { userId: staff, role: "info", deadline: "2026-11-20" }); // for information: never late
    const f = await doc({});
    await part(f, { userId: staff, deadline: "2026-11-01", done: true }); // done
    // Another unit's overdue work, and a secret overdue one in the division.
    const other = await addUnit(t.db, w);
    const g = await doc({ due: "2026-11-20" });
    await part(g, { unitId: other.id, by: w.people.leader.id, deadline: "2026-11-20" });
    const s = await doc({ due: "2026-11-20", secret: true });
    await part(s, { unitId: div, by: w.people.leader.id, deadline: "2026-11-20" });
    // The clerk's and the leader's queues, and another agency's.
    await doc({ status: "awaiting_reception" });
    await doc({ status: "awaiting_instruction", submittedTo: w.people.leader.id });
    await doc({ status: "awaiting_reception", agencyId: foreign.agencyId });
    const x = await doc({ agencyId: foreign.agencyId, due: "2026-11-02" });
    await part(x, { userId: foreign.people.staff.id, deadline: "2026-11-02", by: foreign.people.unit_head.id });
    await t.db.insert(outgoingDocuments).values({
      agencyId: w.agencyId, status: "returned", drafterId: staff, draftingUnitId: div, docType: "Công văn", subject: "Dự thảo bị trả lại",
      signerId: w.people.leader.id,
    });
  });
  afterAll(async () => t?.drop());

  it("staff: their own parts, due soon in working days, overdue, returned drafts", async () => {
    const c = await counts(w.people.staff.id);
    expect(c).toMatchObject({ mine: 4, soon: 1, overdue: 1, waiting: 0, returned: 1 });
    expect(c.agencyOverdue).toBeUndefined();
    expect(c.unitOverdue).toBeUndefined();
    expect(c.reception).toBeUndefined();
    const a = await actor(w.people.staff.id);
    for (const view of ["open", "soon", "overdue"] as WorkView[]) {
      const rows = (await myWork(a, 1, t.db, { view, today: TODAY, soonUntil: "2026-12-03" })).rows;
      expect(rows.length).toBe(c[view === "open" ? "mine" : view]);
    }
  });

  it("a unit head: what they passed on and wait for, and their unit's overdue work only (no secret)", async () => {
    const c = await counts(w.people.unit_head.id);
    expect(c.waiting).toBe(3);
    expect(c.unitOverdue).toBe(1);
    const a = await actor(w.people.unit_head.id);
    expect((await myWork(a, 1, t.db, { view: "waiting", today: TODAY })).rows).toHaveLength(3);
    expect((await listIncoming(a, { progress: "overdue", within: w.divisionId, today: TODAY }, t.db)).rows).toHaveLength(1);
  });

  it("an agency leader: the documents submitted to them and all non-secret overdue work", async () => {
    const c = await counts(w.people.leader.id);
    expect(c).toMatchObject({ instruct: 1, agencyOverdue: 2 });
    expect((await listIncoming(await actor(w.people.leader.id), { progress: "overdue", today: TODAY }, t.db)).rows).toHaveLength(2);
  });

  it("the clerk: waiting to be registered in their own agency only; the navigation carries the same counts", async () => {
    const o = await overviewFor(await actor(w.people.clerk.id), { db: t.db, today: TODAY });
    const c = Object.fromEntries(o.counts.map((x) => [x.key, x.count]));
    expect(c).toMatchObject({ reception: 1, registered: 0, issue: 0, send: 0 });
    expect(o.nav["/incoming"]).toBe(1);
    // Without daysBefore given: the agency's setting (default N = 2 working days).
    expect(o.soonUntil).toBe("2026-12-02");
  });

  it("the session carries N and the calendar's version: Tổng quan from them equals reading them, and follows a change of either", async () => {
    const sid = await createSession(t.db, w.people.clerk.id, "password", { ip: "192.0.2.1", userAgent: "vitest" });
    const fromSession = (s: NonNullable<Awaited<ReturnType<typeof loadSessionActor>>>) =>
      overviewFor(s.actor, { db: t.db, today: TODAY, daysBefore: s.agency.remindDaysBefore, calendarToken: s.agency.calendarToken });
    const s1 = (await loadSessionActor(t.db, sid))!;
    expect(s1.agency).toMatchObject({ remindDaysBefore: 2, calendarToken: expect.any(String) });
    expect(await fromSession(s1)).toEqual(await overviewFor(s1.actor, { db: t.db, today: TODAY }));
    expect((await fromSession(s1)).soonUntil).toBe("2026-12-02");
    // The administrator sets N = 3 and makes Tue 01/12 a day off: the next request's session carries both.
    await t.db.update(agencies).set({ remindDaysBefore: 3 }).where(eq(agencies.id, w.agencyId));
    await t.db.transaction(async (tx) => {
      await tx.insert(calendarDays).values({ agencyId: w.agencyId, day: "2026-12-01", kind: "off", reason: "Nghỉ bù" });
      await bumpCalendar(tx, w.agencyId);
    });
    try {
      const s2 = (await loadSessionActor(t.db, sid))!;
      expect(s2.agency.remindDaysBefore).toBe(3);
      expect(s2.agency.calendarToken).not.toBe(s1.agency.calendarToken);
      // Mon 30/11 + 3 working days, Tue 01/12 off: Fri 04/12.
      expect((await fromSession(s2)).soonUntil).toBe("2026-12-04");
      expect(await fromSession(s2)).toEqual(await overviewFor(s2.actor, { db: t.db, today: TODAY }));
    } finally {
      await t.db.update(agencies).set({ remindDaysBefore: 2 }).where(eq(agencies.id, w.agencyId));
      await t.db.transaction(async (tx) => {
        await tx.delete(calendarDays).where(and(eq(calendarDays.agencyId, w.agencyId), eq(calendarDays.day, "2026-12-01")));
        await bumpCalendar(tx, w.agencyId);
      });
    }
  });

  it("every page's one-statement counts (navigation, bell, list tabs) equal Tổng quan's, for every position", async () => {
    for (const person of Object.values(w.people)) {
      const a = await actor(person.id);
      const [o, n] = await Promise.all([overviewFor(a, { db: t.db, today: TODAY }), navCountsFor(a, { db: t.db, today: TODAY })]);
      const full = Object.fromEntries(o.counts.map((x) => [x.key, x.count]));
      for (const [key, value] of Object.entries(n.counts)) if (key !== "unread") expect([person.username, key, value]).toEqual([person.username, key, full[key]]);
      expect(n.nav).toEqual(o.nav);
    }
    const staff = await actor(w.people.staff.id);
    expect((await navCountsFor(staff, { db: t.db, today: TODAY })).counts).toMatchObject({ mine: 4, returned: 1 });
  });

  it("the navigation's counts stop at 100 (shown 99+); Tổng quan keeps the exact figure", async () => {
    for (let i = 0; i < 101; i++) await doc({ status: "awaiting_reception", agencyId: foreign.agencyId });
    const clerk = await actor(foreign.people.clerk.id);
    const exact = (await overviewFor(clerk, { db: t.db, today: TODAY })).counts.find((c) => c.key === "reception")?.count;
    expect(exact).toBe(102);
    const nav = await navCountsFor(clerk, { db: t.db, today: TODAY });
    expect(nav.counts.reception).toBe(NAV_COUNT_CAP);
    expect(countLabel(nav.nav["/incoming"])).toBe("99+");
    expect(countLabel(99)).toBe("99");
  });
});

import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { calendarDays, calendarVersions, incomingAssignments } from "@/db/schema";
import { executeAction, type ActionDefinition } from "@/lib/actions/define";
import { addCalendarDay, deleteCalendarDay, updateCalendarDay } from "@/lib/calendar/actions";
import { bumpCalendar, HOLIDAYS_SEED_REASON, loadCalendar } from "@/lib/calendar/load";
import { calendarYear } from "@/lib/calendar/queries";
import { assignDocument, registerPaper, submitToLeader } from "@/lib/incoming/actions";
import { paper } from "../factories/incoming";
import { buildWorld, callerOf, keyed, type World } from "../factories/org";
import { auditRows, createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Lịch làm việc (issue 12): one calendar for every deadline – the computed holidays (Tết 2027 here), the
// administrator's changes per agency (a swapped Saturday), and the cache that follows every change.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDef = ActionDefinition<any, any, any>;

describe.each(DB_KINDS)("working-day calendar on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let other: World;
  const run = (def: AnyDef, userId: string, input: unknown) => executeAction(def, callerOf(userId), keyed(input), t.db);
  const ok = async <T,>(p: Promise<{ ok: boolean; data?: T }>) => {
    const r = await p;
    expect(r).toMatchObject({ ok: true });
    return (r as { data: T }).data;
  };

  /** A document assigned today to the division with a deadline of `n` working days; its lead deadline. */
  async function deadlineOf(n: number) {
    const { id } = await ok<{ id: string }>(run(registerPaper, w.people.clerk.id, paper({ issuedDate: "2027-01-28" })));
    await ok(run(submitToLeader, w.people.clerk.id, { id, leaderId: w.people.leader.id }));
    await ok(
      run(assignDocument, w.people.leader.id, {
        id,
        instruction: "Giao phòng chủ trì.",
        recipients: [{ kind: "unit", targetId: w.divisionId, role: "lead", deadline: "", workingDays: n }],
      }),
    );
    const [a] = await t.db.select({ deadline: incomingAssignments.deadline }).from(incomingAssignments).where(eq(incomingAssignments.documentId, id));
    return a.deadline;
  }

  beforeAll(async () => {
    process.env.HOLIDAYS = "2027-03-08, 2027-02-08, not-a-date";
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    other = await buildWorld(t.db);
  });
  afterEach(() => void vi.useRealTimers());
  afterAll(async () => {
    delete process.env.HOLIDAYS;
    await t?.drop();
  });

  it("seeds the agency's calendar from HOLIDAYS once (a computed holiday or a bad value is skipped)", async () => {
    const cal = await loadCalendar(w.agencyId, t.db);
    expect(cal.isWorkingDay("2027-03-08")).toBe(false);
    const rows = await t.db.select().from(calendarDays).where(eq(calendarDays.agencyId, w.agencyId));
    // 08/02/2027 is mùng 3 Tết, already off: only 08/03 is stored.
    expect(rows.map((r) => [r.day, r.kind, r.reason, r.createdBy])).toEqual([["2027-03-08", "off", HOLIDAYS_SEED_REASON, null]]);
    await loadCalendar(w.agencyId, t.db);
    expect(await t.db.select().from(calendarDays).where(eq(calendarDays.agencyId, w.agencyId))).toHaveLength(1);
  });

  it("a deadline spanning Tết 2027 skips Tết and its compensatory days; a swapped Saturday counts, at once", async () => {
    // Wednesday 03/02/2027: Thursday 04/02 is a working day, then Tết 05–09/02 and the compensatory days
    // 10–11/02 (Tết's Saturday and Sunday), so 3 working days end on Monday 15/02.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2027-02-03T02:00:00Z") });
    expect(await deadlineOf(3)).toBe("2027-02-15");
    // The administrator records the Government's swapped day: Saturday 13/02 is a working day.
    const { id } = await ok<{ id: string }>(run(addCalendarDay, w.people.admin.id, { day: "13/02/2027", kind: "working", reason: "Làm bù theo Thông báo của Bộ Nội vụ" }));
    expect(await deadlineOf(3)).toBe("2027-02-13");
    // Removing the change brings the computed calendar back for the next deadline.
    await ok(run(deleteCalendarDay, w.people.admin.id, { id }));
    expect(await deadlineOf(3)).toBe("2027-02-15");
    // Another agency's calendar is its own.
    expect((await loadCalendar(other.agencyId, t.db)).isWorkingDay("2027-02-13")).toBe(false);
  });

  it("another app instance's change is seen through the version token, and only through it", async () => {
    const before = await loadCalendar(w.agencyId, t.db);
    expect(before.isWorkingDay("2027-06-01")).toBe(true);
    // A row written without a new token (as no step does) stays unseen: the cache is really used.
    await t.db.insert(calendarDays).values({ agencyId: w.agencyId, day: "2027-06-01", kind: "off", reason: "Thử bộ nhớ đệm" });
    expect((await loadCalendar(w.agencyId, t.db)).isWorkingDay("2027-06-01")).toBe(true);
    // What another instance's step does: the same row with a new token in one transaction.
    await t.db.transaction((tx) => bumpCalendar(tx, w.agencyId));
    expect((await loadCalendar(w.agencyId, t.db)).isWorkingDay("2027-06-01")).toBe(false);
    // A rolled-back change leaves the calendar (and its token) as it was.
    const [{ token }] = await t.db.select({ token: calendarVersions.token }).from(calendarVersions).where(eq(calendarVersions.agencyId, w.agencyId));
    await t.db
      .transaction(async (tx) => {
        await tx.delete(calendarDays).where(and(eq(calendarDays.agencyId, w.agencyId), eq(calendarDays.day, "2027-06-01")));
        await bumpCalendar(tx, w.agencyId);
        expect((await loadCalendar(w.agencyId, tx)).isWorkingDay("2027-06-01")).toBe(true);
        throw new Error("rollback");
      })
      .catch(() => undefined);
    expect((await t.db.select({ token: calendarVersions.token }).from(calendarVersions).where(eq(calendarVersions.agencyId, w.agencyId)))[0].token).toBe(token);
    expect((await loadCalendar(w.agencyId, t.db)).isWorkingDay("2027-06-01")).toBe(false);
  });

  it("the administrator adds, edits and deletes days with audit entries; wrong kinds are refused in Vietnamese", async () => {
    const admin = w.people.admin.id;
    const add = await run(addCalendarDay, admin, { day: "31/12/2027", kind: "off", reason: "Nghỉ thêm theo Thông báo" });
    expect(add).toMatchObject({ ok: true });
    const id = (add as { data: { id: string } }).data.id;
    expect(await auditRows(t.db, { action: "calendar.day.add", objectId: id, outcome: "success" })).toHaveLength(1);

    expect(await run(updateCalendarDay, admin, { id, day: "30/12/2027", kind: "off", reason: "Nghỉ thêm (đổi ngày)" })).toMatchObject({ ok: true });
    const [row] = await t.db.select().from(calendarDays).where(eq(calendarDays.id, id));
    expect([row.day, row.reason]).toEqual(["2027-12-30", "Nghỉ thêm (đổi ngày)"]);
    expect(await auditRows(t.db, { action: "calendar.day.update", objectId: id })).toHaveLength(1);

    // Removing the computed 1/9 and taking 3/9 instead (Quốc khánh's adjacent day, Điều 112).
    await ok(run(addCalendarDay, admin, { day: "01/09/2027", kind: "removed", reason: "Chính phủ chọn nghỉ 03/9" }));
    await ok(run(addCalendarDay, admin, { day: "03/09/2027", kind: "off", reason: "Quốc khánh (ngày liền kề, theo Thông báo)" }));
    const year = await calendarYear(w.agencyId, 2027, t.db);
    expect(year.lines.find((l) => l.day === "2027-09-01")).toMatchObject({ off: false, origin: "admin", computed: "Quốc khánh (ngày liền kề 02/9)" });
    expect(year.lines.find((l) => l.day === "2027-09-03")).toMatchObject({ off: true, origin: "admin" });
    expect(year.lines.find((l) => l.day === "2027-03-08")).toMatchObject({ origin: "seed" });
    expect(year.lines.find((l) => l.day === "2027-02-06")).toMatchObject({ origin: "auto", lunar: "01/01 Đinh Mùi" });
    // The month grid's days off: weekends, holidays and the changes (1/9 is now a working day, 3/9 off).
    expect(year.daysOff).toEqual(expect.arrayContaining(["2027-01-02", "2027-02-08", "2027-02-10", "2027-09-03"]));
    expect(year.daysOff).not.toContain("2027-09-01");
    expect(year.daysOff).not.toContain("2027-02-12");

    expect(await run(addCalendarDay, admin, { day: "03/09/2027", kind: "off", reason: "Lần hai" })).toMatchObject({ ok: false, fieldErrors: { day: [expect.stringContaining("đã có trong danh sách")] } });
    expect(await run(addCalendarDay, admin, { day: "08/09/2027", kind: "working", reason: "x" })).toMatchObject({ ok: false, fieldErrors: { kind: [expect.stringContaining("không phải thứ Bảy hay Chủ nhật")] } });
    expect(await run(addCalendarDay, admin, { day: "08/09/2027", kind: "removed", reason: "x" })).toMatchObject({ ok: false, fieldErrors: { kind: [expect.stringContaining("không có gì để bỏ")] } });
    expect(await run(addCalendarDay, admin, { day: "02/09/2027", kind: "off", reason: "x" })).toMatchObject({ ok: false, fieldErrors: { kind: [expect.stringContaining("đã là ngày nghỉ (Quốc khánh (02/9))")] } });
    expect(await run(addCalendarDay, admin, { day: "31/02/2027", kind: "off", reason: "x" })).toMatchObject({ ok: false, fieldErrors: { day: [expect.stringContaining("dd/mm/yyyy")] } });
    expect(await run(addCalendarDay, admin, { day: "01/06/2027", kind: "off", reason: " " })).toMatchObject({ ok: false, fieldErrors: { reason: [expect.stringContaining("lý do")] } });

    await ok(run(deleteCalendarDay, admin, { id }));
    expect(await t.db.select().from(calendarDays).where(eq(calendarDays.id, id))).toHaveLength(0);
    // Deleting twice: the row is gone.
    expect(await run(deleteCalendarDay, admin, { id })).toMatchObject({ ok: false, code: "not_found" });
  });

  it("refuses a position without the right, and another agency's administrator on this agency's rows", async () => {
    const [seeded] = await t.db.select().from(calendarDays).where(and(eq(calendarDays.agencyId, w.agencyId), eq(calendarDays.day, "2027-03-08")));
    for (const who of [w.people.clerk.id, w.people.leader.id, w.people.staff.id]) {
      expect(await run(addCalendarDay, who, { day: "04/06/2027", kind: "off", reason: "x" })).toMatchObject({ ok: false, code: "forbidden" });
      expect(await run(deleteCalendarDay, who, { id: seeded.id })).toMatchObject({ ok: false, code: "forbidden" });
    }
    const foreign = other.people.admin.id;
    expect(await run(updateCalendarDay, foreign, { id: seeded.id, day: "09/03/2027", kind: "off", reason: "x" })).toMatchObject({ ok: false });
    expect(await run(deleteCalendarDay, foreign, { id: seeded.id })).toMatchObject({ ok: false });
    expect(await t.db.select().from(calendarDays).where(eq(calendarDays.id, seeded.id))).toEqual([seeded]);
    expect(await auditRows(t.db, { action: "action.refused", objectType: "calendar.day.delete", actorId: foreign, objectId: seeded.id })).toHaveLength(1);
    // The foreign administrator's own add lands in their own agency only.
    await ok(run(addCalendarDay, foreign, { day: "04/06/2027", kind: "off", reason: "Nghỉ của cơ quan khác" }));
    expect((await loadCalendar(w.agencyId, t.db)).isWorkingDay("2027-06-04")).toBe(true);
    expect((await loadCalendar(other.agencyId, t.db)).isWorkingDay("2027-06-04")).toBe(false);
  });
});

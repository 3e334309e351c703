import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { calendarDays } from "@/db/schema";
import { addCalendarDay, deleteCalendarDay, updateCalendarDay } from "@/lib/calendar/actions";
import { WorkCalendar } from "@/lib/calendar/calendar";
import { fb, na, nf, type AreaMatrix, type Matrix, type Side } from "./world";

// Lịch làm việc (issue 12): the administrator's changes of the agency's working-day calendar.

const NO_IDS = "takes no id besides the calendar change it acts on";
const plain = new WorkCalendar();
let next = "2028-06-01";
/** A weekday of 2028 not used before in this run and not a computed holiday: "dd/mm/yyyy". */
function weekday(): string {
  do next = new Date(Date.parse(`${next}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  while (!plain.isWorkingDay(next));
  return `${next.slice(8, 10)}/${next.slice(5, 7)}/${next.slice(0, 4)}`;
}
const toIso = (d: string) => `${d.slice(6, 10)}-${d.slice(3, 5)}-${d.slice(0, 2)}`;
const admin = (m: Matrix) => m.w.people.admin.id;
const change = (over: Record<string, unknown> = {}) => ({ day: weekday(), kind: "off", reason: "Nghỉ thêm theo Thông báo", ...over });

/** A change in a side's calendar, written directly. */
async function day(m: Matrix, s: Side, date = weekday()) {
  const [r] = await m.db.insert(calendarDays).values({ agencyId: s.w.agencyId, day: toIso(date), kind: "off", reason: "Nghỉ thêm" }).returning({ id: calendarDays.id });
  return { id: r.id, date };
}

export const calendarMatrix: AreaMatrix = [
  {
    def: addCalendarDay,
    wrongPosition: (m) => m.refused(addCalendarDay, m.w.people.leader.id, change(), fb),
    // The same date as another agency's change is a change of ours; theirs stays as it was.
    foreignRow: async (m) => {
      const theirs = await day(m, m.them);
      const row = async () => (await m.db.select().from(calendarDays).where(eq(calendarDays.id, theirs.id)))[0];
      const before = await row();
      const { id } = await m.ok<{ id: string }>(addCalendarDay, admin(m), change({ day: theirs.date }));
      expect(id).not.toBe(theirs.id);
      expect((await m.db.select({ a: calendarDays.agencyId }).from(calendarDays).where(eq(calendarDays.id, id)))[0].a).toBe(m.w.agencyId);
      expect(await row()).toEqual(before);
    },
    foreignIds: na("names no row: it adds a change to the caller's own agency's calendar, which the foreign-row case checks stays apart from another agency's"),
  },
  {
    def: updateCalendarDay,
    wrongPosition: async (m) => m.refused(updateCalendarDay, m.w.people.clerk.id, change({ id: (await day(m, m.us)).id }), fb),
    foreignRow: async (m) => m.refused(updateCalendarDay, admin(m), change({ id: (await day(m, m.them)).id }), nf),
    foreignIds: na(NO_IDS),
  },
  {
    def: deleteCalendarDay,
    wrongPosition: async (m) => m.refused(deleteCalendarDay, m.w.people.staff.id, { id: (await day(m, m.us)).id }, fb),
    foreignRow: async (m) => m.refused(deleteCalendarDay, admin(m), { id: (await day(m, m.them)).id }, nf),
    foreignIds: na(NO_IDS),
  },
];

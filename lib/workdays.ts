import type { WorkCalendar } from "@/lib/calendar/calendar";

// Working days come from the one calendar (lib/calendar: weekends, the computed Vietnamese holidays and
// the administrator's changes per year), loaded with lib/calendar/load.ts loadCalendar. The HOLIDAYS
// variable is only the seed of that calendar.

// Built once: constructing an Intl.DateTimeFormat costs more than formatting with it (it showed in the
// numbering bench's CPU profile, issue 15 item 5).
const VN_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" });

/** Today's date (yyyy-mm-dd) in Vietnam time. */
export function todayInVietnam(now = new Date()): string {
  return VN_DATE.format(now);
}

export function isWorkingDay(iso: string, calendar: WorkCalendar): boolean {
  return calendar.isWorkingDay(iso);
}

/** The date `n` working days after `from` (yyyy-mm-dd), not counting `from` itself. */
export function addWorkingDays(from: string, n: number, calendar: WorkCalendar): string {
  return calendar.addWorkingDays(from, n);
}

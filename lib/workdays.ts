import type { WorkCalendar } from "@/lib/calendar/calendar";

// Working days come from the one calendar (lib/calendar: weekends, the computed Vietnamese holidays and
// the administrator's changes per year), loaded with lib/calendar/load.ts loadCalendar. The HOLIDAYS
// variable is only the seed of that calendar.

export function isWorkingDay(iso: string, calendar: WorkCalendar): boolean {
  return calendar.isWorkingDay(iso);
}

/** The date `n` working days after `from` (yyyy-mm-dd), not counting `from` itself. */
export function addWorkingDays(from: string, n: number, calendar: WorkCalendar): string {
  return calendar.addWorkingDays(from, n);
}

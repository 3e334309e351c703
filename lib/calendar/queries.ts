import "server-only";
import type { Db, Tx } from "@/db/client";
import { todayInVietnam } from "@/lib/dates";
import type { CalendarLine } from "./calendar";
import { addDays } from "./holidays";
import { loadCalendar } from "./load";

export interface CalendarYear {
  year: number;
  lines: CalendarLine[];
  /** Days off on weekdays and working weekend days: what the year changes against a plain week. */
  weekdaysOff: number;
  workingWeekends: number;
  /** Every day of the year off (weekends included), for the month grid. */
  daysOff: string[];
}

export const thisYear = () => Number(todayInVietnam().slice(0, 4));

/** The year's list for Quản trị → Lịch làm việc. */
export async function calendarYear(agencyId: string, year: number, db?: Db | Tx): Promise<CalendarYear> {
  const calendar = await loadCalendar(agencyId, db);
  const lines = calendar.yearLines(year);
  const weekend = (d: string) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
  const daysOff: string[] = [];
  for (let d = `${year}-01-01`; d.startsWith(`${year}-`); d = addDays(d, 1)) if (!calendar.isWorkingDay(d)) daysOff.push(d);
  return {
    daysOff,
    year,
    lines,
    weekdaysOff: lines.filter((l) => l.off && !weekend(l.day)).length,
    workingWeekends: lines.filter((l) => !l.off && weekend(l.day)).length,
  };
}

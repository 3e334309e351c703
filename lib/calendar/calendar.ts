import { addDays, defaultDaysOff, isWeekend, type DefaultDay } from "./holidays";
import { lunarLabel } from "./lunar";
import type { ChangeKind } from "./schemas";

// One working-day calendar: Saturdays and Sundays, the computed holidays and compensatory days
// (holidays.ts), and the administrator's changes of the year (off / working / removed). Pure: the
// changes are loaded from the database by load.ts; every deadline of the product asks this object.

export interface CalendarChange {
  id: string;
  day: string;
  kind: ChangeKind;
  reason: string;
  /** From the HOLIDAYS variable when the calendar was first used, not from a person. */
  fromSeed: boolean;
}

/** One line of the year's list on the admin screen. */
export interface CalendarLine {
  day: string;
  lunar: string;
  /** Whether the day is off after the change. */
  off: boolean;
  kind: DefaultDay["kind"] | ChangeKind;
  reason: string;
  origin: "auto" | "admin" | "seed";
  /** The administrator's change on this day (edit, delete). */
  changeId: string | null;
  /** What the computed calendar says about this day, when the administrator changed it. */
  computed: string | null;
}

export class WorkCalendar {
  private readonly changes = new Map<string, CalendarChange>();
  private readonly defaults = new Map<number, Map<string, DefaultDay>>();

  constructor(changes: readonly CalendarChange[] = []) {
    for (const c of changes) this.changes.set(c.day, c);
  }

  /** The computed holidays and compensatory days of a year (memoized). */
  defaultsOf(year: number): Map<string, DefaultDay> {
    let m = this.defaults.get(year);
    if (!m) {
      m = new Map(defaultDaysOff(year).map((d) => [d.day, d]));
      this.defaults.set(year, m);
    }
    return m;
  }

  defaultOf(day: string): DefaultDay | undefined {
    return this.defaultsOf(Number(day.slice(0, 4))).get(day);
  }

  isWorkingDay(day: string): boolean {
    const c = this.changes.get(day);
    if (c?.kind === "working") return true;
    if (isWeekend(day) || c?.kind === "off") return false;
    if (c?.kind === "removed") return true;
    return !this.defaultOf(day);
  }

  /** The date `n` working days after `from` (yyyy-mm-dd), not counting `from` itself. */
  addWorkingDays(from: string, n: number): string {
    let d = from;
    for (let left = n; left > 0; ) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** Working days after `from` up to and including `to` (0 when `to` ≤ `from`). */
  workingDaysBetween(from: string, to: string): number {
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) n++;
    return n;
  }

  /** The year's days off and changed days, in date order, for the list on the admin screen. */
  yearLines(year: number): CalendarLine[] {
    const lines: CalendarLine[] = [];
    const prefix = `${year}-`;
    for (const d of this.defaultsOf(year).values()) {
      if (this.changes.has(d.day)) continue;
      lines.push({ day: d.day, lunar: lunarLabel(d.day), off: true, kind: d.kind, reason: d.reason, origin: "auto", changeId: null, computed: null });
    }
    for (const c of this.changes.values()) {
      if (!c.day.startsWith(prefix)) continue;
      const def = this.defaultOf(c.day);
      lines.push({
        day: c.day,
        lunar: lunarLabel(c.day),
        off: !this.isWorkingDay(c.day),
        kind: c.kind,
        reason: c.reason,
        origin: c.fromSeed ? "seed" : "admin",
        changeId: c.id,
        computed: def ? def.reason : isWeekend(c.day) ? "Ngày nghỉ hằng tuần" : null,
      });
    }
    return lines.sort((a, b) => a.day.localeCompare(b.day));
  }
}

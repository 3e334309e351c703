import { lunarToSolar } from "./lunar";

// The public holidays of Bộ luật Lao động 2019 Điều 112 khoản 1, computed for a year, and the
// compensatory days of Điều 111 khoản 3 (a holiday on a weekly rest day – Saturday or Sunday for state
// agencies – is made up on the next working day). These are the defaults: the Government announces each
// year how the Tết days and the day next to Quốc khánh actually fall, and the administrator records that
// as changes per year (db/schema/calendar.ts), never by editing this file.

export type DefaultKind = "holiday" | "compensatory";

export interface DefaultDay {
  day: string;
  kind: DefaultKind;
  reason: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function isWeekend(day: string): boolean {
  const w = new Date(`${day}T00:00:00Z`).getUTCDay();
  return w === 0 || w === 6;
}

/** "dd/mm" of a yyyy-mm-dd date, for the reasons. */
const short = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

/** The holidays of Điều 112 khoản 1 whose date falls in the solar year `year`. */
export function publicHolidays(year: number): DefaultDay[] {
  const out: DefaultDay[] = [];
  const add = (day: string, reason: string) => {
    if (day.startsWith(`${year}-`)) out.push({ day, kind: "holiday", reason });
  };
  add(iso(year, 1, 1), "Tết Dương lịch");
  // Tết Âm lịch: the last day of the lunar year and mùng 1–4 Tết (mùng 1 falls between 21/01 and 20/02).
  const tet = lunarToSolar(year, 1, 1);
  add(addDays(tet, -1), "Tết Âm lịch (ngày cuối năm âm lịch)");
  for (let i = 0; i < 4; i++) add(addDays(tet, i), `Tết Âm lịch (mùng ${i + 1} Tết)`);
  add(lunarToSolar(year, 3, 10), "Giỗ Tổ Hùng Vương (10/3 âm lịch)");
  add(iso(year, 4, 30), "Ngày Chiến thắng (30/4)");
  add(iso(year, 5, 1), "Ngày Quốc tế lao động (01/5)");
  add(iso(year, 9, 1), "Quốc khánh (ngày liền kề 02/9)");
  add(iso(year, 9, 2), "Quốc khánh (02/9)");
  return out.sort((a, b) => a.day.localeCompare(b.day));
}

/**
 * For each holiday on a Saturday or Sunday, a compensatory day on the next weekday that is neither a
 * holiday nor already a compensatory day (Tết on a weekend pushes its days past the end of Tết).
 */
export function compensatoryDays(holidays: readonly DefaultDay[]): DefaultDay[] {
  const taken = new Set(holidays.map((h) => h.day));
  const out: DefaultDay[] = [];
  for (const h of [...holidays].sort((a, b) => a.day.localeCompare(b.day))) {
    if (!isWeekend(h.day)) continue;
    let d = addDays(h.day, 1);
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    out.push({ day: d, kind: "compensatory", reason: `Nghỉ bù ${h.reason} (${short(h.day)} trùng ngày nghỉ hằng tuần)` });
  }
  return out;
}

/** The year's computed days off: holidays of this year and compensatory days falling in it. */
export function defaultDaysOff(year: number): DefaultDay[] {
  // A holiday of late December (none today, but Tết's eve can be) gives its compensatory day in January.
  const holidays = [...publicHolidays(year - 1), ...publicHolidays(year)];
  const all = [...holidays, ...compensatoryDays(holidays)];
  return all.filter((d) => d.day.startsWith(`${year}-`)).sort((a, b) => a.day.localeCompare(b.day));
}

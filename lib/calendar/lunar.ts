import { LunarDate, SolarDate } from "@nghiavuive/lunar_date_vi";

// The Vietnamese lunar calendar (âm lịch), computed for UTC+7 by @nghiavuive/lunar_date_vi (independent
// of the process time zone; stack-notes §7: Tết 2026 = 17/02/2026, 2027 = 06/02/2027, 1985 = 21/01).

const pad = (n: number) => String(n).padStart(2, "0");

/** The solar date (yyyy-mm-dd) of a lunar day of a regular (not leap) month. */
export function lunarToSolar(lunarYear: number, month: number, day: number): string {
  const l = new LunarDate({ day, month, year: lunarYear });
  l.init();
  const s = l.toSolarDate().get();
  return `${s.year}-${pad(s.month)}-${pad(s.day)}`;
}

export interface LunarDay {
  day: number;
  month: number;
  year: number;
  leapMonth: boolean;
  yearName: string;
}

export function solarToLunar(iso: string): LunarDay {
  const [year, month, day] = iso.split("-").map(Number);
  const l = new SolarDate({ day, month, year }).toLunarDate().get();
  return { day: l.day, month: l.month, year: l.year, leapMonth: l.leap_month, yearName: l.year_name };
}

/** "29/12 Ất Tỵ", "15/4 nhuận Bính Ngọ": the lunar date as the list shows it. */
export function lunarLabel(iso: string): string {
  const l = solarToLunar(iso);
  return `${pad(l.day)}/${pad(l.month)}${l.leapMonth ? " nhuận" : ""} ${l.yearName}`;
}

import { describe, expect, it } from "vitest";
import { WorkCalendar } from "@/lib/calendar/calendar";
import { compensatoryDays, defaultDaysOff, publicHolidays } from "@/lib/calendar/holidays";
import { lunarLabel, lunarToSolar, solarToLunar } from "@/lib/calendar/lunar";

// Bộ luật Lao động 2019 Điều 112 (holidays) and Điều 111.3 (compensatory days), lunar dates in UTC+7.

const days = (year: number, reason: RegExp) => publicHolidays(year).filter((d) => reason.test(d.reason)).map((d) => d.day);

describe("lunar dates (UTC+7)", () => {
  it("finds Tết and Giỗ Tổ as published (stack-notes §7)", () => {
    expect(lunarToSolar(2026, 1, 1)).toBe("2026-02-17");
    expect(lunarToSolar(2027, 1, 1)).toBe("2027-02-06");
    expect(lunarToSolar(2026, 3, 10)).toBe("2026-04-26");
    // Vietnam-specific (UTC+7 differs from China's UTC+8): 1985 and 2030.
    expect(lunarToSolar(1985, 1, 1)).toBe("1985-01-21");
    expect(lunarToSolar(2007, 1, 1)).toBe("2007-02-17");
    expect(lunarToSolar(2030, 1, 1)).toBe("2030-02-02");
  });

  it("does not depend on the process time zone", () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = "America/Los_Angeles";
      expect(lunarToSolar(2027, 1, 1)).toBe("2027-02-06");
      expect(solarToLunar("2026-02-16")).toMatchObject({ day: 29, month: 12, year: 2025 });
    } finally {
      process.env.TZ = before;
    }
  });

  it("labels a day with its lunar date and year name", () => {
    expect(lunarLabel("2026-02-17")).toBe("01/01 Bính Ngọ");
    expect(lunarLabel("2026-02-16")).toBe("29/12 Ất Tỵ");
  });
});

describe("public holidays 2026–2030 (Điều 112)", () => {
  const tet: Record<number, string[]> = {
    2026: ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"],
    2027: ["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09"],
    2028: ["2028-01-25", "2028-01-26", "2028-01-27", "2028-01-28", "2028-01-29"],
    2029: ["2029-02-12", "2029-02-13", "2029-02-14", "2029-02-15", "2029-02-16"],
    2030: ["2030-02-01", "2030-02-02", "2030-02-03", "2030-02-04", "2030-02-05"],
  };
  const gioTo: Record<number, string> = { 2026: "2026-04-26", 2027: "2027-04-16", 2028: "2028-04-04", 2029: "2029-04-23", 2030: "2030-04-12" };

  for (const year of [2026, 2027, 2028, 2029, 2030]) {
    it(`${year}: 11 days – Tết 5 (last day of the lunar year + mùng 1–4), Giỗ Tổ, the solar holidays`, () => {
      const all = publicHolidays(year);
      expect(all).toHaveLength(11);
      expect(days(year, /^Tết Âm lịch/)).toEqual(tet[year]);
      expect(days(year, /Giỗ Tổ/)).toEqual([gioTo[year]]);
      expect(days(year, /Tết Dương lịch|Chiến thắng|lao động|Quốc khánh/)).toEqual([`${year}-01-01`, `${year}-04-30`, `${year}-05-01`, `${year}-09-01`, `${year}-09-02`]);
    });
  }
});

describe("compensatory days (Điều 111.3)", () => {
  it("2026: Giỗ Tổ on Sunday 26/4 → Monday 27/4; nothing else on a weekend", () => {
    const comp = defaultDaysOff(2026).filter((d) => d.kind === "compensatory");
    expect(comp.map((d) => d.day)).toEqual(["2026-04-27"]);
    expect(comp[0].reason).toContain("Giỗ Tổ Hùng Vương");
  });

  it("2027: Tết on Saturday 6/2 and Sunday 7/2 → the two weekdays after Tết (10/2, 11/2)", () => {
    const comp = defaultDaysOff(2027).filter((d) => d.kind === "compensatory").map((d) => d.day);
    // 2027: Tết 5–9/2 (Sat 6, Sun 7), 1/5 Saturday → Monday 3/5, … (no compensatory day on another holiday)
    expect(comp.slice(0, 2)).toEqual(["2027-02-10", "2027-02-11"]);
    expect(comp).toContain("2027-05-03");
  });

  it("a holiday run ending on a weekend skips the following holidays too", () => {
    // Saturday 30/4/2022 and Sunday 1/5/2022 → Monday 2/5 and Tuesday 3/5.
    const comp = compensatoryDays(publicHolidays(2022)).map((d) => d.day);
    expect(comp).toEqual(expect.arrayContaining(["2022-05-02", "2022-05-03"]));
  });

  it("every computed day of 2026–2030 is a weekday off except the weekend holidays themselves", () => {
    for (const year of [2026, 2027, 2028, 2029, 2030]) {
      const cal = new WorkCalendar();
      for (const d of defaultDaysOff(year)) expect(cal.isWorkingDay(d.day)).toBe(false);
      const comp = defaultDaysOff(year).filter((d) => d.kind === "compensatory");
      const weekendHolidays = publicHolidays(year).filter((d) => [0, 6].includes(new Date(`${d.day}T00:00:00Z`).getUTCDay()));
      expect(comp).toHaveLength(weekendHolidays.length);
    }
  });
});

describe("the administrator's changes", () => {
  const change = (day: string, kind: "off" | "working" | "removed") => ({ id: day, day, kind, reason: "Thông báo", fromSeed: false });

  it("a swapped Saturday is a working day; a removed holiday too; an extra day is off", () => {
    const cal = new WorkCalendar([change("2026-02-07", "working"), change("2026-09-01", "removed"), change("2026-09-03", "off")]);
    expect(cal.isWorkingDay("2026-02-07")).toBe(true);
    expect(cal.isWorkingDay("2026-09-01")).toBe(true);
    expect(cal.isWorkingDay("2026-09-03")).toBe(false);
    // Monday 31/8 + 2 working days: 1/9 (removed holiday) and 4/9 (3/9 extra off, 2/9 Quốc khánh).
    expect(cal.addWorkingDays("2026-08-31", 2)).toBe("2026-09-04");
  });

  it("lists the year's days with where each came from", () => {
    const cal = new WorkCalendar([change("2026-09-01", "removed"), change("2026-09-03", "off")]);
    const lines = cal.yearLines(2026);
    expect(lines.find((l) => l.day === "2026-02-17")).toMatchObject({ origin: "auto", off: true, lunar: "01/01 Bính Ngọ" });
    expect(lines.find((l) => l.day === "2026-09-01")).toMatchObject({ origin: "admin", off: false, kind: "removed", computed: "Quốc khánh (ngày liền kề 02/9)" });
    expect(lines.find((l) => l.day === "2026-09-03")).toMatchObject({ origin: "admin", off: true, kind: "off", computed: null });
    expect(lines.map((l) => l.day)).toEqual([...lines.map((l) => l.day)].sort());
  });
});

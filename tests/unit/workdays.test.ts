import { describe, expect, it } from "vitest";
import { WorkCalendar } from "@/lib/calendar/calendar";
import { vietnamYear } from "@/lib/registers/numbering";
import { todayInVietnam } from "@/lib/dates";
import { addWorkingDays, isWorkingDay } from "@/lib/workdays";

describe("working days and the numbering year", () => {
  const plain = new WorkCalendar();

  it("skips weekends", () => {
    // 2026-11-27 is a Friday.
    expect(addWorkingDays("2026-11-27", 1, plain)).toBe("2026-11-30");
    expect(addWorkingDays("2026-11-27", 5, plain)).toBe("2026-12-04");
    expect(isWorkingDay("2026-11-28", plain)).toBe(false);
  });

  it("skips the public holidays without any configuration", () => {
    // Monday 31/8/2026 + 1 working day skips Quốc khánh (1/9 and 2/9).
    expect(addWorkingDays("2026-08-31", 1, plain)).toBe("2026-09-03");
  });

  it("counts the year and the day in Vietnam time (NĐ 30/2020: numbers restart on 1 January)", () => {
    expect(vietnamYear(new Date("2026-12-31T16:59:59Z"))).toBe(2026);
    expect(vietnamYear(new Date("2026-12-31T17:00:00Z"))).toBe(2027);
    expect(todayInVietnam(new Date("2026-11-25T18:00:00Z"))).toBe("2026-11-26");
  });
});

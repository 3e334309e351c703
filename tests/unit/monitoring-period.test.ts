import { describe, expect, it } from "vitest";
import { periodSearchSchema, presetPeriod, resolvePeriod } from "@/lib/monitoring/period";
import { parseSearchParams } from "@/lib/search-params";

// The dashboard's and the reports' period: presets around today (Vietnam), a bad or reversed range
// falls back to this month, and odd values are dropped (never a 500).
describe("monitoring period", () => {
  it("presets: this month, quarter and year", () => {
    expect(presetPeriod("month", "2026-02-10")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(presetPeriod("quarter", "2026-11-30")).toEqual({ from: "2026-10-01", to: "2026-12-31" });
    expect(presetPeriod("year", "2028-02-29")).toEqual({ from: "2028-01-01", to: "2028-12-31" });
  });

  it("from/to when given in order, else the preset, else this month", () => {
    expect(resolvePeriod({ from: "2026-01-01", to: "2026-03-31" }, "2026-11-30")).toMatchObject({ from: "2026-01-01", to: "2026-03-31" });
    expect(resolvePeriod({ from: "2026-03-31", to: "2026-01-01" }, "2026-11-30")).toMatchObject({ from: "2026-11-01", to: "2026-11-30", preset: "month" });
    expect(resolvePeriod({ from: "1990-01-01", to: "2026-01-01", preset: "year" }, "2026-11-30")).toMatchObject({ from: "2026-01-01", to: "2026-12-31" });
  });

  it("odd query strings are dropped and named", () => {
    const { data, ignored } = parseSearchParams(
      { from: "2026-02-30", to: ["2026-03-01", "x"], preset: "decade", unit: "../../etc", extra: "\u0000" },
      periodSearchSchema,
    );
    expect(data).toEqual({ from: undefined, to: "2026-03-01", preset: undefined, unit: undefined });
    expect(ignored.sort()).toEqual(["from", "preset", "unit"]);
  });
});

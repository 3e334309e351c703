import { z } from "zod";
import { param } from "@/lib/search-params";
import { todayInVietnam } from "@/lib/dates";

// The period of the dashboard and the reports: from / to (yyyy-mm-dd, Vietnam) or a preset.

export const PRESETS = { month: "Tháng này", quarter: "Quý này", year: "Năm nay" } as const;
export type Preset = keyof typeof PRESETS;

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The first and last day of this month, quarter or year around `today`. */
export function presetPeriod(p: Preset, today = todayInVietnam()): { from: string; to: string } {
  const [y, m] = today.split("-").map(Number);
  const [a, b] = p === "month" ? [m, m] : p === "quarter" ? [Math.floor((m - 1) / 3) * 3 + 1, Math.floor((m - 1) / 3) * 3 + 3] : [1, 12];
  return { from: `${y}-${pad(a)}-01`, to: `${y}-${pad(b)}-${pad(lastDay(y, b))}` };
}

/** /monitoring and the reports: a bad value is left out (never a 500); to before from swaps nothing, it is dropped. */
export const periodSearchSchema = z.object({
  from: param.date(),
  to: param.date(),
  preset: param.enum(["month", "quarter", "year"] as const),
  unit: param.uuid(),
});

/** The period asked for: from/to when both are given and in order (at most 5 years), else the preset, else this month. */
export function resolvePeriod(q: { from?: string; to?: string; preset?: Preset }, today = todayInVietnam()) {
  if (q.from && q.to && q.from <= q.to && Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4)) <= 5) return { from: q.from, to: q.to, preset: undefined };
  const preset = q.preset ?? "month";
  return { ...presetPeriod(preset, today), preset };
}

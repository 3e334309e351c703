import type { Progress } from "@/lib/incoming/progress";

/** The list behind a number of the dashboard or a report: /incoming with the same period, scope and state. */
export function drillHref(
  period: { from: string; to: string },
  progress: Progress,
  by: { within?: string | null; handlingUnit?: string; handler?: string } = {},
): string {
  const q = new URLSearchParams({ from: period.from, to: period.to, progress });
  if (by.within) q.set("within", by.within);
  if (by.handlingUnit) q.set("handlingUnit", by.handlingUnit);
  if (by.handler) q.set("handler", by.handler);
  return `/incoming?${q}`;
}

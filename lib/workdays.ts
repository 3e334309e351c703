// Working days: weekends and the holidays in HOLIDAYS (comma-separated yyyy-mm-dd) are skipped.
const holidays = () => new Set((process.env.HOLIDAYS ?? "").split(",").map((s) => s.trim()).filter(Boolean));

/** Today's date (yyyy-mm-dd) in Vietnam time. */
export function todayInVietnam(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(now);
}

export function isWorkingDay(iso: string, off = holidays()): boolean {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6 && !off.has(iso);
}

/** The date `n` working days after `from` (yyyy-mm-dd), not counting `from` itself. */
export function addWorkingDays(from: string, n: number): string {
  const off = holidays();
  const d = new Date(`${from}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isWorkingDay(d.toISOString().slice(0, 10), off)) left--;
  }
  return d.toISOString().slice(0, 10);
}

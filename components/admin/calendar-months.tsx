import type { CalendarLine } from "@/lib/calendar/calendar";

const HEAD = [
  ["T2", "Thứ Hai"], ["T3", "Thứ Ba"], ["T4", "Thứ Tư"], ["T5", "Thứ Năm"], ["T6", "Thứ Sáu"], ["T7", "Thứ Bảy"], ["CN", "Chủ nhật"],
] as const;
const pad = (n: number) => String(n).padStart(2, "0");

/** The year as twelve small months: days off shaded, holidays and changed days marked, with their reason as a title. */
export function CalendarMonths({ year, daysOff, lines }: { year: number; daysOff: string[]; lines: CalendarLine[] }) {
  const off = new Set(daysOff);
  const byDay = new Map(lines.map((l) => [l.day, l]));
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {Array.from({ length: 12 }, (_, m) => {
        const first = new Date(Date.UTC(year, m, 1));
        const days = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
        const lead = (first.getUTCDay() + 6) % 7; // Monday first
        const cells: (number | null)[] = [...Array<null>(lead).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
        while (cells.length % 7) cells.push(null);
        const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
        return (
          <table key={m} className="w-full table-fixed border-collapse text-center text-xs">
            <caption className="mb-1 text-left text-sm font-semibold text-slate-800">Tháng {m + 1}/{year}</caption>
            <thead>
              <tr>
                {HEAD.map(([short, full]) => (
                  <th key={short} scope="col" className="py-1 font-medium text-slate-600">
                    <abbr title={full} className="no-underline">{short}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((week, w) => (
                <tr key={w}>
                  {week.map((d, i) => {
                    if (d === null) return <td key={i} />;
                    const iso = `${year}-${pad(m + 1)}-${pad(d)}`;
                    const line = byDay.get(iso);
                    const isOff = off.has(iso);
                    const cls = line
                      ? isOff
                        ? "bg-red-100 font-semibold text-red-900"
                        : "bg-amber-100 font-semibold text-amber-900"
                      : isOff
                        ? "bg-slate-100 text-slate-600"
                        : "text-slate-900";
                    return (
                      <td key={i} className={`py-1 ${cls}`} title={line ? `${line.reason} (âm lịch ${line.lunar})` : undefined}>
                        {d}
                        {line ? <span className="sr-only">: {isOff ? "nghỉ" : "làm việc"}, {line.reason}</span> : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </div>
  );
}

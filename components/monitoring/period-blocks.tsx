"use client";

import Link from "next/link";
import { DateField } from "@/components/ui/date-field";

// The dashboard's and the reports' blocks as data, as a list's rows are (components/ui/rows.ts): the page's
// payload carries strings, one client component renders the same markup. A block of server elements cost the
// server's thread several times what the same markup costs here (README, Benchmarks).

/** `[href, label, current]`: the periods one click away (Tháng này, Quý này, Năm nay). */
export type PresetLink = readonly [string, string, boolean];

export function PresetNav({ links }: { links: readonly PresetLink[] }) {
  return (
    <nav aria-label="Kỳ báo cáo" className="mb-3 flex flex-wrap gap-2 text-sm">
      {links.map(([href, label, current]) => (
        <Link
          key={href}
          href={href}
          aria-current={current ? "page" : undefined}
          className={`rounded-full border px-3 py-1 ${current ? "border-brand-700 bg-brand-50 text-brand-800" : "border-slate-300 bg-white"}`}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}

/** `[name, label, value, options]`: a choice with its label above; an option is `[value, label]`. */
export type PeriodChoice = readonly [string, string, string, readonly (readonly [string, string])[]];

const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";
const GRID = {
  4: "mb-4 grid gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-4",
  5: "no-print mb-4 grid gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-5",
} as const;

function Choice({ choice: [name, label, value, options] }: { choice: PeriodChoice }) {
  return (
    <label className="text-sm">
      {label}
      <select name={name} defaultValue={value} className={`${input} mt-1 block w-full`}>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </label>
  );
}

/**
 * A GET form choosing a period (Từ ngày, Đến ngày) and the choices around it: `before` the dates, `after` them.
 * `columns` 5 is the reports' form, which is not printed.
 */
export function PeriodForm({
  action, label, idPrefix, from, to, before = [], after = [], submit, columns,
}: {
  action: string;
  label?: string;
  idPrefix: string;
  from: string;
  to: string;
  before?: readonly PeriodChoice[];
  after?: readonly PeriodChoice[];
  submit: string;
  columns: keyof typeof GRID;
}) {
  return (
    <form action={action} aria-label={label} className={GRID[columns]}>
      {before.map((c) => <Choice key={c[0]} choice={c} />)}
      <DateField id={`${idPrefix}-from`} label="Từ ngày" name="from" defaultValue={from} />
      <DateField id={`${idPrefix}-to`} label="Đến ngày" name="to" defaultValue={to} />
      {after.map((c) => <Choice key={c[0]} choice={c} />)}
      <div className="flex items-end">
        <button className="rounded-md border border-slate-300 bg-white px-4 py-1.5 text-sm hover:bg-slate-50">{submit}</button>
      </div>
    </form>
  );
}

/** `[href, value, label, alert]`: a count linking to its documents; `alert` draws it red. */
export type FigureCard = readonly [string, string, string, boolean];

/** The five counts as links to the documents behind them, and the average processing time. */
export function FigureCardList({ cards, average }: { cards: readonly FigureCard[]; average: string }) {
  return (
    <ul className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      {cards.map(([href, value, label, alert]) => (
        <li key={label}>
          <a href={href} className={`block h-full rounded-lg border bg-white p-3 shadow-sm hover:border-brand-600 ${alert ? "border-red-300" : "border-slate-200"}`}>
            <span className={`block text-2xl font-semibold ${alert ? "text-red-700" : "text-slate-900"}`}>{value}</span>
            <span className="text-sm text-slate-600">{label}</span>
          </a>
        </li>
      ))}
      <li className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
        <span className="block text-2xl font-semibold text-slate-900">{average}</span>
        <span className="text-sm text-slate-600">Ngày làm việc xử lý trung bình</span>
      </li>
    </ul>
  );
}

"use client";

import type { FilterField } from "./filters";

// The list's search form whose fields come as data (components/ui/filters.ts says why and how).

const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";
const COLUMNS = {
  4: "mb-4 grid gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-4",
  5: "mb-4 grid gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-5",
} as const;

function Field({ field }: { field: FilterField }) {
  switch (field[0]) {
    case "q":
      return (
        <label className="sm:col-span-2">
          <span className="sr-only">Tìm kiếm</span>
          <input name="q" defaultValue={field[2]} placeholder={field[1]} className={`${input} w-full`} />
        </label>
      );
    case "t":
      return <input name={field[1]} defaultValue={field[3]} placeholder={field[2]} aria-label={field[2]} inputMode={field[4] ? "numeric" : undefined} className={input} />;
    case "s":
      return (
        <select name={field[1]} defaultValue={field[3] ?? ""} aria-label={field[2]} className={input}>
          <option value="">{field[4]}</option>
          {field[5].map((o) => (typeof o === "string" ? <option key={o}>{o}</option> : <option key={o[0]} value={o[0]}>{o[1]}</option>))}
        </select>
      );
    case "c":
      return (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name={field[1]} value="1" defaultChecked={field[3]} /> {field[2]}
        </label>
      );
    case "h":
      return <input type="hidden" name={field[1]} value={field[2]} />;
  }
}

/** A GET search form for the list at `action`; `columns`: its grid on wider screens; `submit`: its button's label. */
export function FilterForm({ action, fields, columns = 5, submit = "Lọc" }: { action: string; fields: readonly FilterField[]; columns?: keyof typeof COLUMNS; submit?: string }) {
  return (
    <form role="search" action={action} className={COLUMNS[columns]}>
      {fields.map((f, i) => <Field key={i} field={f} />)}
      <button className="rounded-md border border-slate-300 bg-white px-4 py-1.5 text-sm hover:bg-slate-50">{submit}</button>
    </form>
  );
}

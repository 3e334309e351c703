import type { ReactNode } from "react";

// The lists' table, shared by server pages (components/ui/page.tsx re-exports it) and by RowTable, the
// client table of rows sent as data; no directive, so it renders on either side.

export const tableClass = "min-w-full divide-y divide-slate-200 text-sm";
export const thClass = "px-3 py-2 text-left font-semibold text-slate-700";
export const tdClass = "cell";

/** `label`: the table's accessible name; `bare`: the table alone, for a caller that wraps it (a ScrollBox). */
export function ListTable({ headers, children, label, bare }: { headers: ReactNode[]; children: ReactNode; label?: string; bare?: boolean }) {
  const table = (
    <table className={tableClass} aria-label={label}>
      <thead className={bare ? undefined : "bg-slate-50"}>
        <tr>
          {headers.map((h, i) => (
            <th key={i} className={thClass}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">{children}</tbody>
    </table>
  );
  return bare ? table : <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">{table}</div>;
}

import type { ReactNode } from "react";

// The lists' table, shared by server pages (components/ui/page.tsx re-exports it) and by RowTable, the
// client table of rows sent as data; no directive, so it renders on either side.

export const tableClass = "min-w-full divide-y divide-slate-200 text-sm";
export const thClass = "px-3 py-2 text-left font-semibold text-slate-700";
export const tdClass = "cell";

export function ListTable({ headers, children }: { headers: ReactNode[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className={tableClass}>
        <thead className="bg-slate-50">
          <tr>
            {headers.map((h, i) => (
              <th key={i} className={thClass}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

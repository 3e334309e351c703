"use client";

import { ScrollBox, tableClass, tdClass, thClass } from "@/components/ui/page";

/** A part as shown: its id, its depth in the tree, then the five cells' text. */
export type PartLine = readonly [id: string, depth: number, name: string, role: string, deadline: string, status: string, result: string];

/** The table of Đơn vị, cá nhân xử lý (components/incoming/parts-table.tsx), from rows already worded. */
export function PartsTableView({ rows }: { rows: readonly PartLine[] }) {
  return (
    <ScrollBox label="Đơn vị, cá nhân xử lý">
      <table className={tableClass} aria-label="Đơn vị, cá nhân xử lý">
        <thead>
          <tr>
            <th className={thClass}>Đơn vị / người nhận</th>
            <th className={thClass}>Vai trò</th>
            <th className={thClass}>Hạn xử lý</th>
            <th className={thClass}>Tình trạng</th>
            <th className={thClass}>Tiến độ / kết quả</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map(([id, depth, name, role, deadline, status, result]) => (
            <tr key={id} data-depth={depth} data-testid="part-row">
              <td className={tdClass}>
                <span style={{ paddingLeft: `${depth * 1.5}rem` }} className="inline-block">{name}</span>
              </td>
              <td className={tdClass}>{role}</td>
              <td className={tdClass}>{deadline}</td>
              <td className={tdClass}>{status}</td>
              <td className={tdClass}>{result}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

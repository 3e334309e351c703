"use client";

import type { ReactNode } from "react";
import { ListTable, tdClass } from "./list-table";
import type { Row, RowPart, RowWide } from "./rows";

// The table of a list whose rows come as data (components/ui/rows.ts says why and how).

type Slots = Readonly<Record<string, ReactNode>>;

function Parts({ parts, slots }: { parts: readonly RowPart[]; slots?: Slots }) {
  return parts.map((p, i) => <Part key={i} part={p} slots={slots} />);
}

function Part({ part, slots }: { part: RowPart; slots?: Slots }) {
  if (part === null || typeof part !== "object") return part;
  switch (part[0]) {
    case "a":
      return <a href={part[1]} className={part[3] ?? "row-link"} aria-label={part[4]}>{part[2]}</a>;
    case "c":
      return <span className={part[1]}><Parts parts={part.slice(2) as RowPart[]} slots={slots} /></span>;
    case "g":
      return <Parts parts={part.slice(1) as RowPart[]} slots={slots} />;
    case "x":
      return slots?.[part[1]] ?? null;
  }
}

/**
 * `columns`: extra classes of a column's cells (e.g. "whitespace-nowrap"); `slots`: server-rendered nodes
 * placed by `["x", key]` parts; `label` and `bare` as ListTable's.
 */
export function RowTable({ headers, rows, columns, slots, label, bare }: {
  headers: string[]; rows: readonly Row[]; columns?: readonly (string | undefined)[]; slots?: Slots; label?: string; bare?: boolean;
}) {
  return (
    <ListTable headers={headers} label={label} bare={bare}>
      {rows.map(([key, ...cells]) => {
        const wide = cells.length === 1 && Array.isArray(cells[0]) && cells[0][0] === "s" ? (cells[0] as RowWide) : null;
        return wide ? (
          <tr key={key} className={wide[1] || undefined}>
            <td colSpan={headers.length} className={wide[2] ? `${tdClass} ${wide[2]}` : tdClass}><Parts parts={wide.slice(3) as RowPart[]} slots={slots} /></td>
          </tr>
        ) : (
          <tr key={key}>
            {(cells as RowPart[]).map((c, i) => (
              <td key={i} className={columns?.[i] ? `${tdClass} ${columns[i]}` : tdClass}><Part part={c} slots={slots} /></td>
            ))}
          </tr>
        );
      })}
    </ListTable>
  );
}

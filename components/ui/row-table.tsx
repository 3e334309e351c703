"use client";

import type { ReactNode } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { ActionButton } from "./action-button";
import { ListTable, tdClass } from "./list-table";
import type { Row, RowPart, RowWide } from "./rows";

// The table of a list whose rows come as data (components/ui/rows.ts says why and how).

type Slots = Readonly<Record<string, ReactNode>>;
/** The server actions a table's step buttons name (`["b", key, …]`). */
export type RowActions = Readonly<Record<string, (input: never) => Promise<ActionResult<unknown>>>>;
interface Ctx {
  slots?: Slots;
  actions?: RowActions;
}

function Parts({ parts, ctx }: { parts: readonly RowPart[]; ctx: Ctx }) {
  return parts.map((p, i) => <Part key={i} part={p} ctx={ctx} />);
}

function Part({ part, ctx }: { part: RowPart; ctx: Ctx }) {
  if (part === null || typeof part !== "object") return part;
  switch (part[0]) {
    case "a":
      return <a href={part[1]} className={part[3] ?? "row-link"} aria-label={part[4]}>{part[2]}</a>;
    case "c":
      return <span className={part[1]}><Parts parts={part.slice(2) as RowPart[]} ctx={ctx} /></span>;
    case "g":
      return <Parts parts={part.slice(1) as RowPart[]} ctx={ctx} />;
    case "r":
      return <span role="group" aria-label={part[1]} className={part[2]}><Parts parts={part.slice(3) as RowPart[]} ctx={ctx} /></span>;
    case "b": {
      const action = ctx.actions?.[part[1]];
      // A button without its action would do nothing when pressed: none is shown (the unit test names this).
      if (!action) return null;
      const o = part[4];
      return <ActionButton action={action as (input: unknown) => Promise<ActionResult<unknown>>} input={part[3]} label={part[2]} variant={o?.variant} confirm={o?.confirm} success={o?.success} go={o?.go} />;
    }
    case "x":
      return ctx.slots?.[part[1]] ?? null;
  }
}

/**
 * `columns`: extra classes of a column's cells (e.g. "whitespace-nowrap"); `slots`: server-rendered nodes
 * placed by `["x", key]` parts; `actions`: the server actions of the rows' step buttons; `label` and `bare`
 * as ListTable's.
 */
export function RowTable({ headers, rows, columns, slots, actions, label, bare }: {
  headers: string[]; rows: readonly Row[]; columns?: readonly (string | undefined)[]; slots?: Slots; actions?: RowActions; label?: string; bare?: boolean;
}) {
  const ctx: Ctx = { slots, actions };
  return (
    <ListTable headers={headers} label={label} bare={bare}>
      {rows.map(([key, ...cells]) => {
        const wide = cells.length === 1 && Array.isArray(cells[0]) && cells[0][0] === "s" ? (cells[0] as RowWide) : null;
        return wide ? (
          <tr key={key} className={wide[1] || undefined}>
            <td colSpan={headers.length} className={wide[2] ? `${tdClass} ${wide[2]}` : tdClass}><Parts parts={wide.slice(3) as RowPart[]} ctx={ctx} /></td>
          </tr>
        ) : (
          <tr key={key}>
            {(cells as RowPart[]).map((c, i) => (
              <td key={i} className={columns?.[i] ? `${tdClass} ${columns[i]}` : tdClass}><Part part={c} ctx={ctx} /></td>
            ))}
          </tr>
        );
      })}
    </ListTable>
  );
}

"use client";

import { Fragment, type ReactNode } from "react";
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

// Parts are elements made by plain calls, not a component each: the same markup, and React renders a
// table of 25 rows in 0.12 ms instead of 0.18-0.35 (renderToString, measured in-process).
function parts(list: readonly RowPart[], ctx: Ctx): ReactNode {
  return list.map((p, i) => part(p, ctx, i));
}

function part(part: RowPart, ctx: Ctx, key?: number): ReactNode {
  if (part === null || typeof part !== "object") return part;
  switch (part[0]) {
    case "a":
      return <a key={key} href={part[1]} className={part[3] ?? "row-link"} aria-label={part[4]}>{part[2]}</a>;
    case "c":
      return <span key={key} className={part[1]}>{parts(part.slice(2) as RowPart[], ctx)}</span>;
    case "g":
      return <Fragment key={key}>{parts(part.slice(1) as RowPart[], ctx)}</Fragment>;
    case "r":
      return <span key={key} role="group" aria-label={part[1]} className={part[2]}>{parts(part.slice(3) as RowPart[], ctx)}</span>;
    case "b": {
      const action = ctx.actions?.[part[1]];
      // A button without its action would do nothing when pressed: none is shown (the unit test names this).
      if (!action) return null;
      const o = part[4];
      return <ActionButton key={key} action={action as (input: unknown) => Promise<ActionResult<unknown>>} input={part[3]} label={part[2]} variant={o?.variant} confirm={o?.confirm} success={o?.success} go={o?.go} />;
    }
    case "x":
      return <Fragment key={key}>{ctx.slots?.[part[1]] ?? null}</Fragment>;
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
            <td colSpan={headers.length} className={wide[2] ? `${tdClass} ${wide[2]}` : tdClass}>{parts(wide.slice(3) as RowPart[], ctx)}</td>
          </tr>
        ) : (
          <tr key={key}>
            {(cells as RowPart[]).map((c, i) => (
              <td key={i} className={columns?.[i] ? `${tdClass} ${columns[i]}` : tdClass}>{part(c, ctx)}</td>
            ))}
          </tr>
        );
      })}
    </ListTable>
  );
}

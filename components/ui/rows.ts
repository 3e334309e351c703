/**
 * A list's rows sent as data (issue 15). The server renders them to the same plain HTML as a table of
 * server components, but the page's RSC payload carries a short array per row instead of a tree of
 * elements (each `<td>`, link and badge with its props), and serializing, parsing and inlining that tree
 * was most of what a row cost the server (the incoming list: 9.4 -> 8.1 ms of CPU a request, 65 -> 51 KB).
 * One client component for the table (components/ui/row-table.tsx), none per row, no handler: the rows
 * are plain links.
 *
 * A part is text; a link `["a", href, text, classes?, accessible name?]`; a span `["c", classes, ...parts]`;
 * parts side by side `["g", ...parts]`; or `["x", key]`, a node rendered by the server and passed in the
 * table's `slots` (a row's button). A row is its key, then one part per column; or its key and one
 * `["s", row classes, cell classes, ...parts]`, a cell across every column (a heading between rows).
 */
import type { ReactNode } from "react";

export type RowPart = string | number | null | RowLink | RowSpan | RowGroup | RowSlot;
export type RowLink = readonly ["a", string, string] | readonly ["a", string, string, string] | readonly ["a", string, string, string, string];
export type RowSpan = readonly ["c", string, ...RowPart[]];
export type RowGroup = readonly ["g", ...RowPart[]];
export type RowSlot = readonly ["x", string];
export type RowWide = readonly ["s", string, string, ...RowPart[]];
export type Row = readonly [string, ...RowPart[]] | readonly [string, RowWide];

/** A link (the list's link style unless classes are given). */
export const link = (href: string, text: string, classes?: string): RowLink => (classes ? ["a", href, text, classes] : ["a", href, text]);
/** A badge: its tone's classes and its label. */
export const badge = (tone: string, text: string): RowSpan => ["c", `badge ${tone}`, text];
/** A small second line under a cell's link. */
export const smallLine = (...parts: RowPart[]): RowSpan => ["c", "block text-xs text-slate-600", ...parts];
/** Parts side by side in one cell. */
export const group = (...parts: RowPart[]): RowGroup => ["g", ...parts];
/** A table's slots, filled while its rows are built: `slot(key, node)` keeps `node` and is the part that places it. */
export function slotsFor() {
  const slots: Record<string, ReactNode> = {};
  const slot = (key: string, node: ReactNode): RowSlot => {
    slots[key] = node;
    return ["x", key];
  };
  return { slots, slot };
}

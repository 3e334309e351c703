/**
 * A list's rows sent as data (issue 15). The server renders them to the same plain HTML as a table of
 * server components, but the page's RSC payload carries a short array per row instead of a tree of
 * elements (each `<td>`, link and badge with its props), and serializing, parsing and inlining that tree
 * was most of what a row cost the server (the incoming list: 9.4 -> 8.1 ms of CPU a request, 65 -> 51 KB).
 * One client component for the table (components/ui/row-table.tsx), none per row, no handler: the rows
 * are plain links.
 *
 * A part is text; a link `["a", href, text, classes?, accessible name?]`; a span `["c", classes, ...parts]`;
 * parts side by side `["g", ...parts]`; a named group of buttons `["r", accessible name, classes, ...parts]`;
 * a one-click step `["b", action, label, input, options?]` (below); or `["x", key]`, a node rendered by the
 * server and passed in the table's `slots`. A row is its key, then one part per column; or its key and one
 * `["s", row classes, cell classes, ...parts]`, a cell across every column (a heading between rows).
 *
 * A step's button names its action by a key of the table's `actions` (the server actions the page hands the
 * table) and carries the action's input as data: the table renders an ActionButton for it. A button per row
 * as a server node in a slot was a client component per row, each serialized, parsed and rendered on its
 * own: a file's page with 20 documents (three buttons each) took 19.8 ms of CPU a request, 12.4 with the
 * buttons as parts (README Benchmarks, 2026-12-06 fifth session).
 */
import type { ReactNode } from "react";

export type RowPart = string | number | null | RowLink | RowSpan | RowGroup | RowSlot | RowButton | RowButtons;
export type RowLink = readonly ["a", string, string] | readonly ["a", string, string, string] | readonly ["a", string, string, string, string];
export type RowSpan = readonly ["c", string, ...RowPart[]];
export type RowGroup = readonly ["g", ...RowPart[]];
export type RowSlot = readonly ["x", string];
/** How a row's step button looks and what follows it (ActionButton's props of the same names). */
export interface RowButtonOptions {
  variant?: "primary" | "secondary" | "danger" | "ghost";
  /** Asked before the step runs. */
  confirm?: string;
  /** Announced after it; by default "Đã thực hiện: <label>." */
  success?: string;
  /** Where to go after it instead of refreshing: `{id}` is the id the action returned (Mở hồ sơ). */
  go?: string;
}
export type RowButton = readonly ["b", string, string, Readonly<Record<string, unknown>>] | readonly ["b", string, string, Readonly<Record<string, unknown>>, RowButtonOptions];
export type RowButtons = readonly ["r", string, string, ...RowPart[]];
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
/** A one-click step of the row: the table's action `action` with `input`. */
export const button = (action: string, label: string, input: Readonly<Record<string, unknown>>, options?: RowButtonOptions): RowButton =>
  options ? ["b", action, label, input, options] : ["b", action, label, input];
/** Buttons side by side, named for assistive technology (e.g. "Thao tác với STT 3"). */
export const buttons = (name: string, ...parts: RowPart[]): RowButtons => ["r", name, "flex flex-wrap gap-1", ...parts];
/** A table's slots, filled while its rows are built: `slot(key, node)` keeps `node` and is the part that places it. */
export function slotsFor() {
  const slots: Record<string, ReactNode> = {};
  const slot = (key: string, node: ReactNode): RowSlot => {
    slots[key] = node;
    return ["x", key];
  };
  return { slots, slot };
}

/**
 * A list's search form sent as data (issue 15), as its rows are (components/ui/rows.ts): the page's RSC
 * payload carries the fields and their options as short arrays, and one client component
 * (components/ui/filter-form.tsx) renders the same plain GET form. A field is
 * - `["q", placeholder, value]`: the search box (two columns wide, its label read by screen readers),
 * - `["t", name, label, value, numeric?]`: a short text box, its label as placeholder and accessible name,
 * - `["s", name, label, value, first option, options]`: a choice, an option a value or `[value, label]`,
 * - `["c", name, label, checked]`: a check box sending "1",
 * - `["h", name, value]`: kept as it is (the list's tab).
 */
export type FilterOption = string | readonly [string, string];
export type FilterField =
  | readonly ["q", string, string | undefined]
  | readonly ["t", string, string, string | undefined, boolean?]
  | readonly ["s", string, string, string | undefined, string, readonly FilterOption[]]
  | readonly ["c", string, string, boolean]
  | readonly ["h", string, string];

/** A choice's options from labels keyed by value, in their order. */
export const optionsOf = (labels: Readonly<Record<string, string>>, values: readonly string[] = Object.keys(labels)): FilterOption[] =>
  values.map((v) => [v, labels[v]] as const);

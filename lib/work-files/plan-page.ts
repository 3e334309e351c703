// The Danh mục hồ sơ on screen a page at a time (the printout and the downloads carry all of it): each heading
// with its items in their order, a heading without items as one row of its own. A page starts with its
// heading's row again when the heading began on the page before (`continued`).
//
// The screen reads only the page's items (lib/work-files/queries.ts, getPlanPage): `planWindow` finds, from each
// heading's number of items, which items a page holds; `planRows` lays those items out under their headings.

/** As every list's page (25 rows): fifty with their buttons made the plan the dearest page of the office (README Benchmarks). */
export const PLAN_PAGE_SIZE = 25;

export interface PlanPageRow<H, I> {
  heading: H;
  /** null: the heading has no item yet. */
  item: I | null;
  /** The heading's row goes before this one (its first row on this page). */
  headingRow: boolean;
  /** That heading row continues a heading from the page before. */
  continued: boolean;
}

export interface PlanWindow {
  page: number;
  pages: number;
  /** The page's first row among all the plan's rows (a heading without items is one row). */
  start: number;
  size: number;
  /** The page's items: `limit` of them after the first `offset` of the plan, in heading then item order. */
  offset: number;
  limit: number;
}

/** Which page is shown (a page past the end shows the last one) and which items it holds. */
export function planWindow(counts: number[], requested: number, size = PLAN_PAGE_SIZE): PlanWindow {
  const total = counts.reduce((n, c) => n + Math.max(c, 1), 0);
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, Math.floor(requested) || 1), pages);
  const start = (page - 1) * size;
  let row = 0;
  let offset = 0;
  let limit = 0;
  for (const c of counts) {
    const from = Math.max(start, row) - row;
    const to = Math.min(start + size, row + Math.max(c, 1)) - row;
    if (c > 0) {
      offset += Math.min(c, from);
      limit += Math.max(0, to - from);
    }
    row += Math.max(c, 1);
    if (row >= start + size) break;
  }
  return { page, pages, start, size, offset, limit };
}

/** The page's rows: `items` are the window's items in order, under headings whose `count` says how many each has. */
export function planRows<H extends { count: number }, I>(headings: H[], items: I[], w: PlanWindow): PlanPageRow<H, I>[] {
  const rows: PlanPageRow<H, I>[] = [];
  let row = 0;
  let next = 0;
  for (const heading of headings) {
    const width = Math.max(heading.count, 1);
    const from = Math.max(w.start, row) - row;
    const to = Math.min(w.start + w.size, row + width) - row;
    for (let j = from; j < to; j++) {
      rows.push({ heading, item: heading.count > 0 ? (items[next++] ?? null) : null, headingRow: j === from, continued: j === from && j > 0 });
    }
    row += width;
    if (row >= w.start + w.size) break;
  }
  return rows;
}

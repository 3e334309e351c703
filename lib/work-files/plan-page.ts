// The Danh mục hồ sơ on screen a page at a time (the printout and the downloads carry all of it): each heading
// with its items in their order, a heading without items as one row of its own. A page starts with its
// heading's row again when the heading began on the page before (`continued`).

export const PLAN_PAGE_SIZE = 50;

export interface PlanPageRow<H extends { items: unknown[] }> {
  heading: H;
  /** null: the heading has no item yet. */
  item: H["items"][number] | null;
  /** The heading's row goes before this one (its first row on this page). */
  headingRow: boolean;
  /** That heading row continues a heading from the page before. */
  continued: boolean;
}

/** The rows of one page; a page past the end shows the last one. */
export function planPage<H extends { id: string; items: unknown[] }>(headings: H[], requested: number, size = PLAN_PAGE_SIZE) {
  const all = headings.flatMap<{ heading: H; item: H["items"][number] | null }>((heading) => (heading.items.length ? heading.items.map((item) => ({ heading, item })) : [{ heading, item: null }]));
  const pages = Math.max(1, Math.ceil(all.length / size));
  const page = Math.min(Math.max(1, Math.floor(requested) || 1), pages);
  const start = (page - 1) * size;
  const rows: PlanPageRow<H>[] = all.slice(start, start + size).map((r, i, shown) => {
    const before = i > 0 ? shown[i - 1] : start > 0 ? all[start - 1] : undefined;
    const headingRow = before?.heading.id !== r.heading.id || i === 0;
    return { ...r, headingRow, continued: headingRow && before?.heading.id === r.heading.id };
  });
  return { rows, page, pages };
}

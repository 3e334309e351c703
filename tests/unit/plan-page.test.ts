import { describe, expect, it } from "vitest";
import { PLAN_PAGE_SIZE, planRows, planWindow } from "@/lib/work-files/plan-page";

// The Danh mục hồ sơ page by page: headings in order, each item once, a heading continued on the next page
// shown again there, an empty heading as one row.
const heading = (id: string, n: number) => ({ id, count: n, items: Array.from({ length: n }, (_, i) => ({ id: `${id}-${i + 1}` })) });
type Heading = ReturnType<typeof heading>;
/** As the screen does it: the window from the counts, then only the window's items, as the query returns them. */
function planPage(headings: Heading[], requested: number, size = PLAN_PAGE_SIZE) {
  const w = planWindow(headings.map((h) => h.count), requested, size);
  const items = headings.flatMap((h) => h.items).slice(w.offset, w.offset + w.limit);
  return { rows: planRows(headings, items, w), page: w.page, pages: w.pages };
}
const show = (r: ReturnType<typeof planPage>) =>
  r.rows.map((x) => `${x.headingRow ? `[${x.heading.id}${x.continued ? "+" : ""}] ` : ""}${x.item?.id ?? "-"}`);

describe("planPage", () => {
  it("splits a plan into pages of the size, each item once, in order", () => {
    const plan = [heading("I", 3), heading("II", 0), heading("III", 4)];
    expect(show(planPage(plan, 1, 3))).toEqual(["[I] I-1", "I-2", "I-3"]);
    // The empty heading is a row of its own; III starts on this page.
    expect(show(planPage(plan, 2, 3))).toEqual(["[II] -", "[III] III-1", "III-2"]);
    // III continues from page 2: its row again, marked.
    expect(show(planPage(plan, 3, 3))).toEqual(["[III+] III-3", "III-4"]);
    expect(planPage(plan, 3, 3)).toMatchObject({ page: 3, pages: 3 });
    const all = [1, 2, 3].flatMap((p) => planPage(plan, p, 3).rows.map((r) => r.item?.id ?? `(${r.heading.id})`));
    expect(all).toEqual(["I-1", "I-2", "I-3", "(II)", "III-1", "III-2", "III-3", "III-4"]);
  });

  it("a page past the end shows the last; nonsense shows the first; an empty plan is one empty page", () => {
    const plan = [heading("I", 2 * PLAN_PAGE_SIZE + 7)];
    expect(planPage(plan, 99)).toMatchObject({ page: 3, pages: 3 });
    expect(planPage(plan, 99).rows).toHaveLength(7);
    expect(planPage(plan, 0).page).toBe(1);
    expect(planPage(plan, Number.NaN).page).toBe(1);
    expect(planPage([], 5)).toEqual({ rows: [], page: 1, pages: 1 });
  });

  it("the window names only the page's items: an empty heading takes a row but no item", () => {
    const counts = [3, 0, 4];
    expect(planWindow(counts, 1, 3)).toMatchObject({ start: 0, offset: 0, limit: 3 });
    expect(planWindow(counts, 2, 3)).toMatchObject({ start: 3, offset: 3, limit: 2 });
    expect(planWindow(counts, 3, 3)).toMatchObject({ start: 6, offset: 5, limit: 2 });
    expect(planWindow([0, 0, 5], 1, 3)).toMatchObject({ offset: 0, limit: 1 });
    expect(planWindow([0, 0, 5], 2, 3)).toMatchObject({ offset: 1, limit: 3 });
    // Every item of a larger plan once, over all its pages, whatever the page size.
    const big = [7, 0, 0, 12, 1, 0, 30];
    for (const size of [1, 4, 5, 50]) {
      const { pages } = planWindow(big, 1, size);
      const seen = Array.from({ length: pages }, (_, p) => planWindow(big, p + 1, size)).flatMap((w) => Array.from({ length: w.limit }, (_, i) => w.offset + i));
      expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i));
    }
  });
});

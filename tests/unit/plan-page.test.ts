import { describe, expect, it } from "vitest";
import { PLAN_PAGE_SIZE, planPage } from "@/lib/work-files/plan-page";

// The Danh mục hồ sơ page by page: headings in order, each item once, a heading continued on the next page
// shown again there, an empty heading as one row.
const heading = (id: string, n: number) => ({ id, items: Array.from({ length: n }, (_, i) => ({ id: `${id}-${i + 1}` })) });
const show = (r: ReturnType<typeof planPage<ReturnType<typeof heading>>>) =>
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
    const plan = [heading("I", 120)];
    expect(planPage(plan, 99)).toMatchObject({ page: 3, pages: 3 });
    expect(planPage(plan, 99).rows).toHaveLength(120 - 2 * PLAN_PAGE_SIZE);
    expect(planPage(plan, 0).page).toBe(1);
    expect(planPage(plan, Number.NaN).page).toBe(1);
    expect(planPage([], 5)).toEqual({ rows: [], page: 1, pages: 1 });
  });
});

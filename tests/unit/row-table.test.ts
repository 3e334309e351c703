import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { RowTable } from "@/components/ui/row-table";
import { badge, button, buttons, group, link, slotsFor, smallLine, type Row } from "@/components/ui/rows";

// ActionButton refreshes or moves the page through the App Router after a step; no router outside Next.
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh() {}, push() {} }) }));

// A list's rows sent as data (issue 15): the table renders the same plain HTML a tree of server components
// did, React escapes every text and attribute, and a server-rendered node goes where its slot is named.

describe("RowTable", () => {
  const render = (rows: Row[], extra: Record<string, unknown> = {}) =>
    renderToStaticMarkup(createElement(RowTable, { headers: ["Số đến", "Trích yếu", "Trạng thái"], rows, ...extra }));

  it("renders each part as the list's markup, one row per key, cells in the headers' order", () => {
    const html = render([
      ["d1", "12", group(link("/incoming/d1", "Công văn: Về việc A"), smallLine("Trả lời: ", link("/outgoing/o1", "5/SNV-VP"))), badge("bg-sky-50 text-sky-800", "Đã vào sổ")],
      ["d2", "13 (mật)", link("/incoming/d2", "Quyết định: B"), badge("bg-emerald-50 text-emerald-800", "Đã hoàn thành")],
    ]);
    expect(html).toContain('<th class="px-3 py-2 text-left font-semibold text-slate-700">Trích yếu</th>');
    expect(html.match(/<tr>/g)).toHaveLength(3);
    expect(html).toContain(
      '<td class="cell"><a href="/incoming/d1" class="row-link">Công văn: Về việc A</a><span class="block text-xs text-slate-600">Trả lời: <a href="/outgoing/o1" class="row-link">5/SNV-VP</a></span></td>',
    );
    expect(html).toContain('<td class="cell"><span class="badge bg-emerald-50 text-emerald-800">Đã hoàn thành</span></td>');
    expect(html.indexOf("13 (mật)")).toBeLessThan(html.indexOf("Quyết định: B"));
  });

  it("escapes text and links taken from documents (no markup gets through)", () => {
    const html = render([["x", '<img src=x onerror="alert(1)">', link('/incoming/x"><script>alert(1)</script>', "<b>trích yếu</b>"), null]]);
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain('href="/incoming/x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it("puts a server-rendered node where a row names its slot, extra column classes on that column", () => {
    const html = render([["a1", "HS-01", "Tiêu đề", group("Chưa xem", ["c", "ml-2", ["x", "a1"]])], ["a2", "HS-02", "Khác", ["x", "missing"]]], {
      columns: ["whitespace-nowrap"],
      slots: { a1: createElement("button", { type: "button" }, "Đã xem") },
    });
    expect(html).toContain('<td class="cell whitespace-nowrap">HS-01</td>');
    expect(html).toContain('<td class="cell">Tiêu đề</td>');
    expect(html).toContain('Chưa xem<span class="ml-2"><button type="button">Đã xem</button></span>');
    expect(html).toContain('<td class="cell"></td>');
  });

  it("spans a heading row across every column, names links and the table, and drops its frame when bare", () => {
    const html = render(
      [
        ["h1", ["s", "bg-slate-50/60", "font-semibold", "I. Tổ chức ", ["c", "font-normal text-slate-500", "(TC)"]]],
        ["i1", "01.TC", "Hồ sơ tổ chức", ["a", "/files/plan?edit=i1", "Sửa mục", "text-xs", "Sửa mục 01.TC"]],
      ],
      { label: "Danh mục hồ sơ năm 2026", bare: true },
    );
    expect(html).toContain('<tr class="bg-slate-50/60"><td colSpan="3" class="cell font-semibold">I. Tổ chức <span class="font-normal text-slate-500">(TC)</span></td></tr>');
    expect(html).toContain('<a href="/files/plan?edit=i1" class="text-xs" aria-label="Sửa mục 01.TC">Sửa mục</a>');
    expect(html.startsWith('<table class="min-w-full divide-y divide-slate-200 text-sm" aria-label="Danh mục hồ sơ năm 2026">')).toBe(true);
    expect(render([["i1", "a", "b", "c"]], { label: "Danh mục" })).toMatch(/^<div class="overflow-x-auto rounded-lg border[^"]*"><table[^>]*aria-label="Danh mục"/);
  });

  it("places the nodes kept by slotsFor while the rows were built, one per key", () => {
    const { slots, slot } = slotsFor();
    const rows: Row[] = [["a1", "HS-01", "Tiêu đề", slot("a1", createElement("button", { type: "button" }, "Lên"))], ["a2", "HS-02", "Khác", null]];
    expect(Object.keys(slots)).toEqual(["a1"]);
    expect(render(rows, { slots })).toContain('<td class="cell"><button type="button">Lên</button></td>');
  });

  it("renders a row's step buttons for the table's actions, in a named group, and none for an action it was not given", () => {
    const move = async () => ({ ok: true as const, data: null });
    const rows: Row[] = [
      ["e1", "1", buttons("Thao tác với STT 1", button("move", "Xuống", { entryId: "e1", direction: "down" }), button("remove", "Loại khỏi hồ sơ", { entryId: "e1" }, { variant: "danger", confirm: "Loại?" }))],
    ];
    const html = render(rows, { headers: ["STT", "Thao tác"], actions: { move } });
    expect(html).toContain('<span role="group" aria-label="Thao tác với STT 1" class="flex flex-wrap gap-1">');
    expect(html).toContain('<button type="button" class="btn btn-secondary btn-xs">Xuống</button>');
    // "remove" is not among the actions: no button that would do nothing.
    expect(html).not.toContain("Loại khỏi hồ sơ");
    const both = render(rows, { headers: ["STT", "Thao tác"], actions: { move, remove: move } });
    expect(both).toContain('<button type="button" class="btn btn-danger btn-xs">Loại khỏi hồ sơ</button>');
  });

  it("keeps a button's options only when given", () => {
    expect(button("seen", "Đã xem", { assignmentId: "a1" })).toEqual(["b", "seen", "Đã xem", { assignmentId: "a1" }]);
    expect(button("open", "Mở hồ sơ", { itemId: "i1" }, { variant: "primary", go: "/files/{id}" })).toEqual([
      "b", "open", "Mở hồ sơ", { itemId: "i1" }, { variant: "primary", go: "/files/{id}" },
    ]);
  });
});

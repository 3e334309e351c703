import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FilterForm } from "@/components/ui/filter-form";
import { optionsOf } from "@/components/ui/filters";

// A list's search form sent as data (issue 15): the same plain GET form, every field named and labelled,
// the current values kept, nothing unescaped.

describe("FilterForm", () => {
  it("renders each field kind as a named, labelled control with its current value", () => {
    const html = renderToStaticMarkup(
      createElement(FilterForm, {
        action: "/incoming",
        columns: 4,
        fields: [
          ["q", "Tìm trích yếu (không cần dấu)", "quyết định"],
          ["t", "year", "Năm", "2026", true],
          ["s", "type", "Loại văn bản", "Tờ trình", "Mọi loại văn bản", ["Công văn", "Tờ trình"]],
          ["s", "status", "Trạng thái", undefined, "Mọi trạng thái", optionsOf({ registered: "Đã vào sổ", done: "Đã hoàn thành" })],
          ["c", "overdue", "Quá hạn", true],
          ["h", "inbox", "1"],
        ],
      }),
    );
    expect(html).toMatch(/^<form role="search" class="[^"]*sm:grid-cols-4" action="\/incoming">/);
    expect(html).toContain('<span class="sr-only">Tìm kiếm</span><input placeholder="Tìm trích yếu (không cần dấu)"');
    expect(html).toContain('name="q" value="quyết định"/>');
    expect(html).toContain('<input placeholder="Năm" aria-label="Năm" inputMode="numeric" class="rounded-md border border-slate-300 px-2 py-1.5 text-sm" name="year" value="2026"/>');
    expect(html).toContain('<select name="type" aria-label="Loại văn bản"');
    expect(html).toContain('<option value="">Mọi loại văn bản</option><option>Công văn</option><option selected="">Tờ trình</option>');
    expect(html).toContain('<option value="" selected="">Mọi trạng thái</option><option value="registered">Đã vào sổ</option><option value="done">Đã hoàn thành</option>');
    expect(html).toContain('<input type="checkbox" name="overdue" checked="" value="1"/> Quá hạn');
    expect(html).toContain('<input type="hidden" name="inbox" value="1"/>');
    expect(html).toContain(">Lọc</button></form>");
  });

  it("escapes a typed search kept in the box", () => {
    const html = renderToStaticMarkup(createElement(FilterForm, { action: "/outgoing", submit: "Tìm", fields: [["q", "Tìm", '"><script>alert(1)</script>']] }));
    expect(html).not.toContain("<script>");
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain("sm:grid-cols-5");
    expect(html).toContain(">Tìm</button></form>");
  });
});

import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Disclosure } from "@/components/ui/disclosure";

// A form behind a summary is rendered only once the summary is opened (issue 15: the document page's
// Sửa thông tin vào sổ was a fifth of its HTML while closed); the server sends the summary alone.
describe("Disclosure", () => {
  it("renders the summary and not the closed content on the server", () => {
    const html = renderToStaticMarkup(
      createElement(Disclosure, { summary: "Mở biểu mẫu hủy vào sổ", className: "mt-3", children: createElement("form", { "aria-label": "Hủy vào sổ" }, "Lý do") }),
    );
    expect(html).toBe('<details class="mt-3"><summary class="cursor-pointer text-sm font-medium">Mở biểu mẫu hủy vào sổ</summary></details>');
    expect(html).not.toContain("<form");
  });
});

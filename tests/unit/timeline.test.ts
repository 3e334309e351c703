import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Timeline, type TimelineEntry } from "@/components/ui/timeline";

// A file's trail grows with every document added (issue 15): its page shows the latest events and links to the whole trail.
const entries: TimelineEntry[] = Array.from({ length: 14 }, (_, i) => ({
  id: i + 1, actorName: "Chuyên viên A", label: i === 0 ? "Mở hồ sơ" : "Thêm văn bản", text: `Sự kiện ${i + 1}`, at: new Date(Date.UTC(2026, 0, 5, 2, i)),
}));
const render = (props: Record<string, unknown>) => renderToStaticMarkup(createElement(Timeline, { label: "Quá trình lập hồ sơ", entries, ...props }));

describe("Timeline", () => {
  it("shows every event without a limit, oldest first", () => {
    const html = render({});
    expect(html.match(/<li /g)).toHaveLength(14);
    expect(html.indexOf("Sự kiện 1<")).toBeLessThan(html.indexOf("Sự kiện 14<"));
    expect(html).not.toContain("sự kiện trước");
  });

  it("with a limit, the latest events and a link to the whole trail above them", () => {
    const html = render({ latest: 10, allHref: "/files/f1?trail=1#qua-trinh" });
    expect(html.match(/<li /g)).toHaveLength(10);
    expect(html).not.toContain("Sự kiện 4<");
    expect(html).toContain("Sự kiện 5<");
    expect(html).toContain("Sự kiện 14<");
    expect(html).toContain('<a href="/files/f1?trail=1#qua-trinh" class="text-brand-700 hover:underline">Xem 4 sự kiện trước</a>');
    expect(html.indexOf("Xem 4 sự kiện trước")).toBeLessThan(html.indexOf("<ol"));
  });

  it("a trail within the limit shows whole, without the link", () => {
    const html = render({ latest: 20, allHref: "/files/f1?trail=1#qua-trinh" });
    expect(html.match(/<li /g)).toHaveLength(14);
    expect(html).not.toContain("sự kiện trước");
  });
});

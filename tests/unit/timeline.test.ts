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

  it("an entry's parts: to whom, the paper path, a note, the words, and the time in Vietnam with what follows it", () => {
    const html = renderToStaticMarkup(createElement(Timeline, { label: "Quá trình xử lý", entries: [
      { id: "a", actorName: "Văn thư", label: "Chuyển xử lý", toText: "Phòng Tổ chức cán bộ", paper: true, note: "(phiên bản 2)", text: "Khẩn", at: new Date(Date.UTC(2026, 0, 5, 17, 30)), after: " · hạn 05/12/2026" },
      { id: "b", actorName: "Giám đốc", label: "Cho ý kiến", at: "2026-01-06T01:00:00Z" },
    ] }));
    expect(html).toContain('<ol class="relative space-y-4 border-l border-slate-200 pl-6" aria-label="Quá trình xử lý">');
    expect(html).toContain("Văn thư</span> · Chuyển xử lý");
    expect(html).toContain("→ Phòng Tổ chức cán bộ");
    expect(html).toContain('<span class="ml-2 text-xs text-amber-700">(bản giấy)</span>');
    expect(html).toContain('<span class="ml-2 text-xs text-slate-500">(phiên bản 2)</span>');
    expect(html).toContain('<p class="text-sm text-slate-700">Khẩn</p>');
    // 17:30 UTC is past midnight in Vietnam (UTC+7): the next day.
    expect(html).toContain('<p class="text-xs text-slate-500">06/01/2026 00:30 · hạn 05/12/2026</p>');
    expect(html).toContain("border-dashed border-amber-600");
    // The second entry has none of the optional parts.
    const second = html.slice(html.indexOf("Giám đốc"));
    expect(second).not.toContain("→");
    expect(second).not.toContain("bản giấy");
    expect(second).toContain("06/01/2026 08:00</p>");
  });
});

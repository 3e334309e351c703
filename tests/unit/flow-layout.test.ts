import { describe, expect, it } from "vitest";
import { DOMParser } from "@xmldom/xmldom";
import { flowSvg } from "@/components/incoming/flow-diagram";
import { layoutFlow, wrap } from "@/lib/incoming/flow-layout";

// Issue 11 item 12: the processing diagram laid out by ELK: one lane per unit, nothing drawn over anything else.
const UNIT = { "Văn thư A": "Văn phòng Sở", "Giám đốc B": "Ban Giám đốc", "Chuyên viên D": "Phòng Tổ chức, biên chế và Tổ chức phi chính phủ" } as Record<string, string>;

describe("processing diagram layout", () => {
  it("lays out a trail that returns to the first lane (clerk → director → a person of the clerk's unit) instead of failing", async () => {
    // ELK's partitions threw a TypeError on this demo trail: the document page answered 500 (issue 11 item 6).
    const lane = (label: string) => ({ "Văn thư A": "Văn phòng Sở", "Giám đốc B": "Ban Giám đốc", "Chuyên viên C": "Văn phòng Sở" })[label] ?? label;
    const layout = await layoutFlow(
      [
        { kind: "registered", actorName: "Văn thư A", toText: "", electronic: true },
        { kind: "submitted", actorName: "Văn thư A", toText: "Giám đốc B", electronic: true },
        { kind: "assigned", actorName: "Giám đốc B", toText: "Chuyên viên C (Xử lý chính)", electronic: true },
        { kind: "done", actorName: "Chuyên viên C", toText: "", electronic: true },
        { kind: "document_done", actorName: "Chuyên viên C", toText: "", electronic: true },
      ],
      lane,
    );
    expect(layout!.nodes.map((n) => n.lines.join(" "))).toEqual(expect.arrayContaining(["Văn thư A", "Giám đốc B", "Chuyên viên C"]));
    expect(layout!.lanes.map((l) => l.name)).toEqual(["Văn phòng Sở", "Ban Giám đốc"]);
  });

  it("puts each box in its unit's lane, lanes one under another, labels clear of boxes and of each other", async () => {
    const layout = (await layoutFlow(
      [
        { kind: "submitted", actorName: "Văn thư A", toText: "Giám đốc B", electronic: true },
        { kind: "paper_handover", actorName: "Văn thư A", toText: "Giám đốc B", electronic: false },
        { kind: "assigned", actorName: "Giám đốc B", toText: "Phòng Tổ chức, biên chế và Tổ chức phi chính phủ (Xử lý chính); Phòng XDCQ (Phối hợp)", electronic: true },
        { kind: "cascaded", actorName: "Trưởng phòng", fromLabel: "Phòng Tổ chức, biên chế và Tổ chức phi chính phủ", toText: "Chuyên viên D (Xử lý chính)", electronic: true },
      ],
      (label) => UNIT[label] ?? label,
    ))!;
    expect(layout.lanes.map((l) => l.name)).toEqual(["Văn phòng Sở", "Ban Giám đốc", "Phòng Tổ chức, biên chế và Tổ chức phi chính phủ", "Phòng XDCQ"]);
    for (const [a, b] of layout.lanes.slice(1).map((l, i) => [layout.lanes[i], l])) expect(a.y + a.h).toBeLessThanOrEqual(b.y);
    const boxes = [
      ...layout.nodes.map((n) => ({ what: n.lines.join(" "), x: n.x, y: n.y, w: n.w, h: n.h })),
      ...layout.edges.flatMap((e) => (e.label ? [{ what: e.label.text, ...e.label }] : [])),
    ];
    const overlaps = boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h).map((b) => `${a.what} × ${b.what}`));
    expect(overlaps).toEqual([]);
    expect(layout.edges.map((e) => e.label?.text)).toEqual(["Trình", "Bản giấy", "Chuyển xử lý", "Chuyển xử lý", "Giao"]);
    expect(layout.edges.filter((e) => e.dashed)).toHaveLength(1);
    expect(layout.nodes.find((n) => n.lines.join(" ") === "Chuyên viên D")!.role).toBe("Xử lý chính");
  });

  it("lays a trail out once: the same boxes, arrows and lanes give the kept layout; a new event or lane a new one", async () => {
    const trail = [
      { kind: "submitted", actorName: "Văn thư A", toText: "Giám đốc B", electronic: true },
      { kind: "assigned", actorName: "Giám đốc B", toText: "Chuyên viên D (Xử lý chính)", electronic: true },
    ];
    const lane = (label: string) => UNIT[label] ?? label;
    const first = await layoutFlow(trail, lane);
    // Another request reading the same trail (new objects, same content) gets the same layout, not a new one.
    expect(await layoutFlow(trail.map((e) => ({ ...e })), (label) => UNIT[label] ?? label)).toBe(first);
    // The person moved to another unit: another lane, another layout.
    const moved = await layoutFlow(trail, (label) => (label === "Chuyên viên D" ? "Phòng XDCQ" : lane(label)));
    expect(moved).not.toBe(first);
    expect(moved!.lanes.map((l) => l.name)).toContain("Phòng XDCQ");
    // The trail grew: a new box and arrow.
    const grown = await layoutFlow([...trail, { kind: "assigned", actorName: "Chuyên viên D", toText: "Chuyên viên E (Phối hợp)", electronic: true }], lane);
    expect(grown).not.toBe(first);
    expect(grown!.nodes).toHaveLength(first!.nodes.length + 1);
  });

  it("draws the layout as SVG markup once: well-formed, names escaped, a lane per unit, paper arrows dashed", async () => {
    const odd = `Phòng "A" & <B>`;
    const layout = (await layoutFlow(
      [
        { kind: "submitted", actorName: "Văn thư A", toText: "Giám đốc B", electronic: true },
        { kind: "paper_handover", actorName: "Văn thư A", toText: "Giám đốc B", electronic: false },
        { kind: "assigned", actorName: "Giám đốc B", toText: `${odd} (Xử lý chính)`, electronic: true },
      ],
      (label) => UNIT[label] ?? label,
    ))!;
    const svg = flowSvg(layout);
    // The same layout (shared between requests) gives the same markup, written once.
    expect(flowSvg(layout)).toBe(svg);
    const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
    const root = doc.documentElement!;
    expect(root.tagName).toBe("svg");
    expect(root.getAttribute("role")).toBe("img");
    expect(root.getAttribute("aria-label")).toBe("Sơ đồ luồng xử lý");
    const lanes = Array.from(root.getElementsByTagName("g")).map((g) => g.getAttribute("data-lane")).filter(Boolean);
    expect(lanes).toEqual(["Văn phòng Sở", "Ban Giám đốc", odd]);
    const paths = Array.from(root.getElementsByTagName("path")).filter((p) => p.parentNode!.nodeName !== "marker");
    expect(paths).toHaveLength(layout.edges.length);
    expect(paths.filter((p) => p.getAttribute("stroke-dasharray"))).toHaveLength(1);
    const texts = Array.from(root.getElementsByTagName("text")).map((t) => t.textContent);
    // A wrapped name reads as one name (its lines keep their spaces); every label and role is drawn.
    expect(texts).toEqual(expect.arrayContaining([odd, "Xử lý chính", "Trình", "Bản giấy", "Chuyển xử lý"]));
    // Every text at 12 px or more: its own size, or its group's (SVG's font-size is inherited).
    type Node = { getAttribute?: (name: string) => string | null; parentNode: Node | null } | null;
    const sizeOf = (e: Node): number => (!e?.getAttribute ? 0 : e.getAttribute("font-size") ? Number(e.getAttribute("font-size")) : sizeOf(e.parentNode));
    for (const t of Array.from(root.getElementsByTagName("text"))) expect(sizeOf(t as unknown as Node)).toBeGreaterThanOrEqual(12);
  });

  it("wraps long names into lines that fit the box", () => {
    expect(wrap("Phòng Tổ chức, biên chế và Tổ chức phi chính phủ", 164, 13)).toEqual(["Phòng Tổ chức, biên", "chế và Tổ chức phi", "chính phủ"]);
  });
});

import { describe, expect, it } from "vitest";
import { buildFlow } from "@/lib/incoming/flow";

describe("processing trail as a flow diagram", () => {
  it("draws one box per person or unit and one arrow per hand-on; paper is dashed", () => {
    const { nodes, edges } = buildFlow([
      { kind: "registered", actorName: "Văn thư A", toText: "", electronic: true },
      { kind: "submitted", actorName: "Văn thư A", toText: "Giám đốc B", electronic: true },
      { kind: "assigned", actorName: "Giám đốc B", toText: "Phòng TCBC (Xử lý chính); Phòng XDCQ (Phối hợp)", electronic: true },
      { kind: "cascaded", actorName: "Trưởng phòng C", fromLabel: "Phòng TCBC", toText: "Chuyên viên D (Xử lý chính)", electronic: true },
      { kind: "progress", actorName: "Chuyên viên D", toText: "", electronic: true },
      { kind: "paper_handover", actorName: "Văn thư A", toText: "Trưởng phòng C", electronic: false },
    ]);
    // The unit's hand-on starts at the unit's box: clerk → director → division → staff.
    expect(nodes.map((n) => [n.label, n.column])).toEqual([
      ["Văn thư A", 0], ["Giám đốc B", 1], ["Phòng TCBC", 2], ["Phòng XDCQ", 2], ["Chuyên viên D", 3], ["Trưởng phòng C", 1],
    ]);
    expect(nodes.find((n) => n.label === "Phòng XDCQ")).toMatchObject({ row: 1 });
    expect(edges).toHaveLength(5);
    expect(edges.filter((e) => e.dashed)).toEqual([{ from: "n0", to: "n5", label: "Bản giấy", dashed: true }]);
  });

  it("keeps each recipient's role; an opinion goes to the lead, a document sent back to the clerk who submitted it", () => {
    const { nodes, edges } = buildFlow([
      { kind: "submitted", actorName: "Văn thư A", toText: "Giám đốc B", electronic: true },
      { kind: "sent_back", actorName: "Giám đốc B", toText: "Văn thư", electronic: true },
      { kind: "submitted", actorName: "Văn thư A", toText: "Giám đốc B", electronic: true },
      { kind: "assigned", actorName: "Giám đốc B", toText: "Chuyên viên D (Xử lý chính); Chuyên viên E (Phối hợp)", electronic: true },
      { kind: "opinion", actorName: "Chuyên viên E", toText: "Xử lý chính", electronic: true },
      { kind: "returned", actorName: "Văn thư A", toText: "Sở Y tế (Bình Định)", electronic: true },
    ]);
    expect(nodes.map((n) => [n.label, n.roles])).toEqual([
      ["Văn thư A", []], ["Giám đốc B", []], ["Chuyên viên D", ["Xử lý chính"]], ["Chuyên viên E", ["Phối hợp"]], ["Sở Y tế (Bình Định)", []],
    ]);
    const name = (id: string) => nodes.find((n) => n.id === id)!.label;
    expect(edges.map((e) => `${name(e.from)} → ${name(e.to)}: ${e.label}`)).toEqual([
      "Văn thư A → Giám đốc B: Trình", "Giám đốc B → Văn thư A: Trả lại", "Văn thư A → Giám đốc B: Trình", "Giám đốc B → Chuyên viên D: Chuyển xử lý",
      "Giám đốc B → Chuyên viên E: Chuyển xử lý", "Chuyên viên E → Chuyên viên D: Ý kiến phối hợp", "Văn thư A → Sở Y tế (Bình Định): Trả lại",
    ]);
  });

  it("draws nothing for a document not handed on yet", () => {
    expect(buildFlow([{ kind: "registered", actorName: "Văn thư A", toText: "", electronic: true }])).toEqual({ nodes: [], edges: [] });
  });
});

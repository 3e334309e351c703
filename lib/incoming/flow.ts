// The processing trail as a flow diagram (product.md §2, like the regulation's annexes): one box
// per person or unit, one arrow per hand-on, solid for the electronic path, dashed for paper.

export interface TrailEvent {
  kind: string;
  actorName: string;
  toText: string;
  electronic: boolean;
  /** A unit head hands on the unit's part: the arrow starts at the unit, not the person. */
  fromLabel?: string;
}

export interface FlowNode {
  id: string;
  label: string;
  column: number;
  row: number;
}

export interface FlowEdge {
  from: string;
  to: string;
  label: string;
  dashed: boolean;
}

const HAND_ON: Record<string, string> = {
  submitted: "Trình",
  passed: "Chuyển",
  sent_back: "Trả lại",
  assigned: "Chuyển xử lý",
  cascaded: "Giao",
  opinion: "Ý kiến phối hợp",
  paper_handover: "Bản giấy",
  returned: "Trả lại",
  internal_delivered: "Văn bản nội bộ",
};

/** "Phòng A (Xử lý chính); Ông B (Phối hợp)" → ["Phòng A", "Ông B"]. */
const recipients = (toText: string) =>
  toText
    .split(";")
    .map((s) => s.replace(/\s*\([^)]*\)\s*$/, "").trim())
    .filter(Boolean);

export function buildFlow(trail: TrailEvent[]): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const nodes = new Map<string, FlowNode>();
  const perColumn: number[] = [];
  const node = (label: string, column: number) => {
    let n = nodes.get(label);
    if (!n) {
      const row = (perColumn[column] = (perColumn[column] ?? -1) + 1);
      n = { id: `n${nodes.size}`, label, column, row };
      nodes.set(label, n);
    }
    return n;
  };
  const edges: FlowEdge[] = [];
  for (const e of trail) {
    const label = HAND_ON[e.kind];
    if (!label || !e.toText) continue;
    const fromName = e.fromLabel || e.actorName;
    const from = node(fromName, nodes.get(fromName)?.column ?? 0);
    for (const name of recipients(e.toText)) {
      const to = node(name, nodes.has(name) ? nodes.get(name)!.column : from.column + 1);
      if (to.id !== from.id) edges.push({ from: from.id, to: to.id, label, dashed: !e.electronic });
    }
  }
  return { nodes: [...nodes.values()], edges };
}

import { ROLE_LABELS } from "./labels";

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
  /** What the box was given the document as: Xử lý chính, Phối hợp, Nhận để biết. */
  roles: string[];
}

export interface FlowEdge {
  from: string;
  to: string;
  label: string;
  dashed: boolean;
}

const ROLES: string[] = Object.values(ROLE_LABELS);

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

/** "Phòng A (Xử lý chính); Ông B (Phối hợp)" → [{ name: "Phòng A", role: "Xử lý chính" }, { name: "Ông B", role: "Phối hợp" }]. */
const recipients = (toText: string) =>
  toText
    .split(";")
    .map((s) => {
      const m = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(s.trim());
      return m && ROLES.includes(m[2].trim()) ? { name: m[1].trim(), role: m[2].trim() } : { name: s.trim(), role: "" };
    })
    .filter((r) => r.name);

export function buildFlow(trail: TrailEvent[]): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const nodes = new Map<string, FlowNode>();
  const perColumn: number[] = [];
  const node = (label: string, column: number) => {
    let n = nodes.get(label);
    if (!n) {
      const row = (perColumn[column] = (perColumn[column] ?? -1) + 1);
      n = { id: `n${nodes.size}`, label, column, row, roles: [] };
      nodes.set(label, n);
    }
    return n;
  };
  const edges: FlowEdge[] = [];
  // The trail names some targets by their role: an opinion goes "to Xử lý chính" (the latest lead),
  // a document sent back goes "to Văn thư" (the clerk who submitted it).
  let lead = "";
  let submitter = "";
  for (const e of trail) {
    const label = HAND_ON[e.kind];
    if (!label || !e.toText) continue;
    const fromName = e.fromLabel || e.actorName;
    const from = node(fromName, nodes.get(fromName)?.column ?? 0);
    if (e.kind === "submitted") submitter = fromName;
    const targets =
      e.kind === "opinion" && lead ? [{ name: lead, role: "" }] : e.kind === "sent_back" && submitter ? [{ name: submitter, role: "" }] : recipients(e.toText);
    for (const { name, role } of targets) {
      if (role === ROLE_LABELS.lead) lead = name;
      const to = node(name, nodes.has(name) ? nodes.get(name)!.column : from.column + 1);
      if (role && !to.roles.includes(role)) to.roles.push(role);
      if (to.id !== from.id) edges.push({ from: from.id, to: to.id, label, dashed: !e.electronic });
    }
  }
  return { nodes: [...nodes.values()], edges };
}

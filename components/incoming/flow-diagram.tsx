import { escapeHtml } from "@/lib/format";
import { FONT, type FlowLayout } from "@/lib/incoming/flow-layout";

const BLUE = "#1e40af";
const PAPER = "#b45309";

/** A wrapped line keeps its space in the text (read aloud and copied as one name), not in the drawing. */
const tspans = (lines: string[], x: number) =>
  lines.map((line, j) => `<tspan x="${x}" dy="${j ? 16 : 0}">${escapeHtml(j < lines.length - 1 ? `${line} ` : line)}</tspan>`).join("");

// The markup of each layout, kept as long as the layout is (layouts are shared and read-only, lib/incoming/flow-layout.ts):
// a trail's diagram is drawn once, not element by element at every view.
const drawn = new WeakMap<FlowLayout, string>();

/** The diagram's SVG markup: lanes, arrows, boxes, then the arrows' labels on top. */
export function flowSvg(layout: FlowLayout): string {
  const kept = drawn.get(layout);
  if (kept) return kept;
  const { width, height, lanes, nodes, edges } = layout;
  const parts: string[] = [
    `<svg role="img" aria-label="Sơ đồ luồng xử lý" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" class="max-w-none" font-family="inherit"><defs>`,
    ...[["arrow", BLUE], ["arrow-paper", PAPER]].map(
      ([id, fill]) =>
        `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="${fill}"></path></marker>`,
    ),
    "</defs>",
  ];
  lanes.forEach((l, i) =>
    parts.push(
      `<g data-lane="${escapeHtml(l.name)}"><rect x="0" y="${l.y}" width="${width}" height="${l.h}" fill="${i % 2 ? "#ffffff" : "#f1f5f9"}" stroke="#cbd5e1"></rect>`,
      `<text x="8" y="${l.y + 18}" font-size="${FONT.small}" font-weight="600" fill="#334155">${tspans(l.lines, 8)}</text></g>`,
    ),
  );
  for (const e of edges) {
    const dash = e.dashed ? ` stroke-dasharray="6 4"` : "";
    parts.push(
      `<path d="${escapeHtml(e.d)}" fill="none" stroke="${e.dashed ? PAPER : BLUE}" stroke-width="1.5"${dash} marker-end="url(#${e.dashed ? "arrow-paper" : "arrow"})"></path>`,
    );
  }
  for (const n of nodes) {
    const cx = n.x + n.w / 2;
    parts.push(
      `<g><rect x="${n.x}" y="${n.y}" width="${n.w}" height="${n.h}" rx="6" fill="#eef5ff" stroke="#93b4e8"></rect>`,
      `<text x="${cx}" y="${n.y + 20}" font-size="${FONT.node}" text-anchor="middle" fill="#0f172a">${tspans(n.lines, cx)}</text>`,
      n.role
        ? `<text x="${cx}" y="${n.y + 20 + 16 * n.lines.length}" font-size="${FONT.small}" font-style="italic" text-anchor="middle" fill="#475569">${escapeHtml(n.role)}</text>`
        : "",
      "</g>",
    );
  }
  for (const e of edges) {
    if (!e.label) continue;
    const { x, y, w, h, text } = e.label;
    parts.push(
      `<g><rect x="${x}" y="${y}" width="${w}" height="${h}" rx="3" fill="#ffffff" fill-opacity="0.9"></rect>`,
      `<text x="${x + w / 2}" y="${y + h - 5}" font-size="${FONT.small}" text-anchor="middle" fill="${e.dashed ? PAPER : "#334155"}">${escapeHtml(text)}</text></g>`,
    );
  }
  parts.push("</svg>");
  const svg = parts.join("");
  drawn.set(layout, svg);
  return svg;
}

/**
 * The processing diagram as server-rendered SVG (laid out by lib/incoming/flow-layout.ts): one lane
 * per unit, boxes with the role each recipient was given, solid arrows electronic, dashed paper.
 * The markup is written once per layout (flowSvg) and handed to React whole.
 */
export function FlowDiagram({ layout }: { layout: FlowLayout | null }) {
  if (!layout) return <p className="text-sm text-slate-600">Chưa có bước chuyển nào.</p>;
  return (
    <figure>
      <div dangerouslySetInnerHTML={{ __html: flowSvg(layout) }} />
      <figcaption className="mt-2 text-xs text-slate-500">Mỗi dải là một đơn vị · Nét liền: chuyển trên hệ thống · Nét đứt: chuyển bản giấy</figcaption>
    </figure>
  );
}

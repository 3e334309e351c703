import { escapeHtml } from "@/lib/format";
import { FONT, type FlowLayout } from "@/lib/incoming/flow-layout";

const BLUE = "#1e40af";
const PAPER = "#b45309";

/**
 * A text's lines: one line as it is, more as lines placed under each other. A wrapped line keeps its space in the
 * text (read aloud and copied as one name), not in the drawing.
 */
const lines = (ls: string[], x: number) =>
  ls.length === 1
    ? escapeHtml(ls[0])
    : ls.map((line, j) => `<tspan x="${x}" dy="${j ? 16 : 0}">${escapeHtml(j < ls.length - 1 ? `${line} ` : line)}</tspan>`).join("");

// The markup of each layout, kept as long as the layout is (layouts are shared and read-only, lib/incoming/flow-layout.ts):
// a trail's diagram is drawn once, not element by element at every view.
const drawn = new WeakMap<FlowLayout, string>();

/**
 * The diagram's SVG markup: lanes, arrows, boxes, then the arrows' labels on top. What the parts of a kind share
 * (fills, strokes, the font's size, the arrowheads) is said once on their group, as SVG's inherited properties: the
 * markup travels twice, in the page's HTML and in its payload, and said on every element it was half of a
 * document page's diagram (6.7 KB for seven lanes).
 */
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
    `<g font-size="${FONT.small}" font-weight="600" fill="#334155">`,
  ];
  lanes.forEach((l, i) =>
    parts.push(
      `<g data-lane="${escapeHtml(l.name)}"><rect x="0" y="${l.y}" width="${width}" height="${l.h}" fill="${i % 2 ? "#ffffff" : "#f1f5f9"}" stroke="#cbd5e1"></rect>`,
      `<text x="8" y="${l.y + 18}">${lines(l.lines, 8)}</text></g>`,
    ),
  );
  parts.push("</g>");
  for (const dashed of [false, true]) {
    const of = edges.filter((e) => e.dashed === dashed);
    if (!of.length) continue;
    parts.push(`<g fill="none" stroke="${dashed ? PAPER : BLUE}" stroke-width="1.5" marker-end="url(#${dashed ? "arrow-paper" : "arrow"})">`);
    // The dashes stay on each paper arrow: the page's test finds the paper hand-over by them.
    for (const e of of) parts.push(`<path d="${escapeHtml(e.d)}"${dashed ? ` stroke-dasharray="6 4"` : ""}></path>`);
    parts.push("</g>");
  }
  parts.push(`<g text-anchor="middle" font-size="${FONT.node}">`);
  for (const n of nodes) {
    const cx = n.x + n.w / 2;
    parts.push(
      `<rect x="${n.x}" y="${n.y}" width="${n.w}" height="${n.h}" rx="6" fill="#eef5ff" stroke="#93b4e8"></rect>`,
      `<text x="${cx}" y="${n.y + 20}" fill="#0f172a">${lines(n.lines, cx)}</text>`,
      n.role
        ? `<text x="${cx}" y="${n.y + 20 + 16 * n.lines.length}" font-size="${FONT.small}" font-style="italic" fill="#475569">${escapeHtml(n.role)}</text>`
        : "",
    );
  }
  parts.push("</g>", `<g text-anchor="middle" font-size="${FONT.small}">`);
  for (const e of edges) {
    if (!e.label) continue;
    const { x, y, w, h, text } = e.label;
    parts.push(
      `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="3" fill="#ffffff" fill-opacity="0.9"></rect>`,
      `<text x="${x + w / 2}" y="${y + h - 5}" fill="${e.dashed ? PAPER : "#334155"}">${escapeHtml(text)}</text>`,
    );
  }
  parts.push("</g></svg>");
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

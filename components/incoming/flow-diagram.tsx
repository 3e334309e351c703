import { FONT, type FlowLayout } from "@/lib/incoming/flow-layout";

const BLUE = "#1e40af";
/** A wrapped line keeps its space in the text (read aloud and copied as one name), not in the drawing. */
const spaced = (line: string, i: number, lines: string[]) => (i < lines.length - 1 ? `${line} ` : line);
const PAPER = "#b45309";

/**
 * The processing diagram as server-rendered SVG (laid out by lib/incoming/flow-layout.ts): one lane
 * per unit, boxes with the role each recipient was given, solid arrows electronic, dashed paper.
 */
export function FlowDiagram({ layout }: { layout: FlowLayout | null }) {
  if (!layout) return <p className="text-sm text-slate-600">Chưa có bước chuyển nào.</p>;
  const { width, height, lanes, nodes, edges } = layout;
  return (
    <figure>
      <svg role="img" aria-label="Sơ đồ luồng xử lý" viewBox={`0 0 ${width} ${height}`} width={width} height={height} className="max-w-none" fontFamily="inherit">
        <defs>
          {[["arrow", BLUE], ["arrow-paper", PAPER]].map(([id, fill]) => (
            <marker key={id} id={id} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill={fill} />
            </marker>
          ))}
        </defs>
        {lanes.map((l, i) => (
          <g key={l.name} data-lane={l.name}>
            <rect x={0} y={l.y} width={width} height={l.h} fill={i % 2 ? "#ffffff" : "#f1f5f9"} stroke="#cbd5e1" />
            <text x={8} y={l.y + 18} fontSize={FONT.small} fontWeight={600} fill="#334155">
              {l.lines.map((line, j) => <tspan key={j} x={8} dy={j ? 16 : 0}>{spaced(line, j, l.lines)}</tspan>)}
            </text>
          </g>
        ))}
        {edges.map((e, i) => (
          <path
            key={i}
            d={e.d}
            fill="none"
            stroke={e.dashed ? PAPER : BLUE}
            strokeWidth="1.5"
            strokeDasharray={e.dashed ? "6 4" : undefined}
            markerEnd={`url(#${e.dashed ? "arrow-paper" : "arrow"})`}
          />
        ))}
        {nodes.map((n) => (
          <g key={n.id}>
            <rect x={n.x} y={n.y} width={n.w} height={n.h} rx="6" fill="#eef5ff" stroke="#93b4e8" />
            <text x={n.x + n.w / 2} y={n.y + 8 + 12} fontSize={FONT.node} textAnchor="middle" fill="#0f172a">
              {n.lines.map((line, j) => <tspan key={j} x={n.x + n.w / 2} dy={j ? 16 : 0}>{spaced(line, j, n.lines)}</tspan>)}
            </text>
            {n.role ? (
              <text x={n.x + n.w / 2} y={n.y + 8 + 12 + 16 * n.lines.length} fontSize={FONT.small} fontStyle="italic" textAnchor="middle" fill="#475569">
                {n.role}
              </text>
            ) : null}
          </g>
        ))}
        {edges.map((e, i) =>
          e.label ? (
            <g key={`l${i}`}>
              <rect x={e.label.x} y={e.label.y} width={e.label.w} height={e.label.h} rx="3" fill="#ffffff" fillOpacity="0.9" />
              <text x={e.label.x + e.label.w / 2} y={e.label.y + e.label.h - 5} fontSize={FONT.small} textAnchor="middle" fill={e.dashed ? PAPER : "#334155"}>
                {e.label.text}
              </text>
            </g>
          ) : null,
        )}
      </svg>
      <figcaption className="mt-2 text-xs text-slate-500">Mỗi dải là một đơn vị · Nét liền: chuyển trên hệ thống · Nét đứt: chuyển bản giấy</figcaption>
    </figure>
  );
}

import { buildFlow, type TrailEvent } from "@/lib/incoming/flow";

const W = 200;
const H = 44;
const GAP_X = 70;
const GAP_Y = 22;

/** Server-rendered SVG of the trail: boxes by step depth, solid arrows electronic, dashed paper. */
export function FlowDiagram({ trail }: { trail: TrailEvent[] }) {
  const { nodes, edges } = buildFlow(trail);
  if (nodes.length === 0) return <p className="text-sm text-slate-600">Chưa có bước chuyển nào.</p>;
  const pos = new Map(nodes.map((n) => [n.id, { x: 8 + n.column * (W + GAP_X), y: 8 + n.row * (H + GAP_Y) }]));
  const width = Math.max(...nodes.map((n) => n.column)) * (W + GAP_X) + W + 16;
  const height = Math.max(...nodes.map((n) => n.row)) * (H + GAP_Y) + H + 16;
  return (
    <figure>
      <svg role="img" aria-label="Sơ đồ luồng xử lý" viewBox={`0 0 ${width} ${height}`} className="h-auto max-w-full" style={{ width }}>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#1e40af" />
          </marker>
        </defs>
        {edges.map((e, i) => {
          const a = pos.get(e.from)!;
          const b = pos.get(e.to)!;
          const back = b.x <= a.x;
          const x1 = back ? a.x : a.x + W;
          const x2 = back ? b.x + W : b.x;
          const y1 = a.y + H / 2 + (back ? 8 : 0);
          const y2 = b.y + H / 2 + (back ? 8 : 0);
          return (
            <g key={i}>
              <line x1={x1} y1={y1} x2={x2} y2={y2} stroke={e.dashed ? "#b45309" : "#1e40af"} strokeWidth="1.5" strokeDasharray={e.dashed ? "6 4" : undefined} markerEnd="url(#arrow)" />
              <text x={(x1 + x2) / 2} y={(y1 + y2) / 2 - 4} fontSize="10" textAnchor="middle" fill="#475569">{e.label}</text>
            </g>
          );
        })}
        {nodes.map((n) => {
          const p = pos.get(n.id)!;
          return (
            <g key={n.id}>
              <rect x={p.x} y={p.y} width={W} height={H} rx="6" fill="#eef5ff" stroke="#93b4e8" />
              <foreignObject x={p.x + 4} y={p.y + 2} width={W - 8} height={H - 4}>
                <div className="flex h-full items-center justify-center text-center text-[11px] leading-tight text-slate-800">{n.label}</div>
              </foreignObject>
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-2 text-xs text-slate-500">Nét liền: chuyển trên hệ thống · Nét đứt: chuyển bản giấy</figcaption>
    </figure>
  );
}

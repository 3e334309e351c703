import "server-only";
import * as echarts from "echarts";
import { formatCount } from "@/lib/format";
import type { Figures, GroupRow } from "./dashboard";

// Charts rendered on the server (stack-notes §7): Apache ECharts SSR to an SVG string, animation off,
// inlined in the page; no chart script reaches the browser. Its <style> element only holds hover
// effects, which need the script, and the Content-Security-Policy refuses a <style> without the nonce:
// it is left out.

const COLORS = { ontime: "#15803d", late: "#b45309", open: "#1d4ed8", overdue: "#b91c1c" };
const FONT = { fontFamily: "Arial, sans-serif", fontSize: 12 };

// The SVG depends only on the option (plain data; its formatters are always formatCount) and the size: the last
// charts drawn are kept (the figures behind them are kept under the data version, so a page asked again draws the
// same charts; ~20 ms of CPU each time).
const drawn = new Map<string, string>();

function render(option: echarts.EChartsOption, width: number, height: number): string {
  const key = JSON.stringify([option, width, height]);
  const hit = drawn.get(key);
  if (hit !== undefined) return hit;
  const svg = draw(option, width, height);
  drawn.set(key, svg);
  if (drawn.size > 100) drawn.delete(drawn.keys().next().value!);
  return svg;
}

function draw(option: echarts.EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: FONT, ...option });
    return slim(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

// What the SVG carries for ECharts' script in the browser (hover and hydration), which never comes: its
// <style> (refused anyway by the Content-Security-Policy without the nonce), the classes that style refers to,
// the ecmeta_* data attributes and pointer-events. The font every label repeats is said once on the root (an
// inherited property). A year's two charts went from 17.6 to 10.5 KB, and a page carries them twice (the HTML
// and the payload that hydrates it).
const TEXT_STYLE = ` style="font-size:${FONT.fontSize}px;font-family:${FONT.fontFamily};"`;

function slim(svg: string): string {
  return svg
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/ (?:ecmeta_[a-z_]+|class|pointer-events|version|baseProfile)="[^"]*"/g, "")
    .replaceAll(TEXT_STYLE, "")
    .replace(/^<svg /, `<svg font-size="${FONT.fontSize}" font-family="${FONT.fontFamily}" `)
    .replace(/>\s+</g, "><");
}

const shorten = (s: string, n = 28) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Đúng hạn / trễ hạn / đang xử lý / quá hạn of each group, stacked horizontal bars (the busiest first, at most 15). */
export function groupChart(rows: GroupRow[]): string {
  const top = rows.slice(0, 15).reverse();
  const bar = (name: string, key: keyof typeof COLORS, value: (r: GroupRow) => number) =>
    ({ type: "bar" as const, stack: "all", name, itemStyle: { color: COLORS[key] }, data: top.map(value) });
  return render(
    {
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1, axisLabel: { formatter: (v: number) => formatCount(v) } },
      yAxis: { type: "category", data: top.map((r) => shorten(r.name)) },
      series: [
        bar("Đúng hạn", "ontime", (r) => r.ontime),
        bar("Trễ hạn", "late", (r) => r.late),
        bar("Đang xử lý trong hạn", "open", (r) => r.open - r.overdue),
        bar("Quá hạn", "overdue", (r) => r.overdue),
      ],
    },
    640,
    Math.max(160, 60 + top.length * 28),
  );
}

/** The period's documents by state, a ring. */
export function totalChart(t: Figures): string {
  const data = [
    { name: "Đúng hạn", value: t.ontime, itemStyle: { color: COLORS.ontime } },
    { name: "Trễ hạn", value: t.late, itemStyle: { color: COLORS.late } },
    { name: "Đang xử lý trong hạn", value: t.open - t.overdue, itemStyle: { color: COLORS.open } },
    { name: "Quá hạn", value: t.overdue, itemStyle: { color: COLORS.overdue } },
  ];
  return render(
    {
      legend: { bottom: 0 },
      // Each count at the chart's left or right edge, whole: a label beside the ring was cut ("24...") once it was long.
      series: [{
        type: "pie", radius: ["40%", "68%"], center: ["50%", "45%"],
        label: { formatter: (p: { value?: unknown }) => formatCount(Number(p.value)), alignTo: "edge", edgeDistance: 8, overflow: "none" },
        data,
      }],
    },
    360,
    280,
  );
}

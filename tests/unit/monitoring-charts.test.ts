import { describe, expect, it } from "vitest";
import { formatCount } from "@/lib/format";
import { groupChart, totalChart } from "@/lib/monitoring/charts";

// The dashboard's charts (ECharts on the server, lib/monitoring/charts.ts): counts written as Vietnamese
// writes them, and a ring's labels whole and inside the drawing however long they are.

/** Each <text>'s words, its anchor and its x (from transform="translate(x y)"). */
function texts(svg: string) {
  return [...svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)].map(([, attrs, text]) => ({
    text,
    anchor: /text-anchor="(\w+)"/.exec(attrs)?.[1] ?? "start",
    x: Number(/translate\(([-\d.]+)/.exec(attrs)?.[1] ?? 0),
  }));
}

describe("counts", () => {
  it("groups thousands with a dot", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(24874)).toBe("24.874");
    expect(formatCount(1_000_000)).toBe("1.000.000");
  });
});

describe("the dashboard's charts", () => {
  it("the ring shows each count whole (no \"24...\") and within its 360 px", () => {
    for (const [ontime, late, open, overdue] of [[16666, 0, 33334, 24874], [333333, 12000, 1_248_740, 248740], [1, 2, 4, 3]]) {
      const svg = totalChart({ received: ontime + late + open, ontime, late, open, overdue, avgDays: null });
      const labels = texts(svg).filter((t) => /^[\d.]+$/.test(t.text));
      expect(labels.map((t) => t.text).sort()).toEqual([ontime, late, open - overdue, overdue].map(formatCount).sort());
      for (const t of labels) {
        const width = t.text.length * 7; // 12 px Arial digits are under 7 px wide
        const [left, right] = t.anchor === "end" ? [t.x - width, t.x] : t.anchor === "middle" ? [t.x - width / 2, t.x + width / 2] : [t.x, t.x + width];
        expect(left, t.text).toBeGreaterThanOrEqual(0);
        expect(right, t.text).toBeLessThanOrEqual(360);
      }
      expect(svg).not.toContain("...");
    }
  });

  it("the bars' axis writes its thousands with a dot", () => {
    const rows = ["Văn phòng", "Thanh tra Sở"].map((name, i) => ({ id: String(i), name, received: 15000, ontime: 9000 + i, late: 1000, open: 5000, overdue: 2000, avgDays: 3 }));
    const words = texts(groupChart(rows)).map((t) => t.text);
    expect(words).toContain("Văn phòng");
    expect(words.some((w) => /^\d{1,3}(\.\d{3})+$/.test(w))).toBe(true);
    expect(words.some((w) => /\d,\d{3}/.test(w))).toBe(false);
  });

  it("carries nothing for ECharts' browser script, and says the labels' font once on the root", () => {
    const rows = [{ id: "1", name: "Văn phòng", received: 3, ontime: 1, late: 1, open: 1, overdue: 0, avgDays: 2 }];
    for (const svg of [groupChart(rows), totalChart({ received: 3, ontime: 1, late: 1, open: 1, overdue: 0, avgDays: 2 })]) {
      expect(svg).toMatch(/^<svg font-size="12" font-family="Arial, sans-serif" /);
      expect(svg).not.toMatch(/<style|ecmeta_|class="|pointer-events|font-size:12px/);
      expect(texts(svg).length).toBeGreaterThan(3);
    }
  });
});

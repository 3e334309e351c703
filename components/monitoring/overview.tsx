import { CountCards, type CountCard } from "@/components/home/home-blocks";
import type { OverviewCount } from "@/lib/monitoring/overview";
import { formatCount, formatDate } from "@/lib/format";

/** Tổng quan: each count a link to the list of exactly those rows (plain links, as the dashboard's counts). */
export function OverviewCounts({ counts, soonUntil }: { counts: OverviewCount[]; soonUntil: string }) {
  const cards = counts.map((c): CountCard => [c.href, formatCount(c.count), c.label, !!c.alert && c.count > 0, c.key === "soon" ? `đến ${formatDate(soonUntil)}` : null]);
  return <CountCards cards={cards} />;
}

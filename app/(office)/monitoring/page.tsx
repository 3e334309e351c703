import Link from "next/link";
import { notFound } from "next/navigation";
import { Chart, FigureCards, GroupTable } from "@/components/monitoring/dashboard";
import { PeriodForm, PresetNav } from "@/components/monitoring/period-blocks";
import { Card, PageHeader } from "@/components/ui/page";
import { IgnoredParamsNotice } from "@/components/ui/search-notice";
import { requireSession } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { formatCount } from "@/lib/format";
import { groupChart, totalChart } from "@/lib/monitoring/charts";
import { dashboardFigures, monitoringScope } from "@/lib/monitoring/dashboard";
import { PRESETS, periodSearchSchema, resolvePeriod, type Preset } from "@/lib/monitoring/period";
import { areaByHref, visibleAreas } from "@/lib/nav";
import { parseSearchParams, type RawParams } from "@/lib/search-params";

export const metadata = { title: "Theo dõi, đôn đốc" };

export default async function MonitoringPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const { actor } = await requireSession();
  if (!visibleAreas(actor).includes(areaByHref("/monitoring"))) notFound();
  const { data: q, ignored } = parseSearchParams(await searchParams, periodSearchSchema);
  const scope = await monitoringScope(actor, q.unit);
  // A unit outside what the person oversees is answered like a missing page (ids cannot be probed).
  if (!scope) notFound();
  const period = resolvePeriod(q);
  const figures = await dashboardFigures(actor, scope, period);
  const base = new URLSearchParams({ from: period.from, to: period.to, ...(scope.unitId ? { unit: scope.unitId } : {}) });
  const xlsx = (table: string) => `/api/monitoring?${base}&table=${table}&format=xlsx`;
  const download = (table: string) => (
    <a href={xlsx(table)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50" download>Tải Excel</a>
  );
  return (
    <>
      <PageHeader
        title="Theo dõi, đôn đốc"
        description={can(actor, "monitoring.agency") ? "Tình hình xử lý văn bản đến của cơ quan." : "Tình hình xử lý văn bản đến của đơn vị bạn phụ trách."}
        actions={
          can(actor, "documents.readAgency") ? (
            <Link href={`/monitoring/reports?${base}`} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">Báo cáo</Link>
          ) : null
        }
      />
      <IgnoredParamsNotice ignored={ignored} />
      <PresetNav links={(Object.keys(PRESETS) as Preset[]).map((p) => [`/monitoring?preset=${p}${scope.unitId ? `&unit=${scope.unitId}` : ""}`, PRESETS[p], period.preset === p])} />
      <PeriodForm
        action="/monitoring"
        idPrefix="monitoring"
        from={period.from}
        to={period.to}
        after={[["unit", "Đơn vị", scope.unitId ?? "", [["", can(actor, "monitoring.agency") ? "Toàn cơ quan" : "Mọi đơn vị tôi phụ trách"], ...scope.units.map((u) => [u.id, u.name] as const)]]]}
        submit="Xem"
        columns={4}
      />
      <FigureCards total={figures.total} period={period} within={scope.unitId} />
      <div className="grid gap-4 xl:grid-cols-[380px_1fr]">
        <Card title="Tình hình xử lý" actions={download("total")}>
          <Chart svg={totalChart(figures.total)} label={`Đúng hạn ${formatCount(figures.total.ontime)}, trễ hạn ${formatCount(figures.total.late)}, đang xử lý ${formatCount(figures.total.open)}, quá hạn ${formatCount(figures.total.overdue)}`} />
        </Card>
        <Card title="Theo đơn vị" actions={download("units")}>
          {figures.byUnit.length ? <Chart svg={groupChart(figures.byUnit)} label="Biểu đồ tình hình xử lý theo đơn vị; số liệu ở bảng dưới." /> : null}
          <GroupTable rows={figures.byUnit} period={period} by="handlingUnit" label="Đơn vị" />
        </Card>
      </div>
      <div className="mt-4">
        <Card title="Theo cá nhân" actions={download("people")}>
          <GroupTable rows={figures.byPerson} period={period} by="handler" label="Cá nhân" />
        </Card>
      </div>
    </>
  );
}

import { notFound } from "next/navigation";
import { BookPrint } from "@/components/registers/book-print";
import { PeriodForm } from "@/components/monitoring/period-blocks";
import { IgnoredParamsNotice } from "@/components/ui/search-notice";
import { requireSession } from "@/lib/auth/current";
import { resolvePeriod } from "@/lib/monitoring/period";
import { reportSearchSchema } from "@/lib/monitoring/report-query";
import { loadReport, seesReports } from "@/lib/monitoring/reports";
import { unitFilterOptions } from "@/lib/incoming/options";
import { backLink } from "@/lib/nav";
import { parseSearchParams, type RawParams } from "@/lib/search-params";

export const metadata = { title: "Báo cáo giải quyết văn bản" };

const NAMES = { incoming: "Báo cáo giải quyết văn bản đến", outgoing: "Báo cáo giải quyết văn bản đi" } as const;

/** Báo cáo giải quyết văn bản đến / đi: the print view; the downloads render the same rows. */
export default async function ReportPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const { actor } = await requireSession();
  if (!seesReports(actor)) notFound();
  const { data: q, ignored } = parseSearchParams(await searchParams, reportSearchSchema);
  const kind = q.kind ?? "incoming";
  const period = resolvePeriod(q);
  const report = await loadReport(actor, kind, period, q.unit);
  // A unit of another agency is answered like a missing page.
  if (!report) notFound();
  const unitOptions = await unitFilterOptions(actor.agencyId);
  // The leaders come from Theo dõi, đôn đốc, the clerk from Sổ văn bản.
  const back = backLink(actor, ["/monitoring", "/registers"]);
  const query = new URLSearchParams({ kind, from: period.from, to: period.to, ...(q.unit ? { unit: q.unit } : {}) });
  return (
    <div>
      <h1 className="sr-only">{NAMES[kind]}</h1>
      <IgnoredParamsNotice ignored={ignored} />
      <PeriodForm
        action="/monitoring/reports"
        label="Chọn báo cáo"
        idPrefix="report"
        from={period.from}
        to={period.to}
        before={[["kind", "Báo cáo", kind, (Object.keys(NAMES) as Array<keyof typeof NAMES>).map((k) => [k, NAMES[k]] as const)]]}
        after={[["unit", "Đơn vị", q.unit ?? "", [["", "Toàn cơ quan"], ...unitOptions.map((u) => [u.id, u.name] as const)]]]}
        submit="Xem báo cáo"
        columns={5}
      />
      <BookPrint
        book={report}
        pdfHref={`/api/monitoring/reports?${query}&format=pdf`}
        xlsxHref={`/api/monitoring/reports?${query}&format=xlsx`}
        backHref={back.href}
        backLabel={`← ${back.label}`}
      />
    </div>
  );
}

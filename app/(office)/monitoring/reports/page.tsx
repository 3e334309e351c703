import { notFound } from "next/navigation";
import { BookPrint } from "@/components/registers/book-print";
import { DateField } from "@/components/ui/date-field";
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
  const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";
  return (
    <div>
      <h1 className="sr-only">{NAMES[kind]}</h1>
      <IgnoredParamsNotice ignored={ignored} />
      <form action="/monitoring/reports" aria-label="Chọn báo cáo" className="no-print mb-4 grid gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-5">
        <label className="text-sm">
          Báo cáo
          <select name="kind" defaultValue={kind} className={`${input} mt-1 block w-full`}>
            {(Object.keys(NAMES) as Array<keyof typeof NAMES>).map((k) => <option key={k} value={k}>{NAMES[k]}</option>)}
          </select>
        </label>
        <DateField id="report-from" label="Từ ngày" name="from" defaultValue={period.from} />
        <DateField id="report-to" label="Đến ngày" name="to" defaultValue={period.to} />
        <label className="text-sm">
          Đơn vị
          <select name="unit" defaultValue={q.unit ?? ""} className={`${input} mt-1 block w-full`}>
            <option value="">Toàn cơ quan</option>
            {unitOptions.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        </label>
        <div className="flex items-end">
          <button className="rounded-md border border-slate-300 bg-white px-4 py-1.5 text-sm hover:bg-slate-50">Xem báo cáo</button>
        </div>
      </form>
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

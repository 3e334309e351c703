import Link from "next/link";
import { notFound } from "next/navigation";
import { statusPart } from "@/components/incoming/status-badge";
import { FilterForm } from "@/components/ui/filter-form";
import { optionsOf } from "@/components/ui/filters";
import { RowTable } from "@/components/ui/row-table";
import { group, link, smallLine, type Row, type RowPart } from "@/components/ui/rows";
import { currentTabQuery, EmptyState, ListTabs, PageHeader, Pagination } from "@/components/ui/page";
import { IgnoredParamsNotice } from "@/components/ui/search-notice";
import { requireSession } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { formatDate } from "@/lib/format";
import { DOC_TYPES, incomingStatus, INTERNAL_LABEL, STATUS_LABELS, type IncomingStatus } from "@/lib/incoming/labels";
import { unitFilterOptions } from "@/lib/incoming/options";
import { listIncoming } from "@/lib/incoming/queries";
import { incomingListSearchSchema } from "@/lib/incoming/schemas";
import { requestNavCounts } from "@/lib/monitoring/nav-counts";
import { PROGRESS_LABELS } from "@/lib/incoming/progress";
import { areaByHref, visibleAreas } from "@/lib/nav";
import { parseSearchParams, searchRecord, type RawParams } from "@/lib/search-params";

export const metadata = { title: "Văn bản đến" };

export default async function IncomingPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const { actor } = await requireSession();
  if (!visibleAreas(actor).includes(areaByHref("/incoming"))) notFound();
  const { data: f, ignored } = parseSearchParams(await searchParams, incomingListSearchSchema);
  const sp = searchRecord(f);
  const filter = {
    q: f.q, year: f.year, arrivalNo: f.no, symbol: f.symbol, issuer: f.issuer, docType: f.type, status: f.status, overdue: f.overdue,
    unitId: f.unit, submittedToMe: f.mine, from: f.from, to: f.to, progress: f.progress, handlingUnit: f.handlingUnit, within: f.within,
    handler: f.handler, page: f.page ?? 1,
  };
  const { counts } = await requestNavCounts(actor);
  const tabs = [
    { label: "Tất cả", query: "", show: true },
    { label: "Chờ tiếp nhận", query: "status=awaiting_reception", show: can(actor, "incoming.register"), count: counts.reception },
    { label: "Đã vào sổ", query: "status=registered", show: can(actor, "incoming.submit"), count: counts.registered },
    { label: "Trình tôi", query: "mine=1", show: can(actor, "incoming.assign"), count: counts.instruct },
    { label: "Quá hạn", query: "overdue=1", show: true },
  ].filter((t) => t.show);
  const currentTab = currentTabQuery(sp);
  const [{ rows, hasNext, page }, unitOptions] = await Promise.all([listIncoming(actor, filter), unitFilterOptions(actor.agencyId)]);
  const params = (p: number) => new URLSearchParams({ ...sp, page: String(p) });
  return (
    <>
      <PageHeader
        title="Văn bản đến"
        description="Sổ đăng ký văn bản đến và luồng xử lý."
        actions={
          can(actor, "incoming.register") ? (
            <Link href="/incoming/new" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
              Tiếp nhận văn bản giấy
            </Link>
          ) : null
        }
      />
      <ListTabs base="/incoming" label="Hộp văn bản" tabs={tabs} current={currentTab} />
      <IgnoredParamsNotice ignored={ignored} />
      {f.progress ? (
        <p role="status" className="mb-3 rounded-md border border-brand-200 bg-brand-50 px-3 py-2 text-sm text-brand-900">
          Văn bản theo số liệu theo dõi: {PROGRESS_LABELS[f.progress].toLowerCase()}
          {f.from && f.to ? `, đến từ ngày ${formatDate(f.from)} đến ngày ${formatDate(f.to)}` : ""}
          {f.handlingUnit || f.within || f.handler ? ", theo đơn vị hoặc cá nhân đã chọn" : ""} (không gồm văn bản mật).{" "}
          <Link href="/incoming" className="font-medium text-brand-700 hover:underline">Bỏ lọc</Link>
        </p>
      ) : null}
      <FilterForm
        action="/incoming"
        columns={4}
        fields={[
          ["q", "Tìm trích yếu, số ký hiệu, cơ quan (không cần dấu)", sp.q],
          ["t", "symbol", "Số, ký hiệu", sp.symbol],
          ["t", "issuer", "Cơ quan ban hành", sp.issuer],
          ["t", "year", "Năm", sp.year, true],
          ["t", "no", "Số đến", sp.no, true],
          ["s", "type", "Loại văn bản", sp.type, "Mọi loại văn bản", DOC_TYPES],
          ["s", "status", "Trạng thái", sp.status, "Mọi trạng thái", optionsOf(STATUS_LABELS, incomingStatus.enumValues)],
          ["s", "unit", "Đơn vị xử lý", sp.unit, "Mọi đơn vị xử lý", unitOptions.map((u) => [u.id, u.name] as const)],
          ["c", "overdue", "Quá hạn", !!f.overdue],
        ]}
      />
      {rows.length === 0 ? (
        <EmptyState title="Không có văn bản nào">Chưa có văn bản đến phù hợp với điều kiện lọc.</EmptyState>
      ) : (
        <RowTable
          headers={["Số đến", "Ngày đến", "Số, ký hiệu", "Cơ quan ban hành", "Trích yếu", "Trạng thái"]}
          rows={rows.map((r): Row => [
            r.id,
            `${r.arrivalNo ?? (r.source === "internal" ? INTERNAL_LABEL : "—")}${r.secrecy !== "normal" ? " (mật)" : ""}`,
            formatDate(r.arrivalDate),
            r.symbol,
            r.issuerName,
            r.replies?.length
              ? group(link(`/incoming/${r.id}`, `${r.docType}: ${r.subject}`), smallLine("Trả lời: ", ...r.replies.flatMap((o, i): RowPart[] => [i ? ", " : null, link(`/outgoing/${o.id}`, o.symbol ?? "")])))
              : link(`/incoming/${r.id}`, `${r.docType}: ${r.subject}`),
            statusPart(r.status),
          ])}
        />
      )}
      <Pagination page={page} hasNext={hasNext} href={(p) => `/incoming?${params(p)}`} />
    </>
  );
}

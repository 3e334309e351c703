import Link from "next/link";
import { notFound } from "next/navigation";
import { outgoingStatusPart } from "@/components/incoming/status-badge";
import { currentTabQuery, EmptyState, ListTabs, PageHeader, Pagination } from "@/components/ui/page";
import { FilterForm } from "@/components/ui/filter-form";
import { optionsOf } from "@/components/ui/filters";
import { RowTable } from "@/components/ui/row-table";
import { group, link, smallLine, type Row } from "@/components/ui/rows";
import { IgnoredParamsNotice } from "@/components/ui/search-notice";
import { requireSession } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { formatDate } from "@/lib/format";
import { DOC_TYPES } from "@/lib/incoming/labels";
import { areaByHref, visibleAreas } from "@/lib/nav";
import { OUTGOING_STATUS_LABELS, outgoingStatus, type OutgoingStatus } from "@/lib/outgoing/labels";
import { listOutgoing } from "@/lib/outgoing/queries";
import { outgoingListSearchSchema } from "@/lib/outgoing/schemas";
import { parseSearchParams, searchRecord, type RawParams } from "@/lib/search-params";

export const metadata = { title: "Văn bản đi" };

export default async function OutgoingPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const { actor } = await requireSession();
  if (!visibleAreas(actor).includes(areaByHref("/outgoing"))) notFound();
  const { data: f, ignored } = parseSearchParams(await searchParams, outgoingListSearchSchema);
  const sp = searchRecord(f);
  const filter = { q: f.q, status: f.status, year: f.year, docType: f.type, inbox: f.inbox, mine: f.mine, page: f.page ?? 1 };
  const tabs = [
    { label: "Chờ tôi xử lý", query: "inbox=1", show: true },
    { label: "Dự thảo của tôi", query: "mine=1", show: can(actor, "outgoing.draft") },
    { label: "Chờ phát hành", query: "status=awaiting_issue", show: can(actor, "outgoing.issue") },
    { label: "Đã phát hành", query: "status=issued", show: true },
    { label: "Tất cả", query: "", show: true },
  ].filter((t) => t.show);
  const currentTab = currentTabQuery(sp);
  const { rows, hasNext, page } = await listOutgoing(actor, filter);
  const params = (p: number) => new URLSearchParams({ ...sp, page: String(p) });
  return (
    <>
      <PageHeader
        title="Văn bản đi"
        description="Dự thảo, trình duyệt, ký duyệt và phát hành văn bản đi."
        actions={
          can(actor, "outgoing.draft") ? (
            <Link href="/outgoing/new" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">Tạo dự thảo</Link>
          ) : null
        }
      />
      <ListTabs base="/outgoing" label="Hộp văn bản đi" tabs={tabs} current={currentTab} />
      <IgnoredParamsNotice ignored={ignored} />
      <FilterForm
        action="/outgoing"
        fields={[
          ["q", "Tìm trích yếu, số ký hiệu (không cần dấu)", sp.q],
          ["t", "year", "Năm", sp.year, true],
          ["s", "type", "Loại văn bản", sp.type, "Mọi loại văn bản", DOC_TYPES],
          ["s", "status", "Trạng thái", sp.status, "Mọi trạng thái", optionsOf(OUTGOING_STATUS_LABELS, outgoingStatus.enumValues)],
          ...(sp.inbox ? [["h", "inbox", "1"] as const] : []),
          ...(sp.mine ? [["h", "mine", "1"] as const] : []),
        ]}
      />
      {rows.length === 0 ? (
        <EmptyState title="Không có văn bản nào">{filter.inbox ? "Không có dự thảo nào đang chờ bạn xử lý." : "Chưa có văn bản đi phù hợp với điều kiện lọc."}</EmptyState>
      ) : (
        <RowTable
          headers={["Số, ký hiệu", "Ngày", "Loại và trích yếu", "Đơn vị soạn thảo", "Người ký", "Trạng thái"]}
          rows={rows.map((r): Row => {
            const subject = link(`/outgoing/${r.id}`, `${r.docType}: ${r.subject}`);
            const replyTo = r.replyToId ? `${r.replyToSymbol ?? ""}${r.replyToArrivalNo ? ` (số đến ${r.replyToArrivalNo})` : ""}` : "";
            return [
              r.id,
              `${r.symbol ?? "—"}${r.secrecy !== "normal" ? " (mật)" : ""}`,
              formatDate(r.issuedDate ?? r.createdAt),
              r.replyToId ? group(subject, smallLine("Trả lời văn bản đến ", r.replyToOpen ? link(`/incoming/${r.replyToId}`, replyTo) : replyTo)) : subject,
              r.unitName,
              r.signerName,
              outgoingStatusPart(r.status),
            ];
          })}
        />
      )}
      <Pagination page={page} hasNext={hasNext} href={(p) => `/outgoing?${params(p)}`} />
    </>
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { OutgoingStatusBadge } from "@/components/incoming/status-badge";
import { currentTabQuery, EmptyState, ListTable, ListTabs, PageHeader, Pagination, tdClass } from "@/components/ui/page";
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
  const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";
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
      <form role="search" action="/outgoing" className="mb-4 grid gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-5">
        <label className="sm:col-span-2">
          <span className="sr-only">Tìm kiếm</span>
          <input name="q" defaultValue={sp.q} placeholder="Tìm trích yếu, số ký hiệu (không cần dấu)" className={`${input} w-full`} />
        </label>
        <input name="year" defaultValue={sp.year} placeholder="Năm" aria-label="Năm" inputMode="numeric" className={input} />
        <select name="type" defaultValue={sp.type ?? ""} aria-label="Loại văn bản" className={input}>
          <option value="">Mọi loại văn bản</option>
          {DOC_TYPES.map((d) => <option key={d}>{d}</option>)}
        </select>
        <select name="status" defaultValue={sp.status ?? ""} aria-label="Trạng thái" className={input}>
          <option value="">Mọi trạng thái</option>
          {outgoingStatus.enumValues.map((s) => <option key={s} value={s}>{OUTGOING_STATUS_LABELS[s]}</option>)}
        </select>
        {sp.inbox ? <input type="hidden" name="inbox" value="1" /> : null}
        {sp.mine ? <input type="hidden" name="mine" value="1" /> : null}
        <button className="rounded-md border border-slate-300 bg-white px-4 py-1.5 text-sm hover:bg-slate-50">Lọc</button>
      </form>
      {rows.length === 0 ? (
        <EmptyState title="Không có văn bản nào">{filter.inbox ? "Không có dự thảo nào đang chờ bạn xử lý." : "Chưa có văn bản đi phù hợp với điều kiện lọc."}</EmptyState>
      ) : (
        <ListTable headers={["Số, ký hiệu", "Ngày", "Loại và trích yếu", "Đơn vị soạn thảo", "Người ký", "Trạng thái"]}>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className={tdClass}>{r.symbol ?? "—"}{r.secrecy !== "normal" ? " (mật)" : ""}</td>
              <td className={tdClass}>{formatDate(r.issuedDate ?? r.createdAt)}</td>
              <td className={tdClass}>
                <a href={`/outgoing/${r.id}`} className="row-link">{r.docType}: {r.subject}</a>
                {r.replyToId ? (
                  <span className="block text-xs text-slate-600">
                    Trả lời văn bản đến{" "}
                    {r.replyToOpen ? (
                      <a href={`/incoming/${r.replyToId}`} className="row-link">
                        {r.replyToSymbol}{r.replyToArrivalNo ? ` (số đến ${r.replyToArrivalNo})` : ""}
                      </a>
                    ) : (
                      <>{r.replyToSymbol}{r.replyToArrivalNo ? ` (số đến ${r.replyToArrivalNo})` : ""}</>
                    )}
                  </span>
                ) : null}
              </td>
              <td className={tdClass}>{r.unitName}</td>
              <td className={tdClass}>{r.signerName}</td>
              <td className={tdClass}><OutgoingStatusBadge status={r.status} /></td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pagination page={page} hasNext={hasNext} href={(p) => `/outgoing?${params(p)}`} />
    </>
  );
}

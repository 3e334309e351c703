import Link from "next/link";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/incoming/status-badge";
import { currentTabQuery, EmptyState, ListTable, ListTabs, PageHeader, Pagination, tdClass } from "@/components/ui/page";
import { IgnoredParamsNotice } from "@/components/ui/search-notice";
import { requireSession } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { formatDate } from "@/lib/format";
import { DOC_TYPES, incomingStatus, INTERNAL_LABEL, STATUS_LABELS, type IncomingStatus } from "@/lib/incoming/labels";
import { unitFilterOptions } from "@/lib/incoming/options";
import { listIncoming } from "@/lib/incoming/queries";
import { incomingListSearchSchema } from "@/lib/incoming/schemas";
import { requestNavCounts } from "@/lib/monitoring/nav-counts";
import { PROGRESS_LABELS } from "@/lib/monitoring/progress";
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
  const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";
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
      <form role="search" action="/incoming" className="mb-4 grid gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-4">
        <label className="sm:col-span-2">
          <span className="sr-only">Tìm kiếm</span>
          <input name="q" defaultValue={sp.q} placeholder="Tìm trích yếu, số ký hiệu, cơ quan (không cần dấu)" className={`${input} w-full`} />
        </label>
        <input name="symbol" defaultValue={sp.symbol} placeholder="Số, ký hiệu" aria-label="Số, ký hiệu" className={input} />
        <input name="issuer" defaultValue={sp.issuer} placeholder="Cơ quan ban hành" aria-label="Cơ quan ban hành" className={input} />
        <input name="year" defaultValue={sp.year} placeholder="Năm" aria-label="Năm" inputMode="numeric" className={input} />
        <input name="no" defaultValue={sp.no} placeholder="Số đến" aria-label="Số đến" inputMode="numeric" className={input} />
        <select name="type" defaultValue={sp.type ?? ""} aria-label="Loại văn bản" className={input}>
          <option value="">Mọi loại văn bản</option>
          {DOC_TYPES.map((d) => <option key={d}>{d}</option>)}
        </select>
        <select name="status" defaultValue={sp.status ?? ""} aria-label="Trạng thái" className={input}>
          <option value="">Mọi trạng thái</option>
          {incomingStatus.enumValues.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
        </select>
        <select name="unit" defaultValue={sp.unit ?? ""} aria-label="Đơn vị xử lý" className={input}>
          <option value="">Mọi đơn vị xử lý</option>
          {unitOptions.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </select>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="overdue" value="1" defaultChecked={f.overdue} /> Quá hạn
        </label>
        <button className="rounded-md border border-slate-300 bg-white px-4 py-1.5 text-sm hover:bg-slate-50">Lọc</button>
      </form>
      {rows.length === 0 ? (
        <EmptyState title="Không có văn bản nào">Chưa có văn bản đến phù hợp với điều kiện lọc.</EmptyState>
      ) : (
        <ListTable headers={["Số đến", "Ngày đến", "Số, ký hiệu", "Cơ quan ban hành", "Trích yếu", "Trạng thái"]}>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className={tdClass}>{r.arrivalNo ?? (r.source === "internal" ? INTERNAL_LABEL : "—")}{r.secrecy !== "normal" ? " (mật)" : ""}</td>
              <td className={tdClass}>{formatDate(r.arrivalDate)}</td>
              <td className={tdClass}>{r.symbol}</td>
              <td className={tdClass}>{r.issuerName}</td>
              <td className={tdClass}>
                <a href={`/incoming/${r.id}`} className="row-link">{r.docType}: {r.subject}</a>
                {r.replies?.length ? (
                  <span className="block text-xs text-slate-600">
                    Trả lời:{" "}
                    {r.replies.map((o, i) => (
                      <span key={o.id}>{i ? ", " : ""}<a href={`/outgoing/${o.id}`} className="row-link">{o.symbol}</a></span>
                    ))}
                  </span>
                ) : null}
              </td>
              <td className={tdClass}><StatusBadge status={r.status} /></td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pagination page={page} hasNext={hasNext} href={(p) => `/incoming?${params(p)}`} />
    </>
  );
}

import Link from "next/link";
import { MonitorResendButton } from "@/components/exchange/monitor-resend";
import { EmptyState, ListTable, PageHeader, Pagination, tdClass } from "@/components/ui/page";
import { IgnoredParamsNotice } from "@/components/ui/search-notice";
import { requireVerb } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { EXCHANGE_TABS, listMessages, messageLabel, monitorSearchSchema, tabCounts, TAB_LABELS, type ExchangeTab, type MonitorRow } from "@/lib/exchange/monitor";
import { formatDateTime } from "@/lib/format";
import { parseSearchParams, type RawParams } from "@/lib/search-params";

export const metadata = { title: "Liên thông" };

const EMPTY: Record<ExchangeTab, string> = {
  queued: "Không có thông điệp nào đang chờ gửi.",
  failed: "Không có thông điệp nào gửi lỗi.",
  sent: "Chưa gửi thông điệp liên thông nào.",
  received: "Chưa nhận thông điệp liên thông nào.",
  rejected: "Không có thông điệp nào bị từ chối.",
  recall: "Không có yêu cầu lấy lại nào đang chờ trả lời.",
};

const DESCRIPTION: Record<ExchangeTab, string> = {
  queued: "Văn bản và trạng thái đã ghi vào hàng đợi, hệ thống đang gửi.",
  failed: "Gửi không thành công sau các lần thử lại. Kiểm tra lỗi, rồi bấm Gửi lại.",
  sent: "Đã gửi tới cơ quan nhận.",
  received: "Văn bản và trạng thái nhận được từ cơ quan khác.",
  rejected: "Thông điệp đến bị từ chối (chữ ký, người gửi, định dạng…), kèm lý do.",
  recall: "Cơ quan gửi yêu cầu lấy lại văn bản đã gửi cho cơ quan; trả lời ở trang văn bản đến.",
};

function Partner({ r }: { r: MonitorRow }) {
  return (
    <>
      {r.partnerName ?? <span className="text-slate-600">Không có trong danh bạ</span>}
      <div className="text-xs text-slate-600">{r.partnerOrganId}</div>
    </>
  );
}

function Document({ r }: { r: MonitorRow }) {
  return (
    <>
      {r.link ? (
        <a href={r.link.href} className="row-link font-medium">{r.link.subject}</a>
      ) : null}
      <div className="break-all text-xs text-slate-600">{r.documentId}</div>
    </>
  );
}

export default async function ExchangePage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const { actor } = await requireVerb("exchange.monitor");
  const { data: sp, ignored } = parseSearchParams(await searchParams, monitorSearchSchema);
  const tab: ExchangeTab = sp.tab ?? "queued";
  const page = sp.page ?? 1;
  const [counts, list] = await Promise.all([tabCounts(actor.agencyId), listMessages(actor, tab, page)]);
  const mayResend = can(actor, "exchange.monitor");
  const headers: Record<ExchangeTab, string[]> = {
    queued: ["Thời gian", "Nội dung", "Cơ quan nhận", "Văn bản", "Số lần thử"],
    failed: ["Thời gian", "Nội dung", "Cơ quan nhận", "Văn bản", "Lỗi", "Thao tác"],
    sent: ["Thời gian gửi", "Nội dung", "Cơ quan nhận", "Văn bản", "Cách gửi"],
    received: ["Thời gian nhận", "Nội dung", "Cơ quan gửi", "Văn bản", "Ghi chú"],
    rejected: ["Thời gian", "Nội dung", "Cơ quan gửi (theo thông điệp)", "Mã lỗi", "Lý do"],
    recall: ["Thời gian", "Cơ quan gửi", "Văn bản", "Lý do"],
  };
  return (
    <>
      <PageHeader
        title="Liên thông"
        description="Văn bản điện tử và trạng thái gửi, nhận với các cơ quan khác qua edXML."
        actions={can(actor, "exchange.configure") ? <Link href="/admin/exchange" className="text-sm text-brand-700 underline">Cấu hình liên thông</Link> : undefined}
      />
      <IgnoredParamsNotice ignored={ignored} />
      <nav aria-label="Nhóm thông điệp" className="mb-3 flex flex-wrap gap-2 text-sm">
        {EXCHANGE_TABS.map((t) => (
          <Link
            key={t}
            href={`/exchange?tab=${t}`}
            aria-current={t === tab ? "page" : undefined}
            className={`rounded-full border px-3 py-1 ${t === tab ? "border-brand-700 bg-brand-50 text-brand-800" : "border-slate-300 bg-white"}`}
          >
            {TAB_LABELS[t]} <span className={counts[t] && (t === "failed" || t === "rejected" || t === "recall") ? "font-semibold text-red-700" : "text-slate-600"}>({counts[t]})</span>
          </Link>
        ))}
      </nav>
      <p className="mb-4 text-sm text-slate-600">{DESCRIPTION[tab]}</p>
      {list.rows.length === 0 ? (
        <EmptyState title={page > 1 ? "Không còn thông điệp nào ở trang này." : EMPTY[tab]} />
      ) : (
        <ListTable headers={headers[tab]}>
          {list.rows.map((r) => (
            <tr key={r.id}>
              <td className={`${tdClass} whitespace-nowrap`}>{formatDateTime(r.at)}</td>
              {tab === "recall" ? (
                <>
                  <td className={tdClass}><Partner r={r} /></td>
                  <td className={tdClass}><Document r={r} /></td>
                  <td className={tdClass}>{r.description || "—"}</td>
                </>
              ) : tab === "rejected" ? (
                <>
                  <td className={tdClass}>{messageLabel(r)}</td>
                  <td className={tdClass}><Partner r={r} /></td>
                  <td className={`${tdClass} font-mono text-xs`}>{r.errorCode ?? "—"}</td>
                  <td className={`${tdClass} text-red-800`}>{r.error ?? "—"}</td>
                </>
              ) : (
                <>
                  <td className={tdClass}>{messageLabel(r)}</td>
                  <td className={tdClass}><Partner r={r} /></td>
                  <td className={tdClass}><Document r={r} /></td>
                  {tab === "queued" ? <td className={tdClass}>{r.attempts}</td> : null}
                  {tab === "sent" ? <td className={tdClass}>{r.transport === "direct" ? "Trực tiếp" : r.transport === "axis" ? "Qua trục" : "—"}</td> : null}
                  {tab === "received" ? <td className={tdClass}>{r.description}</td> : null}
                  {tab === "failed" ? (
                    <>
                      <td className={tdClass}>
                        <span className="text-red-800">{r.error ?? "Lỗi không xác định"}</span>
                        <div className="text-xs text-slate-600">{r.errorCode ? `${r.errorCode} · ` : ""}{r.attempts} lần thử</div>
                      </td>
                      <td className={tdClass}>{mayResend ? <MonitorResendButton id={r.id} /> : null}</td>
                    </>
                  ) : null}
                </>
              )}
            </tr>
          ))}
        </ListTable>
      )}
      <Pagination page={list.page} hasNext={list.hasNext} href={(p) => `/exchange?${new URLSearchParams({ tab, page: String(p) })}`} />
    </>
  );
}

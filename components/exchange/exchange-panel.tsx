import { formatDateTime } from "@/lib/format";
import type { RecipientExchange } from "@/lib/exchange/outgoing-status";

const STATE_CLASS: Record<RecipientExchange["sendingState"], string> = {
  queued: "text-amber-800",
  sent: "text-emerald-800",
  failed: "text-red-700",
  none: "text-slate-600",
};

/**
 * Liên thông of an issued document, per agency sent electronically: how the sending stands and every
 * status the agency sent back (01 đã đến … 06 hoàn thành, 02 and 16 with their reasons), oldest first.
 */
export function ExchangePanel({ recipients }: { recipients: RecipientExchange[] }) {
  return (
    <ul className="space-y-4 text-sm" aria-label="Tình trạng liên thông theo nơi nhận">
      {recipients.map((r) => (
        <li key={r.recipientId} className="rounded-md border border-slate-200 p-3">
          <p className="font-medium">
            {r.name}
            {r.organId ? <span className="ml-2 font-normal text-slate-500">({r.organId})</span> : null}
          </p>
          <p className={`mt-1 ${STATE_CLASS[r.sendingState]}`}>{r.sending}</p>
          {r.statuses.length ? (
            <ol className="mt-2 space-y-1 border-l-2 border-slate-200 pl-3" aria-label={`Trạng thái do ${r.name} gửi về`}>
              {r.statuses.map((s) => (
                <li key={s.id}>
                  <span className="font-medium">{s.label}</span> <span className="text-slate-500">({s.code})</span>{" "}
                  <time dateTime={new Date(s.at).toISOString()} className="text-slate-600">lúc {formatDateTime(s.at)}</time>
                  {s.description ? <span className="block text-slate-700">Lý do: {s.description}</span> : null}
                </li>
              ))}
            </ol>
          ) : r.sendingState === "sent" ? (
            <p className="mt-1 text-slate-500">Chưa nhận được trạng thái nào từ cơ quan nhận.</p>
          ) : null}
          {r.requests.length ? (
            <ul className="mt-2 space-y-1" aria-label={`Yêu cầu thu hồi, cập nhật, thay thế gửi ${r.name}`}>
              {r.requests.map((q) => (
                <li key={q.id}>
                  Yêu cầu {q.purposeLabel.toLowerCase()} ({formatDateTime(q.at)}): {q.reason} — {q.sending}
                  {q.answered ? "" : q.sending.startsWith("Đã gửi") ? ", chờ trả lời" : ""}
                </li>
              ))}
            </ul>
          ) : null}
          {r.followUps.map((f) => (
            <p key={f.id} className="mt-1">
              {f.label}: {f.sending}
            </p>
          ))}
        </li>
      ))}
    </ul>
  );
}

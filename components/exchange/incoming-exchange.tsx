import Link from "next/link";
import { Card, MetaList } from "@/components/ui/page";
import { formatDate, formatDateTime } from "@/lib/format";
import type { IncomingExchangeView } from "@/lib/exchange/incoming-view";
import { RecallAnswer } from "./recall-answer";

// Liên thông on the incoming document page: how it arrived (verdict, certificate), the statuses sent
// back to the sender, the replacement links, and a recall request waiting for the clerk.

const TRANSPORT = { direct: "Trực tiếp giữa hai hệ thống", axis: "Qua trục liên thông" } as const;

function sendingState(s: IncomingExchangeView["statuses"][number]): string {
  if (s.state === "sent") return `Đã gửi lúc ${formatDateTime(s.sentAt)}`;
  if (s.state === "failed") return `Gửi không thành công${s.error ? `: ${s.error}` : ""}`;
  if (s.error) return `Lỗi gửi (lần ${s.attempts}): ${s.error} — sẽ thử lại`;
  return "Chờ gửi";
}

export function IncomingExchangeCard({ view }: { view: IncomingExchangeView }) {
  const c = view.certificate;
  const items: [string, string][] = [
    ["Cơ quan gửi", `${view.senderName} (${view.senderOrganId})`],
    ["Nhận lúc", formatDateTime(view.receivedAt)],
    ["Đường gửi", view.transport ? TRANSPORT[view.transport] : ""],
    ["Chứng thư số", c ? c.subject : ""],
    ["Tổ chức cấp", c ? c.issuer : ""],
    ["Hiệu lực", c?.notBefore && c.notAfter ? `${formatDate(c.notBefore)} – ${formatDate(c.notAfter)}` : ""],
  ];
  return (
    <Card title="Liên thông">
      <p className="mb-3 rounded-md bg-green-50 px-3 py-2 text-sm font-medium text-green-800">{view.verdict}</p>
      <MetaList items={items} />
      {view.replaces ? (
        <p className="mt-3 text-sm">
          Văn bản này thay thế văn bản <Link href={`/incoming/${view.replaces.id}`} className="text-brand-700 hover:underline">{view.replaces.label}</Link>.
        </p>
      ) : null}
      {view.replacedBy.map((r) => (
        <p key={r.id} className="mt-3 text-sm">
          Đã được thay thế bởi văn bản <Link href={`/incoming/${r.id}`} className="text-brand-700 hover:underline">{r.label}</Link>.
        </p>
      ))}
      <h3 className="mt-4 text-sm font-semibold text-slate-800">Trạng thái đã báo cho cơ quan gửi</h3>
      {view.statuses.length ? (
        <ul className="mt-1 space-y-1 text-sm">
          {view.statuses.map((s) => (
            <li key={s.id}>
              <span className="font-medium">{s.code} – {s.label}</span>
              {s.description ? `: ${s.description}` : ""} <span className="text-slate-600">({sendingState(s)})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-slate-600">Chưa có.</p>
      )}
      {view.answeredRecalls.map((r) => (
        <p key={r.id} className="mt-3 text-sm text-slate-700">Yêu cầu lấy lại ngày {formatDateTime(r.createdAt)} đã được trả lời{r.description ? ` (lý do của cơ quan gửi: ${r.description})` : ""}.</p>
      ))}
    </Card>
  );
}

/** The pending recall request with the clerk's two answers (shown to those who may answer). */
export function RecallRequestCard({ view, mayAnswer }: { view: IncomingExchangeView; mayAnswer: boolean }) {
  const r = view.pendingRecall;
  if (!r) return null;
  return (
    <Card title="Yêu cầu lấy lại văn bản">
      <p role="status" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
        {view.senderName} đề nghị lấy lại văn bản này (ngày {formatDateTime(r.createdAt)}){r.description ? `: ${r.description}` : "."}
      </p>
      {mayAnswer ? <RecallAnswer id={r.id} /> : <p className="text-sm text-slate-600">Văn thư sẽ trả lời yêu cầu này.</p>}
    </Card>
  );
}

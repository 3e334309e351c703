import Link from "next/link";
import { Card } from "@/components/ui/page";
import { OUTGOING_STATUS_LABELS } from "@/lib/outgoing/labels";
import type { repliesTo } from "@/lib/outgoing/queries";

type Reply = Awaited<ReturnType<typeof repliesTo>>[number];

/**
 * Văn bản trả lời of an incoming document: the drafts and issued replies, and "Tạo dự thảo" for someone who
 * may draft one. The page puts it with the step (who may draft) or with the processing (who only reads).
 */
export function RepliesCard({ documentId, replies, mayDraft }: { documentId: string; replies: Reply[]; mayDraft: boolean }) {
  return (
    <Card
      title="Văn bản trả lời"
      actions={
        mayDraft ? (
          <Link href={`/outgoing/new?replyTo=${documentId}`} className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
            Tạo dự thảo
          </Link>
        ) : null
      }
    >
      {replies.length ? (
        <ul className="space-y-1 text-sm" aria-label="Văn bản trả lời">
          {replies.map((r) => (
            <li key={r.id}>
              <Link href={`/outgoing/${r.id}`} className="text-brand-700 hover:underline">{r.symbol ? `Số ${r.symbol}` : "Dự thảo"}: {r.docType} – {r.subject}</Link>{" "}
              <span className="text-slate-500">({OUTGOING_STATUS_LABELS[r.status]})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">Chưa có dự thảo trả lời. Văn bản đến hoàn thành khi văn bản trả lời được phát hành.</p>
      )}
    </Card>
  );
}

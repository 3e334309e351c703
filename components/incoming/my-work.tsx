import { EmptyState, ListTabs } from "@/components/ui/page";
import { RowTable } from "@/components/ui/row-table";
import { button, group, link, smallLine, type Row, type RowPart } from "@/components/ui/rows";
import { formatDate, formatDateTime } from "@/lib/format";
import { arrivalLabel, INTERNAL_LABEL, partStatusLabel, ROLE_LABELS, URGENCY_LABELS } from "@/lib/incoming/labels";
import { withFrom } from "@/lib/nav";
import { markSeenAction } from "@/lib/server-actions/incoming";

type Role = keyof typeof ROLE_LABELS;
interface DocCells {
  documentId: string;
  arrivalNo: number | null;
  year: number | null;
  symbol: string;
  subject: string;
  issuerName: string;
  urgency: keyof typeof URGENCY_LABELS;
  source: string;
}

/** Việc của tôi's two views: what is open, and what I have handled. */
/** The tabs of Việc của tôi, with the counts of Tổng quan (lib/monitoring/overview.ts). */
export function MyWorkTabs({ tab, counts = {} }: { tab: "open" | "done" | "soon" | "overdue" | "waiting"; counts?: Record<string, number> }) {
  return (
    <ListTabs
      base="/my-work"
      label="Việc của tôi"
      tabs={[
        { label: "Đang xử lý", query: "", count: counts.mine },
        { label: "Sắp đến hạn", query: "tab=soon", count: counts.soon },
        { label: "Quá hạn", query: "tab=overdue", count: counts.overdue },
        { label: "Chờ người khác", query: "tab=waiting", count: counts.waiting },
        { label: "Đã xử lý", query: "tab=done" },
      ]}
      current={tab === "open" ? "" : `tab=${tab}`}
    />
  );
}

function documentCell(r: DocCells, unit?: boolean): RowPart {
  const number = r.arrivalNo || r.source !== "internal" ? `số đến ${arrivalLabel(r)}` : INTERNAL_LABEL;
  return group(
    link(withFrom(`/incoming/${r.documentId}`, "/my-work"), `${r.symbol} – ${r.subject}`),
    smallLine(`${r.issuerName} · ${number}${r.urgency !== "normal" ? ` · ${URGENCY_LABELS[r.urgency]}` : ""}${unit ? " · giao cho đơn vị" : ""}`),
  );
}

export function OpenWorkList({
  rows,
  today,
  waiting = false,
  empty = "Khi lãnh đạo hoặc trưởng đơn vị giao văn bản, văn bản sẽ xuất hiện ở đây.",
}: {
  rows: (DocCells & { assignmentId: string; role: Role; status: "pending" | "in_progress" | "done"; deadline: string | null; unitId: string | null; assignee?: string | null })[];
  today: string;
  /** Chờ người khác: the parts I gave, with whom they wait on. */
  waiting?: boolean;
  empty?: string;
}) {
  if (rows.length === 0) {
    return <EmptyState title="Không có việc nào đang chờ">{empty}</EmptyState>;
  }
  return (
    <RowTable
      headers={["Văn bản", waiting ? "Người, đơn vị xử lý" : "Vai trò", "Hạn xử lý", "Tình trạng"]}
      rows={rows.map((r): Row => [
        r.assignmentId,
        documentCell(r, !waiting && !!r.unitId),
        waiting ? `${r.assignee ?? ""} (${ROLE_LABELS[r.role]})` : ROLE_LABELS[r.role],
        // For information: no deadline.
        r.role === "info" ? "" : group(formatDate(r.deadline), r.deadline && r.deadline < today ? ["c", "ml-2 rounded bg-red-50 px-1.5 text-xs text-red-800", "Quá hạn"] : null),
        // Đã xem: one click closes a for-information part.
        group(partStatusLabel(r), r.role === "info" && !waiting ? ["c", "ml-2", button("seen", "Đã xem", { assignmentId: r.assignmentId }, { variant: "primary" })] : null),
      ])}
      actions={waiting ? undefined : { seen: markSeenAction }}
    />
  );
}

/** Đã xử lý: the search box (accent-insensitive, as in the other lists) and my done parts. */
export function DoneWorkList({
  rows,
  q,
}: {
  rows: (DocCells & { assignmentId: string; role: Role; status: "pending" | "in_progress" | "done"; closedWithDocument: boolean; result: string; doneAt: Date | null })[];
  q?: string;
}) {
  return (
    <>
      <form role="search" action="/my-work" className="mb-4 flex flex-wrap gap-2 rounded-lg border border-slate-200 bg-white p-3">
        <input type="hidden" name="tab" value="done" />
        <label className="min-w-64 flex-1">
          <span className="sr-only">Tìm trong việc đã xử lý</span>
          <input
            name="q"
            defaultValue={q}
            placeholder="Tìm trích yếu, số ký hiệu, cơ quan (không cần dấu)"
            className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          />
        </label>
        <button className="rounded-md border border-slate-300 bg-white px-4 py-1.5 text-sm hover:bg-slate-50">Tìm</button>
      </form>
      {rows.length === 0 ? (
        <EmptyState title={q ? "Không tìm thấy việc đã xử lý nào" : "Chưa có việc đã xử lý"}>
          {q ? "Thử từ khóa khác." : "Phần việc bạn hoàn thành, đã xem hoặc được đóng theo văn bản sẽ xuất hiện ở đây."}
        </EmptyState>
      ) : (
        <RowTable
          headers={["Văn bản", "Vai trò", "Tình trạng", "Ngày xử lý", "Kết quả"]}
          rows={rows.map((r): Row => [r.assignmentId, documentCell(r), ROLE_LABELS[r.role], partStatusLabel(r), formatDateTime(r.doneAt), r.result])}
        />
      )}
    </>
  );
}

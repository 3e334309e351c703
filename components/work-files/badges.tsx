import { badge as badgePart, type RowSpan } from "@/components/ui/rows";
import { HANDOVER_STATUS_LABELS, WORK_FILE_STATUS_LABELS } from "@/lib/work-files/labels";

type WorkFileStatus = keyof typeof WORK_FILE_STATUS_LABELS;
type HandoverStatus = keyof typeof HANDOVER_STATUS_LABELS;

// The list badge's class (app/globals.css), as the document badges use it.
const badge = "badge";

const FILE_TONES: Record<WorkFileStatus, string> = {
  open: "bg-sky-50 text-sky-800",
  closed: "bg-slate-100 text-slate-700",
  archived: "bg-emerald-50 text-emerald-800",
};

const BATCH_TONES: Record<HandoverStatus, string> = {
  submitted: "bg-amber-50 text-amber-800",
  accepted: "bg-emerald-50 text-emerald-800",
  returned: "bg-orange-50 text-orange-800",
};

export function WorkFileStatusBadge({ status }: { status: WorkFileStatus }) {
  return <span className={`${badge} ${FILE_TONES[status]}`}>{WORK_FILE_STATUS_LABELS[status]}</span>;
}

export function OverdueBadge({ children = "Quá hạn nộp lưu" }: { children?: string }) {
  return <span className={`${badge} bg-red-50 text-red-800`}>{children}</span>;
}

export function BatchStatusBadge({ status }: { status: HandoverStatus }) {
  return <span className={`${badge} ${BATCH_TONES[status]}`}>{HANDOVER_STATUS_LABELS[status]}</span>;
}

/** The same badges as parts of a row sent as data (components/ui/rows.ts). */
export const workFileStatusPart = (status: WorkFileStatus): RowSpan => badgePart(FILE_TONES[status], WORK_FILE_STATUS_LABELS[status]);
export const overduePart = (text = "Quá hạn nộp lưu"): RowSpan => badgePart("bg-red-50 text-red-800", text);
export const batchStatusPart = (status: HandoverStatus): RowSpan => badgePart(BATCH_TONES[status], HANDOVER_STATUS_LABELS[status]);

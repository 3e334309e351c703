import { STATUS_LABELS, type IncomingStatus } from "@/lib/incoming/labels";
import { OUTGOING_STATUS_LABELS, type OutgoingStatus } from "@/lib/outgoing/labels";
import { badge as badgePart, type RowSpan } from "@/components/ui/rows";

const TONES: Record<IncomingStatus, string> = {
  awaiting_reception: "bg-amber-50 text-amber-800",
  registered: "bg-sky-50 text-sky-800",
  awaiting_instruction: "bg-violet-50 text-violet-800",
  in_progress: "bg-blue-50 text-blue-800",
  done: "bg-emerald-50 text-emerald-800",
  returned: "bg-slate-100 text-slate-700",
  withdrawn: "bg-red-50 text-red-800",
  voided: "bg-red-100 text-red-900 line-through",
};

const OUTGOING_TONES: Record<OutgoingStatus, string> = {
  draft: "bg-slate-100 text-slate-700",
  awaiting_review: "bg-violet-50 text-violet-800",
  awaiting_check: "bg-violet-50 text-violet-800",
  awaiting_signature: "bg-amber-50 text-amber-800",
  awaiting_issue: "bg-sky-50 text-sky-800",
  issued: "bg-emerald-50 text-emerald-800",
  returned: "bg-orange-50 text-orange-800",
  withdrawn: "bg-red-50 text-red-800",
};

const badge = "badge";

export function StatusBadge({ status }: { status: IncomingStatus }) {
  return <span className={`${badge} ${TONES[status]}`}>{STATUS_LABELS[status]}</span>;
}

export function OutgoingStatusBadge({ status }: { status: OutgoingStatus }) {
  return <span className={`${badge} ${OUTGOING_TONES[status]}`}>{OUTGOING_STATUS_LABELS[status]}</span>;
}

/** The same badges as parts of a row sent as data (components/ui/rows.ts). */
export const statusPart = (status: IncomingStatus): RowSpan => badgePart(TONES[status], STATUS_LABELS[status]);
export const outgoingStatusPart = (status: OutgoingStatus): RowSpan => badgePart(OUTGOING_TONES[status], OUTGOING_STATUS_LABELS[status]);

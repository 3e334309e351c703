import type { IncomingStatus } from "@/db/schema/incoming";
import { STATUS_LABELS } from "@/lib/incoming/labels";

const TONES: Record<IncomingStatus, string> = {
  awaiting_reception: "bg-amber-50 text-amber-800",
  registered: "bg-sky-50 text-sky-800",
  awaiting_instruction: "bg-violet-50 text-violet-800",
  in_progress: "bg-blue-50 text-blue-800",
  done: "bg-emerald-50 text-emerald-800",
  returned: "bg-slate-100 text-slate-700",
};

export function StatusBadge({ status }: { status: IncomingStatus }) {
  return <span className={`whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${TONES[status]}`}>{STATUS_LABELS[status]}</span>;
}

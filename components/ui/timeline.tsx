import type { ReactNode } from "react";
import { formatDateTime } from "@/lib/format";

export interface TimelineEntry {
  id: string | number;
  actorName: string;
  /** What happened (the trail's label of the event kind). */
  label: string;
  toText?: string;
  text?: string;
  at: Date | string;
  /** The paper path: a dashed marker and "(bản giấy)" (Quy chế 376: dashed arrows for paper). */
  paper?: boolean;
  /** More words after the headline, e.g. "(phiên bản 2)". */
  note?: ReactNode;
  /** More after the time, e.g. " · hạn 05/12/2026". */
  after?: string;
}

/**
 * A document's or file's trail as a timeline: who, what, to whom, the words, when. With `latest` and `allHref`,
 * a long trail shows its latest `latest` entries and a link to the whole trail above them.
 */
export function Timeline({ label, entries, latest, allHref }: { label: string; entries: TimelineEntry[]; latest?: number; allHref?: string }) {
  const hidden = latest && allHref ? Math.max(0, entries.length - latest) : 0;
  const shown = hidden ? entries.slice(hidden) : entries;
  return (
    <>
      {hidden ? (
        <p className="mb-4 text-sm">
          <a href={allHref} className="text-brand-700 hover:underline">Xem {hidden} sự kiện trước</a>
          <span className="text-slate-500"> · đang hiện {shown.length} sự kiện gần nhất</span>
        </p>
      ) : null}
      <TimelineList label={label} entries={shown} />
    </>
  );
}

function TimelineList({ label, entries }: { label: string; entries: TimelineEntry[] }) {
  return (
    <ol className="relative space-y-4 border-l border-slate-200 pl-6" aria-label={label}>
      {entries.map((e) => (
        <li key={e.id} className="relative">
          <span
            aria-hidden
            className={`absolute -left-[1.95rem] top-1.5 size-3 rounded-full border-2 ${e.paper ? "border-dashed border-amber-600 bg-white" : "border-brand-700 bg-brand-700"}`}
          />
          <p className="text-sm">
            <span className="font-medium">{e.actorName}</span> · {e.label}
            {e.toText ? <> → {e.toText}</> : null}
            {e.paper ? <span className="ml-2 text-xs text-amber-700">(bản giấy)</span> : null}
            {e.note}
          </p>
          {e.text ? <p className="text-sm text-slate-700">{e.text}</p> : null}
          <p className="text-xs text-slate-500">
            {formatDateTime(e.at)}
            {e.after ?? ""}
          </p>
        </li>
      ))}
    </ol>
  );
}

import { formatDateTime } from "@/lib/format";
import { TimelineList, type TimelineRow } from "./timeline-list";

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
  note?: string;
  /** More after the time, e.g. " · hạn 05/12/2026". */
  after?: string;
}

/** An entry as the list shows it: the time formatted here, on the server; empty fields left out of the page's data. */
function rowOf(e: TimelineEntry): TimelineRow {
  const row: TimelineRow = { id: e.id, actorName: e.actorName, label: e.label, when: `${formatDateTime(e.at)}${e.after ?? ""}` };
  if (e.toText) row.toText = e.toText;
  if (e.paper) row.paper = true;
  if (e.note) row.note = e.note;
  if (e.text) row.text = e.text;
  return row;
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
      <TimelineList label={label} entries={shown.map(rowOf)} />
    </>
  );
}

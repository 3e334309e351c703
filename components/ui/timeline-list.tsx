"use client";

// A trail's entries rendered from data (components/ui/timeline.tsx formats them on the server): one client
// component for the list, no state or handler, the same markup as before. A server element costs the page's
// data about twenty times what its HTML costs (README Benchmarks, 2026-12-07 sixth session); a trail of ten holds
// some sixty of them.

export interface TimelineRow {
  id: string | number;
  actorName: string;
  label: string;
  toText?: string;
  /** The paper path: a dashed marker and "(bản giấy)". */
  paper?: boolean;
  /** A small note after the headline, e.g. "(phiên bản 2)". */
  note?: string;
  text?: string;
  /** The time as shown (formatted on the server, Asia/Ho_Chi_Minh), with what follows it. */
  when: string;
}

export function TimelineList({ label, entries }: { label: string; entries: readonly TimelineRow[] }) {
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
            {e.note ? <span className="ml-2 text-xs text-slate-500">{e.note}</span> : null}
          </p>
          {e.text ? <p className="text-sm text-slate-700">{e.text}</p> : null}
          <p className="text-xs text-slate-500">{e.when}</p>
        </li>
      ))}
    </ol>
  );
}

"use client";

import { NoticeLinks } from "@/components/shell/notice-links";

// Tổng quan's blocks drawn from data, as a list's rows are (components/ui/rows.ts): the page's payload
// carries strings, one client component renders the same markup (README, Benchmarks: a server element cost
// the server's thread several times what it costs here).

/** `[title and unit, position kind]` of each position held. */
export function PositionChips({ chips }: { chips: readonly (readonly [string, string])[] }) {
  return (
    <section aria-label="Chức vụ" className="mb-6 flex flex-wrap gap-2">
      {chips.length === 0 ? (
        <p className="text-sm text-slate-600">Bạn chưa được giao chức vụ nào. Vui lòng liên hệ quản trị viên.</p>
      ) : (
        chips.map(([title, kind], i) => (
          <span key={i} className="rounded-full bg-brand-50 px-3 py-1 text-sm text-brand-800">
            {title} <span className="text-brand-700">({kind})</span>
          </span>
        ))
      )}
    </section>
  );
}

/** `[id, when, unread, href, text]`: the latest notices; opening an unread one marks it read (NoticeLinks). */
export type NoticeLine = readonly [string, string, boolean, string | null, string];

export function LatestNotices({ notices }: { notices: readonly NoticeLine[] }) {
  if (!notices.length) return null;
  return (
    <section aria-label="Thông báo" className="mb-6 rounded-lg border border-amber-200 bg-amber-50 p-4">
      <h2 className="mb-2 font-semibold text-amber-900">Thông báo</h2>
      <NoticeLinks>
        <ul className="space-y-1 text-sm">
          {notices.map(([id, when, unread, href, text]) => (
            <li key={id}>
              <span className="text-amber-800">{when}{unread ? " · Chưa đọc" : ""}</span> ·{" "}
              {href ? (
                <a href={href} data-notice={unread ? id : undefined} className={`text-brand-800 hover:underline${unread ? " font-medium" : ""}`}>{text}</a>
              ) : text}
            </li>
          ))}
        </ul>
      </NoticeLinks>
      <a href="/notifications" className="mt-2 inline-block text-sm text-brand-700 underline">Xem tất cả thông báo</a>
    </section>
  );
}

/** `[href, count, label, alert, note]`: a count linking to exactly its rows; `alert` draws it red; `note` under it. */
export type CountCard = readonly [string, string, string, boolean, string | null];

export function CountCards({ cards }: { cards: readonly CountCard[] }) {
  if (!cards.length) return null;
  return (
    <section aria-labelledby="cong-viec" className="mb-6">
      <h2 id="cong-viec" className="mb-2 font-semibold text-slate-900">Công việc</h2>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
        {cards.map(([href, count, label, alert, note], i) => (
          <li key={i}>
            <a href={href} className={`block h-full rounded-lg border bg-white p-3 shadow-sm hover:border-brand-600 ${alert ? "border-red-300" : "border-slate-200"}`}>
              <span className={`block text-2xl font-semibold ${alert ? "text-red-700" : "text-slate-900"}`}>{count}</span>
              <span className="text-sm text-slate-700">{label}</span>
              {note ? <span className="block text-xs text-slate-500">{note}</span> : null}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** `[href, label, description, ready]`: the areas the person's positions open. */
export type AreaCard = readonly [string, string, string, boolean];

export function AreaCards({ areas }: { areas: readonly AreaCard[] }) {
  return (
    <>
      <h2 className="mb-2 font-semibold text-slate-900">Phân hệ</h2>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {areas.map(([href, label, description, ready]) => (
          <li key={href}>
            <a href={href} className="block h-full rounded-lg border border-slate-200 bg-white p-5 shadow-sm hover:border-brand-600">
              <h2 className="font-semibold text-slate-900">{label}</h2>
              <p className="mt-1 text-sm text-slate-600">{description}</p>
              {!ready ? <p className="mt-3 text-xs font-medium text-amber-700">Đang xây dựng</p> : null}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

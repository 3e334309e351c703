"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { markAllNotificationsReadAction, markNotificationReadAction } from "@/lib/server-actions/office";
import { COUNT_CAP, countLabel, formatDateTime } from "@/lib/format";
import { NOTICES_CHANGED_EVENT, NOTIFICATION_KIND_LABELS, isNotificationKind } from "@/lib/notifications/kinds";

interface Notice {
  id: string;
  text: string;
  href: string;
  kind: string;
  createdAt: string;
  readAt: string | null;
}

const POLL_MS = 30_000;

/** The bell in the header: unread count (polled every 30 s), the latest notices, mark read. */
export function NotificationBell({ initialUnread }: { initialUnread: number }) {
  const router = useRouter();
  const [unread, setUnread] = useState(initialUnread);
  const [open, setOpen] = useState(false);
  const [latest, setLatest] = useState<Notice[] | null>(null);
  const [error, setError] = useState<string>();
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const load = useCallback(async (list: boolean) => {
    try {
      const r = await fetch(`/api/notifications${list ? "?list=1" : ""}`, { cache: "no-store" });
      if (!r.ok) return;
      const body = (await r.json()) as { unread: number; latest?: Notice[] };
      setUnread(body.unread);
      if (body.latest) setLatest(body.latest);
      setError(undefined);
    } catch {
      if (list) setError("Không tải được thông báo. Vui lòng thử lại.");
    }
  }, []);

  useEffect(() => {
    const t = setInterval(() => {
      if (document.visibilityState === "visible") void load(false);
    }, POLL_MS);
    return () => clearInterval(t);
  }, [load]);

  // The layout rendered again (router.refresh() after a step, such as "Đã đọc" on /notifications): its count.
  useEffect(() => setUnread(initialUnread), [initialUnread]);
  // A notice opened from a list (NoticeLinks) was marked read: ask again, the layout is not rendered again.
  useEffect(() => {
    const changed = () => void load(false);
    window.addEventListener(NOTICES_CHANGED_EVENT, changed);
    return () => window.removeEventListener(NOTICES_CHANGED_EVENT, changed);
  }, [load]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  const toggle = () => {
    const next = !open;
    setOpen(next);
    if (next) void load(true);
  };

  const markRead = async (n: Notice) => {
    if (n.readAt) return;
    setLatest((l) => l?.map((x) => (x.id === n.id ? { ...x, readAt: new Date().toISOString() } : x)) ?? null);
    setUnread((u) => Math.max(0, u - 1));
    await markNotificationReadAction({ id: n.id });
  };

  const markAll = async () => {
    const r = await markAllNotificationsReadAction({});
    if (!r.ok) return setError(r.formError);
    setUnread(0);
    setLatest((l) => l?.map((x) => ({ ...x, readAt: x.readAt ?? new Date().toISOString() })) ?? null);
    router.refresh();
  };

  // The server counts up to COUNT_CAP: past it the badge shows "99+" and the words say "more than 99".
  const many = unread >= COUNT_CAP ? `hơn ${COUNT_CAP - 1}` : String(unread);
  const label = unread ? `Thông báo: ${many} chưa đọc` : "Thông báo: không có thông báo chưa đọc";
  return (
    <div ref={box} className="relative">
      <button
        ref={button}
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={open ? "bell-panel" : undefined}
        aria-label={label}
        title={label}
        onClick={toggle}
        className="relative rounded-md border border-white/40 p-1.5 hover:bg-white/10"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.73 21a2 2 0 0 1-3.46 0" />
        </svg>
        {unread ? (
          <span aria-hidden="true" className="absolute -right-1.5 -top-1.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-semibold leading-5 text-white">
            {countLabel(unread)}
          </span>
        ) : null}
      </button>
      <span className="sr-only" aria-live="polite">{unread ? `${many} thông báo chưa đọc` : ""}</span>
      {open ? (
        <div
          id="bell-panel"
          role="region"
          aria-label="Thông báo"
          className="absolute right-0 z-30 mt-2 w-[min(24rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white text-slate-900 shadow-lg"
        >
          <div className="flex items-center justify-between border-b border-slate-200 px-3 py-2">
            <h2 className="text-sm font-semibold">Thông báo</h2>
            <button type="button" onClick={markAll} disabled={!unread} className="text-xs text-brand-700 underline disabled:text-slate-400 disabled:no-underline">
              Đánh dấu tất cả đã đọc
            </button>
          </div>
          {error ? <p role="alert" className="px-3 py-2 text-sm text-red-700">{error}</p> : null}
          {latest === null ? (
            <p className="px-3 py-4 text-sm text-slate-600">Đang tải…</p>
          ) : latest.length === 0 ? (
            <p className="px-3 py-4 text-sm text-slate-600">Bạn chưa có thông báo nào.</p>
          ) : (
            <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
              {latest.map((n) => (
                <li key={n.id} className={n.readAt ? "" : "bg-amber-50"}>
                  <Link
                    href={n.href || "/notifications"}
                    onClick={() => {
                      void markRead(n);
                      setOpen(false);
                    }}
                    className="block px-3 py-2 text-sm hover:bg-slate-50 focus:bg-slate-50"
                  >
                    <span className="block text-xs text-slate-600">
                      {isNotificationKind(n.kind) ? NOTIFICATION_KIND_LABELS[n.kind] : NOTIFICATION_KIND_LABELS.other} · {formatDateTime(n.createdAt)}
                      {n.readAt ? "" : " · Chưa đọc"}
                    </span>
                    <span className="block">{n.text}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <div className="border-t border-slate-200 px-3 py-2 text-right">
            <Link href="/notifications" onClick={() => setOpen(false)} className="text-sm text-brand-700 underline">
              Xem tất cả thông báo
            </Link>
          </div>
        </div>
      ) : null}
    </div>
  );
}

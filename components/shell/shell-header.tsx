"use client";

import Link from "next/link";
import { signOutAction } from "@/lib/server-actions/office";
import { NotificationBell } from "./notification-bell";

/**
 * The header of every signed-in page: the agency with its emblem, the bell, the person and their positions,
 * Đăng xuất. A client component drawn from data (app/(office)/layout.tsx hands it strings): on every page the
 * payload carries one element with its values instead of the header's twenty elements and their classes.
 */
export function ShellHeader({ agencyName, parentName, emblemFileId, fullName, titles, unread }: {
  agencyName: string; parentName: string | null; emblemFileId: string | null; fullName: string; titles: readonly string[]; unread: number;
}) {
  return (
    <header className="no-print border-b border-slate-200 bg-brand-800 text-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="flex items-center gap-3">
          {/* The emblem is decorative next to the agency's name (alt=""); a new emblem is a new URL. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={`/api/agency/emblem${emblemFileId ? `?v=${emblemFileId}` : ""}`} alt="" width={40} height={40} className="h-10 w-10 shrink-0 rounded-full bg-white/10 object-contain" />
          <span className="leading-tight">
            {parentName ? <span className="block text-xs uppercase tracking-wide text-brand-100">{parentName}</span> : null}
            <span className="block font-semibold tracking-tight">{agencyName || "Văn phòng điện tử"}</span>
          </span>
        </Link>
        <div className="flex items-center gap-4 text-sm">
          <NotificationBell initialUnread={unread} />
          <Link href="/account" className="text-right hover:underline" title={titles.join("\n")}>
            <span className="block font-medium">{fullName}</span>
            <span className="block text-xs text-brand-100">{titles[0] ?? "Chưa được giao chức vụ"}</span>
          </Link>
          <form action={signOutAction}>
            <button type="submit" className="rounded-md border border-white/40 px-3 py-1.5 hover:bg-white/10">
              Đăng xuất
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}

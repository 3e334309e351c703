import type { Metadata } from "next";
import Link from "next/link";
import { AppNav } from "@/components/shell/app-nav";
import { NotificationBell } from "@/components/shell/notification-bell";
import { SkipLink } from "@/components/shell/skip-link";
import { Announcer } from "@/components/ui/announcer";
import { signOutAction } from "@/lib/server-actions/office";
import { requireSession } from "@/lib/auth/current";
import { requestNavCounts } from "@/lib/monitoring/nav-counts";
import { visibleAreas } from "@/lib/nav";

export const dynamic = "force-dynamic";

// Every screen's <title> reads "<Màn hình> · <agency>" (WCAG 2.4.2): each page names itself in its
// metadata, this layout adds the agency.
export async function generateMetadata(): Promise<Metadata> {
  const { agency } = await requireSession();
  const name = agency.name || "Văn phòng điện tử";
  return { title: { default: `Tổng quan · ${name}`, template: `%s · ${name}` } };
}

export default async function OfficeLayout({ children }: { children: React.ReactNode }) {
  const { actor, agency } = await requireSession();
  const { nav, unread } = await requestNavCounts(actor);
  const areas = visibleAreas(actor).map(({ href, label }) => ({ href, label, count: nav[href] ?? 0 }));
  const titles = actor.positions.map((p) => `${p.title} – ${p.unitName}`);
  return (
    <div className="min-h-screen">
      <SkipLink />
      <header className="no-print border-b border-slate-200 bg-brand-800 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
          <Link href="/" className="flex items-center gap-3">
            {/* The emblem is decorative next to the agency's name (alt=""); a new emblem is a new URL. */}
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={`/api/agency/emblem${agency.emblemFileId ? `?v=${agency.emblemFileId}` : ""}`} alt="" width={40} height={40} className="h-10 w-10 shrink-0 rounded-full bg-white/10 object-contain" />
            <span className="leading-tight">
              {agency.parentName ? <span className="block text-xs uppercase tracking-wide text-brand-100">{agency.parentName}</span> : null}
              <span className="block font-semibold tracking-tight">{agency.name || "Văn phòng điện tử"}</span>
            </span>
          </Link>
          <div className="flex items-center gap-4 text-sm">
            <NotificationBell initialUnread={unread} />
            <Link href="/account" className="text-right hover:underline" title={titles.join("\n")}>
              <span className="block font-medium">{actor.fullName}</span>
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
      <div className="mx-auto flex max-w-7xl flex-col gap-4 px-4 py-4 lg:flex-row lg:gap-6 lg:py-6">
        <AppNav areas={areas} />
        <main id="noi-dung" tabIndex={-1} className="min-w-0 flex-1 focus:outline-none">
          {children}
          <Announcer />
        </main>
      </div>
    </div>
  );
}

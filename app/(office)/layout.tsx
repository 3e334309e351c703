import Link from "next/link";
import { AppNav } from "@/components/shell/app-nav";
import { signOutAction } from "./actions";
import { requireSession } from "@/lib/auth/current";
import { visibleAreas } from "@/lib/nav";

export const dynamic = "force-dynamic";

export default async function OfficeLayout({ children }: { children: React.ReactNode }) {
  const { actor } = await requireSession();
  const areas = visibleAreas(actor).map(({ href, label }) => ({ href, label }));
  const titles = actor.positions.map((p) => `${p.title} – ${p.unitName}`);
  return (
    <div className="min-h-screen">
      <header className="no-print border-b border-slate-200 bg-brand-800 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
          <Link href="/" className="font-semibold tracking-tight">
            Văn phòng điện tử
          </Link>
          <div className="flex items-center gap-4 text-sm">
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
        <main className="min-w-0 flex-1">{children}</main>
      </div>
    </div>
  );
}

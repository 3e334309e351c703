import type { Metadata } from "next";
import { AppNav } from "@/components/shell/app-nav";
import { ShellHeader } from "@/components/shell/shell-header";
import { SkipLink } from "@/components/shell/skip-link";
import { Announcer } from "@/components/ui/announcer";
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
      <ShellHeader
        agencyName={agency.name}
        parentName={agency.parentName || null}
        emblemFileId={agency.emblemFileId || null}
        fullName={actor.fullName}
        titles={titles}
        unread={unread}
      />
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

import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page";
import { requireSession } from "@/lib/auth/current";
import { POSITION_KIND_LABELS } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";
import { visibleAreas } from "@/lib/nav";
import { latestNotifications } from "@/lib/notifications";
import { OpenWorkList } from "@/components/incoming/my-work";
import { OverviewCounts } from "@/components/monitoring/overview";
import { AreaCards, LatestNotices, PositionChips } from "@/components/home/home-blocks";
import { HandoverNotices } from "@/components/work-files/notices";
import { can } from "@/lib/auth/permissions";
import { myWork } from "@/lib/incoming/queries";
import { requestOverview } from "@/lib/monitoring/overview";
import { handoverNotices } from "@/lib/work-files/queries";

// The office layout's title template reaches its child segments only, not this page beside it.
export async function generateMetadata(): Promise<Metadata> {
  const { agency } = await requireSession();
  return { title: { absolute: `Tổng quan · ${agency.name || "Văn phòng điện tử"}` } };
}

export default async function HomePage() {
  const { actor, agency } = await requireSession();
  const areas = visibleAreas(actor).filter((a) => a.href !== "/");
  const [notices, fileNotices, overview] = await Promise.all([latestNotifications(actor), handoverNotices(actor), requestOverview(actor, agency)]);
  const work = can(actor, "incoming.process") ? await myWork(actor, 1, undefined, { today: overview.today, size: 5 }) : null;
  return (
    <>
      <PageHeader title={`Xin chào, ${actor.fullName}`} description="Công việc của bạn và các phân hệ được sử dụng theo chức vụ đang giữ." />
      <PositionChips chips={actor.positions.map((p) => [`${p.title} · ${p.unitName}`, POSITION_KIND_LABELS[p.kind]] as const)} />
      <LatestNotices notices={notices.map((n) => [n.id, formatDateTime(n.createdAt), !n.readAt, n.href ?? null, n.text] as const)} />
      <HandoverNotices notices={fileNotices} />
      <OverviewCounts counts={overview.counts} soonUntil={overview.soonUntil} />
      {work ? (
        <section aria-labelledby="viec-dang-cho" className="mb-6">
          <h2 id="viec-dang-cho" className="mb-2 font-semibold text-slate-900">Việc đang chờ, hạn gần nhất trước</h2>
          <OpenWorkList rows={work.rows} today={overview.today} />
          {work.hasNext ? (
            <p className="mt-2 text-sm"><a href="/my-work" className="text-brand-700 hover:underline">Xem tất cả việc của tôi</a></p>
          ) : null}
        </section>
      ) : null}
      <AreaCards areas={areas.map((a) => [a.href, a.label, a.description, a.ready] as const)} />
    </>
  );
}

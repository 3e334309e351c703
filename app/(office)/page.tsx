import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page";
import { requireSession } from "@/lib/auth/current";
import { POSITION_KIND_LABELS } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";
import { visibleAreas } from "@/lib/nav";
import { latestNotifications } from "@/lib/notifications";
import { OpenWorkList } from "@/components/incoming/my-work";
import { OverviewCounts } from "@/components/monitoring/overview";
import { NoticeLinks } from "@/components/shell/notice-links";
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
      <section aria-label="Chức vụ" className="mb-6 flex flex-wrap gap-2">
        {actor.positions.length === 0 ? (
          <p className="text-sm text-slate-600">Bạn chưa được giao chức vụ nào. Vui lòng liên hệ quản trị viên.</p>
        ) : (
          actor.positions.map((p) => (
            <span key={p.id} className="rounded-full bg-brand-50 px-3 py-1 text-sm text-brand-800">
              {p.title} · {p.unitName} <span className="text-brand-700">({POSITION_KIND_LABELS[p.kind]})</span>
            </span>
          ))
        )}
      </section>
      {notices.length ? (
        <section aria-label="Thông báo" className="mb-6 rounded-lg border border-amber-200 bg-amber-50 p-4">
          <h2 className="mb-2 font-semibold text-amber-900">Thông báo</h2>
          <NoticeLinks>
            <ul className="space-y-1 text-sm">
              {notices.map((n) => (
                <li key={n.id}>
                  <span className="text-amber-800">{formatDateTime(n.createdAt)}{n.readAt ? "" : " · Chưa đọc"}</span> ·{" "}
                  {n.href ? (
                    <a href={n.href} data-notice={n.readAt ? undefined : n.id} className={`text-brand-800 hover:underline${n.readAt ? "" : " font-medium"}`}>{n.text}</a>
                  ) : n.text}
                </li>
              ))}
            </ul>
          </NoticeLinks>
          <a href="/notifications" className="mt-2 inline-block text-sm text-brand-700 underline">Xem tất cả thông báo</a>
        </section>
      ) : null}
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
      <h2 className="mb-2 font-semibold text-slate-900">Phân hệ</h2>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {areas.map((a) => (
          <li key={a.href}>
            <a href={a.href} className="block h-full rounded-lg border border-slate-200 bg-white p-5 shadow-sm hover:border-brand-600">
              <h2 className="font-semibold text-slate-900">{a.label}</h2>
              <p className="mt-1 text-sm text-slate-600">{a.description}</p>
              {!a.ready ? <p className="mt-3 text-xs font-medium text-amber-700">Đang xây dựng</p> : null}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

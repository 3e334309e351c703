import { notFound } from "next/navigation";
import { DoneWorkList, MyWorkTabs, OpenWorkList } from "@/components/incoming/my-work";
import { PageHeader, Pagination } from "@/components/ui/page";
import { IgnoredParamsNotice } from "@/components/ui/search-notice";
import { requireSession } from "@/lib/auth/current";
import { myDoneWork, myWork } from "@/lib/incoming/queries";
import { myWorkSearchSchema } from "@/lib/incoming/schemas";
import { areaByHref, visibleAreas } from "@/lib/nav";
import { parseSearchParams, type RawParams } from "@/lib/search-params";
import { requestWorkCounts } from "@/lib/monitoring/overview";

export const metadata = { title: "Việc của tôi" };

const EMPTY = {
  open: "Khi lãnh đạo hoặc trưởng đơn vị giao văn bản, văn bản sẽ xuất hiện ở đây.",
  soon: "Không có phần việc nào của bạn sắp đến hạn.",
  overdue: "Không có phần việc nào của bạn quá hạn.",
  waiting: "Các phần việc bạn đã giao cho người khác hoặc đơn vị khác mà chưa xong sẽ xuất hiện ở đây.",
};

export default async function MyWorkPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const { actor, agency } = await requireSession();
  if (!visibleAreas(actor).includes(areaByHref("/my-work"))) notFound();
  const { data: sp, ignored } = parseSearchParams(await searchParams, myWorkSearchSchema);
  const done = sp.tab === "done";
  const overview = await requestWorkCounts(actor, agency);
  const counts = Object.fromEntries(overview.counts.map((c) => [c.key, c.count]));
  const header = <PageHeader title="Việc của tôi" description="Văn bản được giao cho bạn hoặc đơn vị bạn phụ trách, hạn gần nhất trước." />;
  if (done) {
    const { rows, hasNext, page } = await myDoneWork(actor, { q: sp.q, page: sp.page ?? 1 });
    const query = (p: number) => new URLSearchParams({ tab: "done", ...(sp.q ? { q: sp.q } : {}), page: String(p) });
    return (
      <>
        {header}
        <MyWorkTabs tab="done" counts={counts} />
        <IgnoredParamsNotice ignored={ignored} />
        <DoneWorkList rows={rows} q={sp.q} />
        <Pagination page={page} hasNext={hasNext} href={(p) => `/my-work?${query(p)}`} />
      </>
    );
  }
  const view = sp.tab === undefined || sp.tab === "done" ? "open" : sp.tab;
  const { rows, hasNext, page } = await myWork(actor, sp.page ?? 1, undefined, { view, today: overview.today, soonUntil: overview.soonUntil });
  return (
    <>
      {header}
      <MyWorkTabs tab={view} counts={counts} />
      <IgnoredParamsNotice ignored={ignored} />
      <OpenWorkList rows={rows} today={overview.today} waiting={view === "waiting"} empty={EMPTY[view]} />
      <Pagination page={page} hasNext={hasNext} href={(p) => `/my-work?${new URLSearchParams({ ...(sp.tab ? { tab: sp.tab } : {}), page: String(p) })}`} />
    </>
  );
}

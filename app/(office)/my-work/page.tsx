import { notFound } from "next/navigation";
import { DoneWorkList, MyWorkTabs, OpenWorkList } from "@/components/incoming/my-work";
import { PageHeader, Pagination } from "@/components/ui/page";
import { IgnoredParamsNotice } from "@/components/ui/search-notice";
import { requireSession } from "@/lib/auth/current";
import { myDoneWork, myWork } from "@/lib/incoming/queries";
import { myWorkSearchSchema } from "@/lib/incoming/schemas";
import { areaByHref, visibleAreas } from "@/lib/nav";
import { parseSearchParams, type RawParams } from "@/lib/search-params";
import { todayInVietnam } from "@/lib/workdays";

export const metadata = { title: "Việc của tôi" };

export default async function MyWorkPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const { actor } = await requireSession();
  if (!visibleAreas(actor).includes(areaByHref("/my-work"))) notFound();
  const { data: sp, ignored } = parseSearchParams(await searchParams, myWorkSearchSchema);
  const done = sp.tab === "done";
  const header = <PageHeader title="Việc của tôi" description="Văn bản được giao cho bạn hoặc đơn vị bạn phụ trách, hạn gần nhất trước." />;
  if (done) {
    const { rows, hasNext, page } = await myDoneWork(actor, { q: sp.q, page: sp.page ?? 1 });
    const query = (p: number) => new URLSearchParams({ tab: "done", ...(sp.q ? { q: sp.q } : {}), page: String(p) });
    return (
      <>
        {header}
        <MyWorkTabs done />
        <IgnoredParamsNotice ignored={ignored} />
        <DoneWorkList rows={rows} q={sp.q} />
        <Pagination page={page} hasNext={hasNext} href={(p) => `/my-work?${query(p)}`} />
      </>
    );
  }
  const { rows, hasNext, page } = await myWork(actor, sp.page ?? 1);
  return (
    <>
      {header}
      <MyWorkTabs done={false} />
      <IgnoredParamsNotice ignored={ignored} />
      <OpenWorkList rows={rows} today={todayInVietnam()} />
      <Pagination page={page} hasNext={hasNext} href={(p) => `/my-work?page=${p}`} />
    </>
  );
}

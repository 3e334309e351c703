import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState, ListTable, PageHeader, Pagination, tdClass } from "@/components/ui/page";
import { IgnoredParamsNotice } from "@/components/ui/search-notice";
import { requireSession } from "@/lib/auth/current";
import { formatDate } from "@/lib/format";
import { ROLE_LABELS, URGENCY_LABELS } from "@/lib/incoming/labels";
import { myWork } from "@/lib/incoming/queries";
import { myWorkSearchSchema } from "@/lib/incoming/schemas";
import { areaByHref, visibleAreas } from "@/lib/nav";
import { parseSearchParams, type RawParams } from "@/lib/search-params";
import { todayInVietnam } from "@/lib/workdays";

export const metadata = { title: "Việc của tôi" };

const PART_STATUS = { pending: "Chưa xử lý", in_progress: "Đang xử lý", done: "Đã hoàn thành" } as const;

export default async function MyWorkPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const { actor } = await requireSession();
  if (!visibleAreas(actor).includes(areaByHref("/my-work"))) notFound();
  const { data: sp, ignored } = parseSearchParams(await searchParams, myWorkSearchSchema);
  const { rows, hasNext, page } = await myWork(actor, sp.page ?? 1);
  const today = todayInVietnam();
  return (
    <>
      <PageHeader title="Việc của tôi" description="Văn bản được giao cho bạn hoặc đơn vị bạn phụ trách, hạn gần nhất trước." />
      <IgnoredParamsNotice ignored={ignored} />
      {rows.length === 0 ? (
        <EmptyState title="Không có việc nào đang chờ">Khi lãnh đạo hoặc trưởng đơn vị giao văn bản, văn bản sẽ xuất hiện ở đây.</EmptyState>
      ) : (
        <ListTable headers={["Văn bản", "Vai trò", "Hạn xử lý", "Tình trạng"]}>
          {rows.map((r) => (
            <tr key={r.assignmentId}>
              <td className={tdClass}>
                <Link href={`/incoming/${r.documentId}`} className="text-brand-700 hover:underline">
                  {r.symbol} – {r.subject}
                </Link>
                <span className="block text-xs text-slate-500">
                  {r.issuerName} · số đến {r.arrivalNo}/{r.year}
                  {r.urgency !== "normal" ? ` · ${URGENCY_LABELS[r.urgency]}` : ""}
                  {r.unitId ? " · giao cho đơn vị" : ""}
                </span>
              </td>
              <td className={tdClass}>{ROLE_LABELS[r.role]}</td>
              <td className={tdClass}>
                {formatDate(r.deadline)}
                {r.deadline && r.deadline < today ? <span className="ml-2 rounded bg-red-50 px-1.5 text-xs text-red-800">Quá hạn</span> : null}
              </td>
              <td className={tdClass}>{PART_STATUS[r.status]}</td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pagination page={page} hasNext={hasNext} href={(p) => `/my-work?page=${p}`} />
    </>
  );
}

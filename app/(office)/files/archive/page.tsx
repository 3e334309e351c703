import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState, ListTable, PageHeader, Pagination, tdClass } from "@/components/ui/page";
import { IgnoredParamsNotice } from "@/components/ui/search-notice";
import { requireSession } from "@/lib/auth/current";
import { formatDate } from "@/lib/format";
import { parseSearchParams, searchRecord, type RawParams } from "@/lib/search-params";
import { searchArchive } from "@/lib/work-files/queries";
import { archiveSearchSchema } from "@/lib/work-files/schemas";

export const metadata = { title: "Lưu trữ cơ quan" };

export default async function ArchivePage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const { actor } = await requireSession();
  const { data: f, ignored } = parseSearchParams(await searchParams, archiveSearchSchema);
  const sp = searchRecord(f);
  const result = await searchArchive(actor, { q: f.q, year: f.year, page: f.page ?? 1 });
  if (!result) notFound();
  const { rows, total, page, pageSize } = result;
  const params = (p: number) => new URLSearchParams({ ...sp, page: String(p) });
  const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";
  return (
    <>
      <PageHeader
        title="Lưu trữ cơ quan"
        description="Hồ sơ đã nộp lưu. Mỗi lần xem hồ sơ lưu trữ được ghi lại."
        actions={<Link href="/files" className="text-sm text-brand-700 hover:underline">← Hồ sơ công việc</Link>}
      />
      <IgnoredParamsNotice ignored={ignored} />
      <form role="search" action="/files/archive" className="mb-4 grid gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-4">
        <label className="sm:col-span-2">
          <span className="sr-only">Tìm kiếm</span>
          <input name="q" defaultValue={sp.q} placeholder="Tìm tiêu đề, số và ký hiệu hồ sơ (không cần dấu)" className={`${input} w-full`} />
        </label>
        <input name="year" defaultValue={sp.year} placeholder="Năm" aria-label="Năm" inputMode="numeric" className={input} />
        <button className="rounded-md border border-slate-300 bg-white px-4 py-1.5 text-sm hover:bg-slate-50">Tìm</button>
      </form>
      {rows.length === 0 ? (
        <EmptyState title="Không có hồ sơ lưu trữ nào">{sp.q || sp.year ? "Chưa có hồ sơ phù hợp với điều kiện tìm." : "Chưa có hồ sơ nào được nộp lưu."}</EmptyState>
      ) : (
        <ListTable headers={["Số và ký hiệu hồ sơ", "Năm", "Tiêu đề", "Đơn vị", "Người lập", "Thời gian", "Thời hạn bảo quản", "Số văn bản"]}>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className={`${tdClass} whitespace-nowrap`}>{r.code}</td>
              <td className={tdClass}>{r.year}</td>
              <td className={tdClass}><a href={`/files/${r.id}`} className="row-link">{r.title}</a></td>
              <td className={tdClass}>{r.unitName}</td>
              <td className={tdClass}>{r.ownerName}</td>
              <td className={`${tdClass} whitespace-nowrap`}>{formatDate(r.startDate)} – {formatDate(r.endDate)}</td>
              <td className={tdClass}>{r.retention}</td>
              <td className={tdClass}>{r.documents}</td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pagination page={page} hasNext={page * pageSize < total} href={(p) => `/files/archive?${params(p)}`} />
    </>
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState, PageHeader, Pagination } from "@/components/ui/page";
import { FilterForm } from "@/components/ui/filter-form";
import { RowTable } from "@/components/ui/row-table";
import { link, type Row } from "@/components/ui/rows";
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
  return (
    <>
      <PageHeader
        title="Lưu trữ cơ quan"
        description="Hồ sơ đã nộp lưu. Mỗi lần xem hồ sơ lưu trữ được ghi lại."
        actions={<Link href="/files" className="text-sm text-brand-700 hover:underline">← Hồ sơ công việc</Link>}
      />
      <IgnoredParamsNotice ignored={ignored} />
      <FilterForm
        action="/files/archive"
        columns={4}
        submit="Tìm"
        fields={[
          ["q", "Tìm tiêu đề, số và ký hiệu hồ sơ (không cần dấu)", sp.q],
          ["t", "year", "Năm", sp.year, true],
        ]}
      />
      {rows.length === 0 ? (
        <EmptyState title="Không có hồ sơ lưu trữ nào">{sp.q || sp.year ? "Chưa có hồ sơ phù hợp với điều kiện tìm." : "Chưa có hồ sơ nào được nộp lưu."}</EmptyState>
      ) : (
        <RowTable
          headers={["Số và ký hiệu hồ sơ", "Năm", "Tiêu đề", "Đơn vị", "Người lập", "Thời gian", "Thời hạn bảo quản", "Số văn bản"]}
          columns={["whitespace-nowrap", undefined, undefined, undefined, undefined, "whitespace-nowrap"]}
          rows={rows.map((r): Row => [
            r.id,
            r.code,
            r.year,
            link(`/files/${r.id}`, r.title),
            r.unitName,
            r.ownerName,
            `${formatDate(r.startDate)} – ${formatDate(r.endDate)}`,
            r.retention,
            r.documents,
          ])}
        />
      )}
      <Pagination page={page} hasNext={page * pageSize < total} href={(p) => `/files/archive?${params(p)}`} />
    </>
  );
}

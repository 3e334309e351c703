import Link from "next/link";
import { notFound } from "next/navigation";
import { overduePart, workFileStatusPart } from "@/components/work-files/badges";
import { HandoverNotices } from "@/components/work-files/notices";
import { EmptyState, ListTabs, PageHeader, Pagination } from "@/components/ui/page";
import { FilterForm } from "@/components/ui/filter-form";
import { optionsOf } from "@/components/ui/filters";
import { RowTable } from "@/components/ui/row-table";
import { group, link as rowLink, type Row } from "@/components/ui/rows";
import { IgnoredParamsNotice } from "@/components/ui/search-notice";
import { requireSession } from "@/lib/auth/current";
import { areaByHref, visibleAreas } from "@/lib/nav";
import { parseSearchParams, searchRecord, type RawParams } from "@/lib/search-params";
import { WORK_FILE_STATUS_LABELS } from "@/lib/work-files/labels";
import { handoverNotices, listWorkFiles, seesArchive } from "@/lib/work-files/queries";
import { workFileListSearchSchema } from "@/lib/work-files/schemas";

export const metadata = { title: "Hồ sơ công việc" };

const STATUSES = Object.keys(WORK_FILE_STATUS_LABELS) as (keyof typeof WORK_FILE_STATUS_LABELS)[];

export default async function FilesPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const { actor } = await requireSession();
  if (!visibleAreas(actor).includes(areaByHref("/files"))) notFound();
  const { data: f, ignored } = parseSearchParams(await searchParams, workFileListSearchSchema);
  const sp = searchRecord(f);
  const scope = f.scope ?? "mine";
  const filter = { scope, year: f.year, status: f.status, q: f.q, page: f.page ?? 1 } as const;
  const [{ rows, total, page, pageSize }, notices] = await Promise.all([listWorkFiles(actor, filter), handoverNotices(actor)]);
  const archive = seesArchive(actor);
  const params = (p: number) => new URLSearchParams({ ...sp, page: String(p) });
  const link = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50";
  return (
    <>
      <PageHeader
        title="Hồ sơ công việc"
        description="Lập hồ sơ theo Danh mục hồ sơ, đóng hồ sơ và nộp lưu vào Lưu trữ cơ quan."
        actions={
          <>
            <Link href="/files/plan" className={link}>Danh mục hồ sơ</Link>
            <Link href="/files/handover" className={link}>Nộp lưu</Link>
            {archive ? <Link href="/files/archive" className={link}>Lưu trữ cơ quan</Link> : null}
          </>
        }
      />
      <HandoverNotices notices={notices} />
      <ListTabs
        base="/files"
        label="Phạm vi hồ sơ"
        tabs={[{ label: "Hồ sơ của tôi", query: "" }, { label: "Tất cả hồ sơ", query: "scope=all" }]}
        current={scope === "all" ? "scope=all" : ""}
      />
      <IgnoredParamsNotice ignored={ignored} />
      <FilterForm
        action="/files"
        fields={[
          ["q", "Tìm tiêu đề, số và ký hiệu hồ sơ (không cần dấu)", sp.q],
          ["t", "year", "Năm", sp.year, true],
          ["s", "status", "Trạng thái", sp.status, "Mọi trạng thái", optionsOf(WORK_FILE_STATUS_LABELS, STATUSES)],
          ...(scope === "all" ? [["h", "scope", "all"] as const] : []),
        ]}
      />
      {rows.length === 0 ? (
        <EmptyState title="Không có hồ sơ nào">
          {scope === "mine" && !filter.q && !filter.year && !filter.status ? (
            <>Bạn chưa mở hồ sơ nào. Mở hồ sơ từ <Link href="/files/plan" className="text-brand-700 hover:underline">Danh mục hồ sơ</Link>.</>
          ) : "Chưa có hồ sơ phù hợp với điều kiện lọc."}
        </EmptyState>
      ) : (
        <RowTable
          headers={["Số và ký hiệu hồ sơ", "Tiêu đề", "Người lập", "Đơn vị", "Thời hạn bảo quản", "Số văn bản", "Trạng thái"]}
          columns={["whitespace-nowrap"]}
          rows={rows.map((r): Row => [
            r.id,
            r.code,
            group(rowLink(`/files/${r.id}`, r.title), ["c", "block text-xs text-slate-500", `Năm ${r.year}`]),
            r.ownerName,
            r.unitName,
            r.retention,
            r.documents,
            ["c", "flex flex-wrap gap-1", workFileStatusPart(r.status), r.overdue ? overduePart() : null],
          ])}
        />
      )}
      <Pagination page={page} hasNext={page * pageSize < total} href={(p) => `/files?${params(p)}`} />
    </>
  );
}

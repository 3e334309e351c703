import Link from "next/link";
import { notFound } from "next/navigation";
import { OverdueBadge, WorkFileStatusBadge } from "@/components/work-files/badges";
import { HandoverNotices } from "@/components/work-files/notices";
import { EmptyState, ListTable, ListTabs, PageHeader, Pagination, tdClass } from "@/components/ui/page";
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
  const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";
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
      <form role="search" action="/files" className="mb-4 grid gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-5">
        <label className="sm:col-span-2">
          <span className="sr-only">Tìm kiếm</span>
          <input name="q" defaultValue={sp.q} placeholder="Tìm tiêu đề, số và ký hiệu hồ sơ (không cần dấu)" className={`${input} w-full`} />
        </label>
        <input name="year" defaultValue={sp.year} placeholder="Năm" aria-label="Năm" inputMode="numeric" className={input} />
        <select name="status" defaultValue={sp.status ?? ""} aria-label="Trạng thái" className={input}>
          <option value="">Mọi trạng thái</option>
          {STATUSES.map((s) => <option key={s} value={s}>{WORK_FILE_STATUS_LABELS[s]}</option>)}
        </select>
        {scope === "all" ? <input type="hidden" name="scope" value="all" /> : null}
        <button className="rounded-md border border-slate-300 bg-white px-4 py-1.5 text-sm hover:bg-slate-50">Lọc</button>
      </form>
      {rows.length === 0 ? (
        <EmptyState title="Không có hồ sơ nào">
          {scope === "mine" && !filter.q && !filter.year && !filter.status ? (
            <>Bạn chưa mở hồ sơ nào. Mở hồ sơ từ <Link href="/files/plan" className="text-brand-700 hover:underline">Danh mục hồ sơ</Link>.</>
          ) : "Chưa có hồ sơ phù hợp với điều kiện lọc."}
        </EmptyState>
      ) : (
        <ListTable headers={["Số và ký hiệu hồ sơ", "Tiêu đề", "Người lập", "Đơn vị", "Thời hạn bảo quản", "Số văn bản", "Trạng thái"]}>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className={`${tdClass} whitespace-nowrap`}>{r.code}</td>
              <td className={tdClass}>
                <a href={`/files/${r.id}`} className="row-link">{r.title}</a>
                <span className="block text-xs text-slate-500">Năm {r.year}</span>
              </td>
              <td className={tdClass}>{r.ownerName}</td>
              <td className={tdClass}>{r.unitName}</td>
              <td className={tdClass}>{r.retention}</td>
              <td className={tdClass}>{r.documents}</td>
              <td className={tdClass}>
                <span className="flex flex-wrap gap-1">
                  <WorkFileStatusBadge status={r.status} />
                  {r.overdue ? <OverdueBadge /> : null}
                </span>
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pagination page={page} hasNext={page * pageSize < total} href={(p) => `/files?${params(p)}`} />
    </>
  );
}

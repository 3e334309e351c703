import Link from "next/link";
import { EmptyState, ListTable, PageHeader, Pagination, tdClass } from "@/components/ui/page";
import { IgnoredParamsNotice } from "@/components/ui/search-notice";
import { listAgencies } from "@/lib/agencies/queries";
import { agenciesSearchSchema } from "@/lib/agencies/schemas";
import { requireVerb } from "@/lib/auth/current";
import { parseSearchParams, type RawParams } from "@/lib/search-params";

export const metadata = { title: "Cơ quan trong hệ thống" };

export default async function AgenciesPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const { actor } = await requireVerb("agencies.manage");
  const { data: sp, ignored } = parseSearchParams(await searchParams, agenciesSearchSchema);
  const q = sp.q ?? "";
  const page = sp.page ?? 1;
  const { rows, hasNext, total } = await listAgencies(actor, q, page);
  return (
    <>
      <PageHeader
        title="Cơ quan trong hệ thống"
        description="Quản trị cấp tỉnh tạo cơ quan và quản trị viên đầu tiên của cơ quan; không xem được văn bản của cơ quan nào."
        actions={
          <>
            <Link href="/admin/agencies/log" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">
              Nhật ký
            </Link>
            <Link href="/admin/agencies/new" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
              Thêm cơ quan
            </Link>
          </>
        }
      />
      <IgnoredParamsNotice ignored={ignored} />
      <form role="search" className="mb-4 flex flex-wrap gap-2" action="/admin/agencies">
        <label htmlFor="q" className="sr-only">Tìm cơ quan</label>
        <input
          id="q"
          name="q"
          defaultValue={q}
          placeholder="Tìm theo tên, ký hiệu hoặc mã định danh"
          className="w-full max-w-md rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
        <button className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">Tìm</button>
      </form>
      {rows.length === 0 ? (
        <EmptyState title={q ? `Không có cơ quan nào khớp "${q}"` : "Chưa có cơ quan nào"}>
          {q ? null : <Link href="/admin/agencies/new" className="text-brand-700 hover:underline">Thêm cơ quan đầu tiên</Link>}
        </EmptyState>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600">{total} cơ quan</p>
          <ListTable headers={["Cơ quan", "Ký hiệu", "Mã định danh", "Người dùng", "Quản trị viên"]}>
            {rows.map((a) => (
              <tr key={a.id}>
                <td className={tdClass}>
                  <Link href={`/admin/agencies/${a.id}`} className="font-medium text-brand-700 hover:underline">
                    {a.name}
                  </Link>
                  {a.parentName ? <div className="text-xs text-slate-500">{a.parentName}</div> : null}
                  {a.disabledAt ? <span className="badge mt-1 inline-block bg-red-50 text-red-800">Đã ngừng hoạt động</span> : null}
                </td>
                <td className={tdClass}>{a.code}</td>
                <td className={`${tdClass} whitespace-nowrap`}>{a.organId}</td>
                <td className={tdClass}>
                  {a.activeUsers}
                  {a.users > a.activeUsers ? <span className="text-slate-500"> (+{a.users - a.activeUsers} đã vô hiệu hóa)</span> : null}
                </td>
                <td className={tdClass}>{a.admins === 0 ? <span className="text-red-700">Chưa có</span> : a.admins}</td>
              </tr>
            ))}
          </ListTable>
        </>
      )}
      <Pagination page={page} hasNext={hasNext} href={(p) => `/admin/agencies?${new URLSearchParams({ q, page: String(p) })}`} />
    </>
  );
}

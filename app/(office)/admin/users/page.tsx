import Link from "next/link";
import { EmptyState, PageHeader, Pagination } from "@/components/ui/page";
import { RowTable } from "@/components/ui/row-table";
import { link, type Row } from "@/components/ui/rows";
import { IgnoredParamsNotice } from "@/components/ui/search-notice";
import { requireVerb } from "@/lib/auth/current";
import { listUsers } from "@/lib/org/queries";
import { usersSearchSchema } from "@/lib/org/schemas";
import { parseSearchParams, type RawParams } from "@/lib/search-params";

export const metadata = { title: "Người dùng" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const { actor } = await requireVerb("org.manage");
  const { data: sp, ignored } = parseSearchParams(await searchParams, usersSearchSchema);
  const q = sp.q ?? "";
  const page = sp.page ?? 1;
  const { rows, hasNext } = await listUsers(actor.agencyId, q, page);
  return (
    <>
      <PageHeader
        title="Người dùng"
        description="Cán bộ, công chức của cơ quan và chức vụ của họ."
        actions={
          <Link href="/admin/users/new" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
            Thêm người dùng
          </Link>
        }
      />
      <IgnoredParamsNotice ignored={ignored} />
      <form role="search" className="mb-4 flex gap-2" action="/admin/users">
        <label htmlFor="q" className="sr-only">Tìm người dùng</label>
        <input
          id="q"
          name="q"
          defaultValue={q}
          placeholder="Tìm theo họ tên hoặc tên đăng nhập (không cần dấu)"
          className="w-full max-w-md rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
        <button className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">Tìm</button>
      </form>
      {rows.length === 0 ? (
        <EmptyState title={q ? `Không có người dùng nào khớp "${q}"` : "Chưa có người dùng nào"} />
      ) : (
        <RowTable
          headers={["Họ và tên", "Tên đăng nhập", "Chức vụ", "Trạng thái"]}
          rows={rows.map((u): Row => [
            u.id,
            link(`/admin/users/${u.id}`, u.fullName, "font-medium text-brand-700 hover:underline"),
            u.username,
            u.positions || "—",
            u.active ? "Đang hoạt động" : ["c", "text-red-700", "Đã vô hiệu hóa"],
          ])}
        />
      )}
      <Pagination page={page} hasNext={hasNext} href={(p) => `/admin/users?${new URLSearchParams({ q, page: String(p) })}`} />
    </>
  );
}

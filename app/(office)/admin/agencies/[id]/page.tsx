import Link from "next/link";
import { notFound } from "next/navigation";
import { AgencyStatusForm, CreateAgencyAdminForm } from "@/components/admin/agency-forms";
import { Card, EmptyState, ListTable, PageHeader, tdClass } from "@/components/ui/page";
import { loadAgencyForProvince } from "@/lib/agencies/queries";
import { requireVerb } from "@/lib/auth/current";
import { formatDateTime } from "@/lib/format";
import { isUuid } from "@/lib/validation";

export const metadata = { title: "Cơ quan" };

export default async function AgencyPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor } = await requireVerb("agencies.manage");
  const { id } = await params;
  const agency = isUuid(id) ? await loadAgencyForProvince(actor, id) : null;
  if (!agency) notFound();
  return (
    <>
      <PageHeader
        title={agency.name}
        description={[agency.parentName, `Ký hiệu ${agency.code}`, `Mã định danh ${agency.organId}`].filter(Boolean).join(" · ")}
        actions={<Link href="/admin/agencies" className="text-sm text-brand-700 hover:underline">← Danh sách cơ quan</Link>}
      />
      {agency.disabledAt ? (
        <p role="status" className="mb-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          <strong>Đã ngừng hoạt động</strong> từ {formatDateTime(agency.disabledAt)}. Lý do: {agency.disabledReason}. Người dùng của cơ quan
          không đăng nhập được.
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Người dùng">
          <dl className="grid grid-cols-2 gap-2 text-sm">
            <dt className="text-slate-600">Đang hoạt động</dt>
            <dd>{agency.activeUsers}</dd>
            <dt className="text-slate-600">Đã vô hiệu hóa</dt>
            <dd>{agency.users - agency.activeUsers}</dd>
          </dl>
        </Card>
        <Card title="Quản trị viên của cơ quan">
          {agency.adminUsers.length === 0 ? (
            <EmptyState title="Cơ quan chưa có quản trị viên">Tạo quản trị viên ở mẫu bên dưới.</EmptyState>
          ) : (
            <ListTable headers={["Họ và tên", "Tên đăng nhập", "Trạng thái"]}>
              {agency.adminUsers.map((u) => (
                <tr key={u.id}>
                  <td className={tdClass}>{u.fullName}</td>
                  <td className={tdClass}>{u.username}</td>
                  <td className={tdClass}>{u.active ? "Đang hoạt động" : <span className="text-red-700">Đã vô hiệu hóa</span>}</td>
                </tr>
              ))}
            </ListTable>
          )}
        </Card>
      </div>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Card title="Thêm quản trị viên">
          <CreateAgencyAdminForm agencyId={agency.id} />
        </Card>
        <Card title="Trạng thái hoạt động">
          <p className="mb-3 text-sm text-slate-700">
            {agency.disabledAt
              ? "Cơ quan đang ngừng hoạt động. Cho hoạt động lại để người dùng của cơ quan đăng nhập được."
              : "Ngừng hoạt động khi cơ quan thôi dùng hệ thống (sáp nhập, giải thể): người dùng không đăng nhập được, dữ liệu được giữ nguyên."}
          </p>
          <AgencyStatusForm agencyId={agency.id} agencyName={agency.name} disabled={!!agency.disabledAt} />
        </Card>
      </div>
    </>
  );
}

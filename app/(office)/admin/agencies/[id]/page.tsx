import Link from "next/link";
import { notFound } from "next/navigation";
import { CreateAgencyAdminForm } from "@/components/admin/agency-forms";
import { Card, EmptyState, ListTable, PageHeader, tdClass } from "@/components/ui/page";
import { loadAgencyForProvince } from "@/lib/agencies/queries";
import { requireVerb } from "@/lib/auth/current";
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
      <div className="mt-4">
        <Card title="Thêm quản trị viên">
          <CreateAgencyAdminForm agencyId={agency.id} />
        </Card>
      </div>
    </>
  );
}

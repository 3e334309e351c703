import Link from "next/link";
import { UNIT_KIND_LABELS } from "@/components/admin/labels";
import { UnitForm } from "@/components/admin/unit-form";
import { Card, EmptyState, PageHeader, tableClass, tdClass, thClass, ScrollBox } from "@/components/ui/page";
import { requireVerb } from "@/lib/auth/current";
import { POSITION_KIND_LABELS } from "@/lib/auth/permissions";
import { listUnitTree } from "@/lib/org/queries";

export const metadata = { title: "Đơn vị và chức vụ" };

export default async function UnitsPage() {
  const { actor } = await requireVerb("org.manage");
  const tree = await listUnitTree(actor.agencyId);
  return (
    <>
      <PageHeader title="Đơn vị và chức vụ" description="Cây tổ chức của cơ quan." />
      <div className="space-y-6">
        <Card title="Cây đơn vị">
          {tree.length === 0 ? (
            <EmptyState title="Chưa có đơn vị nào">Thêm đơn vị đầu tiên bằng biểu mẫu bên dưới.</EmptyState>
          ) : (
            <ScrollBox label="Đơn vị">
              <table className={tableClass}>
                <thead>
                  <tr>
                    <th className={thClass}>Đơn vị</th>
                    <th className={thClass}>Ký hiệu</th>
                    <th className={thClass}>Loại</th>
                    <th className={thClass}>Chức vụ (số người giữ)</th>
                    <th className={thClass}><span className="sr-only">Thao tác</span></th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {tree.map((u) => (
                    <tr key={u.id} className={u.active ? "" : "text-slate-600"}>
                      <td className={tdClass} style={{ paddingLeft: `${0.75 + u.depth * 1.5}rem` }}>
                        {u.depth > 0 ? "└ " : ""}
                        {u.name}
                        {!u.active ? " (ngừng hoạt động)" : ""}
                      </td>
                      <td className={tdClass}>{u.code}</td>
                      <td className={tdClass}>{UNIT_KIND_LABELS[u.kind]}</td>
                      <td className={tdClass}>
                        {u.positions.map((p) => `${p.title} [${POSITION_KIND_LABELS[p.kind]}] (${p.holders})`).join(", ") || "—"}
                      </td>
                      <td className={tdClass}>
                        <Link className="text-brand-700 hover:underline" href={`/admin/units/${u.id}`}>
                          Sửa
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollBox>
          )}
        </Card>
        <Card title="Thêm đơn vị">
          <UnitForm parents={tree.map(({ id, name, depth }) => ({ id, name, depth }))} />
        </Card>
      </div>
    </>
  );
}

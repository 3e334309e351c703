import Link from "next/link";
import { notFound } from "next/navigation";
import { deletePositionAction } from "@/lib/server-actions/admin";
import { PositionForm } from "@/components/admin/position-form";
import { UnitForm } from "@/components/admin/unit-form";
import { ActionButton } from "@/components/ui/action-button";
import { Card, EmptyState, PageHeader, tableClass, tdClass, thClass, ScrollBox } from "@/components/ui/page";
import { requireVerb } from "@/lib/auth/current";
import { POSITION_KIND_LABELS } from "@/lib/auth/permissions";
import { listUnitTree } from "@/lib/org/queries";
import { idParamsSchema, parseParams, type RawParams } from "@/lib/search-params";

export const metadata = { title: "Sửa đơn vị" };

export default async function UnitPage({ params }: { params: Promise<RawParams> }) {
  const { actor } = await requireVerb("org.manage");
  const route = parseParams(await params, idParamsSchema);
  if (!route.success) notFound();
  const { id } = route.data;
  const tree = await listUnitTree(actor.agencyId);
  const unit = tree.find((u) => u.id === id);
  if (!unit) notFound();
  return (
    <>
      <PageHeader
        title={unit.name}
        description={`Ký hiệu ${unit.code}`}
        actions={<Link href="/admin/units" className="text-sm text-brand-700 hover:underline">← Danh sách đơn vị</Link>}
      />
      <div className="space-y-6">
        <Card title="Thông tin đơn vị">
          <UnitForm
            parents={tree.filter((u) => u.id !== id).map(({ id: pid, name, depth }) => ({ id: pid, name, depth }))}
            unit={{ id: unit.id, parentId: unit.parentId ?? "", kind: unit.kind, code: unit.code, name: unit.name, sortOrder: unit.sortOrder }}
          />
        </Card>
        <Card title="Chức vụ trong đơn vị">
          {unit.positions.length === 0 ? (
            <EmptyState title="Đơn vị chưa có chức vụ nào" />
          ) : (
            <ScrollBox label="Chức vụ">
            <table className={tableClass}>
              <thead>
                <tr>
                  <th className={thClass}>Chức vụ</th>
                  <th className={thClass}>Quyền</th>
                  <th className={thClass}>Số người giữ</th>
                  <th className={thClass}><span className="sr-only">Thao tác</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {unit.positions.map((p) => (
                  <tr key={p.id}>
                    <td className={tdClass}>{p.title}</td>
                    <td className={tdClass}>{POSITION_KIND_LABELS[p.kind]}</td>
                    <td className={tdClass}>{p.holders}</td>
                    <td className={tdClass}>
                      <ActionButton action={deletePositionAction} input={{ id: p.id }} label="Xóa" variant="danger" confirm={`Xóa chức vụ "${p.title}"?`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            </ScrollBox>
          )}
          <div className="mt-6 border-t border-slate-100 pt-4">
            <PositionForm unitId={unit.id} />
          </div>
        </Card>
      </div>
    </>
  );
}

import Link from "next/link";
import { setPartnerActiveAction } from "@/lib/server-actions/exchange-admin";
import { AdminDirectoryImport } from "@/components/exchange/admin-import";
import { AdminPingButton } from "@/components/exchange/admin-ping";
import { ActionButton } from "@/components/ui/action-button";
import { Card, EmptyState, ListTable, PageHeader, tdClass } from "@/components/ui/page";
import { requireVerb } from "@/lib/auth/current";
import { directoryView } from "@/lib/exchange/admin";
import { TRANSPORT_LABELS } from "@/lib/exchange/admin-schemas";
import { formatDate, formatDateTime } from "@/lib/format";

export const metadata = { title: "Danh bạ cơ quan liên thông" };

export default async function DirectoryPage() {
  const { actor } = await requireVerb("exchange.configure");
  const rows = await directoryView(actor.agencyId);
  return (
    <>
      <PageHeader
        title="Danh bạ cơ quan liên thông"
        description="Các cơ quan nhận, gửi văn bản điện tử với cơ quan: mã định danh, cách kết nối, chứng thư tin cậy và tình trạng kết nối."
        actions={
          <>
            <Link href="/admin/exchange/directory/new" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
              Thêm cơ quan
            </Link>
            <Link href="/admin/exchange" className="self-center text-sm text-brand-700 underline">← Liên thông</Link>
          </>
        }
      />
      <div className="space-y-6">
        {rows.length === 0 ? (
          <EmptyState title="Danh bạ chưa có cơ quan nào">Thêm từng cơ quan hoặc nhập danh bạ từ tệp CSV, Excel ở dưới.</EmptyState>
        ) : (
          <ListTable headers={["Cơ quan", "Mã định danh", "Kết nối", "Chứng thư tin cậy", "Lần thành công gần nhất", "Lỗi gần nhất", "Chờ gửi", "Thao tác"]}>
            {rows.map((r) => (
              <tr key={r.id} className={r.active ? undefined : "bg-slate-50 text-slate-500"}>
                <td className={tdClass}>
                  <Link href={`/admin/exchange/directory/${r.id}`} className="font-medium text-brand-700 hover:underline">{r.name}</Link>
                  {r.active ? null : <span className="ml-2 text-xs text-slate-600">(ngừng sử dụng)</span>}
                  {r.address ? <div className="text-xs text-slate-600">{r.address}</div> : null}
                </td>
                <td className={tdClass}>{r.organId ?? "—"}</td>
                <td className={`${tdClass} whitespace-nowrap`}>
                  {r.transport ? TRANSPORT_LABELS[r.transport] : "Không liên thông"}
                  {r.transport === "direct" && r.endpoint ? <div className="max-w-48 whitespace-normal break-all text-xs text-slate-600">{r.endpoint}</div> : null}
                </td>
                <td className={tdClass}>
                  {r.certificate ? (
                    <>
                      Chứng thư ghim, đến {formatDate(r.certificate.validTo)}
                      {r.certificate.state === "expired" ? <div className="text-xs text-red-700">Đã hết hạn</div> : r.certificate.state === "expiring" ? <div className="text-xs text-amber-800">Sắp hết hạn</div> : null}
                    </>
                  ) : r.caPem ? "Theo CA" : r.organId ? <span className="text-amber-800">Chưa có</span> : "—"}
                </td>
                <td className={tdClass}>{r.lastSuccessAt ? formatDateTime(r.lastSuccessAt) : "—"}</td>
                <td className={tdClass}>
                  {r.lastError ? (
                    <>
                      <span className="text-red-800">{r.lastError}</span>
                      <div className="text-xs text-slate-600">{formatDateTime(r.lastErrorAt)}</div>
                    </>
                  ) : "—"}
                </td>
                <td className={tdClass}>{r.queued}</td>
                <td className={`${tdClass} space-y-1`}>
                  {r.active && r.organId && r.transport ? <AdminPingButton id={r.id} name={r.name} /> : null}
                  <ActionButton
                    action={setPartnerActiveAction}
                    input={{ id: r.id, active: !r.active }}
                    label={r.active ? "Ngừng sử dụng" : "Dùng lại"}
                    confirm={r.active ? `Ngừng sử dụng ${r.name}? Cơ quan không còn trong danh sách nơi nhận.` : undefined}
                    variant="ghost"
                  />
                </td>
              </tr>
            ))}
          </ListTable>
        )}
        <Card title="Nhập danh bạ từ tệp">
          <AdminDirectoryImport />
        </Card>
      </div>
    </>
  );
}

import Link from "next/link";
import { EmptyState, ListTable, PageHeader, tdClass } from "@/components/ui/page";
import { IgnoredParamsNotice } from "@/components/ui/search-notice";
import { provinceLog } from "@/lib/agencies/queries";
import { provinceLogSearchSchema } from "@/lib/agencies/schemas";
import { describeAuditEvent } from "@/lib/audit/labels";
import { requireVerb } from "@/lib/auth/current";
import { formatDateTime } from "@/lib/format";
import { parseSearchParams, type RawParams } from "@/lib/search-params";

export const metadata = { title: "Nhật ký quản trị cấp tỉnh" };

const OUTCOMES: Record<string, string> = { success: "Thành công", failure: "Không thành công", refused: "Bị từ chối" };

export default async function ProvinceLogPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const { actor } = await requireVerb("agencies.manage");
  const { data: sp, ignored } = parseSearchParams(await searchParams, provinceLogSearchSchema);
  const { rows, nextBeforeId } = await provinceLog(actor, sp.before);
  return (
    <>
      <PageHeader
        title="Nhật ký quản trị cấp tỉnh"
        description="Các thao tác của quản trị cấp tỉnh (thêm cơ quan, thêm quản trị viên, ngừng và cho hoạt động lại) và các lần đăng nhập, mới nhất trước."
        actions={<Link href="/admin/agencies" className="text-sm text-brand-700 hover:underline">← Danh sách cơ quan</Link>}
      />
      <IgnoredParamsNotice ignored={ignored} />
      {rows.length === 0 ? (
        <EmptyState title={sp.before ? "Không còn mục nào cũ hơn" : "Chưa có mục nào trong nhật ký"}>
          {sp.before ? <Link href="/admin/agencies/log" className="text-brand-700 hover:underline">Về mục mới nhất</Link> : null}
        </EmptyState>
      ) : (
        <ListTable headers={["Thời điểm", "Người thực hiện", "Thao tác", "Kết quả", "Địa chỉ IP"]}>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className={`${tdClass} whitespace-nowrap`}>{formatDateTime(r.at)}</td>
              <td className={tdClass}>{r.actorName || "—"}</td>
              <td className={tdClass}>{describeAuditEvent(r.action, r.payload ?? {}, r.outcome)}</td>
              <td className={tdClass}>{r.outcome === "success" ? OUTCOMES.success : <span className="text-red-700">{OUTCOMES[r.outcome] ?? r.outcome}</span>}</td>
              <td className={tdClass}>{r.ip || "—"}</td>
            </tr>
          ))}
        </ListTable>
      )}
      {nextBeforeId ? (
        <div className="mt-4 flex justify-end">
          <Link className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50" href={`/admin/agencies/log?before=${nextBeforeId}`}>
            Cũ hơn →
          </Link>
        </div>
      ) : null}
    </>
  );
}

import Link from "next/link";
import { EmptyState, ListTable, PageHeader, tdClass } from "@/components/ui/page";
import { IgnoredParamsNotice } from "@/components/ui/search-notice";
import { listSecurityEvents } from "@/lib/audit/queries";
import { describeAuditEvent } from "@/lib/audit/labels";
import { securitySearchSchema, SECURITY_EVENT_KINDS } from "@/lib/audit/schemas";
import { requireVerb } from "@/lib/auth/current";
import { formatDateTime } from "@/lib/format";
import { parseSearchParams, type RawParams } from "@/lib/search-params";

export const metadata = { title: "Sự kiện an ninh" };

type Kind = (typeof SECURITY_EVENT_KINDS)[number];
const KINDS: Record<Kind, string> = { all: "Tất cả", failed: "Đăng nhập sai", lockout: "Khóa tài khoản", refused: "Thao tác bị từ chối" };

export default async function SecurityPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const { actor } = await requireVerb("security.view");
  const { data: sp, ignored } = parseSearchParams(await searchParams, securitySearchSchema);
  const kind: Kind = sp.kind ?? "all";
  const beforeId = sp.before;
  const { rows, nextBeforeId } = await listSecurityEvents({ agencyId: actor.agencyId, kind, beforeId });
  return (
    <>
      <PageHeader title="Sự kiện an ninh" description="Đăng nhập sai, khóa tài khoản và thao tác bị từ chối, mới nhất trước." />
      <IgnoredParamsNotice ignored={ignored} />
      <nav aria-label="Lọc sự kiện" className="mb-4 flex flex-wrap gap-2 text-sm">
        {(Object.keys(KINDS) as Kind[]).map((k) => (
          <Link
            key={k}
            href={`/admin/security?kind=${k}`}
            aria-current={k === kind ? "page" : undefined}
            className={`rounded-full border px-3 py-1 ${k === kind ? "border-brand-700 bg-brand-50 text-brand-800" : "border-slate-300 bg-white"}`}
          >
            {KINDS[k]}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <EmptyState title="Không có sự kiện nào" />
      ) : (
        <ListTable headers={["Thời điểm", "Người thực hiện", "Sự kiện", "Địa chỉ IP"]}>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className={`${tdClass} whitespace-nowrap`}>{formatDateTime(r.at)}</td>
              <td className={tdClass}>{r.actorName || "—"}</td>
              <td className={tdClass}>{describeAuditEvent(r.action, r.payload ?? {})}</td>
              <td className={tdClass}>{r.ip || "—"}</td>
            </tr>
          ))}
        </ListTable>
      )}
      {nextBeforeId ? (
        <div className="mt-4 flex justify-end">
          <Link className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50" href={`/admin/security?kind=${kind}&before=${nextBeforeId}`}>
            Cũ hơn →
          </Link>
        </div>
      ) : null}
    </>
  );
}

import { DelegationFormPanel } from "@/components/delegations/delegation-form";
import { RevokeDelegationForm } from "@/components/delegations/revoke-form";
import { Card, EmptyState, ListTabs, PageHeader, Pagination } from "@/components/ui/page";
import { IgnoredParamsNotice } from "@/components/ui/search-notice";
import { requireSession } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { isoToDisplay } from "@/lib/dates";
import { formatDateTime } from "@/lib/format";
import { DELEGATION_FORM_LABELS, DELEGATION_STATUS_LABELS, DELEGATION_TAB_LABELS, DELEGATION_TABS } from "@/lib/delegations/labels";
import { delegationFormOptions, listDelegations } from "@/lib/delegations/queries";
import { periodText, typesText } from "@/lib/delegations/rules";
import { delegationListSearchSchema } from "@/lib/delegations/schemas";
import { parseSearchParams, type RawParams } from "@/lib/search-params";

export const metadata = { title: "Ủy quyền ký" };

const EMPTY: Record<(typeof DELEGATION_TABS)[number], string> = {
  active: "Chưa có ủy quyền ký nào đang hoặc sắp có hiệu lực.",
  expired: "Chưa có ủy quyền ký nào hết hạn.",
  revoked: "Chưa có ủy quyền ký nào bị thu hồi.",
};

/**
 * Ủy quyền ký (issue 14): who signs for whom (KT., TUQ., TL.), for which types and period. Leaders
 * record their own, the administrator any; everyone sees those they give or receive.
 */
export default async function DelegationsPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const { actor } = await requireSession();
  const { data: sp, ignored } = parseSearchParams(await searchParams, delegationListSearchSchema);
  const tab = sp.tab ?? "active";
  const page = sp.page ?? 1;
  const manages = can(actor, "delegations.manage");
  const [{ rows, hasNext }, options] = await Promise.all([listDelegations(actor, { tab, page }), manages ? delegationFormOptions(actor) : null]);
  return (
    <>
      <PageHeader
        title="Ủy quyền ký"
        description="Ký thay (KT.), Thừa ủy quyền (TUQ.), Thừa lệnh (TL.): ai ký thay ai, loại văn bản nào, trong thời gian nào."
      />
      <IgnoredParamsNotice ignored={ignored} />
      <div className="space-y-6">
        {options ? (
          <Card title="Ghi nhận ủy quyền ký">
            {options.delegators.length ? (
              <DelegationFormPanel {...options} />
            ) : (
              <p className="text-sm text-slate-700">Chỉ người đứng đầu cơ quan ủy quyền ký; bạn không giữ chức vụ đó. Quản trị hệ thống có thể ghi nhận thay.</p>
            )}
          </Card>
        ) : null}
        <Card title="Danh sách ủy quyền">
          <ListTabs
            base="/delegations"
            label="Lọc ủy quyền ký"
            current={tab === "active" ? "" : `tab=${tab}`}
            tabs={DELEGATION_TABS.map((t) => ({ label: DELEGATION_TAB_LABELS[t], query: t === "active" ? "" : `tab=${t}` }))}
          />
          {rows.length === 0 ? (
            <EmptyState title={EMPTY[tab]}>
              {manages ? "Dùng mục Ghi nhận ủy quyền ký ở trên để thêm." : "Khi được lãnh đạo ủy quyền ký, bạn sẽ thấy ủy quyền ở đây."}
            </EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100" aria-label={`Ủy quyền ký: ${DELEGATION_TAB_LABELS[tab]}`}>
              {rows.map((r) => (
                <li key={r.id} className="grid gap-3 py-4 lg:grid-cols-[1fr_18rem]">
                  <div className="min-w-0 space-y-1 text-sm">
                    <p className="font-medium text-slate-900">
                      {r.delegateName} <span className="font-normal text-slate-600">{DELEGATION_FORM_LABELS[r.form]} của</span> {r.delegatorName}
                    </p>
                    <p>
                      <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-800">{DELEGATION_STATUS_LABELS[r.status]}</span>{" "}
                      {periodText(r)} · {typesText(r)}
                    </p>
                    {r.note ? <p className="text-slate-700">Ghi chú: {r.note}</p> : null}
                    <p className="text-xs text-slate-500">
                      Ghi nhận bởi {r.createdByName}, {formatDateTime(r.createdAt)}
                      {r.revokedAt ? ` · Thu hồi bởi ${r.revokedByName ?? ""}, ${formatDateTime(r.revokedAt)}: ${r.revokeReason}` : ""}
                    </p>
                  </div>
                  {r.mayRevoke ? (
                    <RevokeDelegationForm
                      id={r.id}
                      summary={`${r.delegateName} – ${DELEGATION_FORM_LABELS[r.form]} của ${r.delegatorName}, đến ${isoToDisplay(r.validTo)}.`}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <Pagination page={page} hasNext={hasNext} href={(p) => `/delegations?${new URLSearchParams({ ...(tab !== "active" ? { tab } : {}), page: String(p) })}`} />
        </Card>
      </div>
    </>
  );
}

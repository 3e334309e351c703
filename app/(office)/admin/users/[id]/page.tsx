import Link from "next/link";
import { notFound } from "next/navigation";
import { revokePositionAction, setUserActiveAction, unlinkSsoAction } from "@/lib/server-actions/admin";
import { EditUserForm, GrantPositionForm, LinkSsoForm, ResetPasswordForm } from "@/components/admin/user-forms";
import { ActionButton } from "@/components/ui/action-button";
import { Card, EmptyState, PageHeader } from "@/components/ui/page";
import { requireVerb } from "@/lib/auth/current";
import { POSITION_KIND_LABELS } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";
import { getUserDetail, listPositionOptions } from "@/lib/org/queries";
import { idParamsSchema, parseParams, type RawParams } from "@/lib/search-params";

export const metadata = { title: "Thông tin người dùng" };


export default async function UserPage({ params }: { params: Promise<RawParams> }) {
  const { actor } = await requireVerb("org.manage");
  const route = parseParams(await params, idParamsSchema);
  if (!route.success) notFound();
  const { id } = route.data;
  const user = await getUserDetail(actor.agencyId, id);
  if (!user) notFound();
  const options = (await listPositionOptions(actor.agencyId)).filter((o) => !user.positions.some((p) => p.id === o.id));
  return (
    <>
      <PageHeader
        title={user.fullName}
        description={`Tên đăng nhập: ${user.username} · ${user.active ? "Đang hoạt động" : `Đã vô hiệu hóa${user.disabledAt ? ` từ ${formatDateTime(user.disabledAt)}` : ""}`}`}
        actions={
          <div className="flex items-center gap-3">
            <Link href="/admin/users" className="text-sm text-brand-700 hover:underline">← Danh sách người dùng</Link>
            {user.active ? (
              <ActionButton
                action={setUserActiveAction}
                input={{ id: user.id, active: false }}
                label="Vô hiệu hóa"
                variant="danger"
                confirm={`Vô hiệu hóa tài khoản của ${user.fullName}? Người này sẽ bị đăng xuất ngay.`}
              />
            ) : (
              <ActionButton action={setUserActiveAction} input={{ id: user.id, active: true }} label="Kích hoạt lại" />
            )}
          </div>
        }
      />
      <div className="space-y-6">
        <Card title="Thông tin cá nhân">
          <EditUserForm user={user} />
        </Card>
        <Card title="Chức vụ">
          {user.positions.length === 0 ? (
            <EmptyState title="Chưa giữ chức vụ nào" />
          ) : (
            <ul className="divide-y divide-slate-100">
              {user.positions.map((p) => (
                <li key={p.id} className="flex items-center justify-between gap-4 py-2 text-sm">
                  <span>
                    {p.title} – {p.unitName} <span className="text-slate-500">({POSITION_KIND_LABELS[p.kind]})</span>
                  </span>
                  <ActionButton
                    action={revokePositionAction}
                    input={{ id: user.id, positionId: p.id }}
                    label="Gỡ chức vụ"
                    confirm={`Gỡ chức vụ "${p.title}" của ${user.fullName}?`}
                  />
                </li>
              ))}
            </ul>
          )}
          <div className="mt-4 border-t border-slate-100 pt-4">
            <GrantPositionForm userId={user.id} positions={options} />
          </div>
        </Card>
        <Card title="Đăng nhập một lần (SSO)">
          {user.identities.length === 0 ? (
            <p className="mb-4 text-sm text-slate-600">Chưa liên kết tài khoản SSO nào.</p>
          ) : (
            <ul className="mb-4 divide-y divide-slate-100">
              {user.identities.map((i) => (
                <li key={i.id} className="flex items-center justify-between gap-4 py-2 text-sm">
                  <span className="break-all">
                    {i.subject} <span className="text-slate-500">@ {i.issuer}</span>
                  </span>
                  <ActionButton action={unlinkSsoAction} input={{ id: user.id, identityId: i.id }} label="Bỏ liên kết" confirm="Bỏ liên kết SSO này?" />
                </li>
              ))}
            </ul>
          )}
          <LinkSsoForm userId={user.id} defaultIssuer={process.env.AUTH_OIDC_ISSUER ?? ""} />
        </Card>
        <Card title="Đặt lại mật khẩu">
          <ResetPasswordForm userId={user.id} />
        </Card>
      </div>
    </>
  );
}

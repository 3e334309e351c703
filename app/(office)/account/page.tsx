import Link from "next/link";
import { EmailPreferencesForm } from "@/components/shell/email-preferences-form";
import { ActionButton } from "@/components/ui/action-button";
import { Card, PageHeader, tableClass, tdClass, thClass, ScrollBox } from "@/components/ui/page";
import { CertificatePanel, CscUserForm, SignatureImagePanel } from "@/components/account/signing-profile";
import { getAccountOverview } from "@/lib/account/queries";
import { signingProfileView } from "@/lib/account/signing-profile";
import { requireSession } from "@/lib/auth/current";
import { formatDate, formatDateTime } from "@/lib/format";
import { emailPreferences } from "@/lib/notifications";
import {
  endOtherSessionsAction, endSessionAction, removeCertificateAction, removeSignatureImageAction, setCertificateAction, setCscUserAction,
  setSignatureImageAction,
} from "@/lib/server-actions/account";

export const metadata = { title: "Tài khoản của tôi" };

const browser = (ua: string) =>
  /Edg\//.test(ua) ? "Edge" : /Chrom(e|ium)\//.test(ua) ? "Chrome/Chromium" : /Firefox\//.test(ua) ? "Firefox" : /Safari\//.test(ua) ? "Safari" : ua.slice(0, 40) || "Không rõ";

const REASONS: Record<string, string> = {
  invalid: "sai thông tin đăng nhập", locked: "tài khoản đang bị khóa", ip_limited: "địa chỉ bị giới hạn", sso_unknown: "SSO chưa liên kết",
  agency_disabled: "cơ quan đã ngừng hoạt động",
};

export default async function AccountPage() {
  const { actor, sessionId } = await requireSession();
  const [{ sessions, signIns }, signing, mail] = await Promise.all([
    getAccountOverview(actor.userId), signingProfileView(actor.userId), emailPreferences(actor.userId),
  ]);
  const now = new Date();
  const cert = signing.certificate;
  return (
    <>
      <PageHeader title="Tài khoản của tôi" description={`${actor.fullName} · ${actor.username}`} />
      <div className="space-y-6">
        <Card title="Ủy quyền ký">
          <p className="text-sm text-slate-700">
            Các ủy quyền ký (KT., TL., TUQ.) bạn đã giao hoặc được giao:{" "}
            <Link href="/delegations" className="text-brand-700 underline hover:no-underline">Xem Ủy quyền ký</Link>.
          </p>
        </Card>
        <Card title="Chữ ký của người có thẩm quyền">
          <SignatureImagePanel image={signing.image} setAction={setSignatureImageAction} removeAction={removeSignatureImageAction} />
        </Card>
        <Card title="Chứng thư số">
          <CertificatePanel
            certificate={
              cert
                ? {
                    subject: cert.subject, issuer: cert.issuer, serial: cert.serial, fingerprint: cert.fingerprint,
                    notBefore: formatDate(cert.notBefore), notAfter: formatDate(cert.notAfter),
                    state: cert.notAfter && cert.notAfter < now ? "expired" : cert.notBefore && cert.notBefore > now ? "not_yet" : "valid",
                  }
                : null
            }
            setAction={setCertificateAction}
            removeAction={removeCertificateAction}
          />
          {signing.cscEnabled ? (
            <div className="mt-6 max-w-md">
              <CscUserForm cscUserId={signing.cscUserId} username={actor.username} action={setCscUserAction} />
            </div>
          ) : null}
        </Card>
        <Card title="Nhận thông báo qua thư điện tử">
          <EmailPreferencesForm kinds={mail.kinds} email={mail.email} enabled={mail.enabled} />
        </Card>
        <Card
          title="Phiên đăng nhập đang hoạt động"
          actions={
            sessions.length > 1 ? (
              <ActionButton action={endOtherSessionsAction} input={undefined} label="Kết thúc các phiên khác" confirm="Kết thúc mọi phiên đăng nhập khác của bạn?" />
            ) : null
          }
        >
          <ScrollBox label="Phiên đăng nhập">
          <table className={tableClass} aria-label="Phiên đăng nhập">
            <thead>
              <tr>
                <th className={thClass}>Trình duyệt</th>
                <th className={thClass}>Địa chỉ IP</th>
                <th className={thClass}>Đăng nhập lúc</th>
                <th className={thClass}>Hoạt động gần nhất</th>
                <th className={thClass}><span className="sr-only">Thao tác</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {sessions.map((s) => (
                <tr key={s.id}>
                  <td className={tdClass}>
                    {browser(s.userAgent)} {s.method === "sso" ? "(SSO)" : ""}
                    {s.id === sessionId ? <span className="ml-2 rounded bg-emerald-50 px-2 py-0.5 text-xs text-emerald-800">Phiên hiện tại</span> : null}
                  </td>
                  <td className={tdClass}>{s.ip || "—"}</td>
                  <td className={tdClass}>{formatDateTime(s.createdAt)}</td>
                  <td className={tdClass}>{formatDateTime(s.lastSeenAt)}</td>
                  <td className={tdClass}>
                    {s.id !== sessionId ? <ActionButton action={endSessionAction} input={{ id: s.id }} label="Kết thúc" /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </ScrollBox>
        </Card>
        <Card title="Lần đăng nhập gần đây">
          <ScrollBox label="Lần đăng nhập gần đây">
          <table className={tableClass} aria-label="Lần đăng nhập gần đây">
            <thead>
              <tr>
                <th className={thClass}>Thời điểm</th>
                <th className={thClass}>Kết quả</th>
                <th className={thClass}>Cách đăng nhập</th>
                <th className={thClass}>Địa chỉ IP</th>
                <th className={thClass}>Trình duyệt</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {signIns.map((s, i) => (
                <tr key={i}>
                  <td className={tdClass}>{formatDateTime(s.at)}</td>
                  <td className={tdClass}>{s.success ? "Thành công" : <span className="text-red-700">Không thành công ({REASONS[s.reason] ?? s.reason})</span>}</td>
                  <td className={tdClass}>{s.method === "sso" ? "SSO" : "Mật khẩu"}</td>
                  <td className={tdClass}>{s.ip || "—"}</td>
                  <td className={tdClass}>{browser(s.userAgent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </ScrollBox>
        </Card>
      </div>
    </>
  );
}

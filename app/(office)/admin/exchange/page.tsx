import Link from "next/link";
import { AdminAxisForm, AdminIdentityForm } from "@/components/exchange/admin-identity-forms";
import { AdminGenerateKey, AdminLoadCertificate, AdminPkcs12Form } from "@/components/exchange/admin-key";
import { Card, MetaList, PageHeader } from "@/components/ui/page";
import { requireVerb } from "@/lib/auth/current";
import { identityView } from "@/lib/exchange/admin";
import { formatDate } from "@/lib/format";

export const metadata = { title: "Liên thông — cấu hình" };

export default async function ExchangeAdminPage() {
  const { actor } = await requireVerb("exchange.configure");
  const x = await identityView(actor.agencyId);
  const cert = x.certificate;
  return (
    <>
      <PageHeader
        title="Liên thông văn bản"
        description="Định danh, khóa và chứng thư số của cơ quan để ký thông điệp edXML; kết nối trục; danh bạ cơ quan liên thông."
        actions={
          <>
            <Link href="/admin/exchange/directory" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
              Danh bạ cơ quan liên thông
            </Link>
            <Link href="/admin" className="self-center text-sm text-brand-700 underline">← Quản trị</Link>
          </>
        }
      />
      <div className="space-y-6">
        <Card title="Định danh của cơ quan">
          <MetaList items={[["Tên cơ quan", x.agency.name], ["Mã định danh", x.agency.organId], ["Cơ quan chủ quản", x.agency.parentName]]} />
          <p className="mt-2 text-sm text-slate-600">
            Tên và mã định danh sửa ở <Link href="/admin/agency" className="text-brand-700 underline">Thông tin cơ quan</Link>.
          </p>
          <div className="mt-4 border-t border-slate-100 pt-4">
            <AdminIdentityForm identity={{ address: x.address, email: x.email, telephone: x.telephone, website: x.website }} />
          </div>
        </Card>

        <Card title="Khóa và chứng thư số">
          <section aria-label="Chứng thư hiện tại" className="mb-4">
            {cert ? (
              <>
                {cert.state === "expired" ? (
                  <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
                    Chứng thư số đã hết hạn ngày {formatDate(cert.validTo)}. Cơ quan không gửi được văn bản liên thông cho đến khi có chứng thư mới.
                  </p>
                ) : cert.state === "expiring" ? (
                  <p role="alert" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
                    Chứng thư số sẽ hết hạn ngày {formatDate(cert.validTo)} (còn {cert.daysLeft} ngày). Hãy xin cấp chứng thư mới.
                  </p>
                ) : cert.state === "not_yet_valid" ? (
                  <p role="alert" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
                    Chứng thư số chưa đến ngày có hiệu lực ({formatDate(cert.validFrom)}).
                  </p>
                ) : null}
                <MetaList
                  items={[
                    ["Chủ thể", cert.subject],
                    ["Tổ chức cấp", cert.issuer],
                    ["Hiệu lực từ", formatDate(cert.validFrom)],
                    ["Hiệu lực đến", formatDate(cert.validTo)],
                    ["Dấu vân tay SHA-256", cert.fingerprint],
                  ]}
                />
              </>
            ) : x.certificateError ? (
              <p role="alert" className="text-sm text-red-800">Không đọc được chứng thư đã lưu. Hãy nạp lại chứng thư hoặc nhập lại tệp PKCS#12.</p>
            ) : x.hasKey ? (
              <p className="text-sm text-amber-900">Đã có khóa, đang chờ chứng thư: tải yêu cầu chứng thư, gửi tổ chức chứng thực rồi nạp chứng thư được cấp.</p>
            ) : (
              <p className="text-sm text-slate-700">Chưa có khóa và chứng thư số: cơ quan chưa gửi được văn bản liên thông.</p>
            )}
          </section>
          <div className="grid gap-6 border-t border-slate-100 pt-4 lg:grid-cols-2">
            <div>
              <h3 className="mb-2 font-medium">Nhập tệp PKCS#12</h3>
              <AdminPkcs12Form />
            </div>
            <div className="space-y-6">
              <div>
                <h3 className="mb-2 font-medium">Tạo khóa mới</h3>
                <AdminGenerateKey hasKey={x.hasKey} hasCsr={x.hasCsr} />
              </div>
              {x.hasKey ? (
                <div>
                  <h3 className="mb-2 font-medium">Nạp chứng thư</h3>
                  <AdminLoadCertificate />
                </div>
              ) : null}
            </div>
          </div>
        </Card>

        <Card title="Kết nối trục liên thông">
          <AdminAxisForm axis={{ axisUrl: x.axisUrl, axisUsername: x.axisUsername, hasSecret: x.hasAxisSecret }} />
        </Card>
      </div>
    </>
  );
}

import Link from "next/link";
import { AgencyKeyTest, AgencyP12Form, AgencyPkcs11Form, AgencySealForm } from "@/components/signatures/agency-key-admin";
import { Card, MetaList, PageHeader } from "@/components/ui/page";
import { requireVerb } from "@/lib/auth/current";
import { formatDate } from "@/lib/format";
import { agencySigningView } from "@/lib/signatures/agency-settings";
import { uploadMaxBytes } from "@/lib/storage/config";

export const metadata = { title: "Ký số của cơ quan" };

const BACKEND = { pkcs12: "Tệp PKCS#12", pkcs11: "Thiết bị HSM (PKCS#11)" } as const;

export default async function AgencySigningPage() {
  const { actor } = await requireVerb("signatures.configure");
  const v = await agencySigningView(actor.agencyId);
  const s = v.status;
  return (
    <>
      <PageHeader
        title="Ký số của cơ quan"
        description="Khóa ký số và hình ảnh con dấu mà Văn thư dùng khi phát hành văn bản đã được người có thẩm quyền ký số. Khóa không bao giờ được hiển thị hay tải về."
        actions={<Link href="/admin" className="self-center text-sm text-brand-700 underline">← Quản trị</Link>}
      />
      <div className="space-y-6">
        <Card title="Chứng thư số đang dùng">
          {s.configured ? (
            <MetaList
              items={[
                ["Nơi lưu khóa", `${s.backend ? BACKEND[s.backend] : ""}${s.source === "configuration" ? " (cấu hình máy chủ)" : ""}`],
                ...(s.token ? ([["Thiết bị, nhãn khóa", `${s.token} / ${s.keyLabel}`]] as [string, string][]) : []),
                ["Chủ thể", s.subject ?? ""],
                ["Tổ chức cấp", s.issuer ?? ""],
                ["Hiệu lực", s.notBefore && s.notAfter ? `${formatDate(s.notBefore)} – ${formatDate(s.notAfter)}` : ""],
              ]}
            />
          ) : (
            <p className="text-sm text-slate-700">Chưa cấu hình khóa ký số của cơ quan.</p>
          )}
          {s.error ? <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{s.error}</p> : null}
          {s.configured ? <div className="mt-4"><AgencyKeyTest /></div> : null}
        </Card>
        <Card title="Tệp PKCS#12">
          <AgencyP12Form />
        </Card>
        <Card title="Thiết bị HSM (PKCS#11)">
          <AgencyPkcs11Form modules={v.modules} current={{ token: s.token, keyLabel: s.keyLabel }} />
        </Card>
        <Card title="Hình ảnh con dấu">
          <p className="mb-3 text-sm text-slate-700">
            {v.hasSeal ? `Đã có hình ảnh con dấu (đường kính ${v.sealWidthMm} mm).` : "Chưa có hình ảnh con dấu: chưa phát hành được văn bản ký số."} Con dấu được đặt đúng kích thước thật,
            trùm lên khoảng 1/3 hình ảnh chữ ký của người có thẩm quyền về phía bên trái.
          </p>
          <AgencySealForm maxBytes={uploadMaxBytes()} widthMm={v.sealWidthMm} />
        </Card>
      </div>
    </>
  );
}

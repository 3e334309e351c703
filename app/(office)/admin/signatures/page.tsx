import Link from "next/link";
import { TrustAnchorImport, TrustAnchorRemove } from "@/components/signatures/trust-anchors";
import { Card, PageHeader } from "@/components/ui/page";
import { requireVerb } from "@/lib/auth/current";
import { formatDate } from "@/lib/format";
import { listAnchors } from "@/lib/signatures/trust";

export const metadata = { title: "Chứng thư tin cậy" };

export default async function TrustAnchorsPage() {
  const { actor } = await requireVerb("signatures.configure");
  const anchors = await listAnchors(actor.agencyId);
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Chứng thư tin cậy"
        description="Chữ ký số trên văn bản PDF chỉ được coi là tin cậy khi chứng thư của người ký do một trong các tổ chức chứng thực dưới đây cấp (chứng thư gốc quốc gia, chứng thư của Ban Cơ yếu Chính phủ…)."
        actions={<Link href="/admin" className="self-center text-sm text-brand-700 underline">← Quản trị</Link>}
      />
      <div className="space-y-6">
        <Card title="Danh sách chứng thư tin cậy">
          {anchors.length ? (
            <ul className="divide-y divide-slate-100">
              {anchors.map((a) => (
                <li key={a.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between">
                  <div className="min-w-0 text-sm">
                    <p className="font-medium break-words">{a.subject}</p>
                    <p className="text-slate-600 break-words">Tổ chức cấp: {a.issuer}</p>
                    <p className="text-slate-600">
                      Hiệu lực: {formatDate(a.notBefore)} – {formatDate(a.notAfter)}
                      {a.notAfter < now ? <span className="ml-2 rounded bg-red-50 px-1.5 py-0.5 text-red-800">Hết hạn</span> : null}
                    </p>
                    <p className="font-mono text-xs break-all text-slate-500">SHA-256: {a.fingerprint}</p>
                  </div>
                  {a.shared ? (
                    <span className="text-xs text-slate-500">Dùng chung cho toàn hệ thống</span>
                  ) : (
                    <TrustAnchorRemove id={a.id} subject={a.subject} />
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-700">
              Chưa có chứng thư tin cậy nào: mọi chữ ký số trên văn bản sẽ hiện là &quot;Không tin cậy&quot;. Hãy nhập chứng thư gốc của tổ chức chứng thực.
            </p>
          )}
        </Card>
        <Card title="Nhập chứng thư">
          <TrustAnchorImport />
        </Card>
      </div>
    </>
  );
}

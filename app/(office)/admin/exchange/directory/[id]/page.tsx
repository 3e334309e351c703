import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminPartnerForm } from "@/components/exchange/admin-partner-form";
import { Card, PageHeader } from "@/components/ui/page";
import { requireVerb } from "@/lib/auth/current";
import { directoryView } from "@/lib/exchange/admin";
import { idParamsSchema, parseParams, type RawParams } from "@/lib/search-params";

export const metadata = { title: "Sửa cơ quan liên thông" };

export default async function PartnerPage({ params }: { params: Promise<RawParams> }) {
  const { actor } = await requireVerb("exchange.configure");
  const route = parseParams(await params, idParamsSchema);
  if (!route.success) notFound();
  const p = (await directoryView(actor.agencyId)).find((r) => r.id === route.data.id);
  if (!p) notFound();
  return (
    <>
      <PageHeader title={p.name} description={p.organId ? `Mã định danh ${p.organId}` : "Chưa có mã định danh"} actions={<Link href="/admin/exchange/directory" className="text-sm text-brand-700 underline">← Danh bạ</Link>} />
      <Card>
        <AdminPartnerForm
          id={p.id}
          partner={{ name: p.name, organId: p.organId ?? "", transport: p.transport ?? "", endpoint: p.endpoint, address: p.address, certPem: p.certPem ?? "", caPem: p.caPem ?? "", sortOrder: p.sortOrder }}
        />
      </Card>
    </>
  );
}

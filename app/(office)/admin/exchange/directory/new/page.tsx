import Link from "next/link";
import { AdminPartnerForm } from "@/components/exchange/admin-partner-form";
import { Card, PageHeader } from "@/components/ui/page";
import { requireVerb } from "@/lib/auth/current";

export const metadata = { title: "Thêm cơ quan liên thông" };

export default async function NewPartnerPage() {
  await requireVerb("exchange.configure");
  return (
    <>
      <PageHeader title="Thêm cơ quan liên thông" actions={<Link href="/admin/exchange/directory" className="text-sm text-brand-700 underline">← Danh bạ</Link>} />
      <Card>
        <AdminPartnerForm />
      </Card>
    </>
  );
}

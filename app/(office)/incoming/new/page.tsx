import Link from "next/link";
import { RegisterPaperForm } from "@/components/incoming/register-form";
import { Card, PageHeader } from "@/components/ui/page";
import { requireVerb } from "@/lib/auth/current";
import { uploadMaxBytes } from "@/lib/storage/config";

export const metadata = { title: "Tiếp nhận văn bản giấy" };

export default async function NewIncomingPage() {
  await requireVerb("incoming.register");
  return (
    <>
      <PageHeader
        title="Tiếp nhận văn bản giấy"
        description="Nhập thông tin văn bản; hệ thống cấp số đến khi vào sổ."
        actions={<Link href="/incoming" className="text-sm text-brand-700 hover:underline">← Văn bản đến</Link>}
      />
      <Card>
        <RegisterPaperForm maxBytes={uploadMaxBytes()} />
      </Card>
    </>
  );
}

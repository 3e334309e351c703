import Link from "next/link";
import { CreateAgencyForm } from "@/components/admin/agency-forms";
import { Card, PageHeader } from "@/components/ui/page";
import { requireVerb } from "@/lib/auth/current";

export const metadata = { title: "Thêm cơ quan" };

export default async function NewAgencyPage() {
  await requireVerb("agencies.manage");
  return (
    <>
      <PageHeader
        title="Thêm cơ quan"
        description="Tạo cơ quan, Văn phòng và quản trị viên đầu tiên. Quản trị viên cơ quan sẽ tạo đơn vị, chức vụ và người dùng; sổ đăng ký văn bản được tạo khi vào sổ văn bản đầu tiên của năm."
        actions={<Link href="/admin/agencies" className="text-sm text-brand-700 hover:underline">← Danh sách cơ quan</Link>}
      />
      <Card>
        <CreateAgencyForm />
      </Card>
    </>
  );
}

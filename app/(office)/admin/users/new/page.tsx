import Link from "next/link";
import { CreateUserForm } from "@/components/admin/user-forms";
import { Card, PageHeader } from "@/components/ui/page";
import { requireVerb } from "@/lib/auth/current";
import { listPositionOptions } from "@/lib/org/queries";

export const metadata = { title: "Thêm người dùng" };

export default async function NewUserPage() {
  const { actor } = await requireVerb("org.manage");
  const positions = await listPositionOptions(actor.agencyId);
  return (
    <>
      <PageHeader
        title="Thêm người dùng"
        actions={<Link href="/admin/users" className="text-sm text-brand-700 hover:underline">← Danh sách người dùng</Link>}
      />
      <Card>
        <CreateUserForm positions={positions} />
      </Card>
    </>
  );
}

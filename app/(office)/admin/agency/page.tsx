import Link from "next/link";
import { AgencyForm } from "@/components/admin/agency-form";
import { ReminderSettingsForm } from "@/components/admin/reminder-settings-form";
import { Card, PageHeader } from "@/components/ui/page";
import { requireVerb } from "@/lib/auth/current";
import { agencyReminderSettings } from "@/lib/monitoring/settings";
import { getAgency } from "@/lib/org/queries";
import { EMBLEM_MAX_BYTES } from "@/lib/org/schemas";

export const metadata = { title: "Thông tin cơ quan" };

export default async function AgencyPage() {
  const { actor } = await requireVerb("org.manage");
  const agency = await getAgency(actor.agencyId);
  const settings = await agencyReminderSettings(actor.agencyId);
  return (
    <>
      <PageHeader
        title="Thông tin cơ quan"
        description="Tên cơ quan, cơ quan chủ quản và biểu tượng hiện ở đầu mọi trang; địa danh in trên biên bản."
        actions={<Link href="/admin" className="text-sm text-brand-700 underline">← Quản trị</Link>}
      />
      <Card>
        <AgencyForm
          maxBytes={EMBLEM_MAX_BYTES}
          agency={{ name: agency.name, parentName: agency.parentName, placeName: agency.placeName, emblemFileId: agency.emblemFileId ?? "" }}
        />
      </Card>
      <Card title="Nhắc hạn xử lý">
        <ReminderSettingsForm settings={settings} />
      </Card>
    </>
  );
}

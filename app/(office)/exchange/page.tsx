import { notFound } from "next/navigation";
import { AreaPending } from "@/components/shell/area-pending";
import { requireSession } from "@/lib/auth/current";
import { areaByHref, visibleAreas } from "@/lib/nav";

export const metadata = { title: "Liên thông" };

export default async function Page() {
  const { actor } = await requireSession();
  const area = areaByHref("/exchange");
  if (!visibleAreas(actor).includes(area)) notFound();
  return <AreaPending area={area} />;
}

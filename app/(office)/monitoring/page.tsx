import { notFound } from "next/navigation";
import { AreaPending } from "@/components/shell/area-pending";
import { requireSession } from "@/lib/auth/current";
import { areaByHref, visibleAreas } from "@/lib/nav";

export const metadata = { title: "Theo dõi, đôn đốc" };

export default async function Page() {
  const { actor } = await requireSession();
  const area = areaByHref("/monitoring");
  if (!visibleAreas(actor).includes(area)) notFound();
  return <AreaPending area={area} />;
}

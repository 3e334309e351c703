import { handleEmblem } from "@/lib/storage/emblem";

export const dynamic = "force-dynamic";

export async function GET() {
  return handleEmblem();
}

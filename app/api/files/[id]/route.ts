import { handleDownload } from "@/lib/storage/http";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleDownload(request, (await params).id);
}

import type { RawParams } from "@/lib/search-params";
import { handleDownload } from "@/lib/storage/http";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<RawParams> }) {
  return handleDownload(request, await params);
}

import type { RawParams } from "@/lib/search-params";
import { handlePreview } from "@/lib/storage/http";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<RawParams> }) {
  return handlePreview(await params);
}

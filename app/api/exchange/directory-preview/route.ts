import { importSchema, MAX_IMPORT_BYTES } from "@/lib/exchange/admin-schemas";
import { formatSize } from "@/lib/format";
import { previewDirectoryImport } from "@/lib/exchange/directory-import";
import { CROSS_ORIGIN_ERROR, isSameOrigin } from "@/lib/http/request-origin";
import { routeSession, textResponse as text } from "@/lib/auth/route-session";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * The preview of a directory import (a read: nothing is stored). The confirmation goes through the
 * importDirectory action, which reads the file again and never trusts this answer.
 */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request.headers)) return text(CROSS_ORIGIN_ERROR, 403);
  const { session, refused } = await routeSession("exchange.configure");
  if (refused) return refused;
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_IMPORT_BYTES * 2) return text(`Tệp quá lớn (tối đa ${formatSize(MAX_IMPORT_BYTES)}).`, 413);
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return text("Dữ liệu gửi lên không hợp lệ.", 400);
  }
  const parsed = importSchema.safeParse(body);
  if (!parsed.success) return text(parsed.error.issues[0]?.message ?? "Dữ liệu gửi lên không hợp lệ.", 422);
  const preview = await previewDirectoryImport(parsed.data.fileName, Buffer.from(parsed.data.file, "base64"));
  return Response.json(preview, { headers: { "Cache-Control": "private, no-store" } });
}

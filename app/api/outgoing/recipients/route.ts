import { routeSession, textResponse as text } from "@/lib/auth/route-session";
import { recipientNamesFromXlsx } from "@/lib/outgoing/import";
import { recipientsSearchSchema } from "@/lib/outgoing/schemas";
import { badParams, parseParams } from "@/lib/search-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** The recipient names of an uploaded XLSX, for the draft form (a read: nothing is written but the audit of the file read). */
export async function GET(request: Request): Promise<Response> {
  const { session, refused } = await routeSession("outgoing.draft");
  if (refused) return refused;
  const query = parseParams(new URL(request.url).searchParams, recipientsSearchSchema);
  if (!query.success) return badParams(["fileId"]);
  const names = await recipientNamesFromXlsx(session.actor, session.meta, query.data.fileId).catch(() => null);
  if (!names) return text("Không đọc được danh sách nơi nhận từ tệp này (cần tệp Excel .xlsx, tên ở cột đầu tiên).", 422);
  return Response.json({ names }, { headers: { "Cache-Control": "private, no-store" } });
}

import { routeSession, textResponse as text } from "@/lib/auth/route-session";
import { pendingCsr } from "@/lib/exchange/admin";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** "Tải yêu cầu chứng thư": the pending PKCS#10 request of this agency's generated key (administrator only). */
export async function GET(): Promise<Response> {
  const { session, refused } = await routeSession("exchange.configure");
  if (refused) return refused;
  const csr = await pendingCsr(session.actor.agencyId);
  if (!csr) return text("Không có yêu cầu chứng thư nào đang chờ. Hãy tạo khóa và yêu cầu chứng thư trước.", 404);
  return new Response(csr, {
    status: 200,
    headers: {
      "Content-Type": "application/pkcs10",
      "Content-Disposition": 'attachment; filename="yeu-cau-chung-thu.csr"',
      "Cache-Control": "private, no-store",
    },
  });
}

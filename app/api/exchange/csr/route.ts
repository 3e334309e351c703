import { getCurrentSession } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { pendingCsr } from "@/lib/exchange/admin";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const text = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** "Tải yêu cầu chứng thư": the pending PKCS#10 request of this agency's generated key (administrator only). */
export async function GET(): Promise<Response> {
  const session = await getCurrentSession();
  if (!session) return text("Chưa đăng nhập.", 401);
  if (!can(session.actor, "exchange.configure")) return text("Không tìm thấy.", 404);
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

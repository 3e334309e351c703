import { health } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const body = await health();
  return Response.json(body, { status: body.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}

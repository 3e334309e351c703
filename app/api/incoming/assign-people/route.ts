import { routeSession } from "@/lib/auth/route-session";
import { assignOptions } from "@/lib/incoming/options";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * The units' people of a leader's Chuyển xử lý form (lib/incoming/options.ts, part "people"), asked for when
 * the form opens: the page carries the leaders and the units. For those who assign, of their own agency only;
 * the action checks every recipient against the whole list again.
 */
export async function GET(): Promise<Response> {
  const { session, refused } = await routeSession("incoming.assign");
  if (refused) return refused;
  const people = await assignOptions({ agencyId: session.actor.agencyId, actorId: session.actor.userId, part: "people" });
  return Response.json({ people }, { headers: { "Cache-Control": "private, no-store" } });
}

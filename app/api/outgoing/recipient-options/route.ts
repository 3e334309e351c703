import { routeSession } from "@/lib/auth/route-session";
import { agencyPeopleOptions } from "@/lib/incoming/options";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * The agency's people for the draft form's Nơi nhận, asked for when the form opens: the same list the page
 * carried before, for the same people (those who draft), of their own agency only.
 */
export async function GET(): Promise<Response> {
  const { session, refused } = await routeSession("outgoing.draft");
  if (refused) return refused;
  const people = await agencyPeopleOptions(session.actor.agencyId);
  return Response.json({ people }, { headers: { "Cache-Control": "private, no-store" } });
}

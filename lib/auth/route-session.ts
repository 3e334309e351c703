import "server-only";
import { getCurrentSession, type CurrentSession } from "@/lib/auth/current";
import { can, type Verb } from "@/lib/auth/permissions";

/** A plain Vietnamese answer of a route handler. */
export const textResponse = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/**
 * The signed-in session of a route handler (whose reader needs `verb`, when given): 401 without a session, 404
 * (as for a missing route) without a position granting the verb. The handler still applies the row's read rule
 * to what it serves.
 */
export async function routeSession(verb?: Verb): Promise<{ session: CurrentSession; refused?: undefined } | { session?: undefined; refused: Response }> {
  const session = await getCurrentSession();
  if (!session) return { refused: textResponse("Chưa đăng nhập.", 401) };
  if (verb && !can(session.actor, verb)) return { refused: textResponse("Không tìm thấy.", 404) };
  return { session };
}

import "server-only";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { z } from "zod";
import { getCurrentSession } from "@/lib/auth/current";
import type { ActionDefinition } from "./define";
import { executeAction } from "./define";
import type { ActionResult } from "./result";

/**
 * Runs an action definition for the signed-in user of this request. Server-action files call
 * only this. Next.js compares Origin with Host but lets a request with no Origin through, so a
 * missing or foreign Origin is refused here too (security.md §2, CSRF pitfall).
 */
export async function runAction<S extends z.ZodType, T, R>(
  def: ActionDefinition<S, T, R>,
  raw: unknown,
): Promise<ActionResult<R>> {
  const h = await headers();
  const origin = h.get("origin");
  const host = h.get("x-forwarded-host") ?? h.get("host");
  if (!origin || !host || new URL(origin).host !== host) {
    return { ok: false, code: "forbidden", formError: "Yêu cầu không hợp lệ (nguồn gửi không được chấp nhận)." };
  }
  const session = await getCurrentSession();
  const result = await executeAction(
    def,
    session ? { userId: session.actor.userId, sessionId: session.sessionId, meta: session.meta } : null,
    raw,
  );
  if (result.ok) for (const p of def.revalidate ?? []) revalidatePath(p);
  return result;
}

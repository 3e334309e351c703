import "server-only";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { z } from "zod";
import { getCurrentSession } from "@/lib/auth/current";
import { CROSS_ORIGIN_ERROR, isSameOrigin } from "@/lib/http/request-origin";
import type { ActionCaller, ActionDefinition } from "./define";
import { executeAction } from "./define";
import type { ActionResult } from "./result";

/**
 * Runs an action definition for the signed-in user of this request. Server-action files call
 * only this. Next.js compares Origin with a client-sent X-Forwarded-Host or Host and lets a request
 * with no Origin through; here the full Origin (scheme, host, port) must equal the request's
 * trusted origin (AUTH_URL, or what a trusted proxy says; lib/http/request-origin.ts), and a
 * missing one is refused (security.md §2, CSRF pitfall).
 */
export async function runAction<S extends z.ZodType, T, R>(
  def: ActionDefinition<S, T, R>,
  raw: unknown,
): Promise<ActionResult<R>> {
  if (!isSameOrigin(await headers())) {
    return { ok: false, code: "forbidden", formError: CROSS_ORIGIN_ERROR };
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

/**
 * For a step made of several actions with network calls between them (remote signing): the same origin
 * check and caller as runAction; each inner action still goes through executeAction.
 */
export async function runAsCaller<R>(
  step: (caller: ActionCaller | null) => Promise<ActionResult<R>>,
  revalidate: string[] = [],
): Promise<ActionResult<R>> {
  if (!isSameOrigin(await headers())) {
    return { ok: false, code: "forbidden", formError: CROSS_ORIGIN_ERROR };
  }
  const session = await getCurrentSession();
  const result = await step(session ? { userId: session.actor.userId, sessionId: session.sessionId, meta: session.meta } : null);
  if (result.ok) for (const p of revalidate) revalidatePath(p);
  return result;
}

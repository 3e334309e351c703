"use server";

import { AuthError } from "next-auth";
import type { ActionResult } from "@/lib/actions/result";
import { LOGIN_MESSAGES, type LoginFailure } from "@/lib/auth/login";
import { signIn } from "@/lib/auth/next-auth";
import { loginSchema } from "@/lib/auth/schemas";

// Sign-in is not a workflow step: it has no user yet. Lockout, limits and the audit entry are
// in lib/auth/login.ts, behind Auth.js's own CSRF token.
export async function loginAction(raw: unknown): Promise<ActionResult> {
  const parsed = loginSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, code: "validation", formError: LOGIN_MESSAGES.invalid };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: "/" });
  } catch (e) {
    if (e instanceof AuthError) {
      const code = (e as AuthError & { code?: string }).code as LoginFailure | undefined;
      return { ok: false, code: "unauthenticated", formError: LOGIN_MESSAGES[code && code in LOGIN_MESSAGES ? code : "invalid"] };
    }
    throw e;
  }
  return { ok: true, data: undefined };
}

export async function ssoLoginAction() {
  await signIn("oidc", { redirectTo: "/" });
}

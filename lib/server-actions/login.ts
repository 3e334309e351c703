"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/actions/result";
import { LIMITED_PATH } from "@/lib/auth/limited";
import { LOGIN_MESSAGES, type LoginFailure } from "@/lib/auth/login";
import { signIn } from "@/lib/auth/next-auth";
import { loginSchema } from "@/lib/auth/schemas";
import { safeLocalPath } from "@/lib/http/local-path";
import { CROSS_ORIGIN_ERROR, isSameOrigin } from "@/lib/http/request-origin";

// Sign-in is not a workflow step: it has no user yet. Lockout, limits and the audit entry are
// in lib/auth/login.ts, behind Auth.js's own CSRF token and the same Origin rule as runAction.
export async function loginAction(raw: unknown): Promise<ActionResult> {
  if (!isSameOrigin(await headers())) return { ok: false, code: "forbidden", formError: CROSS_ORIGIN_ERROR };
  const parsed = loginSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, code: "validation", formError: LOGIN_MESSAGES.invalid };
  let code: LoginFailure | undefined;
  try {
    const { callbackUrl, ...credentials } = parsed.data;
    await signIn("credentials", { ...credentials, redirectTo: safeLocalPath(callbackUrl) });
  } catch (e) {
    if (!(e instanceof AuthError)) throw e;
    const c = (e as AuthError & { code?: string }).code;
    code = c && c in LOGIN_MESSAGES ? (c as LoginFailure) : "invalid";
  }
  // The per-address limit is a page with HTTP 429 (a server action cannot set its own status).
  if (code === "ip_limited") redirect(LIMITED_PATH);
  if (code) return { ok: false, code: "unauthenticated", formError: LOGIN_MESSAGES[code] };
  return { ok: true, data: undefined };
}

export async function ssoLoginAction(form: FormData) {
  await signIn("oidc", { redirectTo: safeLocalPath(form.get("callbackUrl")) });
}

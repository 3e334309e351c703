import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { oidcConfigured } from "@/lib/auth/auth.config";
import { getCurrentSession } from "@/lib/auth/current";
import { safeLocalPath } from "@/lib/http/local-path";
import { LOGIN_MESSAGES } from "@/lib/auth/login";
import { loginSearchSchema } from "@/lib/auth/schemas";
import { parseSearchParams, type RawParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Đăng nhập" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const { error, callbackUrl: rawCallback } = parseSearchParams(await searchParams, loginSearchSchema).data;
  // Only a path of this site; anything else goes home (lib/http/local-path.ts).
  const callbackUrl = safeLocalPath(rawCallback);
  if (await getCurrentSession()) redirect(callbackUrl);
  const ssoError = error
    ? error === "sso_unknown" || error === "agency_disabled" ? LOGIN_MESSAGES[error] : LOGIN_MESSAGES.sso_error
    : undefined;
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-brand-50 to-slate-100 px-4">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-center text-xs font-semibold uppercase tracking-wider text-brand-700">Cộng hòa xã hội chủ nghĩa Việt Nam</p>
        <h1 className="mt-2 text-center text-2xl font-semibold">Văn phòng điện tử</h1>
        <p className="mt-1 text-center text-sm text-slate-600">Đăng nhập để tiếp tục công việc</p>
        <LoginForm ssoEnabled={oidcConfigured()} ssoError={ssoError} callbackUrl={callbackUrl} />
      </div>
    </main>
  );
}

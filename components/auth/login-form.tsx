"use client";

import { loginAction, ssoLoginAction } from "@/lib/server-actions/login";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { loginSchema } from "@/lib/auth/schemas";

export function LoginForm({ ssoEnabled, ssoError, callbackUrl = "/" }: { ssoEnabled: boolean; ssoError?: string; callbackUrl?: string }) {
  const { form, onSubmit, pending, formError, errorOf } = useActionForm({
    schema: loginSchema,
    action: loginAction,
    defaultValues: { username: "", password: "", callbackUrl },
  });
  return (
    <div className="mt-8 space-y-6">
      {ssoEnabled ? (
        <form action={ssoLoginAction}>
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <Button type="submit" variant="secondary" className="w-full">
            Đăng nhập bằng SSO
          </Button>
        </form>
      ) : null}
      <FormMessage message={ssoError} />
      {ssoEnabled ? (
        <div className="flex items-center gap-3 text-xs text-slate-500">
          <span className="h-px flex-1 bg-slate-200" /> hoặc dùng tài khoản nội bộ <span className="h-px flex-1 bg-slate-200" />
        </div>
      ) : null}
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Đăng nhập bằng tài khoản nội bộ">
        <input type="hidden" {...form.register("callbackUrl")} />
        <TextField id="username" label="Tên đăng nhập" autoComplete="username" autoFocus error={errorOf("username")} {...form.register("username")} />
        <TextField id="password" label="Mật khẩu" type="password" autoComplete="current-password" error={errorOf("password")} {...form.register("password")} />
        <FormMessage message={formError} />
        <Button type="submit" pending={pending} className="w-full">
          Đăng nhập
        </Button>
      </form>
    </div>
  );
}

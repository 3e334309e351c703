"use client";

import { useRouter } from "next/navigation";
import {
  createUserAction, grantPositionAction, linkSsoAction, resetPasswordAction, updateUserAction,
} from "@/lib/server-actions/admin";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { createUserSchema, linkSsoSchema, resetPasswordSchema, updateUserSchema, userPositionSchema } from "@/lib/org/schemas";

export interface PositionOption {
  id: string;
  title: string;
  unitName: string;
}

function PositionOptions({ options }: { options: PositionOption[] }) {
  return options.map((p) => (
    <option key={p.id} value={p.id}>
      {p.title} – {p.unitName}
    </option>
  ));
}

export function CreateUserForm({ positions }: { positions: PositionOption[] }) {
  const router = useRouter();
  const { form, onSubmit, pending, formError, errorOf } = useActionForm({
    schema: createUserSchema,
    action: createUserAction,
    defaultValues: { username: "", fullName: "", email: "", password: "", positionId: "" },
    onSuccess: (data) => router.push(`/admin/users/${(data as { id: string }).id}`),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="Thêm người dùng">
      <TextField id="fullName" label="Họ và tên" error={errorOf("fullName")} {...form.register("fullName")} />
      <TextField id="username" label="Tên đăng nhập" autoComplete="off" error={errorOf("username")} {...form.register("username")} />
      <TextField id="email" label="E-mail" type="email" error={errorOf("email")} {...form.register("email")} />
      <TextField
        id="password"
        label="Mật khẩu ban đầu"
        type="password"
        autoComplete="new-password"
        hint="Để trống nếu người này chỉ đăng nhập bằng SSO. Tối thiểu 10 ký tự."
        error={errorOf("password")}
        {...form.register("password")}
      />
      <SelectField id="positionId" label="Chức vụ" error={errorOf("positionId")} {...form.register("positionId")}>
        <option value="">— Chưa giao chức vụ —</option>
        <PositionOptions options={positions} />
      </SelectField>
      <div className="space-y-2 sm:col-span-2">
        <FormMessage message={formError} />
        <Button type="submit" pending={pending}>
          Tạo người dùng
        </Button>
      </div>
    </form>
  );
}

export function EditUserForm({ user }: { user: { id: string; fullName: string; email: string | null } }) {
  const router = useRouter();
  const { form, onSubmit, pending, formError, success, errorOf } = useActionForm({
    schema: updateUserSchema,
    action: updateUserAction,
    defaultValues: { id: user.id, fullName: user.fullName, email: user.email ?? "" },
    successMessage: "Đã lưu thông tin.",
    onSuccess: () => router.refresh(),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="Sửa thông tin người dùng">
      <TextField id="edit-fullName" label="Họ và tên" error={errorOf("fullName")} {...form.register("fullName")} />
      <TextField id="edit-email" label="E-mail" type="email" error={errorOf("email")} {...form.register("email")} />
      <div className="space-y-2 sm:col-span-2">
        <FormMessage message={formError} />
        <FormMessage message={success} tone="success" />
        <Button type="submit" pending={pending}>
          Lưu thông tin
        </Button>
      </div>
    </form>
  );
}

export function GrantPositionForm({ userId, positions }: { userId: string; positions: PositionOption[] }) {
  const router = useRouter();
  const { form, onSubmit, pending, formError, success, errorOf } = useActionForm({
    schema: userPositionSchema,
    action: grantPositionAction,
    defaultValues: { id: userId, positionId: "" },
    successMessage: "Đã giao chức vụ.",
    onSuccess: () => router.refresh(),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-end gap-3" aria-label="Giao chức vụ">
      <div className="min-w-72 flex-1">
        <SelectField id="grant-position" label="Giao thêm chức vụ" error={errorOf("positionId")} {...form.register("positionId")}>
          <option value="">— Chọn chức vụ —</option>
          <PositionOptions options={positions} />
        </SelectField>
      </div>
      <Button type="submit" pending={pending}>
        Giao chức vụ
      </Button>
      <div className="w-full">
        <FormMessage message={formError} />
        <FormMessage message={success} tone="success" />
      </div>
    </form>
  );
}

export function LinkSsoForm({ userId, defaultIssuer }: { userId: string; defaultIssuer: string }) {
  const router = useRouter();
  const { form, onSubmit, pending, formError, success, errorOf } = useActionForm({
    schema: linkSsoSchema,
    action: linkSsoAction,
    defaultValues: { id: userId, issuer: defaultIssuer, subject: "" },
    successMessage: "Đã liên kết tài khoản SSO.",
    onSuccess: () => {
      form.reset({ id: userId, issuer: defaultIssuer, subject: "" });
      router.refresh();
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="Liên kết SSO">
      <TextField id="sso-issuer" label="Nhà cung cấp (issuer)" error={errorOf("issuer")} {...form.register("issuer")} />
      <TextField id="sso-subject" label="Mã định danh (subject)" error={errorOf("subject")} {...form.register("subject")} />
      <div className="space-y-2 sm:col-span-2">
        <FormMessage message={formError} />
        <FormMessage message={success} tone="success" />
        <Button type="submit" pending={pending}>
          Liên kết SSO
        </Button>
      </div>
    </form>
  );
}

export function ResetPasswordForm({ userId }: { userId: string }) {
  const { form, onSubmit, pending, formError, success, errorOf } = useActionForm({
    schema: resetPasswordSchema,
    action: resetPasswordAction,
    defaultValues: { id: userId, password: "", confirm: "" },
    successMessage: "Đã đặt lại mật khẩu; các phiên đăng nhập của người này đã kết thúc.",
    resetOnSuccess: true,
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="Đặt lại mật khẩu">
      <TextField id="reset-password" label="Mật khẩu mới" type="password" autoComplete="new-password" error={errorOf("password")} {...form.register("password")} />
      <TextField id="reset-confirm" label="Nhập lại mật khẩu mới" type="password" autoComplete="new-password" error={errorOf("confirm")} {...form.register("confirm")} />
      <div className="space-y-2 sm:col-span-2">
        <FormMessage message={formError} />
        <FormMessage message={success} tone="success" />
        <Button type="submit" pending={pending}>
          Đặt lại mật khẩu
        </Button>
      </div>
    </form>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { updateAxisAction, updateIdentityAction } from "@/lib/server-actions/exchange-admin";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { axisSchema, identitySchema } from "@/lib/exchange/admin-schemas";

type Identity = { address: string; email: string; telephone: string; website: string };

/** Địa chỉ and contact of this agency as its edXML messages carry them. */
export function AdminIdentityForm({ identity }: { identity: Identity }) {
  const router = useRouter();
  const { form, onSubmit, pending, formError, success, errorOf } = useActionForm({
    schema: identitySchema,
    action: (v) => updateIdentityAction(v),
    defaultValues: identity,
    successMessage: "Đã lưu thông tin liên hệ.",
    onSuccess: () => router.refresh(),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="Thông tin liên hệ">
      <div className="sm:col-span-2">
        <TextField id="x-address" label="Địa chỉ" error={errorOf("address")} {...form.register("address")} />
      </div>
      <TextField id="x-email" label="Thư điện tử" type="email" error={errorOf("email")} {...form.register("email")} />
      <TextField id="x-phone" label="Số điện thoại" error={errorOf("telephone")} {...form.register("telephone")} />
      <div className="sm:col-span-2">
        <TextField id="x-website" label="Trang thông tin điện tử" hint="Ví dụ: https://snv.binhdinh.gov.vn" error={errorOf("website")} {...form.register("website")} />
      </div>
      <div className="flex flex-col gap-2 sm:col-span-2">
        <FormMessage message={formError} />
        <FormMessage message={success} tone="success" />
        <div>
          <Button type="submit" pending={pending}>Lưu thông tin liên hệ</Button>
        </div>
      </div>
    </form>
  );
}

/** The axis connection; the password is never shown back, an empty field keeps it. */
export function AdminAxisForm({ axis }: { axis: { axisUrl: string; axisUsername: string; hasSecret: boolean } }) {
  const router = useRouter();
  const { form, onSubmit, pending, formError, success, errorOf } = useActionForm({
    schema: axisSchema,
    action: (v) => updateAxisAction(v),
    defaultValues: { axisUrl: axis.axisUrl, axisUsername: axis.axisUsername, axisSecret: "", clearSecret: false },
    successMessage: "Đã lưu kết nối trục.",
    onSuccess: () => {
      form.setValue("axisSecret", "");
      router.refresh();
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="Kết nối trục liên thông">
      <div className="sm:col-span-2">
        <TextField id="axis-url" label="Địa chỉ trục" hint="Trục liên thông của tỉnh hoặc trục quốc gia, ví dụ: https://truc.binhdinh.gov.vn" error={errorOf("axisUrl")} {...form.register("axisUrl")} />
      </div>
      <TextField id="axis-user" label="Tên đăng nhập" autoComplete="off" error={errorOf("axisUsername")} {...form.register("axisUsername")} />
      <TextField
        id="axis-secret"
        label="Mật khẩu"
        type="password"
        autoComplete="new-password"
        hint={axis.hasSecret ? "Đã lưu mật khẩu. Để trống để giữ nguyên." : "Chưa có mật khẩu."}
        error={errorOf("axisSecret")}
        {...form.register("axisSecret")}
      />
      {axis.hasSecret ? (
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" {...form.register("clearSecret")} /> Xóa mật khẩu đã lưu
        </label>
      ) : null}
      <div className="flex flex-col gap-2 sm:col-span-2">
        <FormMessage message={formError} />
        <FormMessage message={success} tone="success" />
        <div>
          <Button type="submit" pending={pending}>Lưu kết nối trục</Button>
        </div>
      </div>
    </form>
  );
}

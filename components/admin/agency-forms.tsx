"use client";

import { useRouter } from "next/navigation";
import { createAgencyAction, createAgencyAdminAction, disableAgencyAction, enableAgencyAction } from "@/lib/server-actions/agencies";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { StepForm, TextArea } from "@/components/ui/step-form";
import { useActionForm } from "@/components/ui/use-action-form";
import { createAgencyAdminSchema, createAgencySchema, disableAgencySchema, enableAgencySchema } from "@/lib/agencies/schemas";

const PASSWORD_HINT = "Tối thiểu 10 ký tự. Trao cho quản trị viên qua kênh an toàn; họ đổi mật khẩu ở mục Tài khoản.";

export function CreateAgencyForm() {
  const router = useRouter();
  const { form, onSubmit, pending, formError, errorOf } = useActionForm({
    schema: createAgencySchema,
    action: createAgencyAction,
    defaultValues: { name: "", code: "", organId: "", parentName: "", placeName: "", adminUsername: "", adminFullName: "", adminPassword: "" },
    onSuccess: (data) => router.push(`/admin/agencies/${(data as { id: string }).id}`),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="Thêm cơ quan">
      <fieldset className="grid gap-4 sm:col-span-2 sm:grid-cols-2">
        <legend className="mb-2 font-semibold text-slate-900">Cơ quan</legend>
        <TextField id="name" label="Tên cơ quan" placeholder="Ví dụ: Sở Tư pháp tỉnh Bình Định" error={errorOf("name")} {...form.register("name")} />
        <TextField id="code" label="Ký hiệu viết tắt" placeholder="Ví dụ: STP" error={errorOf("code")} {...form.register("code")} />
        <TextField id="organId" label="Mã định danh" placeholder="000.00.12.H10" hint="Mã định danh điện tử của cơ quan (dùng cho liên thông)." error={errorOf("organId")} {...form.register("organId")} />
        <TextField id="parentName" label="Cơ quan chủ quản" placeholder="Ví dụ: UBND tỉnh Bình Định" error={errorOf("parentName")} {...form.register("parentName")} />
        <TextField id="placeName" label="Địa danh" placeholder="Ví dụ: Bình Định" error={errorOf("placeName")} {...form.register("placeName")} />
      </fieldset>
      <fieldset className="grid gap-4 sm:col-span-2 sm:grid-cols-2">
        <legend className="mb-2 font-semibold text-slate-900">Quản trị viên đầu tiên</legend>
        <TextField id="adminFullName" label="Họ và tên" error={errorOf("adminFullName")} {...form.register("adminFullName")} />
        <TextField id="adminUsername" label="Tên đăng nhập" autoComplete="off" error={errorOf("adminUsername")} {...form.register("adminUsername")} />
        <TextField id="adminPassword" label="Mật khẩu ban đầu" type="password" autoComplete="new-password" hint={PASSWORD_HINT} error={errorOf("adminPassword")} {...form.register("adminPassword")} />
      </fieldset>
      <div className="space-y-2 sm:col-span-2">
        <FormMessage message={formError} />
        <Button type="submit" pending={pending}>
          Tạo cơ quan
        </Button>
      </div>
    </form>
  );
}

export function CreateAgencyAdminForm({ agencyId }: { agencyId: string }) {
  const router = useRouter();
  const { form, onSubmit, pending, formError, success, errorOf } = useActionForm({
    schema: createAgencyAdminSchema,
    action: createAgencyAdminAction,
    defaultValues: { agencyId, adminUsername: "", adminFullName: "", adminPassword: "" },
    successMessage: "Đã tạo quản trị viên.",
    onSuccess: () => {
      form.reset({ agencyId, adminUsername: "", adminFullName: "", adminPassword: "" });
      router.refresh();
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-3" aria-label="Thêm quản trị viên">
      <input type="hidden" {...form.register("agencyId")} />
      <TextField id="adminFullName" label="Họ và tên" error={errorOf("adminFullName")} {...form.register("adminFullName")} />
      <TextField id="adminUsername" label="Tên đăng nhập" autoComplete="off" error={errorOf("adminUsername")} {...form.register("adminUsername")} />
      <TextField id="adminPassword" label="Mật khẩu ban đầu" type="password" autoComplete="new-password" hint={PASSWORD_HINT} error={errorOf("adminPassword")} {...form.register("adminPassword")} />
      <div className="space-y-2 sm:col-span-3">
        <FormMessage message={formError} />
        <FormMessage message={success} tone="success" />
        <Button type="submit" pending={pending}>
          Tạo quản trị viên
        </Button>
      </div>
    </form>
  );
}

/** Ngừng hoạt động / Cho hoạt động lại (Quản trị cấp tỉnh), each asked in a dialog before it runs. */
export function AgencyStatusForm({ agencyId, agencyName, disabled }: { agencyId: string; agencyName: string; disabled: boolean }) {
  if (disabled) {
    return (
      <StepForm
        label="Cho hoạt động lại"
        schema={enableAgencySchema}
        action={enableAgencyAction}
        defaultValues={{ agencyId }}
        success="Cơ quan đã hoạt động lại; người dùng của cơ quan đăng nhập được."
        confirm={{ title: "Cho cơ quan hoạt động lại?", body: <p>Người dùng đang hoạt động của {agencyName} sẽ đăng nhập lại được.</p> }}
      />
    );
  }
  return (
    <StepForm
      label="Ngừng hoạt động"
      variant="danger"
      schema={disableAgencySchema}
      action={disableAgencyAction}
      defaultValues={{ agencyId, reason: "" }}
      success="Cơ quan đã ngừng hoạt động; các phiên đăng nhập của cơ quan đã kết thúc."
      confirm={{
        title: "Ngừng hoạt động cơ quan?",
        body: (
          <>
            <p>Mọi người dùng của {agencyName} bị đăng xuất ngay và không đăng nhập được cho đến khi cơ quan hoạt động lại.</p>
            <p>Văn bản, sổ đăng ký, số và tệp của cơ quan được giữ nguyên.</p>
          </>
        ),
      }}
    >
      {(f) => <TextArea id="reason" label="Lý do ngừng hoạt động" error={f.errorOf("reason")} {...f.form.register("reason")} />}
    </StepForm>
  );
}

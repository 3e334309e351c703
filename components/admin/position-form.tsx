"use client";

import { useRouter } from "next/navigation";
import { createPositionAction } from "@/lib/server-actions/admin";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { POSITION_KIND_LABELS } from "@/lib/auth/permissions";
import { agencyPositionKinds, positionSchema } from "@/lib/org/schemas";

export function PositionForm({ unitId }: { unitId: string }) {
  const router = useRouter();
  const { form, onSubmit, pending, formError, success, errorOf } = useActionForm({
    schema: positionSchema,
    action: createPositionAction,
    defaultValues: { unitId, kind: "staff", title: "" },
    successMessage: "Đã thêm chức vụ.",
    onSuccess: () => {
      form.reset({ unitId, kind: "staff", title: "" });
      router.refresh();
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-3" aria-label="Thêm chức vụ">
      <input type="hidden" {...form.register("unitId")} />
      <TextField id="position-title" label="Tên chức vụ" placeholder="Ví dụ: Phó Trưởng phòng" error={errorOf("title")} {...form.register("title")} />
      <SelectField id="position-kind" label="Quyền theo chức vụ" error={errorOf("kind")} {...form.register("kind")}>
        {agencyPositionKinds.map((k) => (
          <option key={k} value={k}>
            {POSITION_KIND_LABELS[k]}
          </option>
        ))}
      </SelectField>
      <div className="flex items-end">
        <Button type="submit" pending={pending}>
          Thêm chức vụ
        </Button>
      </div>
      <div className="sm:col-span-3">
        <FormMessage message={formError} />
        <FormMessage message={success} tone="success" />
      </div>
    </form>
  );
}

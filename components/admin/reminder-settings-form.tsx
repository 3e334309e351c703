"use client";

import { useRouter } from "next/navigation";
import { updateReminderSettingsAction } from "@/lib/server-actions/admin";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { reminderSettingsSchema } from "@/lib/monitoring/schemas";

type Values = { daysBefore: number; escalateAfter: number };

/** Quản trị → Thông tin cơ quan → Nhắc hạn xử lý: N and M in working days. */
export function ReminderSettingsForm({ settings }: { settings: Values }) {
  const router = useRouter();
  const { form, onSubmit, pending, formError, success, errorOf } = useActionForm({
    schema: reminderSettingsSchema,
    action: (v) => updateReminderSettingsAction(v),
    defaultValues: settings,
    successMessage: "Đã lưu thiết lập nhắc hạn.",
    onSuccess: () => router.refresh(),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="Nhắc hạn xử lý">
      <TextField
        id="remind-days-before"
        type="number"
        inputMode="numeric"
        min={0}
        max={30}
        label="Nhắc trước hạn (ngày làm việc)"
        hint="Người xử lý được nhắc số ngày làm việc này trước hạn, và nhắc lại vào ngày đến hạn."
        error={errorOf("daysBefore")}
        {...form.register("daysBefore")}
      />
      <TextField
        id="escalate-after"
        type="number"
        inputMode="numeric"
        min={1}
        max={30}
        label="Báo lãnh đạo cơ quan sau khi quá hạn (ngày làm việc)"
        hint="Khi quá hạn, người xử lý và lãnh đạo đơn vị được báo ngay; quá số ngày này thì báo lãnh đạo cơ quan."
        error={errorOf("escalateAfter")}
        {...form.register("escalateAfter")}
      />
      <div className="flex flex-col gap-2 sm:col-span-2">
        <FormMessage message={formError} />
        <FormMessage message={success} tone="success" />
        <div>
          <Button type="submit" pending={pending}>Lưu thiết lập nhắc hạn</Button>
        </div>
      </div>
    </form>
  );
}

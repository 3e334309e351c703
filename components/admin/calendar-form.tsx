"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { addCalendarDayAction, updateCalendarDayAction } from "@/lib/server-actions/calendar";
import { Button } from "@/components/ui/button";
import { FormDateField } from "@/components/ui/date-field";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { calendarDaySchema, CHANGE_KIND_LABELS, CHANGE_KINDS, type ChangeKind } from "@/lib/calendar/schemas";

export interface CalendarFormValues {
  day: string;
  kind: ChangeKind;
  reason: string;
}

/** Thêm (or, with `id`, sửa) một ngày của lịch làm việc: the Government's announcement of the year. */
export function CalendarDayForm({ id, year, values }: { id?: string; year: number; values?: Partial<CalendarFormValues> }) {
  const router = useRouter();
  const { form, onSubmit, pending, formError, success, errorOf } = useActionForm({
    schema: calendarDaySchema,
    action: (v) => (id ? updateCalendarDayAction({ ...v, id }) : addCalendarDayAction(v)),
    defaultValues: { day: values?.day ?? "", kind: values?.kind ?? "off", reason: values?.reason ?? "" },
    successMessage: id ? "Đã lưu thay đổi của ngày." : "Đã thêm ngày vào lịch.",
    resetOnSuccess: !id,
    // To the saved day's year, with the form empty again.
    onSuccess: (data) => {
      router.push(`/admin/calendar?year=${data.day.slice(0, 4)}`);
      router.refresh();
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label={id ? "Sửa ngày" : "Thêm ngày"}>
      <FormDateField id="cal-day" label="Ngày" hint="dd/mm/yyyy" error={errorOf("day")} control={form.control} name="day" />
      <SelectField id="cal-kind" label="Loại" error={errorOf("kind")} {...form.register("kind")}>
        {CHANGE_KINDS.map((k) => (
          <option key={k} value={k}>{CHANGE_KIND_LABELS[k]}</option>
        ))}
      </SelectField>
      <div className="sm:col-span-2">
        <TextField
          id="cal-reason"
          label="Lý do"
          hint="Ví dụ: Nghỉ Tết Âm lịch theo Thông báo số …/TB-BNV; Làm bù cho ngày 16/02"
          error={errorOf("reason")}
          {...form.register("reason")}
        />
      </div>
      <div className="flex flex-col gap-2 sm:col-span-2">
        <FormMessage message={formError} />
        <FormMessage message={success} tone="success" />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" pending={pending}>{id ? "Lưu thay đổi" : "Thêm ngày"}</Button>
          {id || values ? (
            <Link href={`/admin/calendar?year=${year}`} className="text-sm text-brand-700 underline">Hủy</Link>
          ) : null}
        </div>
      </div>
    </form>
  );
}

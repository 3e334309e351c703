"use client";

import { useRouter } from "next/navigation";
import { acceptBatchAction, handOverAction, returnBatchAction } from "@/lib/server-actions/work-files";
import { ActionButton } from "@/components/ui/action-button";
import { Button } from "@/components/ui/button";
import { errorProps, FieldError, FormMessage, TextField } from "@/components/ui/field";
import { StepForm, TextArea } from "@/components/ui/step-form";
import { useActionForm } from "@/components/ui/use-action-form";
import { handOverSchema, returnBatchSchema } from "@/lib/work-files/schemas";

export interface HandOverFile { id: string; code: string; title: string; ownerName: string }

/** Nộp lưu: reconciled files of one unit and year, and what the Biên bản giao nhận says. */
export function HandOverForm({ unitId, unitName, year, files }: { unitId: string; unitName: string; year: number; files: HandOverFile[] }) {
  const router = useRouter();
  const { form, onSubmit, pending, formError, errorOf } = useActionForm({
    schema: handOverSchema,
    action: handOverAction,
    defaultValues: {
      unitId, year, fileIds: files.map((f) => f.id), title: `Hồ sơ, tài liệu năm ${year} của ${unitName}`, condition: "", boxes: "", shelfMeters: "",
    },
    onSuccess: (data) => router.push(`/files/handover/${(data as { id: string }).id}`),
  });
  const chosen = (form.watch("fileIds") as string[] | undefined) ?? [];
  const toggle = (id: string, on: boolean) =>
    form.setValue("fileIds", on ? [...chosen, id] : chosen.filter((x) => x !== id), { shouldValidate: form.formState.isSubmitted });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label={`Nộp lưu hồ sơ của ${unitName}`}>
      <fieldset {...errorProps(`handover-files-${unitId}`, errorOf("fileIds"))}>
        <legend className="text-sm font-medium text-slate-700">Hồ sơ nộp lưu (đã đối chiếu)</legend>
        <ul className="mt-1 space-y-1">
          {files.map((f) => (
            <li key={f.id}>
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" className="mt-1" checked={chosen.includes(f.id)} onChange={(e) => toggle(f.id, e.target.checked)} />
                <span>{f.code} {f.title} <span className="text-slate-500">({f.ownerName})</span></span>
              </label>
            </li>
          ))}
        </ul>
        <FieldError id={`handover-files-${unitId}`} message={errorOf("fileIds")} />
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <TextField id={`handover-title-${unitId}`} label="Tên khối tài liệu" error={errorOf("title")} {...form.register("title")} />
        </div>
        <div className="sm:col-span-2">
          <TextField id={`handover-condition-${unitId}`} label="Tình trạng tài liệu" error={errorOf("condition")} {...form.register("condition")} />
        </div>
        <TextField id={`handover-boxes-${unitId}`} label="Số hộp" type="number" min={0} error={errorOf("boxes")} {...form.register("boxes")} />
        <TextField id={`handover-shelf-${unitId}`} label="Số mét giá" inputMode="decimal" hint="Ví dụ 0,5" error={errorOf("shelfMeters")} {...form.register("shelfMeters")} />
      </div>
      <FormMessage message={formError} />
      <Button type="submit" pending={pending}>Nộp lưu</Button>
    </form>
  );
}

export function AcceptBatchButton({ id }: { id: string }) {
  return <ActionButton action={acceptBatchAction} input={{ id }} label="Tiếp nhận hồ sơ" variant="primary" />;
}

export function ReturnBatchForm({ id }: { id: string }) {
  return (
    <StepForm label="Trả lại" schema={returnBatchSchema} action={returnBatchAction} defaultValues={{ id, reason: "" }} variant="secondary">
      {({ form, errorOf }) => <TextArea id="return-reason" label="Lý do trả lại (báo cho đơn vị nộp lưu)" error={errorOf("reason")} {...form.register("reason")} />}
    </StepForm>
  );
}

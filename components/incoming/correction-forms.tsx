"use client";

import { correctRegistrationAction, requestCorrectionAction, voidRegistrationAction } from "@/lib/server-actions/incoming";
import { SelectField, TextField } from "@/components/ui/field";
import { FormDateField } from "@/components/ui/date-field";
import { StepForm, TextArea } from "@/components/ui/step-form";
import { DOC_TYPES, URGENCY_LABELS } from "@/lib/incoming/labels";
import { correctRegistrationSchema, requestCorrectionSchema, voidRegistrationSchema, type CorrectRegistrationInput } from "@/lib/incoming/schemas";

/**
 * Sửa thông tin vào sổ: the registration's metadata, prefilled with the stored values; the số đến
 * is shown, never edited. The step writes each changed field on the trail as old → new.
 */
export function CorrectRegistrationForm({ values, arrival, consent }: { values: CorrectRegistrationInput; arrival: string; consent: boolean }) {
  const types: readonly string[] = DOC_TYPES.includes(values.docType as (typeof DOC_TYPES)[number]) ? DOC_TYPES : [values.docType as string, ...DOC_TYPES];
  return (
    <StepForm label="Sửa thông tin vào sổ" schema={correctRegistrationSchema} action={correctRegistrationAction} defaultValues={values} success="Đã sửa thông tin vào sổ.">
      {({ form, errorOf }) => (
        <>
          <p className="text-sm text-slate-600">
            {arrival} không thay đổi. Mỗi thông tin được sửa ghi vào luồng xử lý (cũ → mới) cùng lý do.
            {consent ? " Văn bản đã được chuyển xử lý: lãnh đạo cơ quan sửa, việc sửa ghi tên người đồng ý." : ""}
          </p>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField id="corr-symbol" label="Số, ký hiệu" error={errorOf("symbol")} {...form.register("symbol")} />
            <FormDateField id="corr-issuedDate" label="Ngày văn bản" error={errorOf("issuedDate")} control={form.control} name="issuedDate" />
            <TextField id="corr-issuerName" label="Cơ quan ban hành" error={errorOf("issuerName")} {...form.register("issuerName")} />
            <SelectField id="corr-docType" label="Loại văn bản" error={errorOf("docType")} {...form.register("docType")}>
              {types.map((d) => <option key={d} value={d}>{d}</option>)}
            </SelectField>
            <div className="sm:col-span-2">
              <TextArea id="corr-subject" label="Trích yếu" error={errorOf("subject")} {...form.register("subject")} />
            </div>
            <TextField id="corr-signer" label="Người ký" error={errorOf("signer")} {...form.register("signer")} />
            <TextField id="corr-pageCount" label="Số trang" type="number" min={1} error={errorOf("pageCount")} {...form.register("pageCount")} />
            <SelectField id="corr-urgency" label="Độ khẩn" error={errorOf("urgency")} {...form.register("urgency")}>
              {Object.entries(URGENCY_LABELS).map(([k, l]) => <option key={k} value={k}>{l}</option>)}
            </SelectField>
            <FormDateField id="corr-dueDate" label="Hạn giải quyết" error={errorOf("dueDate")} control={form.control} name="dueDate" />
            <TextField id="corr-note" label="Ghi chú" error={errorOf("note")} {...form.register("note")} />
            <TextField id="corr-fileCode" label="Số và ký hiệu hồ sơ" error={errorOf("fileCode")} {...form.register("fileCode")} />
          </div>
          <TextArea id="corr-reason" label="Lý do sửa" error={errorOf("reason")} {...form.register("reason")} />
        </>
      )}
    </StepForm>
  );
}

/** Hủy vào sổ: the number stays in the register, marked "Đã hủy" with the reason. */
export function VoidRegistrationForm({ id, arrival }: { id: string; arrival: string }) {
  return (
    <StepForm label="Hủy vào sổ" schema={voidRegistrationSchema} action={voidRegistrationAction} defaultValues={{ id, reason: "" }} variant="danger" success="Đã hủy vào sổ.">
      {({ form, errorOf }) => (
        <>
          <p className="text-sm text-slate-600">
            {arrival} vẫn giữ trong sổ, đánh dấu “Đã hủy” cùng lý do, và không được cấp lại; văn bản ra khỏi các danh sách công việc.
          </p>
          <TextArea id="void-reason" label="Lý do hủy" error={errorOf("reason")} {...form.register("reason")} />
        </>
      )}
    </StepForm>
  );
}

/** Đề nghị lãnh đạo sửa: after the assignment the văn thư asks; the leader gets a notice and makes the change. */
export function RequestCorrectionForm({ id }: { id: string }) {
  return (
    <StepForm label="Đề nghị lãnh đạo sửa" schema={requestCorrectionSchema} action={requestCorrectionAction} defaultValues={{ id, text: "" }} variant="secondary" success="Đã gửi đề nghị đến lãnh đạo.">
      {({ form, errorOf }) => (
        <TextArea id="request-text" label="Thông tin cần sửa hoặc lý do cần hủy vào sổ" error={errorOf("text")} {...form.register("text")} />
      )}
    </StepForm>
  );
}

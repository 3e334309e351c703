"use client";

import { remindAction } from "@/lib/server-actions/incoming";
import { SelectField } from "@/components/ui/field";
import { StepForm, TextArea } from "@/components/ui/step-form";
import { remindSchema } from "@/lib/monitoring/schemas";

/** Đôn đốc: a reminder with a message to the holder of a part (and optionally their head). */
export function RemindPanel({ parts }: { parts: { id: string; label: string }[] }) {
  return (
    <StepForm
      label="Gửi đôn đốc"
      schema={remindSchema}
      action={remindAction}
      defaultValues={{ assignmentId: parts[0]?.id ?? "", message: "", alsoHead: false }}
      success="Đã gửi đôn đốc."
    >
      {({ form, errorOf }) => (
        <div className="space-y-3">
          {parts.length > 1 ? (
            <SelectField id="remind-part" label="Đôn đốc" error={errorOf("assignmentId")} {...form.register("assignmentId")}>
              {parts.map((p) => (
                <option key={p.id} value={p.id}>{p.label}</option>
              ))}
            </SelectField>
          ) : (
            <p className="text-sm text-slate-700">Đôn đốc: <strong>{parts[0]?.label}</strong></p>
          )}
          <TextArea id="remind-message" label="Nội dung đôn đốc" error={errorOf("message")} {...form.register("message")} />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" className="h-4 w-4" {...form.register("alsoHead")} />
            Gửi cả lãnh đạo đơn vị của người xử lý
          </label>
          <p className="text-xs text-slate-600">Mỗi phần việc được đôn đốc một lần mỗi ngày; nội dung được ghi vào luồng xử lý.</p>
        </div>
      )}
    </StepForm>
  );
}

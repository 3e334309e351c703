"use client";

import { useState } from "react";
import { requestRecallAction } from "@/lib/server-actions/outgoing";
import { SelectField } from "@/components/ui/field";
import { StepForm, TextArea } from "@/components/ui/step-form";
import { PURPOSE_LABELS, RECALL_PURPOSES, requestRecallSchema, type RecallPurpose } from "@/lib/exchange/schemas";

const HINTS: Record<RecallPurpose, string> = {
  recall: "Cơ quan nhận đồng ý (15) thì hệ thống gửi văn bản thu hồi; từ chối (16) thì lý do hiện ở đây.",
  update: "Cơ quan nhận đồng ý (15) thì hệ thống gửi lại văn bản với thông tin đã cập nhật.",
  replace: "Chọn văn bản thay thế đã phát hành; cơ quan nhận đồng ý (15) thì hệ thống gửi văn bản thay thế.",
};

/** The Văn thư asks every agency the document was sent to (13, with the reason). */
export function RecallForm({ id, replacements }: { id: string; replacements: { id: string; label: string }[] }) {
  const [purpose, setPurpose] = useState<RecallPurpose>("recall");
  return (
    <StepForm
      label="Gửi yêu cầu"
      schema={requestRecallSchema}
      action={requestRecallAction}
      defaultValues={{ id, purpose: "recall", reason: "", replacementId: "" }}
      variant="danger"
      success="Đã gửi yêu cầu tới các cơ quan nhận."
      confirm={{
        title: "Gửi yêu cầu tới các cơ quan nhận?",
        body: <p>Mỗi cơ quan đã nhận văn bản qua liên thông sẽ nhận yêu cầu {PURPOSE_LABELS[purpose].toLowerCase()} kèm lý do. Không hủy được yêu cầu đã gửi.</p>,
      }}
    >
      {({ form, errorOf }) => (
        <>
          <SelectField
            id="recall-purpose"
            label="Yêu cầu"
            error={errorOf("purpose")}
            hint={HINTS[purpose]}
            {...form.register("purpose", { onChange: (e) => setPurpose(e.target.value as RecallPurpose) })}
          >
            {RECALL_PURPOSES.map((p) => (
              <option key={p} value={p}>{PURPOSE_LABELS[p]}</option>
            ))}
          </SelectField>
          {purpose === "replace" ? (
            <SelectField id="recall-replacement" label="Văn bản thay thế" error={errorOf("replacementId")} {...form.register("replacementId")}>
              <option value="">— Chọn văn bản đã phát hành để thay thế —</option>
              {replacements.map((r) => (
                <option key={r.id} value={r.id}>{r.label}</option>
              ))}
            </SelectField>
          ) : null}
          <TextArea id="recall-reason" label="Lý do (gửi kèm yêu cầu)" error={errorOf("reason")} {...form.register("reason")} />
        </>
      )}
    </StepForm>
  );
}

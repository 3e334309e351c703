"use client";

import { acceptRecallAction, refuseRecallAction } from "@/lib/server-actions/incoming";
import { ActionButton } from "@/components/ui/action-button";
import { StepForm, TextArea } from "@/components/ui/step-form";
import { refuseRecallSchema } from "@/lib/exchange/recall-schemas";

/** The clerk's two answers to a sender's recall request (13): Đồng ý (15, the document is frozen) or Từ chối (16, with a reason). */
export function RecallAnswer({ id }: { id: string }) {
  return (
    <div className="space-y-4">
      <ActionButton
        action={acceptRecallAction}
        input={{ id }}
        label="Đồng ý cho lấy lại"
        variant="danger"
        confirm="Văn bản sẽ bị thu hồi: không xử lý tiếp, những người đã nhận được thông báo. Tiếp tục?"
        success="Đã đồng ý cho cơ quan gửi lấy lại văn bản."
      />
      <StepForm label="Từ chối" schema={refuseRecallSchema} action={refuseRecallAction} defaultValues={{ id, reason: "" }} success="Đã từ chối yêu cầu lấy lại.">
        {({ form, errorOf }) => <TextArea id={`refuse-recall-${id}`} label="Lý do từ chối" error={errorOf("reason")} {...form.register("reason")} />}
      </StepForm>
    </div>
  );
}

"use client";

import { revokeDelegationAction } from "@/lib/server-actions/delegations";
import { StepForm, TextArea } from "@/components/ui/step-form";
import { revokeDelegationSchema } from "@/lib/delegations/schemas";

/** Thu hồi ủy quyền: a reason, then a confirmation; it takes effect at once. */
export function RevokeDelegationForm({ id, summary }: { id: string; summary: string }) {
  return (
    <StepForm
      label="Thu hồi ủy quyền"
      schema={revokeDelegationSchema}
      action={revokeDelegationAction}
      defaultValues={{ id, reason: "" }}
      variant="danger"
      success="Đã thu hồi ủy quyền."
      confirm={{ title: "Thu hồi ủy quyền này?", body: <p>{summary} Dự thảo đang dựa vào ủy quyền này sẽ không qua được bước kiểm tra và ký.</p> }}
    >
      {({ form, errorOf }) => <TextArea id={`revoke-reason-${id}`} label="Lý do thu hồi" rows={2} error={errorOf("reason")} {...form.register("reason")} />}
    </StepForm>
  );
}

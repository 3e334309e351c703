"use client";

import { changeIncomingSecrecyAction } from "@/lib/server-actions/incoming";
import { changeOutgoingSecrecyAction } from "@/lib/server-actions/outgoing";
import { Disclosure } from "@/components/ui/disclosure";
import { SelectField } from "@/components/ui/field";
import { StepForm, TextArea } from "@/components/ui/step-form";
import { SECRECY_LABELS } from "@/lib/incoming/labels";
import type { Secrecy } from "@/lib/secrecy/rules";
import { changeSecrecySchema } from "@/lib/secrecy/schemas";

/**
 * Thay đổi độ mật: a step of its own for the leadership and the văn thư (the page shows it only to
 * them; the action checks again), with the reason written on the trail and in the audit entry. A rare step:
 * its form opens on demand, as the corrections of a registration.
 */
export function SecrecyPanel({ kind, id, current, hasFiles }: { kind: "incoming" | "outgoing"; id: string; current: Secrecy; hasFiles: boolean }) {
  const others = (Object.keys(SECRECY_LABELS) as Secrecy[]).filter((k) => k !== current);
  return (
    <Disclosure summary="Mở biểu mẫu thay đổi độ mật" link>
      <div className="mt-3">
        <StepForm
          label="Thay đổi độ mật"
          schema={changeSecrecySchema}
          action={kind === "incoming" ? changeIncomingSecrecyAction : changeOutgoingSecrecyAction}
          defaultValues={{ id, secrecy: others[0], reason: "" }}
          success="Đã thay đổi độ mật."
        >
          {({ form, errorOf }) => (
            <>
              <p className="text-sm text-slate-600">
                Độ mật hiện tại: <span className="font-medium">{SECRECY_LABELS[current]}</span>. Văn bản đã từng là văn bản mật không lưu tệp
                trên hệ thống, kể cả sau khi giảm mật{hasFiles && current === "normal" ? "; các tệp đang có sẽ không còn được cung cấp khi chuyển thành văn bản mật" : ""}.
              </p>
              <SelectField id="secrecy-new" label="Độ mật mới" error={errorOf("secrecy")} {...form.register("secrecy")}>
                {others.map((k) => <option key={k} value={k}>{SECRECY_LABELS[k]}</option>)}
              </SelectField>
              <TextArea id="secrecy-reason" label="Lý do thay đổi độ mật" error={errorOf("reason")} {...form.register("reason")} />
            </>
          )}
        </StepForm>
      </div>
    </Disclosure>
  );
}

"use client";

import {
  assignDocumentAction, cascadeAssignmentAction, completeAssignmentAction, handOverPaperAction, noteProgressAction,
  passToLeaderAction, registerArrivalAction, returnToSenderAction, sendBackToClerkAction, sendOpinionAction, submitToLeaderAction,
} from "@/lib/server-actions/incoming";
import { ActionButton } from "@/components/ui/action-button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormDateField } from "@/components/ui/date-field";
import { StepForm, TextArea } from "@/components/ui/step-form";
import type { RecipientOption } from "@/lib/incoming/options";
import {
  assignSchema, cascadeSchema, completeSchema, handOverSchema, passSchema, progressSchema, returnSchema, submitSchema,
} from "@/lib/incoming/schemas";
import { ASSIGN_PEOPLE_URL, emptyRecipient, RecipientRows } from "./recipient-rows";
import { WaitForOpinionsField } from "./wait-for-opinions";
import { Disclosure } from "@/components/ui/disclosure";

type Leader = { id: string; fullName: string; title: string };

function LeaderSelect({ id, label, leaders, error, ...rest }: { id: string; label: string; leaders: Leader[]; error?: string } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <SelectField id={id} label={label} error={error} {...rest}>
      <option value="">— Chọn lãnh đạo —</option>
      {leaders.map((l) => <option key={l.id} value={l.id}>{l.fullName} – {l.title}</option>)}
    </SelectField>
  );
}

export function ArrivalPanel({ id }: { id: string }) {
  return (
    <div className="space-y-4">
      <ActionButton action={registerArrivalAction} input={{ id }} label="Vào sổ" variant="primary" />
      <StepForm label="Trả lại" schema={returnSchema} action={returnToSenderAction} defaultValues={{ id, reason: "" }}>
        {({ form, errorOf }) => <TextArea id="return-reason" label="Lý do trả lại" error={errorOf("reason")} {...form.register("reason")} />}
      </StepForm>
    </div>
  );
}

export function SubmitPanel({ id, leaders }: { id: string; leaders: Leader[] }) {
  return (
    <StepForm label="Trình lãnh đạo" schema={submitSchema} action={submitToLeaderAction} defaultValues={{ id, leaderId: "" }}>
      {({ form, errorOf }) => <LeaderSelect id="submit-leader" label="Lãnh đạo nhận" leaders={leaders} error={errorOf("leaderId")} {...form.register("leaderId")} />}
    </StepForm>
  );
}

export function HandOverPanel({ id, today }: { id: string; today: string }) {
  return (
    <StepForm label="Giao văn bản giấy" schema={handOverSchema} action={handOverPaperAction} defaultValues={{ id, handedAt: today, receiver: "" }} success="Đã ghi nhận giao bản giấy.">
      {({ form, errorOf }) => (
        <div className="grid gap-3 sm:grid-cols-2">
          <FormDateField id="handover-date" label="Ngày chuyển" error={errorOf("handedAt")} control={form.control} name="handedAt" />
          <TextField id="handover-receiver" label="Người nhận (ký nhận)" error={errorOf("receiver")} {...form.register("receiver")} />
        </div>
      )}
    </StepForm>
  );
}

export function LeaderPanel({ id, leaders, options, morePeople }: { id: string; leaders: Leader[]; options: RecipientOption[]; morePeople: boolean }) {
  return (
    <div className="space-y-6">
      <StepForm
        label="Chuyển xử lý"
        schema={assignSchema}
        action={assignDocumentAction}
        defaultValues={{ id, instruction: "", recipients: [emptyRecipient("lead")], waitForOpinions: false } as never}
      >
        {({ form, errorOf }) => (
          <>
            <TextArea id="instruction" label="Ý kiến chỉ đạo" rows={3} error={errorOf("instruction")} {...form.register("instruction")} />
            <RecipientRows form={form} options={options} errorOf={errorOf} morePeopleUrl={morePeople ? ASSIGN_PEOPLE_URL : undefined} />
            <WaitForOpinionsField form={form} />
          </>
        )}
      </StepForm>
      <Disclosure className="rounded-md border border-slate-200 p-3" summary="Chuyển lãnh đạo khác hoặc trả lại văn thư">
        <div className="mt-3 grid gap-6 sm:grid-cols-2">
          <StepForm label="Chuyển lãnh đạo khác" schema={passSchema} action={passToLeaderAction} defaultValues={{ id, leaderId: "", note: "" }}>
            {({ form, errorOf }) => (
              <>
                <LeaderSelect id="pass-leader" label="Lãnh đạo nhận" leaders={leaders} error={errorOf("leaderId")} {...form.register("leaderId")} />
                <TextArea id="pass-note" label="Ý kiến" error={errorOf("note")} {...form.register("note")} />
              </>
            )}
          </StepForm>
          <StepForm label="Trả lại" schema={returnSchema} action={sendBackToClerkAction} defaultValues={{ id, reason: "" }}>
            {({ form, errorOf }) => <TextArea id="sendback-reason" label="Lý do trả lại văn thư" error={errorOf("reason")} {...form.register("reason")} />}
          </StepForm>
        </div>
      </Disclosure>
    </div>
  );
}

export function CascadePanel({ assignmentId, unitName, options, lead }: { assignmentId: string; unitName: string; options: RecipientOption[]; lead: boolean }) {
  return (
    <StepForm
      label="Chuyển xử lý"
      schema={cascadeSchema}
      action={cascadeAssignmentAction}
      defaultValues={{ assignmentId, instruction: "", recipients: [emptyRecipient(lead ? "lead" : "coordinate")] } as never}
    >
      {({ form, errorOf }) => (
        <>
          <p className="text-sm text-slate-600">Phần việc của {unitName}: giao cho chuyên viên hoặc phòng trực thuộc.</p>
          <TextArea id={`cascade-note-${assignmentId}`} label="Ý kiến" error={errorOf("instruction")} {...form.register("instruction")} />
          <RecipientRows form={form} options={options} errorOf={errorOf} />
        </>
      )}
    </StepForm>
  );
}

export function WorkPanel({ assignmentId, coordinate }: { assignmentId: string; coordinate: boolean }) {
  return (
    <div className="grid gap-6 sm:grid-cols-2">
      <StepForm
        label={coordinate ? "Gửi ý kiến phối hợp" : "Cập nhật tiến độ"}
        schema={progressSchema}
        action={coordinate ? sendOpinionAction : noteProgressAction}
        defaultValues={{ assignmentId, text: "" }}
        success="Đã ghi nhận."
      >
        {({ form, errorOf }) => <TextArea id={`progress-${assignmentId}`} label={coordinate ? "Ý kiến phối hợp" : "Tiến độ"} error={errorOf("text")} {...form.register("text")} />}
      </StepForm>
      <StepForm label="Hoàn thành" schema={completeSchema} action={completeAssignmentAction} defaultValues={{ assignmentId, result: "" }}>
        {({ form, errorOf }) => <TextArea id={`result-${assignmentId}`} label="Kết quả xử lý" error={errorOf("result")} {...form.register("result")} />}
      </StepForm>
    </div>
  );
}

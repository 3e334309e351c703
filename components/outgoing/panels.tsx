"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  answerConsultationAction, approveDraftAction, checkDraftAction, consultUnitsAction, issueDocumentAction, returnDraftAction, signDraftAction,
  submitDraftAction, withdrawDocumentAction,
} from "@/lib/server-actions/outgoing";
import { FileField } from "@/components/incoming/file-field";
import { ActionButton } from "@/components/ui/action-button";
import { Button } from "@/components/ui/button";
import { errorProps, FieldError, FormMessage, SelectField, TextField } from "@/components/ui/field";
import { FormDateField } from "@/components/ui/date-field";
import { StepForm, TextArea } from "@/components/ui/step-form";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useActionForm } from "@/components/ui/use-action-form";
import type { CheckItem } from "@/lib/outgoing/checks";
import { MANUAL_CHECKS } from "@/lib/outgoing/checks";
import { Disclosure } from "@/components/ui/disclosure";
import {
  answerSchema, approveSchema, checkSchema, consultSchema, ISSUE_FILE_REQUIRED, issueSchema, returnDraftSchema, withdrawSchema,
} from "@/lib/outgoing/schemas";
import type { UploadedFileInfo } from "@/lib/storage/client";

type Unit = { id: string; name: string };

export function SubmitPanel({ id }: { id: string }) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <ActionButton action={submitDraftAction} input={{ id }} label="Trình duyệt" variant="primary" />
      <a href={`/outgoing/${id}/edit`} className="text-sm text-brand-700 hover:underline">Sửa dự thảo, tải lên phiên bản mới</a>
    </div>
  );
}

function ReturnForm({ id }: { id: string }) {
  return (
    <StepForm label="Trả lại" schema={returnDraftSchema} action={returnDraftAction} defaultValues={{ id, comment: "" }} variant="secondary">
      {({ form, errorOf }) => <TextArea id="return-comment" label="Ý kiến trả lại (người soạn thảo sửa theo)" error={errorOf("comment")} {...form.register("comment")} />}
    </StepForm>
  );
}

function ConsultForm({ id, units }: { id: string; units: Unit[] }) {
  return (
    <Disclosure className="rounded-md border border-slate-200 p-3" summary="Lấy ý kiến đơn vị khác">
      <div className="mt-3">
        <StepForm label="Lấy ý kiến" schema={consultSchema} action={consultUnitsAction} defaultValues={{ id, unitIds: [], request: "", deadline: "" }} variant="secondary" success="Đã gửi đề nghị góp ý.">
          {({ form, errorOf }) => (
            <>
              <fieldset {...errorProps("consult-units", errorOf("unitIds"))}>
                <legend className="text-sm font-medium text-slate-700">Đơn vị được xin ý kiến</legend>
                <div className="mt-1 grid gap-1 sm:grid-cols-2">
                  {units.map((u) => (
                    <label key={u.id} className="flex items-center gap-2 text-sm">
                      <input type="checkbox" value={u.id} {...form.register("unitIds")} /> {u.name}
                    </label>
                  ))}
                </div>
                <FieldError id="consult-units" message={errorOf("unitIds")} />
              </fieldset>
              <TextArea id="consult-request" label="Nội dung xin ý kiến" error={errorOf("request")} {...form.register("request")} />
              <FormDateField id="consult-deadline" label="Hạn góp ý" error={errorOf("deadline")} control={form.control} name="deadline" />
            </>
          )}
        </StepForm>
      </div>
    </Disclosure>
  );
}

/** A head of the drafting unit: approve the content, return it, or ask other units. */
export function ReviewPanel({ id, units }: { id: string; units: Unit[] }) {
  return (
    <div className="space-y-4">
      <div className="grid gap-6 sm:grid-cols-2">
        <StepForm label="Duyệt" schema={approveSchema} action={approveDraftAction} defaultValues={{ id, comment: "" }}>
          {({ form, errorOf }) => <TextArea id="approve-comment" label="Ý kiến (không bắt buộc)" error={errorOf("comment")} {...form.register("comment")} />}
        </StepForm>
        <ReturnForm id={id} />
      </div>
      <ConsultForm id={id} units={units} />
    </div>
  );
}

/** The Chánh Văn phòng: the system's checks, the manual ones, then approve or return. */
export function CheckPanel({ id, units, checks }: { id: string; units: Unit[]; checks: CheckItem[] }) {
  const passed = checks.every((c) => c.ok);
  return (
    <div className="space-y-4">
      <ul className="space-y-1 text-sm" aria-label="Kết quả kiểm tra của hệ thống">
        {checks.map((c) => (
          <li key={c.key} className="flex gap-2">
            <span aria-hidden className={c.ok ? "text-emerald-700" : "text-red-700"}>{c.ok ? "✓" : "✗"}</span>
            <span>
              <span className="font-medium">{c.label}</span>
              <span className="sr-only">{c.ok ? ": đạt" : ": chưa đạt"}</span> – {c.detail}
            </span>
          </li>
        ))}
      </ul>
      {!passed ? <p className="text-sm text-red-700">Có mục chưa đạt: hãy trả lại để người soạn thảo sửa.</p> : null}
      <div className="grid gap-6 sm:grid-cols-2">
        <StepForm label="Duyệt" schema={checkSchema} action={checkDraftAction} defaultValues={{ id, comment: "", legal: false, format: false }}>
          {({ form, errorOf }) => (
            <>
              {MANUAL_CHECKS.map((m) => (
                <div key={m.key}>
                  <label className="flex items-start gap-2 text-sm">
                    <input type="checkbox" className="mt-1" {...errorProps(`check-${m.key}`, errorOf(m.key))} {...form.register(m.key)} /> {m.label}
                  </label>
                  <FieldError id={`check-${m.key}`} message={errorOf(m.key)} className="text-sm text-red-700" />
                </div>
              ))}
              <TextArea id="check-comment" label="Ý kiến (không bắt buộc)" error={errorOf("comment")} {...form.register("comment")} />
            </>
          )}
        </StepForm>
        <ReturnForm id={id} />
      </div>
      <ConsultForm id={id} units={units} />
    </div>
  );
}

/** The proposed signer: approve and sign, or return. */
export function SignPanel({ id, units, digital }: { id: string; units: Unit[]; digital?: React.ReactNode }) {
  // Ký số (issue 14) comes first when the draft has a file; the click below is the paper path: the leader
  // signs the printed document by hand, and the clerk scans it at issue (and secret documents, which keep no
  // file here, only go this way).
  return (
    <div className="space-y-4">
      {digital ? (
        <section aria-labelledby={`ky-so-${id}`} className="space-y-3">
          <h3 id={`ky-so-${id}`} className="text-sm font-semibold text-slate-900">Ký số</h3>
          {digital}
        </section>
      ) : null}
      <div className="grid gap-6 sm:grid-cols-2">
        <section aria-labelledby={`ky-giay-${id}`} className="space-y-2">
          <h3 id={`ky-giay-${id}`} className="text-sm font-semibold text-slate-900">Ký trên bản giấy</h3>
          <p className="text-xs text-slate-600">Đồng ý ban hành và ký tay trên bản in; văn thư phát hành bản giấy hoặc bản chụp có chữ ký.</p>
          <StepForm
            label="Ký duyệt"
            schema={approveSchema}
            action={signDraftAction}
            defaultValues={{ id, comment: "" }}
            confirm={{
              title: "Ký duyệt dự thảo này?",
              body: <p>Sau khi ký duyệt, dự thảo chuyển văn thư phát hành; người soạn thảo không sửa được nữa.</p>,
            }}
          >
            {({ form, errorOf }) => <TextArea id="sign-comment" label="Ý kiến (không bắt buộc)" error={errorOf("comment")} {...form.register("comment")} />}
          </StepForm>
        </section>
        <ReturnForm id={id} />
      </div>
      <ConsultForm id={id} units={units} />
    </div>
  );
}

/** A head of a consulted unit sends the unit's comments. */
export function AnswerPanel({ consultationId, request }: { consultationId: string; request: string }) {
  return (
    <StepForm label="Gửi ý kiến góp ý" schema={answerSchema} action={answerConsultationAction} defaultValues={{ consultationId, answer: "" }}>
      {({ form, errorOf }) => (
        <>
          <p className="text-sm text-slate-700">Đề nghị: {request}</p>
          <TextArea id={`answer-${consultationId}`} label="Ý kiến góp ý" rows={3} error={errorOf("answer")} {...form.register("answer")} />
        </>
      )}
    </StepForm>
  );
}

/** Phát hành: the register, the signed PDF, pages and copies; the system gives số đi and ký hiệu. */
export function IssuePanel({ id, secret, noFile, signed = false, attachments = 0, registers, maxBytes, notation }: {
  id: string;
  /** Phụ lục in their own files marked in the current version (NĐ 30/2020 Phụ lục I §8). */
  attachments?: number;
  secret: boolean;
  /** Ký số (issue 14): the signer signed digitally; the system stamps and applies the agency signature, nothing is uploaded. */
  signed?: boolean;
  /** Is or was secret: issued on paper, no file (lib/secrecy/rules.ts). */
  noFile: boolean;
  registers: { id: string; name: string; lastNo: number }[];
  maxBytes: number;
  notation: string;
}) {
  const router = useRouter();
  const [files, setFiles] = useState<UploadedFileInfo[]>([]);
  const { form, onSubmit, pending, formError, errorOf } = useActionForm({
    schema: issueSchema,
    action: issueDocumentAction,
    defaultValues: { id, registerId: registers[0]?.id ?? "", fileId: "", pageCount: "" as never, issuedAmount: "" as never },
    onSuccess: () => router.refresh(),
  });
  const [asking, setAsking] = useState(false);
  const register = registers.find((r) => r.id === form.watch("registerId"));
  return (
    <>
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        // The form's own checks first; the number is given only after the confirmation.
        if (!(await form.trigger())) return;
        if (!noFile && !signed && !form.getValues("fileId")) form.setError("fileId", { type: "required", message: ISSUE_FILE_REQUIRED });
        else setAsking(true);
      }}
      noValidate
      className="space-y-4"
      aria-label="Phát hành"
    >
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField id="registerId" label="Sổ văn bản đi" error={errorOf("registerId")} {...form.register("registerId")}>
          {registers.length === 0 ? <option value="">{secret ? "Sổ đăng ký văn bản đi mật" : "Sổ đăng ký văn bản đi"} (số tiếp theo: 1)</option> : null}
          {registers.map((r) => <option key={r.id} value={r.id}>{r.name} (số tiếp theo: {r.lastNo + 1})</option>)}
        </SelectField>
        <TextField id="pageCount" label="Số trang" type="number" min={1} error={errorOf("pageCount")} {...form.register("pageCount")} />
        <TextField id="issuedAmount" label="Số lượng bản" type="number" min={1} error={errorOf("issuedAmount")} {...form.register("issuedAmount")} />
      </div>
      <p className="text-sm text-slate-600">Ký hiệu: …/{notation}, ngày hôm nay. Số đi do hệ thống cấp khi phát hành.</p>
      {signed ? (
        <p className="text-sm text-slate-700">
          Văn bản đã có chữ ký số của người có thẩm quyền. Khi phát hành, hệ thống ghi số, ký hiệu, ngày vào chỗ dành sẵn và ký số của cơ quan (hình ảnh
          con dấu bên trái chữ ký); không cần tải tệp lên.
          {attachments ? ` Hệ thống cũng ký số của cơ quan lên ${attachments} phụ lục (góc trên bên phải trang đầu, ghi số, ký hiệu và thời gian ký) và gửi kèm văn bản.` : ""}
        </p>
      ) : (
        <>
        {attachments && !noFile ? (
          <p className="text-sm text-slate-700">
            Dự thảo có {attachments} phụ lục. Văn bản ký trên giấy: bản chụp tải lên cần gồm cả phụ lục đã đóng dấu; tệp phụ lục của dự thảo không được gửi đi.
          </p>
        ) : null}
        <FileField
          id="final-file"
          label="Văn bản ký trên giấy: bản chụp đã ký, đóng dấu (PDF)"
          accept=".pdf"
          types="PDF"
          multiple={false}
          disabled={noFile}
          disabledHint={secret ? "Văn bản mật chỉ vào sổ phần thông tin, phát hành bản giấy." : "Văn bản đã từng là văn bản mật không lưu tệp trên hệ thống; phát hành bản giấy."}
          files={files}
          error={errorOf("fileId")}
          maxBytes={maxBytes}
          onChange={(next) => {
            setFiles(next);
            form.setValue("fileId", next[0]?.id ?? "");
          }}
        />
        </>
      )}
      <FormMessage message={formError} />
      <Button type="submit" pending={pending} aria-haspopup="dialog">Phát hành</Button>
    </form>
    <ConfirmDialog
      open={asking}
      title="Phát hành văn bản này?"
      confirmLabel="Phát hành"
      onCancel={() => setAsking(false)}
      onConfirm={() => {
        setAsking(false);
        void onSubmit();
      }}
    >
      <p>
        Hệ thống cấp số đi {register ? `số ${register.lastNo + 1} trong ${register.name}` : "số 1 trong sổ văn bản đi"}, ký hiệu …/{notation},
        {signed ? ` ký số của cơ quan${attachments ? ` lên văn bản và ${attachments} phụ lục` : ""}` : ""} và gửi văn bản
        tới các nơi nhận. Số đã cấp không dùng lại; sau khi phát hành chỉ có thể thu hồi.
      </p>
    </ConfirmDialog>
    </>
  );
}

export function WithdrawPanel({ id }: { id: string }) {
  return (
    <StepForm label="Thu hồi" schema={withdrawSchema} action={withdrawDocumentAction} defaultValues={{ id, reason: "" }} variant="danger">
      {({ form, errorOf }) => <TextArea id="withdraw-reason" label="Lý do thu hồi (báo cho nơi nhận)" error={errorOf("reason")} {...form.register("reason")} />}
    </StepForm>
  );
}

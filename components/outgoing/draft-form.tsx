"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { createDraftAction, reviseDraftAction } from "@/lib/server-actions/outgoing";
import { FileField } from "@/components/incoming/file-field";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { FormDateField } from "@/components/ui/date-field";
import { TextArea } from "@/components/ui/step-form";
import { useActionForm } from "@/components/ui/use-action-form";
import { DOC_TYPES, SECRECY_LABELS, URGENCY_LABELS } from "@/lib/incoming/labels";
import { AUTHORITY_LABELS } from "@/lib/outgoing/labels";
import type { OutgoingRecipientOption } from "@/lib/outgoing/options";
import { draftSchema, type DraftInput } from "@/lib/outgoing/schemas";
import { ATTACHMENT_HINT, ATTACHMENT_LABEL, DRAFT_FILE_EXTS, DRAFT_FILE_TYPES } from "@/lib/outgoing/draft-files";
import { acceptOf, PDF_MIME, type UploadedFileInfo } from "@/lib/storage/client";
import { RecipientsEditor } from "./recipients-editor";

/** A leader, or a person holding a signing delegation (note: "TL. Giám đốc đến 31/12/2026"). */
type Signer = { id: string; fullName: string; title: string; note?: string };

/**
 * Tạo dự thảo and its revisions: one form, the shared zod schema; every upload is a new version of
 * the draft (the earlier ones stay on the document page). Nothing typed is lost on an error.
 */
export function DraftForm({
  mode, id, replyToId, unitId, defaults, signers, options, maxBytes, noFiles,
}: {
  mode: "create" | "revise";
  id?: string;
  replyToId?: string;
  unitId?: string;
  defaults: Partial<DraftInput>;
  signers: Signer[];
  options: OutgoingRecipientOption[];
  maxBytes: number;
  /** The document is or was secret: it keeps no file (lib/secrecy/rules.ts). */
  noFiles?: boolean;
}) {
  const router = useRouter();
  const [files, setFiles] = useState<UploadedFileInfo[]>([]);
  const { form, onSubmit, pending, formError, errorOf } = useActionForm({
    schema: draftSchema,
    action: (values) =>
      mode === "create"
        ? createDraftAction({ ...values, replyToId: replyToId ?? "", unitId: unitId ?? "" })
        : // Độ mật is kept as stored; changing it is the leadership's or the văn thư's own step.
          reviseDraftAction({ ...values, secrecy: undefined, id }),
    defaultValues: {
      docType: "Công văn", subject: "", urgency: "normal", secrecy: "normal", signerId: "", authority: "direct", replyDeadline: "", note: "", fileCode: "",
      recipients: [], fileIds: [], attachmentIds: [], versionNote: "", ...defaults,
    } as never,
    onSuccess: (data) => router.push(`/outgoing/${(data as { id: string }).id}?saved=1`),
  });
  const secret = form.watch("secrecy") !== "normal" || !!noFiles;
  const attachmentIds: string[] = form.watch("attachmentIds") ?? [];
  const setAttachments = (ids: string[]) => form.setValue("attachmentIds", ids, { shouldDirty: true });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label={mode === "create" ? "Tạo dự thảo" : "Sửa dự thảo"}>
      <SelectField id="docType" label="Loại văn bản" error={errorOf("docType")} {...form.register("docType")}>
        {DOC_TYPES.map((d) => <option key={d} value={d}>{d}</option>)}
      </SelectField>
      <FormDateField id="replyDeadline" label="Hạn trả lời" error={errorOf("replyDeadline")} control={form.control} name="replyDeadline" />
      <div className="sm:col-span-2">
        <TextArea id="subject" label="Trích yếu" rows={3} error={errorOf("subject")} {...form.register("subject")} />
      </div>
      <SelectField id="urgency" label="Độ khẩn" {...form.register("urgency")}>
        {Object.entries(URGENCY_LABELS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
      </SelectField>
      {mode === "create" ? (
        <SelectField id="secrecy" label="Độ mật" error={errorOf("secrecy")} hint="Văn bản mật chỉ lập thông tin, không tải tệp, chỉ gửi bản giấy." {...form.register("secrecy")}>
          {Object.entries(SECRECY_LABELS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </SelectField>
      ) : (
        <TextField
          id="secrecy"
          label="Độ mật"
          readOnly
          value={SECRECY_LABELS[defaults.secrecy ?? "normal"]}
          hint="Thay đổi độ mật do lãnh đạo hoặc văn thư thực hiện trên trang văn bản, có ghi lý do."
        />
      )}
      <SelectField
        id="signerId"
        label="Người ký"
        error={errorOf("signerId")}
        hint="Lãnh đạo Sở, hoặc người được ủy quyền ký (KT., TL., TUQ.) theo mục Ủy quyền ký."
        {...form.register("signerId")}
      >
        <option value="">— Chọn người ký —</option>
        {signers.map((s) => <option key={s.id} value={s.id}>{s.fullName} – {s.title}{s.note ? ` (${s.note})` : ""}</option>)}
      </SelectField>
      <SelectField id="authority" label="Thẩm quyền ký" error={errorOf("authority")} {...form.register("authority")}>
        {Object.entries(AUTHORITY_LABELS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
      </SelectField>
      <div className="sm:col-span-2">
        <RecipientsEditor form={form} options={options} errorOf={errorOf} />
      </div>
      <div className="sm:col-span-2">
        <FileField
          id="draft-files"
          label={mode === "create" ? `Tệp dự thảo và tài liệu kèm theo (${DRAFT_FILE_TYPES})` : `Tải lên phiên bản mới (${DRAFT_FILE_TYPES})`}
          accept={acceptOf(DRAFT_FILE_EXTS)}
          types={DRAFT_FILE_TYPES}
          disabled={secret}
          disabledHint={noFiles && form.watch("secrecy") === "normal" ? "Văn bản đã từng là văn bản mật không lưu tệp trên hệ thống." : undefined}
          files={files}
          error={errorOf("fileIds")}
          maxBytes={maxBytes}
          onChange={(next) => {
            setFiles(next);
            form.setValue("fileIds", next.map((f) => f.id));
            // A phụ lục stays marked only while it is still listed and not the first file (the văn bản chính).
            setAttachments(attachmentIds.filter((a) => next.findIndex((f) => f.id === a) > 0));
          }}
          fileExtra={(f, i) =>
            i === 0 ? null : (
              <label className="mt-1 flex items-start gap-2 text-xs text-slate-700">
                <input
                  type="checkbox"
                  className="mt-0.5"
                  aria-label={`${ATTACHMENT_LABEL}: ${f.name}`}
                  // The agency signs phụ lục at Phát hành, and signs PDFs only (NĐ 30/2020 Phụ lục I §8).
                  disabled={f.mime !== PDF_MIME}
                  checked={attachmentIds.includes(f.id)}
                  onChange={(e) => setAttachments(e.target.checked ? [...attachmentIds, f.id] : attachmentIds.filter((a) => a !== f.id))}
                />
                <span>
                  {ATTACHMENT_LABEL}
                  {f.mime !== PDF_MIME ? " – chỉ tệp PDF; tệp này là tài liệu kèm theo, không phát hành." : ""}
                </span>
              </label>
            )
          }
        />
        {files.length > 1 ? <p className="mt-1 text-xs text-slate-500">{ATTACHMENT_HINT}</p> : null}
        {errorOf("attachmentIds") ? <p id="attachmentIds-error" role="alert" className="mt-1 text-sm text-red-700">{errorOf("attachmentIds")}</p> : null}
      </div>
      <TextField id="versionNote" label="Ghi chú phiên bản" error={errorOf("versionNote")} {...form.register("versionNote")} />
      <TextField id="note" label="Ghi chú" error={errorOf("note")} {...form.register("note")} />
      <TextField id="fileCode" label="Mã hồ sơ" hint="Ví dụ 03.TCBC: dự thảo tự vào hồ sơ đang mở có mã này." error={errorOf("fileCode")} {...form.register("fileCode")} />
      <div className="space-y-3 sm:col-span-2">
        <FormMessage message={formError} />
        <Button type="submit" pending={pending}>{mode === "create" ? "Tạo dự thảo" : "Lưu dự thảo"}</Button>
      </div>
    </form>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  addDocumentAction, addUploadAction, closeFileAction, reopenFileAction, sortEntriesAction, reconcileFileAction,
} from "@/lib/server-actions/work-files";
import { FileField } from "@/components/incoming/file-field";
import { ActionButton } from "@/components/ui/action-button";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { FormDateField } from "@/components/ui/date-field";
import { StepForm, TextArea } from "@/components/ui/step-form";
import { useActionForm } from "@/components/ui/use-action-form";
import type { UploadedFileInfo } from "@/lib/storage/client";
import { addUploadSchema, closeFileSchema, reconcileSchema, reopenSchema } from "@/lib/work-files/schemas";

export function SortButton({ id }: { id: string }) {
  return <ActionButton action={sortEntriesAction} input={{ id }} label="Sắp xếp theo thời gian" />;
}

/** Thêm vào hồ sơ: one incoming or outgoing document found by the search. */
export function AddDocumentButton({ fileId, kind, documentId }: { fileId: string; kind: "incoming" | "outgoing"; documentId: string }) {
  return <ActionButton action={addDocumentAction} input={{ fileId, kind, documentId }} label="Thêm vào hồ sơ" variant="primary" />;
}

/** Thêm tài liệu khác: an uploaded paper with its metadata. */
export function UploadForm({ fileId, maxBytes }: { fileId: string; maxBytes: number }) {
  const router = useRouter();
  const [files, setFiles] = useState<UploadedFileInfo[]>([]);
  const { form, onSubmit, pending, formError, success, errorOf } = useActionForm({
    schema: addUploadSchema,
    action: addUploadAction,
    defaultValues: { fileId, storedFileId: "", docType: "", symbol: "", docDate: "", author: "", subject: "", pageCount: "", note: "" },
    successMessage: "Đã thêm tài liệu vào hồ sơ.",
    onSuccess: () => {
      setFiles([]);
      form.reset();
      router.refresh();
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Thêm tài liệu khác">
      <FileField
        id="upload-file"
        label="Tệp tài liệu"
        accept=".pdf,.docx,.png,.jpg,.jpeg"
        types="PDF, DOCX, PNG hoặc JPEG"
        multiple={false}
        files={files}
        error={errorOf("storedFileId")}
        maxBytes={maxBytes}
        onChange={(next) => {
          setFiles(next);
          form.setValue("storedFileId", next[0]?.id ?? "", { shouldValidate: form.formState.isSubmitted });
        }}
      />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField id="upload-docType" label="Tên loại" error={errorOf("docType")} {...form.register("docType")} />
        <TextField id="upload-symbol" label="Số, ký hiệu" error={errorOf("symbol")} {...form.register("symbol")} />
        <FormDateField id="upload-docDate" label="Ngày tháng văn bản" error={errorOf("docDate")} control={form.control} name="docDate" />
        <TextField id="upload-author" label="Tác giả" error={errorOf("author")} {...form.register("author")} />
        <TextField id="upload-pageCount" label="Số trang" type="number" min={1} error={errorOf("pageCount")} {...form.register("pageCount")} />
        <TextField id="upload-note" label="Ghi chú" error={errorOf("note")} {...form.register("note")} />
      </div>
      <TextArea id="upload-subject" label="Trích yếu" error={errorOf("subject")} {...form.register("subject")} />
      <FormMessage message={formError} />
      <FormMessage message={success} tone="success" />
      <Button type="submit" pending={pending}>Thêm tài liệu khác</Button>
    </form>
  );
}

export interface CloseDefaults {
  title: string;
  startDate: string;
  endDate: string;
  retentionCode: string;
  pages: number | null;
  description: string;
}

/**
 * Đóng hồ sơ: the metadata prefilled from the documents, checked by the person before closing. The
 * page keys it on the documents' version, so adding a document redraws it with the new prefill.
 */
export function CloseForm({ id, defaults, retentions }: { id: string; defaults: CloseDefaults; retentions: { code: string; label: string }[] }) {
  const pages = defaults.pages ?? "";
  return (
    <StepForm
      label="Đóng hồ sơ"
      schema={closeFileSchema}
      action={closeFileAction}
      defaultValues={{
        id, title: defaults.title, startDate: defaults.startDate, endDate: defaults.endDate, retentionCode: defaults.retentionCode,
        sheets: pages as number, pages: pages as number, rights: "Hạn chế", language: "Tiếng Việt", description: defaults.description,
        // What is shown before any typing: the server recomputes a field still equal to it from the file's current documents.
        prefilled: { startDate: defaults.startDate, endDate: defaults.endDate, sheets: String(pages), pages: String(pages) },
      }}
    >
      {({ form, errorOf }) => (
        <div className="grid gap-3 sm:grid-cols-3">
          <div className="sm:col-span-3">
            <TextArea id="close-title" label="Tiêu đề hồ sơ" error={errorOf("title")} {...form.register("title")} />
          </div>
          <FormDateField id="close-startDate" label="Thời gian bắt đầu" error={errorOf("startDate")} control={form.control} name="startDate" />
          <FormDateField id="close-endDate" label="Thời gian kết thúc" error={errorOf("endDate")} control={form.control} name="endDate" />
          <SelectField id="close-retention" label="Thời hạn bảo quản" error={errorOf("retentionCode")} {...form.register("retentionCode")}>
            {retentions.map((r) => <option key={r.code} value={r.code}>{r.label}</option>)}
          </SelectField>
          <TextField id="close-sheets" label="Số tờ" type="number" min={1} error={errorOf("sheets")} {...form.register("sheets")} />
          <TextField id="close-pages" label="Số trang" type="number" min={1} error={errorOf("pages")} {...form.register("pages")} />
          <SelectField id="close-rights" label="Chế độ sử dụng" error={errorOf("rights")} {...form.register("rights")}>
            <option value="Hạn chế">Hạn chế</option>
            <option value="Công khai">Công khai</option>
          </SelectField>
          <TextField id="close-language" label="Ngôn ngữ" error={errorOf("language")} {...form.register("language")} />
          <div className="sm:col-span-2">
            <TextField id="close-description" label="Chú giải" error={errorOf("description")} {...form.register("description")} />
          </div>
        </div>
      )}
    </StepForm>
  );
}

export function ReopenForm({ id }: { id: string }) {
  return (
    <StepForm label="Mở lại hồ sơ" schema={reopenSchema} action={reopenFileAction} defaultValues={{ id, reason: "" }} variant="secondary">
      {({ form, errorOf }) => <TextArea id="reopen-reason" label="Lý do mở lại (báo cho người lập hồ sơ)" error={errorOf("reason")} {...form.register("reason")} />}
    </StepForm>
  );
}

/** Đối chiếu với hồ sơ giấy: the mark and the notes (Quy chế 376 Điều 4.3 Bước 3). */
export function ReconcileForm({ id, reconciled, note, idPrefix = "reconcile" }: { id: string; reconciled: boolean; note: string; idPrefix?: string }) {
  return (
    <StepForm
      label="Lưu kết quả đối chiếu"
      schema={reconcileSchema}
      action={reconcileFileAction}
      defaultValues={{ id, reconciled, note }}
      variant="secondary"
      success="Đã lưu kết quả đối chiếu."
    >
      {({ form, errorOf }) => (
        <>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" id={`${idPrefix}-mark-${id}`} {...form.register("reconciled")} /> Đã đối chiếu với hồ sơ giấy
          </label>
          <TextArea id={`${idPrefix}-note-${id}`} label="Ghi chú đối chiếu" error={errorOf("note")} {...form.register("note")} />
        </>
      )}
    </StepForm>
  );
}

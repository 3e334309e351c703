"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { linkPaperCopyAction, registerPaperAction } from "@/lib/server-actions/incoming";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { FormDateField } from "@/components/ui/date-field";
import { useActionForm } from "@/components/ui/use-action-form";
import { DOC_TYPES, SECRECY_LABELS, URGENCY_LABELS } from "@/lib/incoming/labels";
import { registerPaperSchema, type DuplicateInfo } from "@/lib/incoming/schemas";
import type { UploadedFileInfo } from "@/lib/storage/client";
import { FileField } from "./file-field";

/** Tiếp nhận văn bản giấy: the metadata of Phụ lục VI; the system gives the số đến on "Vào sổ". */
export function RegisterPaperForm({ maxBytes }: { maxBytes: number }) {
  const router = useRouter();
  const [duplicate, setDuplicate] = useState(false);
  const [duplicates, setDuplicates] = useState<DuplicateInfo[]>([]);
  const [files, setFiles] = useState<UploadedFileInfo[]>([]);
  const { form, onSubmit, pending, formError, errorOf } = useActionForm({
    schema: registerPaperSchema,
    action: async (values) => {
      const r = await registerPaperAction(values);
      setDuplicate(!r.ok && r.code === "conflict");
      setDuplicates(!r.ok && r.code === "conflict" && Array.isArray(r.details?.duplicates) ? (r.details.duplicates as DuplicateInfo[]) : []);
      return r;
    },
    defaultValues: { symbol: "", issuedDate: "", issuerName: "", docType: "Công văn", subject: "", signer: "", urgency: "normal", secrecy: "normal", pageCount: "" as unknown as number, dueDate: "", note: "", fileCode: "", fileIds: [], confirmDuplicate: false },
    onSuccess: (data) => router.push(`/incoming/${(data as { id: string }).id}?registered=1`),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="Tiếp nhận văn bản giấy">
      <TextField id="symbol" label="Số, ký hiệu" placeholder="Ví dụ: 15/QĐ-UBND" error={errorOf("symbol")} {...form.register("symbol")} />
      <FormDateField id="issuedDate" label="Ngày văn bản" error={errorOf("issuedDate")} control={form.control} name="issuedDate" />
      <TextField id="issuerName" label="Cơ quan ban hành" error={errorOf("issuerName")} {...form.register("issuerName")} />
      <SelectField id="docType" label="Loại văn bản" error={errorOf("docType")} {...form.register("docType")}>
        {DOC_TYPES.map((d) => (
          <option key={d} value={d}>{d}</option>
        ))}
      </SelectField>
      <div className="sm:col-span-2">
        <label htmlFor="subject" className="block text-sm font-medium text-slate-700">Trích yếu</label>
        <textarea
          id="subject"
          rows={3}
          aria-invalid={!!errorOf("subject")}
          aria-describedby={errorOf("subject") ? "subject-error" : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-600"
          {...form.register("subject")}
        />
        {errorOf("subject") ? <p id="subject-error" className="mt-1 text-sm text-red-700">{errorOf("subject")}</p> : null}
      </div>
      <TextField id="signer" label="Người ký" error={errorOf("signer")} {...form.register("signer")} />
      <TextField id="pageCount" label="Số trang" type="number" min={1} error={errorOf("pageCount")} {...form.register("pageCount")} />
      <SelectField id="urgency" label="Độ khẩn" {...form.register("urgency")}>
        {Object.entries(URGENCY_LABELS).map(([k, v]) => (
          <option key={k} value={k}>{v}</option>
        ))}
      </SelectField>
      <SelectField id="secrecy" label="Độ mật" hint="Văn bản mật chỉ vào sổ phần thông tin, vào sổ mật riêng." {...form.register("secrecy")}>
        {Object.entries(SECRECY_LABELS).map(([k, v]) => (
          <option key={k} value={k}>{v}</option>
        ))}
      </SelectField>
      <FormDateField id="dueDate" label="Hạn giải quyết" error={errorOf("dueDate")} control={form.control} name="dueDate" />
      <TextField id="note" label="Ghi chú" error={errorOf("note")} {...form.register("note")} />
      <TextField id="fileCode" label="Số và ký hiệu hồ sơ" hint="Ví dụ 03.TCBC: văn bản tự vào hồ sơ đang mở có mã này." error={errorOf("fileCode")} {...form.register("fileCode")} />
      <div className="sm:col-span-2">
        <FileField
          maxBytes={maxBytes}
          disabled={form.watch("secrecy") !== "normal"}
          files={files}
          error={errorOf("fileIds")}
          onChange={(next) => {
            setFiles(next);
            form.setValue("fileIds", next.map((f) => f.id));
          }}
        />
      </div>
      <div className="space-y-3 sm:col-span-2">
        <FormMessage message={formError} />
        {duplicates.length ? <DuplicateList duplicates={duplicates} fileIds={files.map((f) => f.id)} /> : null}
        {duplicate ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" {...form.register("confirmDuplicate")} /> Tôi đã kiểm tra, vẫn vào sổ văn bản này
          </label>
        ) : null}
        <Button type="submit" pending={pending}>Vào sổ</Button>
      </div>
    </form>
  );
}

/**
 * The likely duplicates of a refused registration, each with "Gắn vào văn bản này": the paper copy
 * (and its scans) joins that document instead of taking a second số đến.
 */
function DuplicateList({ duplicates, fileIds }: { duplicates: DuplicateInfo[]; fileIds: string[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [busyId, setBusyId] = useState<string>();
  const [error, setError] = useState<string>();
  return (
    <section aria-labelledby="duplicates-title" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
      <h2 id="duplicates-title" className="font-medium text-amber-900">Văn bản có thể trùng</h2>
      <p className="mt-1 text-amber-900">
        Nếu đây là bản giấy của một văn bản đã có, hãy gắn vào văn bản đó: các tệp vừa tải lên được gắn kèm, không cấp số đến mới.
      </p>
      <ul className="mt-2 divide-y divide-amber-200" aria-label="Văn bản có thể trùng">
        {duplicates.map((d) => (
          <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span>
              <a href={`/incoming/${d.id}`} target="_blank" rel="noopener" className="font-medium text-brand-700 hover:underline">
                {d.arrivalNo ? `Số đến ${d.arrivalNo}/${d.year}` : "Chờ tiếp nhận"}
              </a>
              {" · "}
              {d.symbol} · {d.issuerName}
            </span>
            <Button
              type="button"
              variant="secondary"
              className="btn-xs"
              pending={pending && busyId === d.id}
              disabled={pending}
              aria-label={`Gắn vào văn bản này: ${d.arrivalNo ? `số đến ${d.arrivalNo}/${d.year}` : d.symbol}`}
              onClick={() => {
                setError(undefined);
                setBusyId(d.id);
                start(async () => {
                  const r = await linkPaperCopyAction({ id: d.id, fileIds });
                  if (r.ok) router.push(`/incoming/${d.id}?linked=1`);
                  else setError(r.formError);
                });
              }}
            >
              Gắn vào văn bản này
            </Button>
          </li>
        ))}
      </ul>
      {error ? <p role="alert" className="mt-1 text-red-700">{error}</p> : null}
    </section>
  );
}

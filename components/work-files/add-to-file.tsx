"use client";

import Link from "next/link";
import { addDocumentAction } from "@/lib/server-actions/work-files";
import { SelectField } from "@/components/ui/field";
import { StepForm } from "@/components/ui/step-form";
import { WORK_FILE_STATUS_LABELS } from "@/lib/work-files/labels";
import { addDocumentSchema } from "@/lib/work-files/schemas";

type FileOption = { id: string; code: string; title: string; year: number };
type Holding = FileOption & { status: "open" | "closed" | "archived" };

/** Thêm vào hồ sơ on a document's page: one of the person's open files, and the files already holding it. */
export function AddToFilePanel({ kind, documentId, open, holding }: { kind: "incoming" | "outgoing"; documentId: string; open: FileOption[]; holding: Holding[] }) {
  return (
    <div className="space-y-4">
      {holding.length ? (
        <ul className="space-y-1 text-sm" aria-label="Hồ sơ chứa văn bản">
          {holding.map((f) => (
            <li key={f.id}>
              <Link href={`/files/${f.id}`} className="text-brand-700 hover:underline">{f.code} {f.title} ({f.year})</Link>{" "}
              <span className="text-slate-500">({WORK_FILE_STATUS_LABELS[f.status]})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">Văn bản chưa thuộc hồ sơ nào của bạn.</p>
      )}
      {open.length ? (
        <StepForm key={open.map((f) => f.id).join()} label="Thêm vào hồ sơ" schema={addDocumentSchema} action={addDocumentAction} defaultValues={{ fileId: open[0].id, kind, documentId }} success="Đã thêm văn bản vào hồ sơ.">
          {({ form, errorOf }) => (
            <SelectField id="add-to-file" label="Hồ sơ đang mở của tôi" error={errorOf("fileId")} {...form.register("fileId")}>
              {open.map((f) => <option key={f.id} value={f.id}>{f.code} {f.title} ({f.year})</option>)}
            </SelectField>
          )}
        </StepForm>
      ) : (
        <p className="text-sm text-slate-600">
          Bạn không có hồ sơ nào đang mở để thêm văn bản. <Link href="/files/plan" className="text-brand-700 hover:underline">Mở hồ sơ từ Danh mục hồ sơ</Link>.
        </p>
      )}
    </div>
  );
}

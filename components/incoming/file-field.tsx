"use client";

import { useState, type ReactNode } from "react";
import { PdfWarning } from "@/components/storage/pdf-warning";
import { formatSize } from "@/lib/format";
import { hasExtension, uploadFile, type UploadedFileInfo } from "@/lib/storage/client";
import { Checksum } from "@/components/ui/checksum";


/**
 * Scans and attachments: each file is streamed to /api/files as soon as it is chosen, stored whole
 * or not at all, and shown with its SHA-256 (the integrity check). The form keeps only the ids.
 */
export function FileField({
  maxBytes,
  disabled,
  files,
  onChange,
  error,
  id = "files",
  label = "Tệp văn bản (bản quét PDF) và tài liệu kèm theo",
  accept = ".pdf,.docx,.xlsx,.png,.jpg,.jpeg",
  types = "PDF, DOCX, XLSX, PNG hoặc JPEG",
  multiple = true,
  disabledHint = "Văn bản mật không tải tệp lên hệ thống.",
  fileExtra,
}: {
  maxBytes: number;
  disabled?: boolean;
  files: UploadedFileInfo[];
  onChange: (files: UploadedFileInfo[]) => void;
  error?: string;
  id?: string;
  label?: string;
  accept?: string;
  types?: string;
  multiple?: boolean;
  disabledHint?: string;
  /** More about a listed file (the draft form marks its phụ lục there). */
  fileExtra?: (file: UploadedFileInfo, index: number) => ReactNode;
}) {
  const [busy, setBusy] = useState(0);
  const [uploadError, setUploadError] = useState<string>();
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">{label}</label>
      <input
        id={id}
        type="file"
        multiple={multiple}
        disabled={disabled}
        accept={accept}
        aria-invalid={!!(uploadError || error)}
        aria-describedby={uploadError || error ? `${id}-hint ${id}-error` : `${id}-hint`}
        className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-brand-800"
        onChange={async (e) => {
          const chosen = [...(e.target.files ?? [])];
          e.target.value = "";
          setUploadError(undefined);
          let next = multiple ? files : [];
          // The picker's `accept` is only a filter: a file of another type is refused here, before it
          // is sent (the action checks the stored type again).
          const exts = accept.split(",").map((e) => e.trim().replace(/^\./, "")).filter((e) => e && !e.includes("/"));
          for (const f of chosen) {
            if (exts.length && !hasExtension(f.name, exts)) {
              setUploadError(`${f.name}: chỉ nhận tệp ${types}.`);
              continue;
            }
            setBusy((b) => b + 1);
            const r = await uploadFile(f, { maxBytes });
            setBusy((b) => b - 1);
            if (r.ok) next = [...next, r.file];
            else setUploadError(`${f.name}: ${r.formError}`);
          }
          onChange(next);
        }}
      />
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        {disabled ? disabledHint : `${types}, tối đa ${formatSize(maxBytes)} mỗi tệp.${multiple ? " Tệp đầu tiên là văn bản chính." : ""}`}
      </p>
      {busy ? <p role="status" className="mt-1 text-sm text-slate-600">Đang tải lên {busy} tệp…</p> : null}
      {uploadError || error ? <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700">{uploadError ?? error}</p> : null}
      {files.length ? (
        <ul className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200 text-sm" aria-label={multiple ? "Tệp đã tải lên" : `${label}: tệp đã tải lên`}>
          {files.map((f, i) => (
            <li key={f.id} className="flex items-center justify-between gap-3 px-3 py-2">
              <div>
                {i === 0 ? <strong>Văn bản chính: </strong> : null}
                {f.name} <span className="text-slate-500">({formatSize(f.size)})</span>
                <Checksum sha256={f.sha256} />
                <PdfWarning risks={f.pdfRisks} className="mt-1" />
                {fileExtra?.(f, i)}
              </div>
              <button type="button" className="text-xs text-red-700 hover:underline" onClick={() => onChange(files.filter((x) => x.id !== f.id))}>
                Bỏ tệp
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

import type { PdfRisk } from "@/lib/pdf/risks";
import { UPLOAD_MESSAGES } from "./errors";

// Browser side of POST /api/files: the file's bytes as the body, its name percent-encoded in
// X-File-Name (header values are not UTF-8). Usable from any client component.

export interface UploadedFileInfo {
  id: string;
  name: string;
  size: number;
  mime: string;
  sha256: string;
  /** What a PDF does by itself when opened (shown as a warning); null for other types. */
  pdfRisks: PdfRisk[] | null;
}

export type UploadResult = { ok: true; file: UploadedFileInfo } | { ok: false; formError: string };

export const UPLOAD_NETWORK_ERROR = "Không tải được tệp lên, vui lòng kiểm tra kết nối và thử lại.";

/**
 * Uploads one file. Pass the server's limit as `maxBytes` (uploadMaxBytes() read by the page):
 * a larger file is refused here, because the server answers 413 without reading the body and
 * closes the connection, which a browser may report only as a network error.
 */
export async function uploadFile(
  file: Blob & { name: string },
  init: { signal?: AbortSignal; maxBytes?: number } = {},
): Promise<UploadResult> {
  if (init.maxBytes !== undefined && file.size > init.maxBytes) return { ok: false, formError: UPLOAD_MESSAGES.tooLarge(init.maxBytes) };
  try {
    const res = await fetch("/api/files", {
      method: "POST",
      body: file,
      headers: { "X-File-Name": encodeURIComponent(file.name) },
      signal: init.signal,
    });
    return (await res.json()) as UploadResult;
  } catch {
    return { ok: false, formError: UPLOAD_NETWORK_ERROR };
  }
}

/** Where a stored file is downloaded (inline=1 opens a PDF in the browser, still sandboxed). */
export const fileUrl = (id: string, inline = false) => `/api/files/${encodeURIComponent(id)}${inline ? "?inline=1" : ""}`;

/** Where a DOCX is shown as a PDF made by LibreOffice (202 while it is being made, lib/storage/preview.ts). */
export const previewUrl = (id: string) => `/api/files/${encodeURIComponent(id)}/preview`;

/** Said instead of the preview when LibreOffice is not installed or could not convert the file. */
export const DOCX_PREVIEW_UNAVAILABLE = "Không xem trước được tệp DOCX: tải về để xem.";

/** The detected types the page can show (equal to FILE_TYPES in ./sniff, which is server-side). */
export const PDF_MIME = "application/pdf";
export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The file input's `accept` for these extensions (".docx,.pdf"): what a label promises, the picker offers. */
export const acceptOf = (exts: readonly string[]) => exts.map((e) => `.${e}`).join(",");

/** Whether a chosen file's name ends with one of these extensions (the server still decides by the bytes). */
export const hasExtension = (name: string, exts: readonly string[]) => exts.some((e) => name.toLowerCase().endsWith(`.${e}`));

import { DOCX_MIME, PDF_MIME } from "@/lib/storage/client";

// What a draft's file field accepts, in one place for the form (its label, `accept` and the check
// before upload) and the action (lib/outgoing/drafts.ts checks the detected type of each file).

export const DRAFT_FILE_EXTS = ["docx", "pdf"] as const;
export const DRAFT_FILE_MIMES: readonly string[] = [DOCX_MIME, PDF_MIME];
export const DRAFT_FILE_TYPES = "DOCX hoặc PDF";
export const DRAFT_FILE_REFUSED = "Dự thảo và tài liệu kèm theo phải là tệp DOCX hoặc PDF.";

import { DOCX_MIME, PDF_MIME } from "@/lib/storage/client";

// What a draft's file field accepts, in one place for the form (its label, `accept` and the check
// before upload) and the action (lib/outgoing/drafts.ts checks the detected type of each file).

export const DRAFT_FILE_EXTS = ["docx", "pdf"] as const;
export const DRAFT_FILE_MIMES: readonly string[] = [DOCX_MIME, PDF_MIME];
export const DRAFT_FILE_TYPES = "DOCX hoặc PDF";
export const DRAFT_FILE_REFUSED = "Dự thảo và tài liệu kèm theo phải là tệp DOCX hoặc PDF.";

// Phụ lục in their own files (NĐ 30/2020 Phụ lục I §8) are issued with the document and signed by the
// agency at Phát hành, which signs PDFs only: the form offers the mark on PDFs, the actions refuse the rest.
export const ATTACHMENT_LABEL = "Phụ lục kèm theo (phát hành cùng văn bản)";
export const ATTACHMENT_HINT = "Phụ lục được văn thư ký số của cơ quan khi phát hành và gửi cùng văn bản; các tệp khác là tài liệu kèm theo để xem xét, không phát hành.";
export const ATTACHMENT_NOT_PDF = "Phụ lục phát hành cùng văn bản phải là tệp PDF để ký số của cơ quan. Hãy chuyển phụ lục sang PDF rồi tải lên lại.";
export const ATTACHMENT_NOT_FILE = "Phụ lục phải là một tệp của phiên bản này, không phải văn bản chính.";

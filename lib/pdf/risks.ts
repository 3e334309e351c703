// What an uploaded PDF may do by itself when a reader opens it (security.md §5 row 8). The flags are
// found at upload (lib/pdf/inspect.ts), kept on the stored file row and shown to the clerk; every PDF
// the system produces from uploaded ones has them removed (lib/pdf/sanitize.ts). Safe for client code.

export const PDF_RISKS = ["javascript", "auto_action", "launch", "submit", "embedded_file", "unchecked"] as const;
export type PdfRisk = (typeof PDF_RISKS)[number];

export const PDF_RISK_LABELS: Readonly<Record<PdfRisk, string>> = {
  javascript: "mã JavaScript",
  auto_action: "hành động tự chạy",
  launch: "lệnh mở chương trình khác",
  submit: "lệnh gửi hoặc nhập dữ liệu biểu mẫu",
  embedded_file: "tệp đính kèm ẩn bên trong",
  unchecked: "nội dung không kiểm tra được",
};

const isRisk = (v: unknown): v is PdfRisk => typeof v === "string" && (PDF_RISKS as readonly string[]).includes(v);

/** The known flags of a row, in a fixed order (a row written by a newer version may carry others). */
export function pdfRisksOf(flags: readonly unknown[] | null | undefined): PdfRisk[] {
  const set = new Set((flags ?? []).filter(isRisk));
  return PDF_RISKS.filter((r) => set.has(r));
}

/** The warning shown beside a flagged PDF, or null for a clean one. */
export function pdfWarning(flags: readonly unknown[] | null | undefined): string | null {
  const risks = pdfRisksOf(flags);
  if (!risks.length) return null;
  const active = risks.filter((r) => r !== "unchecked").map((r) => PDF_RISK_LABELS[r]);
  const parts: string[] = [];
  if (active.length) parts.push(`Tệp PDF có ${active.join(", ")}: hệ thống đã vô hiệu hoá khi xuất.`);
  if (risks.includes("unchecked"))
    parts.push("Không kiểm tra được tệp PDF này (tệp mã hoá hoặc cấu trúc lạ), tệp có thể chứa mã tự chạy.");
  parts.push("Tệp gốc tải về vẫn giữ nguyên; chỉ mở bằng trình đọc PDF đã tắt JavaScript.");
  return parts.join(" ");
}

import { pdfWarning } from "@/lib/pdf/risks";

/**
 * The warning beside a PDF that acts by itself when opened (JavaScript, actions run on opening,
 * launching programs, embedded files), or that could not be checked; nothing for a clean file.
 */
export function PdfWarning({ risks, className = "" }: { risks: readonly string[] | null | undefined; className?: string }) {
  const text = pdfWarning(risks);
  if (!text) return null;
  return (
    <span role="note" data-pdf-warning="" className={`block rounded bg-amber-50 px-2 py-1 text-xs text-amber-900 ${className}`}>
      <strong>Cảnh báo: </strong>
      {text}
    </span>
  );
}

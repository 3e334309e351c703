import { notFound } from "next/navigation";
import { BookPrint } from "@/components/registers/book-print";
import { RecordPrint } from "@/components/registers/record-print";
import { requireSession } from "@/lib/auth/current";
import { parseParams, type RawParams } from "@/lib/search-params";
import { loadPrintout, workFilePrintSchema } from "@/lib/work-files/print";

export const metadata = { title: "In hồ sơ" };

/** The print view of the Danh mục hồ sơ, the Mục lục and Biên bản of a hand-over, and a file's Mục lục văn bản. */
export default async function WorkFilePrintPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const { actor } = await requireSession();
  // A printout is named by its whole query: anything else is a missing page.
  const parsed = parseParams(await searchParams, workFilePrintSchema);
  if (!parsed.success) notFound();
  const out = await loadPrintout(actor, parsed.data);
  if (!out) notFound();
  const query = new URLSearchParams(Object.entries(parsed.data).map(([k, v]) => [k, String(v)]));
  const href = (format: "pdf" | "xlsx") => `/api/work-files/books?${query.toString()}&format=${format}`;
  const q = parsed.data;
  // Back to where the printout was opened from.
  const back =
    q.book === "plan" ? { backHref: `/files/plan?year=${q.year}`, backLabel: "← Danh mục hồ sơ" }
    : q.book === "file-index" ? { backHref: `/files/${q.file}`, backLabel: "← Hồ sơ" }
    : { backHref: `/files/handover/${q.batch}`, backLabel: "← Đợt nộp lưu" };
  return out.kind === "record" ? (
    <RecordPrint rec={out.record} pdfHref={href("pdf")} xlsxHref={href("xlsx")} {...back} />
  ) : (
    <BookPrint book={out.book} pdfHref={href("pdf")} xlsxHref={href("xlsx")} {...back} />
  );
}

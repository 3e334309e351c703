import { routeSession, textResponse as text } from "@/lib/auth/route-session";
import { bookDownloadHeaders } from "@/lib/registers/download";
import { renderBookPdf } from "@/lib/registers/pdf";
import { renderRecordPdf } from "@/lib/registers/record-pdf";
import { renderRecordXlsx } from "@/lib/registers/record-xlsx";
import { renderBookXlsx } from "@/lib/registers/xlsx";
import { badParams, parseParams } from "@/lib/search-params";
import { loadPrintout, workFilePrintDownloadSchema } from "@/lib/work-files/print";

export const dynamic = "force-dynamic";
// pdfkit and exceljs need Node's fs, zlib and streams.
export const runtime = "nodejs";

/** Tải PDF / Tải Excel of the Danh mục hồ sơ, a hand-over's Mục lục or Biên bản, a file's Mục lục văn bản. */
export async function GET(request: Request): Promise<Response> {
  const { session, refused } = await routeSession();
  if (refused) return refused;
  const q = parseParams(new URL(request.url).searchParams, workFilePrintDownloadSchema);
  if (!q.success) return badParams(q.error.issues.map((i) => String(i.path[0] ?? "")));
  const { format } = q.data;
  // Missing and not allowed answer alike, so ids cannot be probed.
  const out = await loadPrintout(session.actor, q.data);
  if (!out) return text("Không tìm thấy.", 404);
  const body =
    out.kind === "record"
      ? format === "pdf" ? await renderRecordPdf(out.record) : await renderRecordXlsx(out.record)
      : format === "pdf" ? await renderBookPdf(out.book) : await renderBookXlsx(out.book);
  const base = out.kind === "record" ? out.record.fileBase : out.book.fileBase;
  return new Response(new Uint8Array(body), { status: 200, headers: bookDownloadHeaders(base, format, body.length) });
}

import { getCurrentSession } from "@/lib/auth/current";
import { bookDownloadHeaders } from "@/lib/registers/download";
import { loadBook } from "@/lib/registers/load";
import { renderBookPdf } from "@/lib/registers/pdf";
import { bookDownloadSearchSchema } from "@/lib/registers/schemas";
import { renderBookXlsx } from "@/lib/registers/xlsx";
import { badParams, parseParams } from "@/lib/search-params";

export const dynamic = "force-dynamic";
// pdfkit and exceljs need Node's fs, zlib and streams.
export const runtime = "nodejs";

/** Tải PDF / Tải Excel of a register book (clerk, archivist). */
export async function GET(request: Request): Promise<Response> {
  const session = await getCurrentSession();
  if (!session) return new Response("Chưa đăng nhập.", { status: 401, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const q = parseParams(new URL(request.url).searchParams, bookDownloadSearchSchema);
  if (!q.success) return badParams(q.error.issues.map((i) => String(i.path[0] ?? "")));
  const { format } = q.data;
  // Not allowed (staff, or a secret series or register without documents.readAgency) answers like a missing page.
  const book = await loadBook(session.actor, q.data);
  if (!book) return new Response("Không tìm thấy.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const body = format === "pdf" ? await renderBookPdf(book) : await renderBookXlsx(book);
  return new Response(new Uint8Array(body), { status: 200, headers: bookDownloadHeaders(book.fileBase, format, body.length) });
}

import { getCurrentSession } from "@/lib/auth/current";
import { resolvePeriod } from "@/lib/monitoring/period";
import { reportDownloadSchema } from "@/lib/monitoring/report-query";
import { loadReport } from "@/lib/monitoring/reports";
import { bookDownloadHeaders } from "@/lib/registers/download";
import { renderBookPdf } from "@/lib/registers/pdf";
import { renderBookXlsx } from "@/lib/registers/xlsx";
import { badParams, parseParams } from "@/lib/search-params";

export const dynamic = "force-dynamic";
// pdfkit and exceljs need Node's fs, zlib and streams.
export const runtime = "nodejs";

const text = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** Tải PDF / Tải Excel of Báo cáo giải quyết văn bản đến / đi (clerks and leaders). */
export async function GET(request: Request): Promise<Response> {
  const session = await getCurrentSession();
  if (!session) return text("Chưa đăng nhập.", 401);
  const q = parseParams(new URL(request.url).searchParams, reportDownloadSchema);
  if (!q.success) return badParams(q.error.issues.map((i) => String(i.path[0] ?? "")));
  const report = await loadReport(session.actor, q.data.kind ?? "incoming", resolvePeriod(q.data), q.data.unit);
  if (!report) return text("Không tìm thấy.", 404);
  const body = q.data.format === "pdf" ? await renderBookPdf(report) : await renderBookXlsx(report);
  return new Response(new Uint8Array(body), { status: 200, headers: bookDownloadHeaders(report.fileBase, q.data.format, body.length) });
}

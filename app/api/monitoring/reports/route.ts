import { resolvePeriod } from "@/lib/monitoring/period";
import { reportDownloadSchema } from "@/lib/monitoring/report-query";
import { loadReport } from "@/lib/monitoring/reports";
import { bookDownloadRoute } from "@/lib/registers/book-route";

export const dynamic = "force-dynamic";
// pdfkit and exceljs need Node's fs, zlib and streams.
export const runtime = "nodejs";

/** Tải PDF / Tải Excel of Báo cáo giải quyết văn bản đến / đi (clerks and leaders). */
export const GET = bookDownloadRoute(reportDownloadSchema, (actor, q) => loadReport(actor, q.kind ?? "incoming", resolvePeriod(q), q.unit));

import { z } from "zod";
import { getCurrentSession } from "@/lib/auth/current";
import { dashboardBook, DASHBOARD_TABLES } from "@/lib/monitoring/tables";
import { periodSearchSchema, resolvePeriod } from "@/lib/monitoring/period";
import { bookDownloadHeaders } from "@/lib/registers/download";
import { renderBookPdf } from "@/lib/registers/pdf";
import { renderBookXlsx } from "@/lib/registers/xlsx";
import { badParams, parseParams } from "@/lib/search-params";

export const dynamic = "force-dynamic";
// pdfkit and exceljs need Node's fs, zlib and streams.
export const runtime = "nodejs";

const schema = periodSearchSchema.extend({ table: z.enum(DASHBOARD_TABLES), format: z.enum(["xlsx", "pdf"]) });

const text = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** Tải Excel (or PDF) of a table of the leaders' dashboard, for the same period and unit as the page. */
export async function GET(request: Request): Promise<Response> {
  const session = await getCurrentSession();
  if (!session) return text("Chưa đăng nhập.", 401);
  const q = parseParams(new URL(request.url).searchParams, schema);
  if (!q.success) return badParams(q.error.issues.map((i) => String(i.path[0] ?? "")));
  const period = resolvePeriod(q.data);
  // Someone who oversees nothing, or a unit they do not oversee, is answered like a missing page.
  const book = await dashboardBook(session.actor, q.data.table, period, q.data.unit);
  if (!book) return text("Không tìm thấy.", 404);
  const body = q.data.format === "pdf" ? await renderBookPdf(book) : await renderBookXlsx(book);
  return new Response(new Uint8Array(body), { status: 200, headers: bookDownloadHeaders(book.fileBase, q.data.format, body.length) });
}

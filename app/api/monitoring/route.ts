import { z } from "zod";
import { periodSearchSchema, resolvePeriod } from "@/lib/monitoring/period";
import { dashboardBook, DASHBOARD_TABLES } from "@/lib/monitoring/tables";
import { bookDownloadRoute } from "@/lib/registers/book-route";

export const dynamic = "force-dynamic";
// pdfkit and exceljs need Node's fs, zlib and streams.
export const runtime = "nodejs";

const schema = periodSearchSchema.extend({ table: z.enum(DASHBOARD_TABLES), format: z.enum(["xlsx", "pdf"]) });

/**
 * Tải Excel (or PDF) of a table of the leaders' dashboard, for the same period and unit as the page.
 * Someone who oversees nothing, or a unit they do not oversee, is answered like a missing page.
 */
export const GET = bookDownloadRoute(schema, (actor, q) => dashboardBook(actor, q.table, resolvePeriod(q), q.unit));

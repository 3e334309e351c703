import { bookDownloadRoute } from "@/lib/registers/book-route";
import { loadBook } from "@/lib/register-books";
import { bookDownloadSearchSchema } from "@/lib/registers/schemas";

export const dynamic = "force-dynamic";
// pdfkit and exceljs need Node's fs, zlib and streams.
export const runtime = "nodejs";

/** Tải PDF / Tải Excel of a register book (clerk, archivist). Not allowed (staff, or a secret series or register without documents.readAgency) answers like a missing page. */
export const GET = bookDownloadRoute(bookDownloadSearchSchema, loadBook);

import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { routeSession, textResponse as text } from "@/lib/auth/route-session";
import { badParams, parseParams } from "@/lib/search-params";
import type { PrintBook } from "./book";
import { bookDownloadHeaders } from "./download";
import { renderBookPdf } from "./pdf";
import { renderBookXlsx } from "./xlsx";

/**
 * A GET route handler downloading a printable table as PDF or XLSX: signed in, the query parsed by
 * `schema` (a bad value answers 400), the book loaded for the person (null — missing or not allowed,
 * alike so ids cannot be probed — answers 404), rendered as an attachment.
 */
export function bookDownloadRoute<S extends z.ZodType<{ format: "pdf" | "xlsx" }>>(schema: S, load: (actor: Actor, q: z.output<S>) => Promise<PrintBook | null>) {
  return async (request: Request): Promise<Response> => {
    const { session, refused } = await routeSession();
    if (refused) return refused;
    const q = parseParams(new URL(request.url).searchParams, schema);
    if (!q.success) return badParams(q.error.issues.map((i) => String(i.path[0] ?? "")));
    const book = await load(session.actor, q.data);
    if (!book) return text("Không tìm thấy.", 404);
    const { format } = q.data;
    const body = format === "pdf" ? await renderBookPdf(book) : await renderBookXlsx(book);
    return new Response(new Uint8Array(body), { status: 200, headers: bookDownloadHeaders(book.fileBase, format, body.length) });
  };
}

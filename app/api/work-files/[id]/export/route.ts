import { routeSession, textResponse as text } from "@/lib/auth/route-session";
import { badParams, idParamsSchema, parseParams, type RawParams } from "@/lib/search-params";
import { contentDisposition } from "@/lib/storage/names";
import { exportWorkFilePdf, exportWorkFileXml } from "@/lib/work-files/export";
import { workFileExportSearchSchema } from "@/lib/work-files/schemas";

export const dynamic = "force-dynamic";
// pdfkit, pdf-lib and the blob store need Node's fs.
export const runtime = "nodejs";

const TYPES = { pdf: "application/pdf", xml: "application/xml; charset=utf-8" } as const;

/** Xuất hồ sơ: the whole file as one PDF, or its metadata as XML (always an attachment, never rendered here). */
export async function GET(request: Request, { params }: { params: Promise<RawParams> }): Promise<Response> {
  const { session, refused } = await routeSession();
  if (refused) return refused;
  const route = parseParams(await params, idParamsSchema);
  const query = parseParams(new URL(request.url).searchParams, workFileExportSearchSchema);
  if (!route.success || !query.success) return badParams([...(route.success ? [] : ["id"]), ...(query.success ? [] : ["format"])]);
  const { id } = route.data;
  const { format } = query.data;
  const out = format === "pdf" ? await exportWorkFilePdf(session.actor, id) : await exportWorkFileXml(session.actor, id);
  // Missing and not allowed answer alike (security.md §5 row 1).
  if (!out) return text("Không tìm thấy.", 404);
  return new Response(new Uint8Array(out.body), {
    status: 200,
    headers: {
      "Content-Type": TYPES[format],
      "Content-Length": String(out.body.byteLength),
      "Content-Disposition": contentDisposition("attachment", `${out.fileBase}.${format}`),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox",
      "Cross-Origin-Resource-Policy": "same-origin",
      "Cache-Control": "private, no-store",
    },
  });
}

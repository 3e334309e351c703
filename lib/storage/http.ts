import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { getCurrentSession } from "@/lib/auth/current";
import { CROSS_ORIGIN_ERROR, isSameOrigin } from "@/lib/http/request-origin";
import { GENERIC_ERROR, isAppError, notFound, unauthenticated } from "@/lib/errors";
import { badParams, idParamsSchema, parseParams, parseSearchParams, type RawParams } from "@/lib/search-params";
import { DOCX_PREVIEW_UNAVAILABLE } from "./client";
import { downloadHeaders, openFileFor, openPreviewFor, previewHeaders } from "./download";
import { UploadError } from "./errors";
import { downloadSearchSchema } from "./schemas";
import { saveUpload } from "./store";

// The route handlers of /api/files, kept here so that app/ stays thin. Uploads are a raw request
// body (the file's bytes) with the name in `X-File-Name` (percent-encoded UTF-8): no multipart
// parser, an exact Content-Length to refuse early, and a non-safelisted header that a cross-site
// form cannot send (ASVS 3.5.1) on top of the Origin check.

const json = (status: number, body: unknown, extra: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store", ...extra } });
const refuse = (status: number, formError: string, extra?: Record<string, string>) => json(status, { ok: false, formError }, extra);

function decodeName(raw: string | null): string | null {
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** The request body as chunks; leaving early cancels it, so the rest is never read. */
async function* chunksOf(body: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (!body) return;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

function internal(where: string, e: unknown) {
  const errorId = randomUUID().slice(0, 8);
  console.error(`[files ${where}] error ${errorId}`, e);
  return `${GENERIC_ERROR} ${errorId}.`;
}

export async function handleUpload(request: Request): Promise<Response> {
  // Next.js checks Origin only for server actions; uploads follow the same rule as runAction.
  if (!isSameOrigin(request.headers)) return refuse(403, CROSS_ORIGIN_ERROR);
  const session = await getCurrentSession();
  if (!session) return refuse(401, unauthenticated().message);
  const name = decodeName(request.headers.get("x-file-name"));
  if (name === null) return refuse(400, "Thiếu tên tệp hoặc tên tệp không hợp lệ.");
  const length = request.headers.get("content-length");
  try {
    const file = await saveUpload(await getDb(), session.actor, session.meta, {
      body: chunksOf(request.body),
      name,
      declaredLength: length === null ? null : Number(length),
    });
    return json(201, { ok: true, file });
  } catch (e) {
    // After a 413 the rest of the body is not read: close the connection instead of draining it.
    if (e instanceof UploadError) return refuse(e.status, e.message, e.status === 413 ? { Connection: "close" } : {});
    if (isAppError(e)) return refuse(e.code === "forbidden" ? 403 : 400, e.message);
    return refuse(500, internal("upload", e));
  }
}

export async function handleDownload(request: Request, params: RawParams): Promise<Response> {
  const session = await getCurrentSession();
  // A link opened while signed out goes to the sign-in page (relative: the proxy's host is kept).
  if (!session) return new Response(null, { status: 303, headers: { Location: "/login", "Cache-Control": "no-store" } });
  const query = parseSearchParams(new URL(request.url).searchParams, downloadSearchSchema);
  if (query.ignored.length) return badParams(query.ignored);
  // An id that cannot name a file answers like a missing one.
  const route = parseParams(params, idParamsSchema);
  try {
    const opened = route.success ? await openFileFor(await getDb(), session.actor, session.meta, route.data.id) : null;
    if (!opened) {
      return new Response(notFound().message, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
    }
    return new Response(opened.stream, { status: 200, headers: downloadHeaders(opened.file, query.data.inline) });
  } catch (e) {
    return new Response(internal("download", e), { status: 500, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
}

const text = (status: number, body: string, extra: Record<string, string> = {}) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...extra } });

/**
 * GET /api/files/[id]/preview: a DOCX as PDF for the page's viewer. 200 with the PDF; 202 while it
 * is being converted (Retry-After); 503 without LibreOffice, 422 when it could not convert; 404
 * exactly where the download answers 404.
 */
export async function handlePreview(params: RawParams): Promise<Response> {
  const session = await getCurrentSession();
  if (!session) return text(401, unauthenticated().message);
  const route = parseParams(params, idParamsSchema);
  try {
    const opened = route.success ? await openPreviewFor(await getDb(), session.actor, session.meta, route.data.id) : null;
    if (!opened) return text(404, notFound().message);
    if (opened.kind === "pending") return text(202, "Đang chuẩn bị bản xem trước…", { "Retry-After": "2" });
    if (opened.kind !== "ready") return text(opened.kind === "unavailable" ? 503 : 422, DOCX_PREVIEW_UNAVAILABLE);
    return new Response(opened.stream, { status: 200, headers: previewHeaders(opened) });
  } catch (e) {
    return text(500, internal("preview", e));
  }
}

import "server-only";
import { getDb } from "@/db/client";
import { agencyEmblemFile } from "@/lib/access/agency";
import { getCurrentSession } from "@/lib/auth/current";
import { blobStore } from "./blob-store";

export const DEFAULT_EMBLEM = "/emblem.svg";

/**
 * GET /api/agency/emblem: the agency's uploaded emblem for a signed-in person, otherwise the
 * default one (public/emblem.svg). The type is the one sniffed at upload (PNG or JPEG only), never
 * sniffed by the browser, and the response can run nothing (CSP sandbox, default-src 'none').
 */
export async function handleEmblem(): Promise<Response> {
  const session = await getCurrentSession();
  const file = session ? await agencyEmblemFile(await getDb(), session.actor) : null;
  if (!file) return new Response(null, { status: 307, headers: { Location: DEFAULT_EMBLEM, "Cache-Control": "no-store" } });
  const blob = await blobStore().open(file.sha256).catch((e) => {
    console.error("[emblem]", e);
    return null;
  });
  if (!blob || blob.size !== file.size) {
    await blob?.stream.cancel().catch(() => {});
    return new Response(null, { status: 307, headers: { Location: DEFAULT_EMBLEM, "Cache-Control": "no-store" } });
  }
  return new Response(blob.stream, {
    status: 200,
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(file.size),
      "Content-Disposition": "inline",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cross-Origin-Resource-Policy": "same-origin",
      // The header links to ?v=<file id>: a new emblem is a new URL, so a short private cache is safe.
      "Cache-Control": "private, max-age=3600",
      ETag: `"${file.sha256}"`,
    },
  });
}

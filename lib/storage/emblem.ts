import "server-only";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import { Readable } from "node:stream";
import { getDb } from "@/db/client";
import { agencyEmblemFile } from "@/lib/access/agency";
import { getCurrentSession } from "@/lib/auth/current";
import { filesDir } from "./config";
import { blobPath } from "./store";

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
  const target = blobPath(filesDir(), file.sha256);
  const st = await fs.stat(target).catch(() => null);
  if (!st || st.size !== file.size) return new Response(null, { status: 307, headers: { Location: DEFAULT_EMBLEM, "Cache-Control": "no-store" } });
  return new Response(Readable.toWeb(createReadStream(target)) as unknown as ReadableStream<Uint8Array>, {
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

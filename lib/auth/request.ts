import { clientAddress } from "@/lib/http/request-origin";
import type { RequestMeta } from "./sessions";

/**
 * The client address (lib/http/request-origin.ts: the socket's peer, or what a trusted proxy
 * says) and the user agent. Only used for limits and the audit trail, never for authorization.
 */
export function metaFromHeaders(h: Headers): RequestMeta {
  return { ip: clientAddress(h).slice(0, 100), userAgent: (h.get("user-agent") ?? "").slice(0, 300) };
}

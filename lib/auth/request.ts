import type { RequestMeta } from "./sessions";

/**
 * The client address: the last X-Forwarded-For hop (the one our own proxy or Next's server
 * appended), else X-Real-IP. Only used for limits and the audit trail, never for authorization.
 */
export function metaFromHeaders(h: Headers): RequestMeta {
  const xff = h.get("x-forwarded-for");
  const ip = (xff ? xff.split(",").at(-1)!.trim() : h.get("x-real-ip") ?? "").replace(/^::ffff:/, "").slice(0, 100);
  return { ip, userAgent: (h.get("user-agent") ?? "").slice(0, 300) };
}

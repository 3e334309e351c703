import { FORWARDED_HEADERS, isTrustedProxy, normalizeAddress, parseTrustedProxies, PEER_HEADER, PEER_KEY_ENV, type TrustedProxies } from "./forwarding.mjs";

// Where a request came from and which origin it was addressed to, from what can be trusted:
// the socket's peer address, which the HTTP server (scripts/serve.mjs) hands over in a header it
// sets itself with a per-process key (a client cannot forge it), the public URL (AUTH_URL), and
// X-Forwarded-* only when the peer is one of the TRUSTED_PROXIES. Used for the CSRF check of
// actions and uploads, the session cookie's prefix, login limits and the audit trail.

export { FORWARDED_HEADERS, PEER_HEADER };

export const CROSS_ORIGIN_ERROR = "Yêu cầu không hợp lệ (nguồn gửi không được chấp nhận).";

let cached: { spec: string; proxies: TrustedProxies } | undefined;
function trustedProxies(): TrustedProxies {
  const spec = process.env.TRUSTED_PROXIES ?? "";
  if (cached?.spec !== spec) cached = { spec, proxies: parseTrustedProxies(spec) };
  return cached.proxies;
}

function sameSecret(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The socket's peer address, or null when the request did not come through the app's own server. */
export function peerAddress(h: Headers): string | null {
  const key = process.env[PEER_KEY_ENV];
  const value = h.get(PEER_HEADER);
  if (!key || !value) return null;
  const space = value.indexOf(" ");
  if (space < 0 || !sameSecret(value.slice(0, space), key)) return null;
  return normalizeAddress(value.slice(space + 1)) || null;
}

/** Whether the X-Forwarded-* headers of this request were set by a trusted proxy. */
export function fromTrustedProxy(h: Headers): boolean {
  const peer = peerAddress(h);
  return !!peer && isTrustedProxy(trustedProxies(), peer);
}

/** The origin (scheme://host[:port]) of AUTH_URL, or null when it is not set. */
export function configuredOrigin(): string | null {
  const url = process.env.AUTH_URL ?? process.env.NEXTAUTH_URL;
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

// The value the nearest proxy set (a proxy that appends instead of replacing leaves the client's first).
const nearest = (v: string | null) => v?.split(",").at(-1)?.trim() || null;

/**
 * The origin this request was addressed to: AUTH_URL's when it is set; otherwise the Host header
 * over plain http (the app's own server speaks http), or the X-Forwarded-Host and -Proto of a
 * trusted proxy. Null when the host is not a valid host.
 */
export function requestOrigin(h: Headers): string | null {
  const configured = configuredOrigin();
  if (configured) return configured;
  const trusted = fromTrustedProxy(h);
  const host = (trusted && nearest(h.get("x-forwarded-host"))) || h.get("host");
  const proto = ((trusted && nearest(h.get("x-forwarded-proto"))) || "http").toLowerCase();
  if (!host || /[\s/\\?#@]/.test(host) || (proto !== "http" && proto !== "https")) return null;
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return null;
  }
}

/** Whether the request is on https (the session cookie is then __Host- prefixed, HSTS is sent). */
export function isHttps(h: Headers): boolean {
  return requestOrigin(h)?.startsWith("https:") ?? false;
}

/**
 * The CSRF rule for every state-changing request of the app's own pages: an Origin header equal to
 * the request's origin, scheme, host and port alike. A missing or "null" Origin is refused.
 */
export function isSameOrigin(h: Headers): boolean {
  const origin = h.get("origin");
  const expected = requestOrigin(h);
  if (!origin || !expected) return false;
  try {
    return new URL(origin).origin === expected;
  } catch {
    return false;
  }
}

/**
 * The client's address: the socket's peer; behind trusted proxies, the X-Forwarded-For hop just
 * before the first trusted proxy seen from the right (a client cannot add hops to the right of its
 * own proxy). Empty when the request did not come through the app's own server.
 */
export function clientAddress(h: Headers): string {
  const peer = peerAddress(h);
  if (!peer) return "";
  const proxies = trustedProxies();
  if (!isTrustedProxy(proxies, peer)) return peer;
  let candidate = peer;
  const hops = (h.get("x-forwarded-for") ?? "").split(",").filter((s) => s.trim());
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]);
    if (!hop) return candidate;
    if (!isTrustedProxy(proxies, hop)) return hop;
    candidate = hop;
  }
  return candidate;
}

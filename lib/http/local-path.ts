// Where to send someone after signing in (`callbackUrl`) or back to (`from`): only a path of this
// site. Anything that a browser could read as another origin is refused (an open redirect, ASVS
// 50.1.x / OWASP "unvalidated redirects"): "//host", "/\host" (browsers read "\" as "/"), absolute
// URLs, "javascript:", and control characters or spaces that URL parsers strip ("/\t/host").

/** Set by proxy.ts on every page request: the path and query asked for. */
export const REQUEST_PATH_HEADER = "x-vpdt-path";

const BASE = "http://local.invalid";
const MAX = 1000;

/** The same-origin relative path (with query and hash) `raw` names, or `fallback`. */
export function safeLocalPath(raw: unknown, fallback = "/"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX) return fallback;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.includes("\\")) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f]/.test(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}

/** A safe path, or null when `raw` names none (for an optional `from`). */
export const localPathOrNull = (raw: unknown): string | null => {
  const p = safeLocalPath(raw, "");
  return p === "" ? null : p;
};

/** The sign-in page that returns to `path` afterwards ("/" needs no parameter). */
export function loginHref(path: string | null | undefined): string {
  const target = safeLocalPath(path);
  return target === "/" || target.startsWith("/login") ? "/login" : `/login?callbackUrl=${encodeURIComponent(target)}`;
}

/** Auth.js's redirect callback: a path of this site or the home page, never another origin. */
export function authRedirect(url: string, baseUrl: string): string {
  const relative = url.startsWith(baseUrl) ? url.slice(baseUrl.length) || "/" : url;
  return `${baseUrl}${safeLocalPath(relative)}`;
}

import "server-only";
import { getDb } from "@/db/client";
import { escapeHtml } from "@/lib/format";
import { isHttps } from "@/lib/http/request-origin";
import { newNonce, pageSecurityHeaders } from "@/lib/http/security-headers";
import { addressLimited, LOGIN_MESSAGES } from "./login";
import { metaFromHeaders } from "./request";
import { authSettings } from "./settings";

// The per-address login limit answered as HTTP 429 with a Vietnamese page (security.md §5 row 6):
// for Auth.js's own sign-in POST, and for the app's login form, which is sent here when refused.

export const LIMITED_PATH = "/login/limited";

/** The 429 page. The nonce (set per request by proxy.ts) lets its one style element through the CSP. */
export function limitedResponse(h: Headers): Response {
  // Under /api (Auth.js's route) proxy.ts sets no policy: this page brings its own.
  const given = h.get("x-nonce");
  const nonce = given ?? newNonce();
  const policy: Record<string, string> = given ? {} : pageSecurityHeaders({ nonce, https: isHttps(h) });
  const style = `body{font-family:"Be Vietnam Pro",system-ui,sans-serif;background:#f1f5f9;color:#0f172a;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:32px;max-width:28rem;margin:16px}h1{font-size:1.25rem;margin:0 0 12px}a{color:#1d4ed8}`;
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Quá nhiều lần đăng nhập sai · Văn phòng điện tử</title><style nonce="${escapeHtml(nonce)}">${style}</style></head>
<body><main role="alert"><h1>Quá nhiều lần đăng nhập sai</h1><p>${escapeHtml(LOGIN_MESSAGES.ip_limited)}</p>
<p>Bạn có thể thử lại sau ${authSettings.windowMinutes} phút.</p><p><a href="/login">Quay lại trang đăng nhập</a></p></main></body></html>`;
  return new Response(html, {
    status: 429,
    headers: { ...policy, "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Retry-After": String(authSettings.windowMinutes * 60) },
  });
}

/** GET /login/limited: the 429 page while this address is limited, else back to the sign-in page. */
export async function handleLimitedPage(request: Request): Promise<Response> {
  if (await addressLimited(await getDb(), metaFromHeaders(request.headers).ip)) return limitedResponse(request.headers);
  return new Response(null, { status: 303, headers: { Location: "/login", "Cache-Control": "no-store" } });
}

/** Where an Auth.js response sends the browser, if it is a redirect (or the JSON form of one). */
async function redirectTarget(request: Request, response: Response): Promise<string | null> {
  const location = response.headers.get("location");
  if (location) return location;
  if (!request.headers.has("x-auth-return-redirect")) return null;
  try {
    const body = (await response.clone().json()) as { url?: unknown };
    return typeof body?.url === "string" ? body.url : null;
  } catch {
    return null;
  }
}

/** Auth.js's sign-in POST refused by the per-address limit becomes the 429 page instead of a redirect. */
export async function limitedIfRefused(request: Request, response: Response): Promise<Response> {
  const target = await redirectTarget(request, response);
  if (!target) return response;
  try {
    if (new URL(target, "http://x").searchParams.get("code") === "ip_limited") return limitedResponse(request.headers);
  } catch {
    /* not a URL: leave the response as it is */
  }
  return response;
}

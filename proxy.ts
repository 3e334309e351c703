import { NextResponse, type NextRequest } from "next/server";
import { isHttps } from "@/lib/http/request-origin";
import { newNonce, pageSecurityHeaders } from "@/lib/http/security-headers";
import { REQUEST_PATH_HEADER } from "@/lib/http/local-path";
import { repairPath } from "@/lib/search-params";

// Headers and one path repair only (never the security boundary: every page, action and route
// checks its own access, style.md rule 13).
// - A nonce per request for the Content-Security-Policy: Next.js reads it from the request's CSP
//   header and puts it on its scripts; the response carries the same policy, and HSTS on https.
// - A malformed escape in the path (`/incoming/%ZZ`) is re-escaped before Next's decoder sees it
//   (it would answer a bare 500); the route then refuses the literal text like any other bad id.
const NOT_PAGES = /^\/(api|_next|pdfjs)\/|^\/favicon\.ico$/;

export function proxy(request: NextRequest) {
  const repaired = repairPath(request.nextUrl.pathname);
  const target = repaired === null ? null : Object.assign(request.nextUrl.clone(), { pathname: repaired });
  if (NOT_PAGES.test(request.nextUrl.pathname)) return target ? NextResponse.rewrite(target) : NextResponse.next();
  const nonce = newNonce();
  const headers = pageSecurityHeaders({
    nonce,
    https: isHttps(request.headers),
    dev: process.env.NODE_ENV === "development",
    ssoIssuer: process.env.AUTH_OIDC_ISSUER,
    signingAgent: process.env.SIGNING_AGENT_URL,
  });
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", headers["Content-Security-Policy"]);
  // The page asked for, so that a signed-out visit returns here after sign-in (lib/auth/current.ts);
  // always set here, so a client cannot supply its own (and it is sanitized where it is read).
  forwarded.set(REQUEST_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const init = { request: { headers: forwarded } };
  const response = target ? NextResponse.rewrite(target, init) : NextResponse.next(init);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages (and the server actions posted to them), and any path holding a "%". Not the rest of the
  // API, Next's static files or public/pdfjs: a proxy on an upload would make Next read its whole
  // body first (uploads are refused before their body is read, tests/e2e/files.test.ts).
  matcher: ["/((?!api/|_next/static/|_next/image|favicon.ico|pdfjs/).*)", "/(.*%.*)"],
};

import { NextResponse, type NextRequest } from "next/server";
import { isHttps } from "@/lib/http/request-origin";
import { newNonce, pageSecurityHeaders } from "@/lib/http/security-headers";

// Headers only (never the security boundary: every page, action and route checks its own access).
// A nonce per request for the Content-Security-Policy: Next.js reads it from the request's CSP
// header and puts it on its scripts; the response carries the same policy, and HSTS on https.
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = pageSecurityHeaders({
    nonce,
    https: isHttps(request.headers),
    dev: process.env.NODE_ENV === "development",
    ssoIssuer: process.env.AUTH_OIDC_ISSUER,
  });
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", headers["Content-Security-Policy"]);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages (and the server actions posted to them); not the API, Next's static files or public/pdfjs.
  matcher: ["/((?!api/|_next/static/|_next/image|favicon.ico|pdfjs/).*)"],
};

// The response headers of the app's pages. The Content-Security-Policy carries a fresh nonce per
// request (proxy.ts); Next.js reads it from the request's CSP header and puts it on its own
// scripts. These are headers only: no access decision is made from them (the checks are in
// lib/auth and runAction).

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

function sourceOrigin(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export interface CspOptions {
  nonce: string;
  https: boolean;
  dev?: boolean;
  /** The SSO provider's origin: the sign-in form may be sent on to it. */
  ssoIssuer?: string;
  /** The local signing agent (USB token) the signing page posts the hash to, e.g. http://127.0.0.1:8719. */
  signingAgent?: string;
}

export function contentSecurityPolicy({ nonce, https, dev = false, ssoIssuer, signingAgent }: CspOptions): string {
  const sso = sourceOrigin(ssoIssuer);
  const agent = sourceOrigin(signingAgent);
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts loaded by the nonce'd Next.js runtime run; nothing else, no inline handlers.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Stylesheets are files (Tailwind, the fonts, the print views); Next.js's own inline styles carry the nonce.
    `style-src 'self' 'nonce-${nonce}'`,
    // style="…" attributes (column widths, indents) cannot run script; React sets them while rendering.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${agent ? ` ${agent}` : ""}`,
    // The pdf.js worker (public/pdfjs) is a file of this origin.
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self'${sso ? ` ${sso}` : ""}`,
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Headers the pages add to the static ones of next.config.ts. */
export function pageSecurityHeaders(opts: CspOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(opts),
    ...(opts.https ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}

/** For every response (next.config.ts headers()). */
export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()",
};

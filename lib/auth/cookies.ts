import type { NextAuthConfig } from "next-auth";

// The session cookie: `__Host-` prefixed on https (Secure, Path=/, no Domain: no sibling host can
// set or shadow it), plain on http (the local and test set-ups). Its name is also the salt of the
// token's key derivation, so the reader (lib/auth/current.ts) and Auth.js must agree on it.
export const SESSION_COOKIE_HTTP = "authjs.session-token";
export const SESSION_COOKIE_HTTPS = "__Host-authjs.session-token";

export const sessionCookieName = (https: boolean) => (https ? SESSION_COOKIE_HTTPS : SESSION_COOKIE_HTTP);

/** Auth.js's cookie options for a request on https or not (the other cookies keep Auth.js's defaults). */
export function authCookies(https: boolean): Pick<NextAuthConfig, "cookies" | "useSecureCookies"> {
  if (!https) return { useSecureCookies: false };
  return {
    useSecureCookies: true,
    cookies: {
      sessionToken: { name: SESSION_COOKIE_HTTPS, options: { httpOnly: true, sameSite: "lax", path: "/", secure: true } },
    },
  };
}

import { describe, expect, it } from "vitest";
import { authCookies, sessionCookieName } from "@/lib/auth/cookies";
import { contentSecurityPolicy, newNonce, pageSecurityHeaders } from "@/lib/http/security-headers";

describe("the Content-Security-Policy of the pages", () => {
  const directives = (csp: string) => new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));

  it("allows scripts only by nonce (strict-dynamic), no objects, no base, no framing", () => {
    const nonce = newNonce();
    const d = directives(contentSecurityPolicy({ nonce, https: false }));
    expect(d.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'none'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("default-src")).toEqual(["'self'"]);
    expect(d.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    expect(d.get("worker-src")).toEqual(["'self'"]);
    expect(d.get("style-src")).not.toContain("'unsafe-inline'");
    expect([...d.values()].flat()).not.toContain("'unsafe-eval'");
    expect(d.has("upgrade-insecure-requests")).toBe(false);
  });

  it("gives a new 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });

  it("adds HSTS and upgrade-insecure-requests on https only, and the SSO provider to form-action", () => {
    expect(pageSecurityHeaders({ nonce: "n", https: true })["Strict-Transport-Security"]).toMatch(/^max-age=\d{8}/);
    expect(pageSecurityHeaders({ nonce: "n", https: false })["Strict-Transport-Security"]).toBeUndefined();
    expect(contentSecurityPolicy({ nonce: "n", https: true })).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ nonce: "n", https: false, ssoIssuer: "https://sso.tinh.gov.vn/realms/cqnn" }))
      .toContain("form-action 'self' https://sso.tinh.gov.vn;");
  });

  it("lets the signing page reach the local signing agent (USB token) only when one is configured", () => {
    expect(contentSecurityPolicy({ nonce: "n", https: false })).toContain("connect-src 'self';");
    expect(contentSecurityPolicy({ nonce: "n", https: false, signingAgent: "http://127.0.0.1:8719/ky" })).toContain("connect-src 'self' http://127.0.0.1:8719;");
    expect(contentSecurityPolicy({ nonce: "n", https: false, signingAgent: "not a url" })).toContain("connect-src 'self';");
  });
});

describe("the session cookie", () => {
  it("is __Host- prefixed on https (Secure, Path=/, no Domain) and plain on http", () => {
    expect(sessionCookieName(true)).toBe("__Host-authjs.session-token");
    expect(sessionCookieName(false)).toBe("authjs.session-token");
    const https = authCookies(true);
    expect(https.useSecureCookies).toBe(true);
    expect(https.cookies?.sessionToken?.name).toBe("__Host-authjs.session-token");
    expect(https.cookies?.sessionToken?.options).toMatchObject({ secure: true, path: "/", httpOnly: true, sameSite: "lax" });
    expect(https.cookies?.sessionToken?.options).not.toHaveProperty("domain");
    expect(authCookies(false)).toEqual({ useSecureCookies: false });
  });
});

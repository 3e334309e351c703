import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { metaFromHeaders } from "@/lib/auth/request";
import { PEER_HEADER, PEER_KEY_ENV } from "@/lib/http/forwarding.mjs";

// The address of the login limits and the audit trail (lib/http/request-origin.ts decides it).
const KEY = "meta-test-key";
beforeEach(() => {
  process.env[PEER_KEY_ENV] = KEY;
  delete process.env.TRUSTED_PROXIES;
});
afterEach(() => {
  delete process.env[PEER_KEY_ENV];
});
const meta = (peer: string | null, h: Record<string, string> = {}) =>
  metaFromHeaders(new Headers({ ...h, ...(peer ? { [PEER_HEADER]: `${KEY} ${peer}` } : {}) }));

describe("metaFromHeaders", () => {
  it("takes the socket's peer, not a client-sent X-Forwarded-For or X-Real-IP", () => {
    expect(meta("192.0.2.1", { "x-forwarded-for": "1.1.1.1, 10.0.0.5" }).ip).toBe("192.0.2.1");
    expect(meta("192.0.2.1", { "x-real-ip": "10.9.9.9" }).ip).toBe("192.0.2.1");
  });

  it("takes the client behind a trusted proxy", () => {
    process.env.TRUSTED_PROXIES = "10.0.0.5";
    expect(meta("10.0.0.5", { "x-forwarded-for": "evil, 198.51.100.2" }).ip).toBe("198.51.100.2");
  });

  it("strips the IPv4-mapped IPv6 prefix so one client has one address", () => {
    expect(meta("::ffff:192.0.2.1").ip).toBe("192.0.2.1");
    expect(meta("2001:db8::1").ip).toBe("2001:db8::1");
  });

  it("gives empty strings when nothing is known", () => {
    expect(meta(null, { "x-forwarded-for": "1.1.1.1" })).toEqual({ ip: "", userAgent: "" });
  });

  it("caps the user agent at 300 characters", () => {
    const m = meta("192.0.2.1", { "user-agent": "M".repeat(1000) });
    expect(m.userAgent).toHaveLength(300);
    expect(meta(null, { "user-agent": "Mozilla/5.0 (X11; Linux x86_64)" }).userAgent).toBe("Mozilla/5.0 (X11; Linux x86_64)");
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PEER_HEADER, PEER_KEY_ENV, parseTrustedProxies } from "@/lib/http/forwarding.mjs";
import { clientAddress, isHttps, isSameOrigin, peerAddress, requestOrigin } from "@/lib/http/request-origin";

// security.md §5 row 4 (CSRF) and row 6 (per-address limit): which origin and which client address
// a request may claim, judged from the socket's peer (stamped by scripts/serve.mjs), AUTH_URL and
// TRUSTED_PROXIES only.

const KEY = "test-peer-key-0123456789";
const saved = { ...process.env };
beforeEach(() => {
  process.env[PEER_KEY_ENV] = KEY;
  delete process.env.TRUSTED_PROXIES;
  delete process.env.AUTH_URL;
  delete process.env.NEXTAUTH_URL;
});
afterEach(() => {
  for (const k of [PEER_KEY_ENV, "TRUSTED_PROXIES", "AUTH_URL", "NEXTAUTH_URL"]) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

/** A request as the app sees it: stamped by the server with this peer, plus the client's headers. */
const req = (peer: string | null, h: Record<string, string> = {}) =>
  new Headers({ host: "vpdt.example.vn", ...h, ...(peer ? { [PEER_HEADER]: `${KEY} ${peer}` } : {}) });

describe("the request's origin and the CSRF rule", () => {
  it("accepts an Origin equal to the Host over http, from a direct client", () => {
    expect(requestOrigin(req("198.51.100.7"))).toBe("http://vpdt.example.vn");
    expect(isSameOrigin(req("198.51.100.7", { origin: "http://vpdt.example.vn" }))).toBe(true);
    expect(isSameOrigin(req("198.51.100.7", { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }))).toBe(true);
  });

  it("refuses a missing Origin, an opaque one and a foreign one", () => {
    expect(isSameOrigin(req("198.51.100.7"))).toBe(false);
    expect(isSameOrigin(req("198.51.100.7", { origin: "null" }))).toBe(false);
    expect(isSameOrigin(req("198.51.100.7", { origin: "http://evil.example" }))).toBe(false);
    expect(isSameOrigin(req("198.51.100.7", { origin: "not a url" }))).toBe(false);
  });

  it("ignores X-Forwarded-Host and -Proto sent by a client that is not a trusted proxy", () => {
    const spoofed = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", origin: "https://evil.example" };
    expect(isSameOrigin(req("198.51.100.7", spoofed))).toBe(false);
    expect(requestOrigin(req("198.51.100.7", spoofed))).toBe("http://vpdt.example.vn");
    // The same with TRUSTED_PROXIES set, when the peer is not one of them.
    process.env.TRUSTED_PROXIES = "10.0.0.0/8";
    expect(isSameOrigin(req("198.51.100.7", spoofed))).toBe(false);
  });

  it("compares the scheme and the port, not only the host", () => {
    expect(isSameOrigin(req("198.51.100.7", { origin: "https://vpdt.example.vn" }))).toBe(false);
    expect(isSameOrigin(req("198.51.100.7", { host: "vpdt.example.vn:3000", origin: "http://vpdt.example.vn:3001" }))).toBe(false);
    expect(isSameOrigin(req("198.51.100.7", { host: "vpdt.example.vn:80", origin: "http://vpdt.example.vn" }))).toBe(true);
  });

  it("takes X-Forwarded-Host and -Proto from a trusted proxy (the nearest value)", () => {
    process.env.TRUSTED_PROXIES = "10.0.0.0/8, 192.168.1.5";
    const viaProxy = { host: "app:3000", "x-forwarded-host": "vpdt.snv.gov.vn", "x-forwarded-proto": "https" };
    expect(requestOrigin(req("10.1.2.3", viaProxy))).toBe("https://vpdt.snv.gov.vn");
    expect(isHttps(req("10.1.2.3", viaProxy))).toBe(true);
    expect(isSameOrigin(req("10.1.2.3", { ...viaProxy, origin: "https://vpdt.snv.gov.vn" }))).toBe(true);
    expect(isSameOrigin(req("10.1.2.3", { ...viaProxy, origin: "http://vpdt.snv.gov.vn" }))).toBe(false);
    // A proxy that appends: the client's own value comes first and is not the one used.
    expect(requestOrigin(req("::ffff:192.168.1.5", { host: "app", "x-forwarded-host": "evil.example, vpdt.snv.gov.vn", "x-forwarded-proto": "http, https" })))
      .toBe("https://vpdt.snv.gov.vn");
  });

  it("uses AUTH_URL when it is set, whatever the headers say", () => {
    process.env.AUTH_URL = "https://vpdt.snv.gov.vn";
    process.env.TRUSTED_PROXIES = "10.0.0.0/8";
    expect(isSameOrigin(req("10.1.2.3", { origin: "https://vpdt.snv.gov.vn", "x-forwarded-host": "evil.example" }))).toBe(true);
    expect(isSameOrigin(req("10.1.2.3", { origin: "https://evil.example", "x-forwarded-host": "evil.example" }))).toBe(false);
    expect(isSameOrigin(req("198.51.100.7", { origin: "http://vpdt.snv.gov.vn", host: "vpdt.snv.gov.vn" }))).toBe(false);
    expect(isHttps(req(null))).toBe(true);
  });

  it("refuses a Host that is not a host", () => {
    expect(requestOrigin(req("198.51.100.7", { host: "evil.example/x" }))).toBeNull();
    expect(isSameOrigin(req("198.51.100.7", { host: "a@evil.example", origin: "http://evil.example" }))).toBe(false);
  });
});

describe("the client address", () => {
  it("is the socket's peer for a direct client, whatever X-Forwarded-For or X-Real-IP say", () => {
    expect(clientAddress(req("198.51.100.7", { "x-forwarded-for": "1.2.3.4" }))).toBe("198.51.100.7");
    expect(clientAddress(req("198.51.100.7", { "x-forwarded-for": "1.2.3.4, 5.6.7.8", "x-real-ip": "9.9.9.9" }))).toBe("198.51.100.7");
    expect(clientAddress(req("::ffff:198.51.100.7"))).toBe("198.51.100.7");
    expect(clientAddress(req("2001:db8::1"))).toBe("2001:db8::1");
  });

  it("cannot be forged with the server's own header: without the key there is no peer", () => {
    const forged = new Headers({ host: "vpdt.example.vn", [PEER_HEADER]: "guess 10.0.0.1" });
    expect(peerAddress(forged)).toBeNull();
    expect(clientAddress(forged)).toBe("");
    delete process.env[PEER_KEY_ENV];
    expect(peerAddress(req("10.0.0.1"))).toBeNull();
  });

  it("behind trusted proxies, is the first address from the right that is not a trusted proxy", () => {
    process.env.TRUSTED_PROXIES = "10.0.0.0/8 2001:db8:ffff::/48";
    expect(clientAddress(req("10.0.0.2", { "x-forwarded-for": "203.0.113.9" }))).toBe("203.0.113.9");
    // The client's own X-Forwarded-For hops come first, to the left of what its proxy appended.
    expect(clientAddress(req("10.0.0.2", { "x-forwarded-for": "6.6.6.6, 7.7.7.7, 203.0.113.9" }))).toBe("203.0.113.9");
    // Two proxies of ours.
    expect(clientAddress(req("10.0.0.2", { "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.3" }))).toBe("203.0.113.9");
    expect(clientAddress(req("2001:db8:ffff::1", { "x-forwarded-for": "[2001:db8:1::5]" }))).toBe("2001:db8:1::5");
    // Nothing usable: the last proxy seen stands for the client.
    expect(clientAddress(req("10.0.0.2"))).toBe("10.0.0.2");
    expect(clientAddress(req("10.0.0.2", { "x-forwarded-for": "garbage, 10.0.0.3" }))).toBe("10.0.0.3");
  });
});

describe("TRUSTED_PROXIES", () => {
  it("accepts addresses and CIDR ranges, none by default", () => {
    expect(parseTrustedProxies(undefined).count).toBe(0);
    expect(parseTrustedProxies("").count).toBe(0);
    expect(parseTrustedProxies("127.0.0.1, ::1 10.0.0.0/8,fd00::/8").count).toBe(4);
  });

  it("refuses an invalid entry instead of guessing", () => {
    for (const bad of ["10.0.0.0/33", "localhost", "10.0.0.1/8/2", "::1/129", "10.0.0.0/x", "*"]) {
      expect(() => parseTrustedProxies(bad), bad).toThrow(/TRUSTED_PROXIES/);
    }
  });
});

// The trusted-proxy rule, shared by the HTTP server (scripts/serve.mjs, plain Node) and the app
// (lib/http/request-origin.ts). Plain JavaScript so that the server needs no TypeScript loader.
import net from "node:net";

/** The header through which the server hands the socket's peer address to the app. */
export const PEER_HEADER = "x-vpdt-peer";
/** The environment variable holding the per-process key that proves the header came from the server. */
export const PEER_KEY_ENV = "VPDT_PEER_KEY";
/** Forwarding headers a client could send; only a trusted proxy's are kept. */
export const FORWARDED_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded", "x-real-ip"];

/** An address as the socket or a header gives it, in one spelling: no IPv4-mapped prefix, no brackets or zone. */
export function normalizeAddress(raw) {
  let a = String(raw ?? "").trim();
  if (a.startsWith("[") && a.includes("]")) a = a.slice(1, a.indexOf("]"));
  const zone = a.indexOf("%");
  if (zone > 0) a = a.slice(0, zone);
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a)) a = a.slice(7);
  return net.isIP(a) ? a.toLowerCase() : "";
}

/**
 * TRUSTED_PROXIES: IP addresses and CIDR ranges separated by commas or spaces (none by default).
 * An invalid entry throws, so that a typo never silently trusts or distrusts a proxy.
 */
export function parseTrustedProxies(spec) {
  const list = new net.BlockList();
  let count = 0;
  for (const entry of String(spec ?? "").split(/[\s,]+/).filter(Boolean)) {
    const [addr, bits, extra] = entry.split("/");
    const ip = normalizeAddress(addr);
    const family = net.isIP(ip);
    const max = family === 6 ? 128 : 32;
    const prefix = bits === undefined ? max : Number(bits);
    if (!family || extra !== undefined || !/^\d+$/.test(String(prefix)) || prefix < 0 || prefix > max) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" không phải địa chỉ IP hoặc dải CIDR hợp lệ.`);
    }
    list.addSubnet(ip, prefix, family === 6 ? "ipv6" : "ipv4");
    count++;
  }
  return { list, count };
}

/** Whether this (normalized) address is one of the trusted proxies. */
export function isTrustedProxy(proxies, address) {
  const ip = normalizeAddress(address);
  const family = net.isIP(ip);
  if (!family || !proxies.count) return false;
  return proxies.list.check(ip, family === 6 ? "ipv6" : "ipv4");
}

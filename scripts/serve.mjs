// The HTTP server of `npm start` / `npm run dev`: Next.js behind a plain Node server that owns the
// socket. Next.js gives route handlers and server actions no access to the peer address, and it
// keeps any X-Forwarded-* header a client sends; so here, before Next sees a request:
//  - X-Forwarded-* (and Forwarded, X-Real-IP) are removed unless the peer is a TRUSTED_PROXIES entry
//    (Next then sets X-Forwarded-Host/-Proto/-For from the Host header and the socket itself);
//  - the peer address is handed to the app in a header this server always overwrites, with a
//    random key made at start, so the app can tell it from one a client made up
//    (lib/http/request-origin.ts).
import { randomBytes } from "node:crypto";
import http from "node:http";
import next from "next";
import { coalesceFlushes } from "../lib/http/flush.mjs";
import { FORWARDED_HEADERS, isTrustedProxy, normalizeAddress, parseTrustedProxies, PEER_HEADER, PEER_KEY_ENV } from "../lib/http/forwarding.mjs";

const dev = process.argv.includes("--dev");
if (!dev) process.env.NODE_ENV = "production";
const port = Number(process.env.PORT ?? "3000");
const hostname = process.env.HOSTNAME ?? "0.0.0.0";

let proxies;
try {
  proxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
if (!proxies.count && /^https:/i.test(process.env.AUTH_URL ?? "")) {
  console.warn(
    "Cảnh báo: AUTH_URL là https nhưng TRUSTED_PROXIES trống: mọi người dùng sẽ mang địa chỉ của proxy " +
      "(giới hạn đăng nhập theo địa chỉ và nhật ký). Hãy khai báo địa chỉ proxy trong TRUSTED_PROXIES.",
  );
}
const key = randomBytes(24).toString("base64url");
process.env[PEER_KEY_ENV] = key;

/** Removes what the peer may not tell, and stamps the peer address. */
function prepare(req) {
  const peer = normalizeAddress(req.socket.remoteAddress);
  if (!isTrustedProxy(proxies, peer)) for (const name of FORWARDED_HEADERS) delete req.headers[name];
  req.headers[PEER_HEADER] = `${key} ${peer}`;
}

const server = http.createServer();
// An idle keep-alive connection is closed after 65 s instead of Node's 5 s. A client or a reverse proxy that reuses
// a connection at the moment the server closes it gets a reset (ECONNRESET; a proxy answers 502): proxies keep idle
// upstream connections up to 60 s (nginx's keepalive_timeout), so the server keeps them longer than the proxy does.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
const app = next({ dev, dir: process.cwd(), hostname, port, httpServer: server });
const handle = app.getRequestHandler();
await app.prepare();
server.on("request", (req, res) => {
  prepare(req);
  // A compressed page's chunks of one turn go out as one deflate block (lib/http/flush.mjs).
  coalesceFlushes(res);
  handle(req, res).catch((e) => {
    console.error("[server]", e);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
server.on("upgrade", (req) => prepare(req));
server.listen(port, hostname, () => {
  console.log(`Văn phòng điện tử đang chạy tại http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}` + (dev ? " (dev)" : ""));
});
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}

import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TransportError, type OutboundPackage, type Partner } from "@/lib/exchange/transport";
import { transportFor } from "@/lib/exchange/transports";
import { directTransport, pingDirect, sendDirect } from "@/lib/exchange/transports/direct";

// The direct transport (issue 13) against a small local HTTP server playing the receiving
// installation: its answers (202, 200 duplicate, 400/403/413/415 refused, 408/429/5xx, a timeout, a
// closed port, redirects) and what the transport makes of them (result, permanent or transient error).

type Reply = (req: http.IncomingMessage, body: Buffer, res: http.ServerResponse) => void;

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

let server: http.Server;
let base: string;
let reply: Reply;
const seen: Seen[] = [];

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(text);
}

const partner = (over: Partial<Partner> = {}): Partner => ({
  id: "p1", agencyId: "a1", organId: "000.00.12.H09", name: "Sở Tài chính tỉnh Bình Định", transport: "direct",
  endpoint: base, certPem: null, caPem: null, ...over,
});

const XML = `<?xml version="1.0" encoding="UTF-8"?><edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><Subject>Về việc báo cáo</Subject></edXML>`;
const pkg: OutboundPackage = { xml: XML, fromOrganId: "000.00.01.H09", toOrganId: "000.00.12.H09", messageId: "6f1c0d5e-1111-4a4a-9999-000000000001" };

async function caught(p: Promise<unknown>): Promise<TransportError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(TransportError);
    return e as TransportError;
  }
  throw new Error("expected a TransportError");
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      reply(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  seen.length = 0;
});

describe("direct transport: send", () => {
  it("POSTs the signed XML to /api/exchange/edxml with its message id; 202 → sent, with the receiver's id", async () => {
    reply = (_req, _body, res) => json(res, 202, { id: "m-42", state: "received" });
    const r = await sendDirect(partner(), pkg);
    expect(r).toEqual({ packageId: "m-42" });
    expect(seen).toHaveLength(1);
    expect(seen[0].method).toBe("POST");
    expect(seen[0].url).toBe("/api/exchange/edxml");
    expect(seen[0].headers["content-type"]).toBe("application/xml; charset=utf-8");
    expect(seen[0].headers["x-edxml-message-id"]).toBe(pkg.messageId);
    expect(seen[0].body.toString("utf8")).toBe(XML);
  });

  it("keeps the endpoint's own path and ignores a trailing slash", async () => {
    reply = (_req, _body, res) => json(res, 202, { id: "m-1", state: "received" });
    await sendDirect(partner({ endpoint: `${base}/vpdt/` }), pkg);
    expect(seen[0].url).toBe("/vpdt/api/exchange/edxml");
  });

  it("200 duplicate → counts as sent, marked duplicate", async () => {
    reply = (_req, _body, res) => json(res, 200, { id: "m-first", duplicate: true });
    expect(await sendDirect(partner(), pkg)).toEqual({ packageId: "m-first", duplicate: true });
  });

  it.each([400, 403, 413, 415])("%i {code, reason} → refused: permanent error with the receiver's code and reason", async (status) => {
    reply = (_req, _body, res) => json(res, status, { code: "bad_signature", reason: "Chữ ký số không hợp lệ: văn bản đã bị sửa sau khi ký" });
    const e = await caught(sendDirect(partner(), pkg));
    expect(e.permanent).toBe(true);
    expect(e.code).toBe("bad_signature");
    expect(e.message).toBe("Chữ ký số không hợp lệ: văn bản đã bị sửa sau khi ký");
  });

  it("a refusal without a JSON body still is permanent, with a Vietnamese reason", async () => {
    reply = (_req, _body, res) => {
      res.writeHead(413, { "content-type": "text/plain" });
      res.end("too large");
    };
    const e = await caught(sendDirect(partner(), pkg));
    expect(e.permanent).toBe(true);
    expect(e.code).toBe("http_413");
    expect(e.message).toContain("từ chối");
  });

  it.each([503, 500, 502, 408, 429])("%i → transient (retried), Vietnamese message", async (status) => {
    reply = (_req, _body, res) => json(res, status, { error: "busy" });
    const e = await caught(sendDirect(partner(), pkg));
    expect(e.permanent).toBe(false);
    expect(e.code).toBe(`http_${status}`);
    expect(e.message).toContain("sẽ thử lại");
  });

  it("an answer off the contract (404, 200 without a body) → transient, not sent", async () => {
    reply = (_req, _body, res) => json(res, 404, {});
    expect((await caught(sendDirect(partner(), pkg))).permanent).toBe(false);
    reply = (_req, _body, res) => {
      res.writeHead(200);
      res.end("ok");
    };
    expect((await caught(sendDirect(partner(), pkg))).permanent).toBe(false);
  });

  it("no answer within the timeout → transient 'timeout'", async () => {
    reply = () => {}; // never answers
    const t0 = Date.now();
    const e = await caught(sendDirect(partner(), pkg, { timeoutMs: 300 }));
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(e.code).toBe("timeout");
    expect(e.permanent).toBe(false);
    expect(e.message).toContain("không trả lời");
  });

  it("connection refused → transient 'unreachable'", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const e = await caught(sendDirect(partner({ endpoint: `http://127.0.0.1:${port}` }), pkg));
    expect(e.code).toBe("unreachable");
    expect(e.permanent).toBe(false);
  });

  it("a redirect to another origin is not followed (the message is not handed elsewhere)", async () => {
    let elsewhere = 0;
    const other = http.createServer((_req, res) => {
      elsewhere++;
      json(res, 202, { id: "stolen", state: "received" });
    });
    await new Promise<void>((r) => other.listen(0, "127.0.0.1", r));
    const otherUrl = `http://localhost:${(other.address() as AddressInfo).port}`;
    try {
      reply = (_req, _body, res) => {
        res.writeHead(307, { location: `${otherUrl}/api/exchange/edxml` });
        res.end();
      };
      const e = await caught(sendDirect(partner(), pkg));
      expect(e.code).toBe("redirect");
      expect(e.permanent).toBe(true);
      expect(elsewhere).toBe(0);
    } finally {
      other.closeAllConnections();
      await new Promise((r) => other.close(r));
    }
  });

  it("a 301 of the POST (would drop the body) or a redirect loop is refused", async () => {
    reply = (_req, _body, res) => {
      res.writeHead(301, { location: "/elsewhere" });
      res.end();
    };
    const e = await caught(sendDirect(partner(), pkg));
    expect(e.code).toBe("redirect");
    expect(e.message).toContain("làm mất nội dung gửi");
    reply = (req, _body, res) => {
      res.writeHead(307, { location: `${req.url}x` });
      res.end();
    };
    expect((await caught(sendDirect(partner(), pkg))).message).toContain("quá nhiều lần");
    expect(seen.length).toBe(1 + 4);
  });

  it("a 308 within the same origin is followed with the body", async () => {
    reply = (req, _body, res) => {
      if (req.url === "/api/exchange/edxml") {
        res.writeHead(308, { location: "/v2/api/exchange/edxml" });
        res.end();
      } else json(res, 202, { id: "m-moved", state: "received" });
    };
    expect(await sendDirect(partner(), pkg)).toEqual({ packageId: "m-moved" });
    expect(seen.map((s) => s.url)).toEqual(["/api/exchange/edxml", "/v2/api/exchange/edxml"]);
    expect(seen[1].body.toString("utf8")).toBe(XML);
  });

  it.each([
    ["", "no_endpoint"],
    ["vpdt.example.gov.vn", "bad_endpoint"],
    ["ftp://vpdt.example.gov.vn", "bad_endpoint"],
    ["https://user:pw@vpdt.example.gov.vn", "bad_endpoint"],
    ["/api/exchange", "bad_endpoint"],
  ])("endpoint %j is refused before any request (%s, permanent)", async (endpoint, code) => {
    reply = (_req, _body, res) => json(res, 202, { id: "x", state: "received" });
    const e = await caught(sendDirect(partner({ endpoint }), pkg));
    expect(e.code).toBe(code);
    expect(e.permanent).toBe(true);
    expect(seen).toHaveLength(0);
  });

  it("is registered as the 'direct' transport", async () => {
    await import("@/lib/exchange/transports/direct");
    expect(transportFor("direct")).toBe(directTransport);
  });
});

describe("direct transport: ping", () => {
  it("ok when the partner's OrganId is among the installation's, with a warning for http", async () => {
    reply = (_req, _body, res) => json(res, 200, { organIds: ["000.00.11.H09", "000.00.12.H09"], name: "Sở Tài chính tỉnh Bình Định" });
    const r = await pingDirect(partner());
    expect(seen[0].method).toBe("GET");
    expect(seen[0].url).toBe("/api/exchange/ping");
    expect(r.detail).toContain("Kết nối được: Sở Tài chính tỉnh Bình Định, 000.00.12.H09");
    expect(r.detail).toContain("https");
  });

  it("another agency's installation at that address → a clear error naming who answered", async () => {
    reply = (_req, _body, res) => json(res, 200, { organIds: ["000.00.30.H09"], name: "Sở Y tế tỉnh Bình Định" });
    const e = await caught(pingDirect(partner()));
    expect(e.code).toBe("organ_mismatch");
    expect(e.message).toContain("Sở Y tế tỉnh Bình Định");
    expect(e.message).toContain("000.00.30.H09");
    expect(e.message).toContain("không phải 000.00.12.H09");
  });

  it("not this system at that address (404, no organIds) → error", async () => {
    reply = (_req, _body, res) => json(res, 404, {});
    expect((await caught(pingDirect(partner()))).code).toBe("http_404");
    reply = (_req, _body, res) => json(res, 200, { hello: "world" });
    expect((await caught(pingDirect(partner()))).code).toBe("bad_ping");
  });

  it("down → transient error", async () => {
    reply = (_req, _body, res) => json(res, 503, {});
    expect((await caught(pingDirect(partner()))).permanent).toBe(false);
  });
});

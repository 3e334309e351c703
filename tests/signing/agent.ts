import { createPrivateKey, privateEncrypt, constants, type KeyObject } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

// A tiny local signing agent (what a USB token's software does) for the tests: the protocol of
// lib/signatures/adapters/agent.ts, on loopback, with CORS for the application's origin only.

const SHA256_DIGEST_INFO = Buffer.from("3031300d060960864801650304020105000420", "hex");

export async function startTestAgent(opts: { key: KeyObject | string; chain: Uint8Array[]; origin: string }) {
  const key = typeof opts.key === "string" ? createPrivateKey(opts.key) : opts.key;
  const signed: string[] = [];
  const server = createServer(async (req, res) => {
    const cors = { "access-control-allow-origin": opts.origin, "access-control-allow-headers": "content-type", "access-control-allow-methods": "GET, POST" };
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { "content-type": "application/json", ...cors });
      res.end(JSON.stringify(json));
    };
    if (req.headers.origin && req.headers.origin !== opts.origin) return send(403, { message: "origin" });
    if (req.method === "OPTIONS") {
      res.writeHead(204, cors);
      return res.end();
    }
    const chain = opts.chain.map((d) => Buffer.from(d).toString("base64"));
    if (req.method === "GET" && req.url === "/certificate") return send(200, { chain });
    if (req.method === "POST" && req.url === "/sign") {
      let raw = "";
      for await (const c of req) raw += c;
      const { hash } = JSON.parse(raw) as { hash: string };
      const digest = Buffer.from(hash, "base64");
      if (digest.length !== 32) return send(400, { message: "hash" });
      signed.push(hash);
      const signature = privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest]));
      return send(200, { signature: signature.toString("base64"), chain });
    }
    send(404, { message: "not found" });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, signed, close: () => new Promise<void>((r) => server.close(() => r())) };
}

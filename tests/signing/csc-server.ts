import { createPrivateKey, privateEncrypt, randomBytes, constants, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A reference remote signing service speaking the Cloud Signature Consortium API v2.0 (the subset a signing
// client needs): oauth2/token (client credentials), credentials/list (userID), credentials/info,
// credentials/authorize (PIN, optional OTP → SAD bound to the hashes), signatures/signHash. On loopback, for
// the integration tests; it holds test keys only. RSA keys only (PKCS#1 v1.5 over a SHA-256 DigestInfo).

export interface CscTestCredential {
  id: string;
  key: KeyObject | string;
  /** DER certificates, signer first. */
  chain: Uint8Array[];
  pin: string;
  otp?: string;
}

export interface CscTestServer {
  url: string;
  clientId: string;
  clientSecret: string;
  /** Every request's path, for asserting what the client did. */
  calls: string[];
  close: () => Promise<void>;
}

const SHA256_DIGEST_INFO = Buffer.from("3031300d060960864801650304020105000420", "hex");
const SHA256_OID = "2.16.840.1.101.3.4.2.1";

async function body(req: IncomingMessage): Promise<string> {
  let s = "";
  for await (const c of req) s += c;
  return s;
}

export async function startCscServer(users: Record<string, CscTestCredential[]>): Promise<CscTestServer> {
  const clientId = "vpdt-test";
  const clientSecret = randomBytes(16).toString("hex");
  const tokens = new Set<string>();
  const sads = new Map<string, { credentialID: string; hashes: string[]; left: number; expires: number }>();
  const byId = new Map(Object.values(users).flat().map((c) => [c.id, c]));
  const calls: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(json));
    };
    const fail = (status: number, error: string) => send(status, { error, error_description: error });
    try {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      calls.push(path);
      const raw = await body(req);
      if (req.method !== "POST") return fail(405, "invalid_request");
      if (path === "/oauth2/token") {
        const p = new URLSearchParams(raw);
        if (p.get("grant_type") !== "client_credentials" || p.get("client_id") !== clientId || p.get("client_secret") !== clientSecret)
          return fail(401, "invalid_client");
        const token = randomBytes(24).toString("hex");
        tokens.add(token);
        return send(200, { access_token: token, token_type: "Bearer", expires_in: 3600 });
      }
      if (!tokens.has((req.headers.authorization ?? "").replace(/^Bearer /, ""))) return fail(401, "invalid_token");
      const json = JSON.parse(raw || "{}") as Record<string, unknown>;
      const cred = typeof json.credentialID === "string" ? byId.get(json.credentialID) : undefined;
      switch (path) {
        case "/csc/v2/credentials/list": {
          const list = users[String(json.userID ?? "")] ?? [];
          return send(200, { credentialIDs: list.map((c) => c.id) });
        }
        case "/csc/v2/credentials/info": {
          if (!cred) return fail(400, "invalid_request");
          return send(200, {
            key: { status: "enabled", algo: ["1.2.840.113549.1.1.1"], len: 2048 },
            cert: { status: "valid", certificates: (json.certificates === "none" ? [] : json.certificates === "single" ? cred.chain.slice(0, 1) : cred.chain).map((d) => Buffer.from(d).toString("base64")) },
            authMode: "explicit",
            SCAL: "2",
            auth: { mode: "explicit", objects: [{ type: "Password", id: "PIN" }, ...(cred.otp ? [{ type: "OTP", id: "OTP" }] : [])] },
            multisign: 1,
          });
        }
        case "/csc/v2/credentials/authorize": {
          if (!cred) return fail(400, "invalid_request");
          if (json.PIN !== cred.pin) return fail(400, "invalid_pin");
          if (cred.otp && json.OTP !== cred.otp) return fail(400, "invalid_otp");
          const hashes = Array.isArray(json.hashes) ? json.hashes.map(String) : [];
          if (json.hashAlgorithmOID !== SHA256_OID || Number(json.numSignatures) !== hashes.length || !hashes.length) return fail(400, "invalid_request");
          const SAD = randomBytes(24).toString("hex");
          sads.set(SAD, { credentialID: cred.id, hashes, left: hashes.length, expires: Date.now() + 300_000 });
          return send(200, { SAD, expiresIn: 300 });
        }
        case "/csc/v2/signatures/signHash": {
          const sad = sads.get(String(json.SAD ?? ""));
          const hashes = Array.isArray(json.hashes) ? json.hashes.map(String) : [];
          // SCAL2: the SAD signs exactly the hashes it was issued for, once.
          if (!cred || !sad || sad.credentialID !== cred.id || sad.expires < Date.now() || sad.left < hashes.length || hashes.some((h) => !sad.hashes.includes(h)))
            return fail(400, "invalid_request");
          sad.left -= hashes.length;
          const key = typeof cred.key === "string" ? createPrivateKey(cred.key) : cred.key;
          const signatures = hashes.map((h) =>
            privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(h, "base64")])).toString("base64"),
          );
          return send(200, { signatures });
        }
        default:
          return fail(404, "invalid_request");
      }
    } catch {
      fail(500, "server_error");
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, clientId, clientSecret, calls, close: () => new Promise((r) => server.close(() => r())) };
}

// The boundary to a local signing agent (the software of a USB token, on the signer's own computer): the
// signing page asks it for the certificate chain, then posts the hash of the prepared bytes and receives the
// signature. The key stays in the token; the server never talks to the agent. Isomorphic (runs in the page).
//
//   GET  <agent>/certificate             → { "chain": [base64 DER, signer first] }
//   POST <agent>/sign { hash, hashAlgorithmOID: "2.16.840.1.101.3.4.2.1" }
//                                         → { "signature": base64, "chain"?: [base64 DER] }
// The installation names the agent with SIGNING_AGENT_URL (it is also allowed in the page's connect-src).

export const AGENT_UNREACHABLE = "Không kết nối được phần mềm ký số trên máy. Hãy cắm thiết bị ký số USB và mở phần mềm ký, rồi thử lại.";

const fromB64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
function toB64(u: Uint8Array) {
  let s = "";
  for (const b of u) s += String.fromCharCode(b);
  return btoa(s);
}

async function call(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, mode: "cors", credentials: "omit", signal: AbortSignal.timeout(120_000) });
  } catch {
    throw new Error(AGENT_UNREACHABLE);
  }
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new Error(typeof json.message === "string" ? json.message : "Phần mềm ký số trên máy từ chối yêu cầu.");
  return json;
}

export async function agentChain(agentUrl: string): Promise<Uint8Array[]> {
  const json = await call(`${agentUrl.replace(/\/+$/, "")}/certificate`);
  const chain = Array.isArray(json.chain) ? json.chain.map((c) => fromB64(String(c))) : [];
  if (!chain.length) throw new Error("Phần mềm ký số trên máy không trả về chứng thư số.");
  return chain;
}

export async function agentSign(agentUrl: string, hash: Uint8Array): Promise<Uint8Array> {
  const json = await call(`${agentUrl.replace(/\/+$/, "")}/sign`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ hash: toB64(hash), hashAlgorithmOID: "2.16.840.1.101.3.4.2.1" }),
  });
  if (typeof json.signature !== "string") throw new Error("Phần mềm ký số trên máy không trả về chữ ký.");
  return fromB64(json.signature);
}

import "server-only";
import { TransportError, type OutboundPackage, type Partner, type PingResult, type SendResult, type Transport } from "../transport";
import { registerTransport } from "./index";
import { baseUrl, join, jsonOf, request } from "./http";

// The "direct" transport: another installation of this system, reached over HTTP(S) at the partner's
// endpoint (agency_directory.endpoint, e.g. https://vpdt.stc.binhdinh.gov.vn). https is recommended;
// http only inside a closed network (the message is signed either way, so it cannot be changed
// unseen, but it can be read on the way). The receiver authenticates the message by its XML-DSig
// signature and its directory, not by the connection.
//
// The receiver's contract (app/api/exchange/edxml, lib/exchange/receive.ts):
//   POST {endpoint}/api/exchange/edxml, body = the signed edXML, Content-Type application/xml,
//        X-Edxml-Message-Id = our message id (an idempotency key)
//     202 {"id","state":"received"}   taken (stored before the answer)
//     200 {"id","duplicate":true}     had it already: counts as sent
//     400/403/413/415 {"code","reason"}  refused (malformed, bad signature, unknown sender, too large,
//                                     not XML): retrying sends the same refusal → permanent error
//     408/429/5xx, network, timeout   transient: the job runner retries with backoff
//   GET {endpoint}/api/exchange/ping → {"organIds":[…],"name":…}: who answers at that address.

const PEER = "máy chủ đối tác";
const REFUSED = new Set([400, 403, 413, 415]);

export async function sendDirect(partner: Partner, pkg: OutboundPackage, opts: { timeoutMs?: number } = {}): Promise<SendResult> {
  const url = join(endpointOf(partner), "/api/exchange/edxml");
  const res = await request(url, {
    method: "POST",
    headers: {
      "content-type": "application/xml; charset=utf-8",
      accept: "application/json",
      "x-edxml-message-id": pkg.messageId,
    },
    body: Buffer.from(pkg.xml, "utf8"),
    timeoutMs: opts.timeoutMs,
    peer: PEER,
  });
  const body = jsonOf(res) as { id?: unknown; state?: unknown; duplicate?: unknown; code?: unknown; reason?: unknown } | null;
  const id = typeof body?.id === "string" ? body.id : undefined;
  if (res.status === 202 || (res.status === 200 && body?.state === "received")) return { packageId: id };
  if (res.status === 200 && body?.duplicate === true) return { packageId: id, duplicate: true };
  if (REFUSED.has(res.status)) {
    const code = typeof body?.code === "string" && body.code ? body.code.slice(0, 100) : `http_${res.status}`;
    const reason =
      typeof body?.reason === "string" && body.reason
        ? body.reason.slice(0, 1000)
        : `${partner.name || "Đơn vị nhận"} từ chối văn bản (HTTP ${res.status}).`;
    throw new TransportError(code, reason, true);
  }
  if (res.status === 408 || res.status === 429 || res.status >= 500)
    throw new TransportError(`http_${res.status}`, `Máy chủ đối tác tạm thời không nhận (HTTP ${res.status}); sẽ thử lại.`, false);
  // 200 without the contract's body, 404 (not deployed yet?), 401…: not a refusal of the message
  // itself; retried, and visible to the administrator meanwhile.
  throw new TransportError(`http_${res.status}`, `Máy chủ đối tác trả lời không đúng giao thức liên thông (HTTP ${res.status}); sẽ thử lại.`, false);
}

export async function pingDirect(partner: Partner, opts: { timeoutMs?: number } = {}): Promise<PingResult> {
  const base = endpointOf(partner);
  const res = await request(join(base, "/api/exchange/ping"), {
    method: "GET",
    headers: { accept: "application/json" },
    timeoutMs: opts.timeoutMs,
    peer: PEER,
    maxBytes: 64 * 1024,
  });
  if (res.status !== 200)
    throw new TransportError(`http_${res.status}`, `Địa chỉ ${base.origin} trả lời HTTP ${res.status}: không phải hệ thống văn phòng điện tử liên thông, hoặc đang lỗi.`, res.status < 500);
  const body = jsonOf(res) as { organIds?: unknown; name?: unknown } | null;
  const organIds = Array.isArray(body?.organIds) ? body.organIds.filter((x): x is string => typeof x === "string") : null;
  if (!organIds) throw new TransportError("bad_ping", `Địa chỉ ${base.origin} không trả lời theo giao thức liên thông (thiếu danh sách mã định danh).`, true);
  const name = typeof body?.name === "string" ? body.name : "";
  if (!organIds.includes(partner.organId))
    throw new TransportError(
      "organ_mismatch",
      `Địa chỉ ${base.origin} là hệ thống của ${name || "đơn vị khác"} (mã định danh ${organIds.join(", ") || "không có"}), không phải ${partner.organId}. Kiểm tra lại địa chỉ hoặc mã định danh.`,
      true,
    );
  const warning = base.protocol === "http:" ? " Cảnh báo: kết nối không mã hóa (http), nên dùng https." : "";
  return { detail: `Kết nối được: ${name || partner.name}, ${partner.organId}.${warning}` };
}

function endpointOf(partner: Partner): URL {
  if (!partner.endpoint) throw new TransportError("no_endpoint", `Chưa khai báo địa chỉ kết nối của ${partner.name || partner.organId}.`, true);
  return baseUrl(partner.endpoint, `Địa chỉ kết nối của ${partner.name || partner.organId}`);
}

export const directTransport: Transport = {
  name: "direct",
  send: (partner, pkg) => sendDirect(partner, pkg),
  ping: (partner) => pingDirect(partner),
};

registerTransport(directTransport);

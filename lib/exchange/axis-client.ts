import "server-only";
import { TransportError, type AxisConfig } from "./transport";
import { baseUrl, join, jsonOf, request } from "./transports/http";

// A small HTTP client of the liên thông axis (trục liên thông văn bản quốc gia, or a provincial
// platform that speaks the same protocol): the operations of the VPCP/VNPT "SDK VXP" that agencies
// integrate (com.vpcp.services.KnobstickServiceImp / AgencyServiceImp), mapped onto plain HTTP so
// that connecting to a given axis is configuration (AxisConfig: url, username = systemId, secret —
// exchange_identities or AXIS_URL/AXIS_USERNAME/AXIS_SECRET), not code.
//
// The SDK's wire protocol, as its client sends it (every parameter travels as an HTTP header; the
// answer is JSON {"status":"OK"|"FAIL","ErrorCode":"0"|…,"ErrorDesc":…, …}):
//
//   SDK call                       HTTP                                  headers / answer
//   ─────────────────────────────  ────────────────────────────────────  ───────────────────────────────
//   (every call)                   systemid, secret                      the connecting system's code
//                                                                        and secret (VnptProperties)
//   sendEdoc(json, file)           POST {url}/sendEdoc                   from, to (JSON array of OrganIds),
//                                  body = the edXML (octet-stream)       servicetype=eDoc, messagetype=edoc|status
//                                                                        → {"DocId"}: the axis's package id
//   getReceivedEdocList(json)      POST {url}/getReceivedEdocList        servicetype=eDoc, messagetype=edoc|status
//                                                                        → {"data":[{docId, from, to, serviceType,
//                                                                          messageType, created_time, status}]}
//   getEdoc(json)                  POST {url}/getEdoc                    docid → {"data": base64 of the edXML}
//   updateStatus(json)             POST {url}/updateStatus               docid, status=processing|done|fail:
//                                                                        the receiver's acknowledgement; a
//                                                                        package marked done|fail is no longer
//                                                                        listed by getReceivedEdocList
//   getAgenciesList(json)          POST {url}/getAgenciesList            → {"data":[{code, name}]}: the agencies
//                                                                        reachable on this axis ("Thử kết nối")
//
// Not used: getSentEdocList (the sender learns the receiver's state from its status messages 01–06,
// which travel as packages of messagetype=status), countReceiveEdoc, downloadEdoc, registerAgency.
// Header names are matched case-insensitively by HTTP. x-edxml-message-id is ours (an idempotency key
// the reference axis honours; a real axis ignores it; the receiver deduplicates in any case).
//
// Errors: HTTP 401/403 → "Sai tài khoản trục" (permanent: retrying cannot fix the credentials);
// other 4xx (404: wrong address) → permanent; 408/429/5xx, network, timeout → transient (retried);
// {"status":"FAIL"} → the axis refused the operation (permanent for a send, its ErrorDesc shown).

export type AxisMessageType = "edoc" | "status";
export type AxisAckStatus = "processing" | "done" | "fail";

export interface AxisPackageInfo {
  /** The axis's package id (docId). */
  id: string;
  from: string;
  to: string;
  messageType: AxisMessageType;
  createdAt: string;
  status: string;
}

export interface AxisAgency {
  code: string;
  name: string;
}

const PEER = "trục liên thông";
const SERVICE_TYPE = "eDoc";

export class AxisClient {
  private readonly base: URL;

  constructor(
    readonly config: AxisConfig,
    private readonly opts: { timeoutMs?: number } = {},
  ) {
    this.base = baseUrl(config.url, "Địa chỉ trục liên thông");
  }

  /** Sends a package to `to`; returns the axis's package id. */
  async sendEdoc(p: { xml: string | Buffer; from: string; to: string[]; messageType: AxisMessageType; messageId?: string }): Promise<string> {
    const body = await this.call(
      "sendEdoc",
      {
        "content-type": "application/octet-stream",
        from: p.from,
        to: JSON.stringify(p.to),
        servicetype: SERVICE_TYPE,
        messagetype: p.messageType,
        ...(p.messageId ? { "x-edxml-message-id": p.messageId } : {}),
      },
      typeof p.xml === "string" ? Buffer.from(p.xml, "utf8") : p.xml,
    );
    const id = body.DocId ?? body.docId;
    if (typeof id !== "string" || !id) throw new TransportError("axis_bad_answer", "Trục liên thông nhận gói tin nhưng không trả mã gói (DocId); sẽ thử lại.", false);
    return id;
  }

  /** The packages waiting for us (not yet acknowledged), of one message type. */
  async getReceivedEdocList(messageType: AxisMessageType): Promise<AxisPackageInfo[]> {
    const body = await this.call("getReceivedEdocList", { "content-type": "application/json", servicetype: SERVICE_TYPE, messagetype: messageType });
    const data = Array.isArray(body.data) ? body.data : [];
    const out: AxisPackageInfo[] = [];
    for (const d of data as Record<string, unknown>[]) {
      const id = str(d?.docId) || str(d?.id);
      if (!id) continue;
      const mt = (str(d.messageType) || messageType).toLowerCase();
      out.push({
        id,
        from: str(d.from),
        to: str(d.to),
        messageType: mt === "status" ? "status" : "edoc",
        createdAt: str(d.created_time) || str(d.createdAt),
        status: str(d.status),
      });
    }
    return out;
  }

  /** One package's raw edXML. */
  async getEdoc(docId: string): Promise<Buffer> {
    const body = await this.call("getEdoc", { "content-type": "application/json", docid: docId });
    if (typeof body.data !== "string") throw new TransportError("axis_bad_answer", `Trục liên thông không trả nội dung gói ${docId}; sẽ thử lại.`, false);
    return Buffer.from(body.data, "base64");
  }

  /** The receiver's acknowledgement: done (taken), fail (refused), processing. */
  async updateStatus(docId: string, status: AxisAckStatus): Promise<void> {
    await this.call("updateStatus", { "content-type": "application/json", docid: docId, status });
  }

  async getAgenciesList(): Promise<AxisAgency[]> {
    const body = await this.call("getAgenciesList", { "content-type": "application/json" });
    const data = Array.isArray(body.data) ? body.data : Array.isArray(body.agencies) ? body.agencies : [];
    return (data as Record<string, unknown>[]).map((a) => ({ code: str(a?.code), name: str(a?.name) })).filter((a) => a.code);
  }

  private async call(op: string, headers: Record<string, string>, body?: Buffer): Promise<Record<string, unknown>> {
    const res = await request(join(this.base, op), {
      method: "POST",
      headers: { accept: "application/json", systemid: this.config.username, secret: this.config.secret, ...headers },
      body: body ?? "",
      timeoutMs: this.opts.timeoutMs,
      peer: PEER,
    });
    if (res.status === 401 || res.status === 403)
      throw new TransportError("axis_auth", "Sai tài khoản trục liên thông (mã hệ thống hoặc khóa bí mật); kiểm tra cấu hình kết nối trục.", true);
    if (res.status === 408 || res.status === 429 || res.status >= 500)
      throw new TransportError(`axis_http_${res.status}`, `Trục liên thông tạm thời lỗi (HTTP ${res.status}); sẽ thử lại.`, false);
    if (res.status === 404) throw new TransportError("axis_not_found", `Địa chỉ trục liên thông không đúng (HTTP 404 cho ${op}); kiểm tra cấu hình kết nối trục.`, true);
    if (res.status !== 200) throw new TransportError(`axis_http_${res.status}`, `Trục liên thông từ chối yêu cầu ${op} (HTTP ${res.status}).`, true);
    const json = jsonOf(res);
    if (!json || typeof json !== "object" || Array.isArray(json))
      throw new TransportError("axis_bad_answer", `Trục liên thông trả lời không đúng định dạng cho ${op}; sẽ thử lại.`, false);
    const j = json as Record<string, unknown>;
    const status = str(j.status).toUpperCase();
    const errorCode = str(j.ErrorCode);
    if (status === "FAIL" || (status !== "OK" && errorCode && errorCode !== "0")) {
      const desc = str(j.ErrorDesc) || "không rõ lý do";
      throw new TransportError(`axis_${errorCode || "fail"}`.slice(0, 100), `Trục liên thông từ chối (${op}): ${desc.slice(0, 500)}`, true);
    }
    return j;
  }
}

function str(v: unknown): string {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : "";
}

/** A status message (QCVN 102 status: a StatusCode in the header) travels as messagetype=status. */
export function axisMessageTypeOf(xml: string): AxisMessageType {
  const head = xml.slice(0, 64 * 1024);
  return /<(?:[\w.-]+:)?StatusCode[\s>]/.test(head) ? "status" : "edoc";
}

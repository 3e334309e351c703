import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { agencies } from "@/db/schema";
import { DEFAULT_EDXML_LIMITS } from "@/lib/edxml";
import { receiveMessage } from "./receive";

// The direct transport's receiving end (issue 13): POST /api/exchange/edxml and GET /api/exchange/ping.
// No session, no cookies, no CSRF token: a message is authenticated by its XML-DSig signature against
// the receiving agency's directory (lib/exchange/receive.ts), which is what decides, never the network.
// Contract (the sending installation's client, lib/exchange/transports/direct.ts, relies on it):
//   202 {id, state: "received"} · 200 {id, duplicate: true} · 400/403/413/415 {code, reason} refused, do
//   not retry · 503 cannot store it now, retry. A body over the limit is refused before it is read.

const json = (status: number, body: unknown, extra: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store", ...extra } });

const XML_TYPES = new Set(["application/xml", "text/xml"]);

/** Refusals about who sent it or whether it is genuine: 403; about the bytes: 400. */
function statusOf(code: string): number {
  if (code === "too_large") return 413;
  if (code === "unknown_sender" || code === "signer_mismatch" || code === "not_for_us" || code === "recipient_stopped" || code.startsWith("signature_")) return 403;
  return 400;
}

class TooLarge extends Error {}

/** Messages being received at once by this process (each holds its body, up to the limit, in memory). */
let inFlight = 0;
/** EXCHANGE_RECEIVE_CONCURRENCY (default 4): more at once are answered 503 + Retry-After, before any byte is read. */
export function receiveConcurrency(): number {
  const n = Number(process.env.EXCHANGE_RECEIVE_CONCURRENCY);
  return Number.isInteger(n) && n > 0 ? n : 4;
}

/** The body, at most `max` bytes; throws TooLarge as soon as it grows past (the rest is not read). */
async function readLimited(body: ReadableStream<Uint8Array> | null, max: number): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) throw new TooLarge();
      chunks.push(value);
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks, size);
}

export async function handleEdxmlPost(request: Request, opts: { maxBytes?: number } = {}): Promise<Response> {
  const max = opts.maxBytes ?? DEFAULT_EDXML_LIMITS.maxMessageBytes;
  const tooLarge = () =>
    json(413, { code: "too_large", reason: `Thông điệp vượt quá dung lượng cho phép (${Math.round(max / 1024 / 1024)} MB).` }, { Connection: "close" });
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!XML_TYPES.has(type)) {
    return json(415, { code: "content_type", reason: "Thông điệp liên thông phải gửi với Content-Type application/xml hoặc text/xml." });
  }
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > max) return tooLarge();
  if (inFlight >= receiveConcurrency()) {
    return json(503, { code: "busy", reason: "Máy chủ nhận đang xử lý nhiều thông điệp, vui lòng gửi lại sau ít giây." }, { "Retry-After": "5", Connection: "close" });
  }
  inFlight++;
  try {
    return await receiveBody(request, max, tooLarge);
  } finally {
    inFlight--;
  }
}

async function receiveBody(request: Request, max: number, tooLarge: () => Response): Promise<Response> {
  let raw: Buffer;
  try {
    raw = await readLimited(request.body, max);
  } catch (e) {
    if (e instanceof TooLarge) return tooLarge();
    return json(400, { code: "body", reason: "Không đọc được nội dung thông điệp." });
  }
  if (raw.byteLength === 0) return json(400, { code: "empty", reason: "Thông điệp rỗng." });
  try {
    const r = await receiveMessage(await getDb(), raw, { transport: "direct" });
    if (r.state === "received") return json(202, { id: r.messageId, state: "received" });
    if (r.state === "duplicate") return json(200, { id: r.messageId, duplicate: true });
    return json(statusOf(r.code ?? ""), { code: r.code, reason: r.reason, ...(r.messageId ? { id: r.messageId } : {}) });
  } catch (e) {
    const errorId = randomUUID().slice(0, 8);
    console.error(`[exchange receive] error ${errorId}`, e);
    return json(503, { code: "unavailable", reason: `Máy chủ nhận chưa lưu được thông điệp, vui lòng gửi lại sau (mã lỗi ${errorId}).` }, { "Retry-After": "60" });
  }
}

export async function handlePing(): Promise<Response> {
  try {
    // The agencies that receive here: not the province's administration row, not a stopped agency.
    const rows = await (await getDb())
      .select({ organId: agencies.organId, name: agencies.name })
      .from(agencies)
      .where(and(eq(agencies.province, false), isNull(agencies.disabledAt)))
      .orderBy(asc(agencies.name));
    return json(200, { organIds: rows.map((r) => r.organId), name: rows.map((r) => r.name).join("; ") });
  } catch (e) {
    console.error("[exchange ping] error", e);
    return json(503, { code: "unavailable", reason: "Máy chủ tạm thời không trả lời." });
  }
}

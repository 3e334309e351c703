import "server-only";
import { TransportError } from "../transport";

// The HTTP plumbing the direct and axis transports share: a timeout on every request
// (EXCHANGE_TIMEOUT_MS, default 30 s), redirects followed only within the same origin (a redirect to
// another host could hand our signed message or the axis credentials to someone else), a cap on the
// answer's size, and network failures turned into transient TransportErrors (the job runner retries).

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Largest answer read from a partner or the axis (a getEdoc answer carries a whole message, base64). */
export const MAX_RESPONSE_BYTES = 96 * 1024 * 1024;
const MAX_REDIRECTS = 3;

export function exchangeTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.EXCHANGE_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_TIMEOUT_MS;
}

/**
 * A partner's or the axis's base URL, checked: absolute, http or https, no user:password in it, no
 * query or fragment. Returns it without a trailing slash. https is recommended (http only on a
 * closed network: the message is signed, but readable on the way).
 */
export function baseUrl(raw: string, what = "Địa chỉ kết nối"): URL {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new TransportError("bad_endpoint", `${what} "${raw}" không phải địa chỉ tuyệt đối hợp lệ (ví dụ https://vpdt.example.gov.vn).`, true);
  }
  if (u.protocol !== "https:" && u.protocol !== "http:")
    throw new TransportError("bad_endpoint", `${what} phải bắt đầu bằng https:// (hoặc http:// trong mạng nội bộ), không phải ${u.protocol}`, true);
  if (u.username || u.password) throw new TransportError("bad_endpoint", `${what} không được chứa tên đăng nhập hay mật khẩu.`, true);
  if (u.search || u.hash) throw new TransportError("bad_endpoint", `${what} không được chứa tham số (?…) hay (#…).`, true);
  u.pathname = u.pathname.replace(/\/+$/, "");
  return u;
}

/** `base` + `/path` (base's own path kept: https://host/vpdt + /api/x → https://host/vpdt/api/x). */
export function join(base: URL, path: string): URL {
  const u = new URL(base.toString());
  u.pathname = `${u.pathname.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
  return u;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: Buffer;
}

export interface RequestOptions {
  method: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
  /** Who we talk to, for the Vietnamese error messages ("máy chủ đối tác", "trục liên thông"). */
  peer: string;
  maxBytes?: number;
}

/**
 * One request. Redirects: followed (at most 3) when they stay on the same origin and keep the method
 * (307/308, or any for GET); anything else is refused. Network error, timeout → transient error.
 */
export async function request(url: URL, opts: RequestOptions): Promise<HttpAnswer> {
  const timeoutMs = opts.timeoutMs ?? exchangeTimeoutMs();
  const signal = AbortSignal.timeout(timeoutMs);
  let current = url;
  for (let hop = 0; ; hop++) {
    let res: Response;
    try {
      res = await fetch(current, {
        method: opts.method,
        headers: opts.headers,
        body: opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : new Uint8Array(opts.body),
        redirect: "manual",
        signal,
      });
    } catch (e) {
      throw networkError(e, opts.peer, timeoutMs);
    }
    if (res.status >= 300 && res.status < 400 && res.headers.get("location")) {
      await res.body?.cancel().catch(() => {});
      const next = new URL(res.headers.get("location")!, current);
      const keepsMethod = opts.method === "GET" || res.status === 307 || res.status === 308;
      if (next.origin !== url.origin) {
        const toHttps = url.protocol === "http:" && next.protocol === "https:" && next.host === url.host;
        throw new TransportError(
          "redirect",
          toHttps
            ? `${capitalize(opts.peer)} chuyển sang https: sửa địa chỉ kết nối thành ${next.origin}.`
            : `${capitalize(opts.peer)} chuyển hướng sang ${next.origin}: không theo (chỉ theo chuyển hướng trong cùng địa chỉ). Kiểm tra lại địa chỉ kết nối.`,
          true,
        );
      }
      if (!keepsMethod || hop >= MAX_REDIRECTS)
        throw new TransportError(
          "redirect",
          `${capitalize(opts.peer)} chuyển hướng (HTTP ${res.status}) ${hop >= MAX_REDIRECTS ? "quá nhiều lần" : "theo cách làm mất nội dung gửi"}. Kiểm tra lại địa chỉ kết nối.`,
          true,
        );
      current = next;
      continue;
    }
    let body: Buffer;
    try {
      body = await readCapped(res, opts.maxBytes ?? MAX_RESPONSE_BYTES, opts.peer);
    } catch (e) {
      if (e instanceof TransportError) throw e;
      throw networkError(e, opts.peer, timeoutMs);
    }
    return { status: res.status, headers: res.headers, body };
  }
}

async function readCapped(res: Response, max: number, peer: string): Promise<Buffer> {
  const declared = Number(res.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => {});
    throw new TransportError("response_too_large", `${capitalize(peer)} trả lời quá lớn (${declared} byte).`, false);
  }
  if (!res.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      throw new TransportError("response_too_large", `${capitalize(peer)} trả lời quá lớn (hơn ${max} byte).`, false);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

function networkError(e: unknown, peer: string, timeoutMs: number): TransportError {
  const err = e as { name?: string; cause?: { code?: string } };
  if (err?.name === "TimeoutError" || err?.name === "AbortError")
    return new TransportError("timeout", `${capitalize(peer)} không trả lời trong ${Math.round(timeoutMs / 1000)} giây; sẽ thử lại.`, false);
  const code = err?.cause?.code ?? "";
  if (code === "ECONNREFUSED") return new TransportError("unreachable", `Không kết nối được ${peer} (từ chối kết nối); sẽ thử lại.`, false);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return new TransportError("unreachable", `Không tìm thấy địa chỉ của ${peer} (DNS); sẽ thử lại.`, false);
  if (code.startsWith("CERT_") || code.includes("SELF_SIGNED") || code.includes("UNABLE_TO_VERIFY"))
    return new TransportError("tls", `Chứng thư TLS của ${peer} không hợp lệ (${code}); sẽ thử lại.`, false);
  return new TransportError("network", `Lỗi mạng khi kết nối ${peer}${code ? ` (${code})` : ""}; sẽ thử lại.`, false);
}

/** The answer as JSON, or null when it is not JSON. */
export function jsonOf(a: HttpAnswer): unknown {
  try {
    return JSON.parse(a.body.toString("utf8"));
  } catch {
    return null;
  }
}

function capitalize(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";

// A reference liên thông axis for tests: the operations of the axis SDK as lib/exchange/axis-client.ts
// speaks them (see the mapping there), on node:http at 127.0.0.1, packages kept in memory per receiver.
// Accounts: one per OrganId (systemid = the OrganId, secret), so two installations of the app can talk
// through it. Test controls: fail the next N requests (500 by default), pause/resume (requests wait),
// count deliveries, inject a package, stop.
//
//   const axis = await startAxisServer({ accounts: { "000.00.12.H09": "s3cret", … } });
//   … AxisConfig { url: axis.url, username: "000.00.12.H09", secret: "s3cret" } …
//   await axis.stop();

export interface AxisPackage {
  id: string;
  from: string;
  to: string;
  type: "document" | "status";
  xml: Buffer;
  createdAt: Date;
  acknowledged: boolean;
  /** The receiver's last updateStatus (processing|done|fail). */
  ackStatus: string | null;
  /** The sender's idempotency key (x-edxml-message-id), when given. */
  messageId: string | null;
}

export interface AxisServerOptions {
  /** OrganId → secret. */
  accounts: Record<string, string>;
  /** Names for getAgenciesList (default: the OrganId). */
  names?: Record<string, string>;
}

export interface AxisRequestLog {
  op: string;
  systemId: string;
  status: number;
  at: Date;
}

export interface AxisServer {
  url: string;
  /** Every package kept, oldest first. */
  packages: AxisPackage[];
  /** Every request answered, oldest first. */
  log: AxisRequestLog[];
  /** Packages sent to `organId` (acknowledged or not). */
  packagesFor(organId: string): AxisPackage[];
  /** How many times getEdoc handed out package `id`. */
  deliveries(id: string): number;
  /** Puts a package in `to`'s box as if `from` had sent it; returns it. */
  inject(p: { from: string; to: string; xml: string | Buffer; type?: "document" | "status" }): AxisPackage;
  /** The next `n` requests (optionally only of operation `op`) get HTTP `status` (default 500). */
  failNext(n: number, opts?: { status?: number; op?: string }): void;
  /** Ends every failure still set by failNext. */
  clearFailures(): void;
  /** Requests wait (unanswered) until resume(). */
  pause(): void;
  resume(): void;
  addAccount(organId: string, secret: string, name?: string): void;
  stop(): Promise<void>;
}

interface Json {
  status: "OK" | "FAIL";
  ErrorCode: string;
  ErrorDesc: string;
  [k: string]: unknown;
}

const ok = (extra: Record<string, unknown> = {}): Json => ({ status: "OK", ErrorCode: "0", ErrorDesc: "Thành công", ...extra });
const fail = (code: string, desc: string): Json => ({ status: "FAIL", ErrorCode: code, ErrorDesc: desc });

export async function startAxisServer(opts: AxisServerOptions): Promise<AxisServer> {
  const accounts = new Map(Object.entries(opts.accounts));
  const names = new Map(Object.entries(opts.names ?? {}));
  const packages: AxisPackage[] = [];
  const log: AxisRequestLog[] = [];
  const deliveries = new Map<string, number>();
  let failures: { left: number; status: number; op?: string }[] = [];
  let paused = false;
  let waiting: (() => void)[] = [];

  const header = (req: http.IncomingMessage, name: string) => {
    const v = req.headers[name.toLowerCase()];
    return (Array.isArray(v) ? v[0] : v) ?? "";
  };

  function handle(op: string, req: http.IncomingMessage, body: Buffer, systemId: string): [number, Json] {
    switch (op) {
      case "sendEdoc": {
        const from = header(req, "from");
        if (from !== systemId) return [200, fail("403", `Tài khoản ${systemId} không được gửi thay ${from}`)];
        let to: unknown;
        try {
          to = JSON.parse(header(req, "to"));
        } catch {
          to = null;
        }
        if (!Array.isArray(to) || to.length === 0 || !to.every((x) => typeof x === "string"))
          return [200, fail("400", "Thiếu hoặc sai danh sách nơi nhận (to)")];
        const unknown = (to as string[]).filter((x) => !accounts.has(x));
        if (unknown.length) return [200, fail("404", `Đơn vị nhận không có trên trục: ${unknown.join(", ")}`)];
        if (body.length === 0) return [200, fail("400", "Gói tin rỗng")];
        const type = header(req, "messagetype") === "status" ? "status" : "document";
        const messageId = header(req, "x-edxml-message-id") || null;
        const ids: string[] = [];
        for (const recipient of to as string[]) {
          const existing = messageId ? packages.find((p) => p.from === from && p.to === recipient && p.messageId === messageId) : undefined;
          if (existing) {
            ids.push(existing.id);
            continue;
          }
          const p: AxisPackage = { id: randomUUID(), from, to: recipient, type, xml: body, createdAt: new Date(), acknowledged: false, ackStatus: null, messageId };
          packages.push(p);
          ids.push(p.id);
        }
        return [200, ok({ DocId: ids.join(",") })];
      }
      case "getReceivedEdocList": {
        const mt = header(req, "messagetype");
        const list = packages
          .filter((p) => p.to === systemId && !p.acknowledged && (!mt || (mt === "status") === (p.type === "status")))
          .map((p) => ({
            docId: p.id,
            from: p.from,
            to: p.to,
            serviceType: "eDoc",
            messageType: p.type === "status" ? "status" : "edoc",
            created_time: p.createdAt.toISOString(),
            status: p.ackStatus ?? "initial",
          }));
        return [200, ok({ data: list })];
      }
      case "getEdoc": {
        const p = packages.find((x) => x.id === header(req, "docid") && x.to === systemId);
        if (!p) return [200, fail("404", "Không tìm thấy gói tin")];
        deliveries.set(p.id, (deliveries.get(p.id) ?? 0) + 1);
        return [200, ok({ data: p.xml.toString("base64") })];
      }
      case "updateStatus": {
        const p = packages.find((x) => x.id === header(req, "docid") && x.to === systemId);
        if (!p) return [200, fail("404", "Không tìm thấy gói tin")];
        const status = header(req, "status");
        if (!["processing", "done", "fail"].includes(status)) return [200, fail("400", `Trạng thái không hợp lệ: ${status}`)];
        p.ackStatus = status;
        p.acknowledged = status === "done" || status === "fail";
        return [200, ok()];
      }
      case "getAgenciesList":
        return [200, ok({ data: [...accounts.keys()].map((code) => ({ code, name: names.get(code) ?? code })) })];
      default:
        return [404, fail("404", `Không có thao tác ${op}`)];
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      if (paused) await new Promise<void>((r) => waiting.push(r));
      const op = (req.url ?? "").split("?")[0].replace(/^\/+/, "");
      const systemId = header(req, "systemid");
      const answer = (status: number, json: Json) => {
        log.push({ op, systemId, status, at: new Date() });
        const body = JSON.stringify(json);
        res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
        res.end(body);
      };
      const f = failures.find((x) => x.left > 0 && (!x.op || x.op === op));
      if (f) {
        f.left--;
        failures = failures.filter((x) => x.left > 0);
        return answer(f.status, fail(String(f.status), "Lỗi máy chủ trục (giả lập)"));
      }
      if (req.method !== "POST") return answer(405, fail("405", "Chỉ nhận POST"));
      const secret = accounts.get(systemId);
      if (secret === undefined || secret !== header(req, "secret")) return answer(401, fail("401", "Sai mã hệ thống hoặc khóa bí mật"));
      const [status, json] = handle(op, req, Buffer.concat(chunks), systemId);
      answer(status, json);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    packages,
    log,
    packagesFor: (organId) => packages.filter((p) => p.to === organId),
    deliveries: (id) => deliveries.get(id) ?? 0,
    inject({ from, to, xml, type }) {
      const p: AxisPackage = {
        id: randomUUID(), from, to, type: type ?? "document", xml: typeof xml === "string" ? Buffer.from(xml, "utf8") : xml,
        createdAt: new Date(), acknowledged: false, ackStatus: null, messageId: null,
      };
      packages.push(p);
      return p;
    },
    failNext(n, o = {}) {
      failures.push({ left: n, status: o.status ?? 500, op: o.op });
    },
    clearFailures() {
      failures = [];
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      const w = waiting;
      waiting = [];
      for (const r of w) r();
    },
    addAccount(organId, secret, name) {
      accounts.set(organId, secret);
      if (name) names.set(organId, name);
    },
    async stop() {
      paused = false;
      for (const r of waiting) r();
      waiting = [];
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

import "server-only";
import { and, asc, eq, gt, inArray, lt, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agencies, jobs } from "@/db/schema";
import { enqueue, registerWorker, type JobHandler } from "@/lib/jobs";
import { AxisClient, type AxisMessageType } from "./axis-client";
import { axisConfigOf } from "./identity";
import type { AxisConfig } from "./transport";

// The axis poller: packages for us wait on the axis until we take them. A recurring job
// ("exchange.axis.poll", every AXIS_POLL_MS, default 30 s) lists, for each distinct axis connection of
// the agencies here, the packages not yet acknowledged (documents first, then statuses, oldest first),
// gets each one and hands the raw edXML to the receive function (lib/exchange/receive.ts
// receiveMessage, which stores it before anything else). Only after it answered received, duplicate
// or rejected (stored as evidence) is the package acknowledged on the axis (updateStatus done, or fail
// for a refused one); any error leaves the package where it is for the next poll, which hands it to
// the receive function again (idempotent: a second delivery is a duplicate).
//
// Recurrence: each run first enqueues the next one at the start of the next time slot
// (floor(now / interval) + 1, so at most `interval` later) under the key "slot:<n>"; the first run is
// enqueued at start under the current slot's key. Keys deduplicate, so several app instances and
// restarts still make one chain. A run that finds another poll still running (a poll longer than a
// slot) does nothing. A run with errors fails (no retry: the next slot is the retry), its error
// visible in the job list; done and failed runs older than a day are pruned.

export const AXIS_POLL_QUEUE = "exchange.axis.poll";
export const DEFAULT_AXIS_POLL_MS = 30_000;
const KEEP_RUNS_MS = 24 * 3_600_000;

export type ReceiveState = "received" | "duplicate" | "rejected";
export interface ReceiveOutcome {
  state: ReceiveState;
  messageId?: string;
  code?: string;
  reason?: string;
}
/** lib/exchange/receive.ts receiveMessage, or a stand-in in tests. */
export type AxisReceive = (db: Db, raw: Buffer, meta: { transport: "axis"; packageId: string }) => Promise<ReceiveOutcome>;

export interface AxisPollResult {
  /** Distinct axis connections polled. */
  connections: number;
  received: number;
  duplicate: number;
  rejected: number;
  /** Vietnamese, one per failure (a package's or a connection's); those packages wait for the next poll. */
  errors: string[];
}

export function axisPollIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.AXIS_POLL_MS);
  return Number.isFinite(n) && n >= 100 ? Math.floor(n) : DEFAULT_AXIS_POLL_MS;
}

/** The distinct axis connections of the agencies of this installation. */
export async function axisConnections(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<AxisConfig[]> {
  const rows = await db.select({ id: agencies.id }).from(agencies).orderBy(asc(agencies.id));
  const seen = new Map<string, AxisConfig>();
  for (const { id } of rows) {
    const cfg = await axisConfigOf(db, id, env);
    if (!cfg?.url) continue;
    const key = `${cfg.url.replace(/\/+$/, "")}|${cfg.username}`;
    if (!seen.has(key)) seen.set(key, cfg);
  }
  return [...seen.values()];
}

/** One poll of every axis connection. Never throws for an axis or a package: see `errors`. */
export async function pollAxisOnce(
  db: Db,
  receive: AxisReceive,
  opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<AxisPollResult> {
  const result: AxisPollResult = { connections: 0, received: 0, duplicate: 0, rejected: 0, errors: [] };
  let connections: AxisConfig[];
  try {
    connections = await axisConnections(db, opts.env);
  } catch (e) {
    result.errors.push(`Không đọc được cấu hình trục liên thông: ${messageOf(e)}`);
    return result;
  }
  for (const cfg of connections) {
    result.connections++;
    let client: AxisClient;
    try {
      client = new AxisClient(cfg, { timeoutMs: opts.timeoutMs });
    } catch (e) {
      result.errors.push(`${cfg.url}: ${messageOf(e)}`);
      continue;
    }
    for (const type of ["edoc", "status"] as AxisMessageType[]) {
      let list;
      try {
        list = await client.getReceivedEdocList(type);
      } catch (e) {
        result.errors.push(`Lấy danh sách gói tin từ trục ${hostOf(cfg.url)}: ${messageOf(e)}`);
        // Credentials or address wrong: the other list would fail the same way.
        break;
      }
      list = [...list].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
      for (const item of list) {
        const where = `Gói tin ${item.id} (từ ${item.from || "?"})`;
        let raw: Buffer;
        try {
          raw = await client.getEdoc(item.id);
        } catch (e) {
          result.errors.push(`${where}: ${messageOf(e)}`);
          continue;
        }
        let outcome: ReceiveOutcome;
        try {
          outcome = await receive(db, raw, { transport: "axis", packageId: item.id });
        } catch (e) {
          result.errors.push(`${where}: chưa tiếp nhận được (${messageOf(e)}); sẽ lấy lại ở lần sau.`);
          continue;
        }
        if (outcome?.state !== "received" && outcome?.state !== "duplicate" && outcome?.state !== "rejected") {
          result.errors.push(`${where}: kết quả tiếp nhận không rõ; sẽ lấy lại ở lần sau.`);
          continue;
        }
        try {
          await client.updateStatus(item.id, outcome.state === "rejected" ? "fail" : "done");
        } catch (e) {
          // Stored but not acknowledged: delivered again next time, a duplicate then.
          result.errors.push(`${where}: đã tiếp nhận nhưng chưa báo nhận được cho trục (${messageOf(e)}).`);
          continue;
        }
        result[outcome.state]++;
      }
    }
  }
  return result;
}

function slotOf(t: Date, interval: number) {
  return Math.floor(t.getTime() / interval);
}

/** The recurring job's handler (exported for tests that run it on a runner of their own). */
export function axisPollHandler(receive: AxisReceive, opts: { intervalMs?: number; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): JobHandler {
  return async (job, ctx) => {
    const interval = opts.intervalMs ?? axisPollIntervalMs(opts.env);
    const now = ctx.now();
    const next = slotOf(now, interval) + 1;
    await enqueue(ctx.db, AXIS_POLL_QUEUE, {}, { key: `slot:${next}`, runAt: new Date(next * interval) });
    await ctx.db
      .delete(jobs)
      .where(and(eq(jobs.queue, AXIS_POLL_QUEUE), inArray(jobs.state, ["done", "failed"]), lt(jobs.finishedAt, new Date(now.getTime() - KEEP_RUNS_MS))));
    // Another poll still running (one that outlasted its slot): this one would take the same packages.
    const [busy] = await ctx.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.queue, AXIS_POLL_QUEUE), eq(jobs.state, "active"), ne(jobs.id, job.id), gt(jobs.lockedUntil, now)))
      .limit(1);
    if (busy) return;
    const r = await pollAxisOnce(ctx.db, receive, { env: opts.env, timeoutMs: opts.timeoutMs });
    if (r.errors.length) {
      const more = r.errors.length > 5 ? ` (và ${r.errors.length - 5} lỗi khác)` : "";
      throw new Error(`Nhận từ trục liên thông: ${r.errors.slice(0, 5).join("; ")}${more}`);
    }
  };
}

/** Registers the poller's worker (once per process). No retries: the next slot is the retry. */
export function registerAxisPoller(receive: AxisReceive, opts: { intervalMs?: number } = {}) {
  registerWorker(AXIS_POLL_QUEUE, axisPollHandler(receive, opts), { retries: 0 });
}

/** Enqueues the chain's first run now (deduplicated with a run of the same slot already there). */
export async function startAxisPolling(db: Db, opts: { intervalMs?: number; now?: Date } = {}) {
  const interval = opts.intervalMs ?? axisPollIntervalMs();
  const now = opts.now ?? new Date();
  return enqueue(db, AXIS_POLL_QUEUE, {}, { key: `slot:${slotOf(now, interval)}`, runAt: now });
}

function hostOf(url: string) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

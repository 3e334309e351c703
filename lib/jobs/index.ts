import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNotNull, lt, lte, max, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { jobEffects, jobs } from "@/db/schema";

// The background job runner and outbox (issues 12 and 13). Jobs live in the `jobs` table of the
// app's own database, so `enqueue` is part of the caller's transaction (rolled back with it). Workers
// claim due jobs with FOR UPDATE SKIP LOCKED and a lease (safe with several app instances on
// PostgreSQL); a job whose worker died is taken again when its lease ends. Delivery is at least once:
// handlers make their effects exactly once through `ctx.once` (an effect row with a unique key written
// in the effect's transaction). See README "### Jobs".

export type JobState = "queued" | "active" | "done" | "failed";

export interface Job<P = unknown> {
  id: string;
  queue: string;
  key: string | null;
  payload: P;
  /** 1 on the first run. */
  attempt: number;
  runAt: Date;
}

export interface JobContext {
  db: Db;
  /** The runner's clock (controllable in tests). */
  now: () => Date;
  /**
   * Runs `fn` in a transaction together with the job's effect row `<queue>:<job id>[:name]`; when that
   * row exists already (a repeat of a job that made its effect), does nothing and returns `{ done: false }`.
   */
  once: <T>(fn: (tx: Tx) => Promise<T>, name?: string) => Promise<{ done: true; value: T } | { done: false }>;
}

export type JobHandler<P = unknown> = (job: Job<P>, ctx: JobContext) => Promise<void>;

export interface Backoff {
  /** Wait before the first retry (ms). */
  delayMs: number;
  /** Each later wait is the previous one times this. */
  factor: number;
  /** Longest wait (ms). */
  maxMs: number;
}

export interface WorkerOptions {
  /** Runs after the first failure; the job fails for good after 1 + retries attempts. */
  retries?: number;
  backoff?: Partial<Backoff>;
}

interface Worker {
  handler: JobHandler<never>;
  retries: number;
  backoff: Backoff;
}

export const DEFAULT_RETRIES = 5;
export const DEFAULT_BACKOFF: Backoff = { delayMs: 5_000, factor: 2, maxMs: 60 * 60_000 };

/** The wait before retry number `attempt` (1 = the first retry). */
export function backoffDelay(b: Backoff, attempt: number): number {
  return Math.min(b.maxMs, Math.round(b.delayMs * b.factor ** Math.max(0, attempt - 1)));
}

/**
 * The instant of a wall-clock time in Asia/Ho_Chi_Minh (UTC+7 all year, no daylight saving), for
 * `runAt`: `vietnamTime("2027-02-05", "08:00")` is 01:00 UTC that day.
 */
export function vietnamTime(isoDate: string, hhmm = "00:00"): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(hhmm))
    throw new Error(`vietnamTime: bad date or time ${isoDate} ${hhmm}`);
  const d = new Date(`${isoDate}T${hhmm}:00+07:00`);
  // Also refuses a day the month does not have (2027-02-30 would otherwise roll over into March).
  if (Number.isNaN(d.getTime()) || new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10) !== isoDate)
    throw new Error(`vietnamTime: bad date ${isoDate}`);
  return d;
}

export interface EnqueueOptions {
  /** A second enqueue with the same key on the same queue adds nothing (also after the job ran). */
  key?: string;
  /** Not before this time (default: now, the database's clock). */
  runAt?: Date;
}

/**
 * Adds a job inside the caller's transaction (or on `db` directly). Returns the new job's id, or null
 * when a job with this key exists already on this queue.
 */
export async function enqueue<P>(tx: Tx | Db, queue: string, payload: P, opts: EnqueueOptions = {}): Promise<string | null> {
  if (!queue) throw new Error("enqueue: queue is empty");
  const rows = await tx
    .insert(jobs)
    .values({ queue, payload: payload as unknown, key: opts.key ?? null, ...(opts.runAt ? { runAt: opts.runAt } : {}) })
    .onConflictDoNothing({ target: [jobs.queue, jobs.key] })
    .returning({ id: jobs.id });
  if (rows.length > 0) wake();
  return rows[0]?.id ?? null;
}

/**
 * Records the effect `key` in `tx`: true the first time, false when it was recorded already (then the
 * caller makes no effect). The row commits or rolls back with the effect itself.
 */
export async function claimEffect(tx: Tx | Db, key: string, jobId?: string): Promise<boolean> {
  const rows = await tx
    .insert(jobEffects)
    .values({ key, jobId: jobId ?? null })
    .onConflictDoNothing({ target: jobEffects.key })
    .returning({ key: jobEffects.key });
  return rows.length > 0;
}

export interface RunnerOptions {
  db: Db;
  /** Poll interval when idle (ms). */
  pollMs?: number;
  /** Jobs run at the same time by this runner. PGlite serializes them anyway. */
  concurrency?: number;
  /**
   * How long a claimed job is this runner's without news; the runner extends it every third of it while
   * the handler runs, so only a runner that died (or was stopped and abandoned the job) loses it (ms).
   */
  leaseMs?: number;
  now?: () => Date;
  /** Queues this runner serves (default: every registered queue). */
  queues?: string[];
  /** Workers (default: the ones given to `registerWorker`). */
  workers?: Map<string, Worker>;
  onError?: (e: unknown) => void;
}

type JobRow = typeof jobs.$inferSelect;

export class JobRunner {
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private inflight = new Set<Promise<void>>();
  private heartbeats = new Set<NodeJS.Timeout>();
  private wakeUp: (() => void) | null = null;
  readonly db: Db;
  private readonly pollMs: number;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly now: () => Date;
  private readonly workers: Map<string, Worker>;
  private readonly queues?: string[];
  private readonly onError: (e: unknown) => void;

  constructor(opts: RunnerOptions) {
    this.db = opts.db;
    this.pollMs = opts.pollMs ?? 1_000;
    this.concurrency = Math.max(1, opts.concurrency ?? 4);
    this.leaseMs = opts.leaseMs ?? 5 * 60_000;
    this.now = opts.now ?? (() => new Date());
    this.workers = opts.workers ?? registry;
    this.queues = opts.queues;
    this.onError = opts.onError ?? ((e) => console.error("[jobs]", e));
  }

  get isRunning() {
    return this.running;
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Nudges an idle runner to look for due jobs now. */
  wake() {
    if (this.wakeUp) this.wakeUp();
    else this.pendingWake = true;
  }

  /**
   * Stops claiming and waits up to `timeoutMs` for running handlers. A handler still running after
   * that is abandoned: its lease is no longer extended, so its job runs again after the lease; its own
   * result counts only if it finishes before then (the claim token no longer matches afterwards).
   */
  async stop({ timeoutMs = 30_000 }: { timeoutMs?: number } = {}) {
    if (!this.running) return;
    this.running = false;
    this.wake();
    await this.loopDone;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.inflight]),
      new Promise<void>((r) => (timer = setTimeout(r, timeoutMs))),
    ]);
    clearTimeout(timer);
    this.inflight.clear();
    // Abandoned handlers no longer extend their leases: their jobs come back when the leases end.
    for (const h of this.heartbeats) clearInterval(h);
    this.heartbeats.clear();
  }

  /** Claims and runs the due jobs once (tests); resolves when they have finished. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.claim(this.concurrency);
      if (claimed.length === 0) return total;
      total += claimed.length;
      await Promise.all(claimed.map((row) => this.run(row)));
    }
  }

  private servedQueues(): string[] {
    return this.queues ?? [...this.workers.keys()];
  }

  private async loop() {
    while (this.running) {
      const free = this.concurrency - this.inflight.size;
      let claimed: JobRow[] = [];
      if (free > 0) {
        try {
          claimed = await this.claim(free);
        } catch (e) {
          if (this.running) this.onError(e);
        }
      }
      for (const row of claimed) {
        const p = this.run(row).finally(() => {
          this.inflight.delete(p);
          this.wake();
        });
        this.inflight.add(p);
      }
      // Fewer than asked: nothing else is due. As many: the runner is full until a job finishes (wake).
      await this.sleep(this.pollMs);
    }
  }

  private pendingWake = false;

  private sleep(ms: number) {
    if (this.pendingWake || !this.running) {
      this.pendingWake = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.wakeUp = null;
        resolve();
      };
      const t = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  private async claim(limit: number): Promise<JobRow[]> {
    const queues = this.servedQueues();
    if (queues.length === 0 || limit <= 0) return [];
    const now = this.now();
    const due = this.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        and(
          inArray(jobs.queue, queues),
          or(and(eq(jobs.state, "queued"), lte(jobs.runAt, now)), and(eq(jobs.state, "active"), lt(jobs.lockedUntil, now))),
        ),
      )
      .orderBy(asc(jobs.runAt), asc(jobs.createdAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    return this.db
      .update(jobs)
      .set({
        state: "active",
        attempts: sql`${jobs.attempts} + 1`,
        lockedBy: randomUUID(),
        lockedUntil: new Date(now.getTime() + this.leaseMs),
      })
      .where(inArray(jobs.id, due))
      .returning();
  }

  private async run(row: JobRow): Promise<void> {
    const worker = this.workers.get(row.queue);
    const token = row.lockedBy!;
    const mine = and(eq(jobs.id, row.id), eq(jobs.lockedBy, token), eq(jobs.state, "active"));
    const retries = worker?.retries ?? DEFAULT_RETRIES;
    const fail = async (message: string) => {
      const now = this.now();
      const final = row.attempts > retries;
      await this.db
        .update(jobs)
        .set(
          final
            ? { state: "failed", lastError: message, lastErrorAt: now, finishedAt: now, lockedBy: null, lockedUntil: null }
            : {
                state: "queued",
                lastError: message,
                lastErrorAt: now,
                lockedBy: null,
                lockedUntil: null,
                runAt: new Date(now.getTime() + backoffDelay(worker?.backoff ?? DEFAULT_BACKOFF, row.attempts)),
              },
        )
        .where(mine);
    };
    try {
      if (!worker) return await fail(`Không có bộ xử lý cho hàng đợi ${row.queue}`);
      // A job taken again after its worker died on the last allowed attempt is not run once more.
      if (row.attempts > retries + 1) return await fail("Tiến trình xử lý đã dừng giữa chừng ở lần thử cuối");
      const job: Job<never> = {
        id: row.id,
        queue: row.queue,
        key: row.key,
        payload: row.payload as never,
        attempt: row.attempts,
        runAt: row.runAt,
      };
      const db = this.db;
      const ctx: JobContext = {
        db,
        now: this.now,
        once: (fn, name) =>
          db.transaction(async (tx) => {
            const key = `${row.queue}:${row.id}${name ? `:${name}` : ""}`;
            if (!(await claimEffect(tx, key, row.id))) return { done: false as const };
            return { done: true as const, value: await fn(tx) };
          }),
      };
      // While the handler runs, its lease is extended (a long send is not taken by another runner).
      const heartbeat = setInterval(() => {
        this.db
          .update(jobs)
          .set({ lockedUntil: new Date(this.now().getTime() + this.leaseMs) })
          .where(mine)
          .catch(() => {});
      }, Math.max(10, Math.floor(this.leaseMs / 3)));
      this.heartbeats.add(heartbeat);
      try {
        await worker.handler(job, ctx);
      } catch (e) {
        return await fail(errorMessage(e));
      } finally {
        clearInterval(heartbeat);
        this.heartbeats.delete(heartbeat);
      }
      const now = this.now();
      await this.db
        .update(jobs)
        .set({ state: "done", finishedAt: now, lockedBy: null, lockedUntil: null })
        .where(mine);
    } catch (e) {
      // The database went away (stopping) or refused the bookkeeping: the lease brings the job back.
      if (this.running) this.onError(e);
    }
  }
}

function errorMessage(e: unknown): string {
  const text = e instanceof Error ? e.message || e.name : String(e);
  return text.slice(0, 2_000);
}

// ---- The process-wide runner -------------------------------------------------------------------

const holder = globalThis as unknown as { __vpdtJobWorkers?: Map<string, Worker>; __vpdtJobRunner?: JobRunner | null };
const registry: Map<string, Worker> = (holder.__vpdtJobWorkers ??= new Map());

/** Declares how jobs of `queue` are handled (once per queue per process, before or after start). */
export function registerWorker<P>(queue: string, handler: JobHandler<P>, opts: WorkerOptions = {}) {
  registry.set(queue, {
    handler: handler as JobHandler<never>,
    retries: opts.retries ?? DEFAULT_RETRIES,
    backoff: { ...DEFAULT_BACKOFF, ...opts.backoff },
  });
  wake();
}

export function unregisterWorker(queue: string) {
  registry.delete(queue);
}

/** Starts the process-wide runner on `db` (default: the app's database). */
export async function startJobs(opts: Partial<RunnerOptions> = {}): Promise<JobRunner> {
  if (holder.__vpdtJobRunner?.isRunning) return holder.__vpdtJobRunner;
  const db = opts.db ?? (await (await import("@/db/client")).getDb());
  const runner = new JobRunner({ ...opts, db });
  holder.__vpdtJobRunner = runner;
  runner.start();
  return runner;
}

/** Stops the process-wide runner (call before closing the database). */
export async function stopJobs(opts?: { timeoutMs?: number }) {
  const runner = holder.__vpdtJobRunner;
  holder.__vpdtJobRunner = null;
  await runner?.stop(opts);
}

/** Nudges the process-wide runner (enqueue does this; the job is seen once its transaction commits). */
export function wake() {
  holder.__vpdtJobRunner?.wake();
}

/**
 * Deletes done jobs finished before `before` (failed ones stay for the administrator). Their keys are
 * free again afterwards, so keep jobs at least as long as a repeat of their cause is possible.
 */
export async function pruneJobs(db: Db, before: Date): Promise<number> {
  const rows = await db
    .delete(jobs)
    .where(and(eq(jobs.state, "done"), lt(jobs.finishedAt, before)))
    .returning({ id: jobs.id });
  return rows.length;
}

// ---- Status for the administrator ---------------------------------------------------------------

export interface QueueStatus {
  queue: string;
  queued: number;
  active: number;
  failed: number;
  done: number;
  lastError: string | null;
  lastErrorAt: Date | null;
  lastSuccessAt: Date | null;
}

/** One row per queue (registered or with jobs): counts, the latest error and the latest success. */
export async function queueStatus(db: Db): Promise<QueueStatus[]> {
  const n = (state: JobState) => sql<number>`count(*) filter (where ${jobs.state} = ${state})`.mapWith(Number);
  const counts = await db
    .select({
      queue: jobs.queue,
      queued: n("queued"),
      active: n("active"),
      failed: n("failed"),
      done: n("done"),
    })
    .from(jobs)
    .groupBy(jobs.queue);
  // The latest success only: finished_at of done jobs.
  const successes = await db
    .select({ queue: jobs.queue, at: max(jobs.finishedAt).mapWith(jobs.finishedAt) })
    .from(jobs)
    .where(eq(jobs.state, "done"))
    .groupBy(jobs.queue);
  const errors = await db
    .selectDistinctOn([jobs.queue], { queue: jobs.queue, lastError: jobs.lastError, lastErrorAt: jobs.lastErrorAt })
    .from(jobs)
    .where(isNotNull(jobs.lastErrorAt))
    .orderBy(jobs.queue, desc(jobs.lastErrorAt));
  const byQueue = new Map<string, QueueStatus>();
  const blank = (queue: string): QueueStatus => ({
    queue,
    queued: 0,
    active: 0,
    failed: 0,
    done: 0,
    lastError: null,
    lastErrorAt: null,
    lastSuccessAt: null,
  });
  for (const q of registry.keys()) byQueue.set(q, blank(q));
  for (const c of counts) byQueue.set(c.queue, { ...blank(c.queue), ...c });
  for (const s of successes) byQueue.get(s.queue)!.lastSuccessAt = s.at;
  for (const e of errors) Object.assign(byQueue.get(e.queue)!, { lastError: e.lastError, lastErrorAt: e.lastErrorAt });
  return [...byQueue.values()].sort((a, b) => a.queue.localeCompare(b.queue));
}

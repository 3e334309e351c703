import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobEffects, jobs } from "@/db/schema";
import {
  DEFAULT_BACKOFF,
  JobRunner,
  enqueue,
  pruneJobs,
  queueStatus,
  registerWorker,
  startJobs,
  stopJobs,
  unregisterWorker,
  vietnamTime,
  type JobHandler,
  type RunnerOptions,
  type WorkerOptions,
} from "@/lib/jobs";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// The job runner and outbox of lib/jobs (issues 12 and 13): enqueue inside the caller's transaction,
// at-least-once delivery with exactly-once effects, retries with backoff, restart safety, runAt.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => Promise<boolean> | boolean, timeoutMs = 15_000, what = "condition") {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return;
    await sleep(20);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.each(DB_KINDS)("job runner on %s", (kind) => {
  let t: TestDb;
  const runners: JobRunner[] = [];

  beforeAll(async () => {
    t = await createTestDb(kind);
    // A stand-in for a handler's real effect (a reminder sent, a message sent).
    await t.db.execute(sql`create table job_test_effects (job_key text not null, made_at timestamptz not null default now())`);
  });
  afterAll(async () => {
    for (const r of runners) await r.stop({ timeoutMs: 1_000 });
    await stopJobs({ timeoutMs: 1_000 });
    await t?.drop();
  });

  const queueName = () => `test-${randomUUID().slice(0, 8)}`;

  function runner(queue: string, handler: JobHandler<{ n?: number }>, w: WorkerOptions = {}, o: Partial<RunnerOptions> = {}) {
    const workers = new Map([[queue, { handler: handler as JobHandler<never>, retries: w.retries ?? 5, backoff: { ...DEFAULT_BACKOFF, ...w.backoff } }]]);
    const r = new JobRunner({ db: t.db, pollMs: 20, workers, onError: () => {}, ...o });
    runners.push(r);
    return r;
  }

  const jobsOf = (queue: string) => t.db.select().from(jobs).where(eq(jobs.queue, queue));
  const effectsOf = async (prefix: string) =>
    (
      await t.db.execute<{ job_key: string; n: number }>(
        sql`select job_key, count(*)::int as n from job_test_effects where job_key like ${prefix + "%"} group by job_key`,
      )
    ).rows;

  it("a job enqueued in a transaction that rolls back never runs", async () => {
    const q = queueName();
    let runs = 0;
    const r = runner(q, async () => void runs++);
    await expect(
      t.db.transaction(async (tx) => {
        expect(await enqueue(tx, q, { n: 1 }, { key: "k1" })).toBeTypeOf("string");
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    r.start();
    await sleep(200);
    expect(runs).toBe(0);
    expect(await jobsOf(q)).toHaveLength(0);
    // The key is free again: the step that caused it may be retried.
    expect(await enqueue(t.db, q, { n: 2 }, { key: "k1" })).toBeTypeOf("string");
    await until(() => runs === 1, 5_000, "the committed job");
    await r.stop();
  });

  it("a committed job runs once and is marked done", async () => {
    const q = queueName();
    const seen: number[] = [];
    const r = runner(q, async (job) => void seen.push(job.payload.n!));
    await t.db.transaction(async (tx) => {
      await enqueue(tx, q, { n: 7 });
    });
    r.start();
    await until(async () => (await jobsOf(q))[0]?.state === "done", 5_000, "done");
    await sleep(150); // more polls find nothing to do
    await r.stop();
    expect(seen).toEqual([7]);
    const [row] = await jobsOf(q);
    expect(row).toMatchObject({ state: "done", attempts: 1, lockedBy: null });
    expect(row.finishedAt).toBeInstanceOf(Date);
  });

  it("a failing handler is retried with backoff, then failed and visible in the status", async () => {
    const q = queueName();
    const at: number[] = [];
    const r = runner(
      q,
      async (job) => {
        at.push(Date.now());
        throw new Error(`Máy nhận không trả lời (lần ${job.attempt})`);
      },
      { retries: 2, backoff: { delayMs: 150, factor: 2, maxMs: 10_000 } },
    );
    await enqueue(t.db, q, {});
    r.start();
    await until(async () => (await jobsOf(q))[0]?.state === "failed", 10_000, "failed");
    await r.stop();
    expect(at).toHaveLength(3);
    // 150 ms before the first retry, 300 ms before the second (polling adds a little).
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(140);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(290);
    const [row] = await jobsOf(q);
    expect(row).toMatchObject({ state: "failed", attempts: 3, lastError: "Máy nhận không trả lời (lần 3)" });
    const status = (await queueStatus(t.db)).find((s) => s.queue === q)!;
    expect(status).toMatchObject({ queued: 0, active: 0, failed: 1, done: 0, lastError: "Máy nhận không trả lời (lần 3)" });
    expect(status.lastErrorAt).toBeInstanceOf(Date);
    expect(status.lastSuccessAt).toBeNull();
  });

  it("a handler that fails once then succeeds is done, with its last error kept for the status", async () => {
    const q = queueName();
    let calls = 0;
    const r = runner(
      q,
      async () => {
        if (++calls === 1) throw new Error("tạm thời lỗi");
      },
      { retries: 3, backoff: { delayMs: 30 } },
    );
    await enqueue(t.db, q, {});
    r.start();
    await until(async () => (await jobsOf(q))[0]?.state === "done", 5_000, "done");
    await r.stop();
    expect(calls).toBe(2);
    const status = (await queueStatus(t.db)).find((s) => s.queue === q)!;
    expect(status).toMatchObject({ done: 1, failed: 0, lastError: "tạm thời lỗi" });
    expect(status.lastSuccessAt!.getTime()).toBeGreaterThanOrEqual(status.lastErrorAt!.getTime());
  });

  it("an effect whose handler failed is rolled back with its effect row, and made by the retry", async () => {
    const q = queueName();
    const prefix = `${q}/`;
    let calls = 0;
    const r = runner(
      q,
      async (job, ctx) => {
        calls++;
        await ctx.once(async (tx) => {
          await tx.execute(sql`insert into job_test_effects (job_key) values (${prefix + job.id})`);
          if (calls === 1) throw new Error("hỏng giữa chừng");
        });
      },
      { retries: 2, backoff: { delayMs: 20 } },
    );
    await enqueue(t.db, q, {});
    r.start();
    await until(async () => (await jobsOf(q))[0]?.state === "done", 5_000, "done");
    await r.stop();
    expect(calls).toBe(2);
    const effects = await effectsOf(prefix);
    expect(effects).toHaveLength(1);
    expect(effects[0].n).toBe(1);
  });

  it("a handler running longer than the lease keeps its job (the lease is extended)", async () => {
    const q = queueName();
    let runs = 0;
    const handler: JobHandler = async () => {
      runs++;
      await sleep(700);
    };
    const a = runner(q, handler, {}, { leaseMs: 200 });
    const b = runner(q, handler, {}, { leaseMs: 200 });
    await enqueue(t.db, q, {});
    a.start();
    await until(() => runs === 1, 5_000, "started");
    b.start();
    await until(async () => (await jobsOf(q))[0]?.state === "done", 5_000, "done");
    await Promise.all([a.stop(), b.stop()]);
    expect(runs).toBe(1);
    expect((await jobsOf(q))[0].attempts).toBe(1);
  });

  it("a duplicate key enqueues one job, also from concurrent transactions and after it ran", async () => {
    const q = queueName();
    let runs = 0;
    const r = runner(q, async () => void runs++);
    const ids = await Promise.all(
      [1, 2, 3].map((n) => t.db.transaction((tx) => enqueue(tx, q, { n }, { key: "văn-bản-42:gửi" }))),
    );
    expect(ids.filter((id) => id !== null)).toHaveLength(1);
    expect(await enqueue(t.db, q, { n: 4 }, { key: "văn-bản-42:gửi" })).toBeNull();
    // Keys are per queue.
    const other = queueName();
    expect(await enqueue(t.db, other, {}, { key: "văn-bản-42:gửi" })).toBeTypeOf("string");
    await t.db.delete(jobs).where(eq(jobs.queue, other));
    r.start();
    await until(() => runs === 1, 5_000, "the one job");
    expect(await enqueue(t.db, q, { n: 5 }, { key: "văn-bản-42:gửi" })).toBeNull();
    await sleep(150);
    await r.stop();
    expect(runs).toBe(1);
    expect(await jobsOf(q)).toHaveLength(1);
  });

  it("workers stopped and started mid-queue (one dying inside a job) make every effect exactly once", async () => {
    const q = queueName();
    const N = 30;
    const prefix = `${q}/`;
    let hung = false;
    let runs = 0;
    const handler: JobHandler<{ n?: number }> = async (job, ctx) => {
      runs++;
      await ctx.once(async (tx) => {
        await tx.execute(sql`insert into job_test_effects (job_key) values (${prefix + job.payload.n})`);
      });
      // Job 5's first worker dies after its effect committed, before the job is marked done.
      if (job.payload.n === 5 && !hung) {
        hung = true;
        await new Promise(() => {});
      }
      await sleep(5);
    };
    await t.db.transaction(async (tx) => {
      for (let n = 0; n < N; n++) await enqueue(tx, q, { n }, { key: `n${n}` });
    });
    const lease = { leaseMs: 400, concurrency: 3 };
    const a = runner(q, handler, {}, lease);
    a.start();
    await until(async () => (await effectsOf(prefix)).length >= 10, 10_000, "ten effects");
    await a.stop({ timeoutMs: 50 }); // abandons the hanging job 5
    expect((await effectsOf(prefix)).length).toBeLessThan(N);
    // Two fresh workers (another process, or two app instances on PostgreSQL) finish the queue.
    const b = runner(q, handler, {}, lease);
    const c = runner(q, handler, {}, lease);
    b.start();
    c.start();
    await until(async () => (await jobsOf(q)).every((j) => j.state === "done"), 15_000, "all done");
    await Promise.all([b.stop(), c.stop()]);
    const effects = await effectsOf(prefix);
    expect(effects).toHaveLength(N);
    expect(effects.every((e) => e.n === 1)).toBe(true);
    const rows = await jobsOf(q);
    expect(rows.find((j) => (j.payload as { n: number }).n === 5)!.attempts).toBe(2);
    expect(runs).toBeGreaterThanOrEqual(N + 1);
    const recorded = await t.db.select().from(jobEffects).where(sql`${jobEffects.key} like ${q + ":%"}`);
    expect(recorded).toHaveLength(N);
  });

  it("two workers on one database never run the same job twice", async () => {
    const q = queueName();
    const N = 40;
    const runs = new Map<number, number>();
    const handler: JobHandler<{ n?: number }> = async (job) => {
      runs.set(job.payload.n!, (runs.get(job.payload.n!) ?? 0) + 1);
      await sleep(2);
    };
    await t.db.transaction(async (tx) => {
      for (let n = 0; n < N; n++) await enqueue(tx, q, { n });
    });
    const a = runner(q, handler, {}, { concurrency: 4 });
    const b = runner(q, handler, {}, { concurrency: 4 });
    a.start();
    b.start();
    await until(async () => (await jobsOf(q)).every((j) => j.state === "done"), 15_000, "all done");
    await Promise.all([a.stop(), b.stop()]);
    expect(runs.size).toBe(N);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect((await jobsOf(q)).every((j) => j.attempts === 1)).toBe(true);
  });

  it("a job scheduled for later waits until its time", async () => {
    const q = queueName();
    let ranAt = 0;
    const r = runner(q, async () => void (ranAt = Date.now()));
    const runAt = new Date(Date.now() + 500);
    await enqueue(t.db, q, {}, { runAt });
    r.start();
    await sleep(250);
    expect(ranAt).toBe(0);
    expect((await jobsOf(q))[0].state).toBe("queued");
    await until(() => ranAt > 0, 5_000, "the scheduled job");
    await r.stop();
    expect(ranAt).toBeGreaterThanOrEqual(runAt.getTime());
  });

  it("runs on the runner's clock, so a test can move time (a reminder for Tết 2027)", async () => {
    const q = queueName();
    let clock = new Date("2027-02-01T01:00:00Z");
    let runs = 0;
    const r = runner(q, async (_job, ctx) => {
      expect(ctx.now()).toBe(clock);
      runs++;
    }, {}, { now: () => clock });
    const runAt = vietnamTime("2027-02-05", "08:00");
    expect(runAt.toISOString()).toBe("2027-02-05T01:00:00.000Z");
    expect(vietnamTime("2027-01-01", "06:30").toISOString()).toBe("2026-12-31T23:30:00.000Z");
    expect(() => vietnamTime("2027-02-30", "08:00")).toThrow();
    expect(() => vietnamTime("2027-02-05", "24:00")).toThrow();
    await enqueue(t.db, q, {}, { runAt });
    expect(await r.drain()).toBe(0);
    clock = new Date(runAt.getTime() - 1);
    expect(await r.drain()).toBe(0);
    clock = runAt;
    expect(await r.drain()).toBe(1);
    expect(runs).toBe(1);
    expect(await r.drain()).toBe(0);
  });

  it("the process-wide runner: registerWorker, startJobs, enqueue in a transaction, stopJobs", async () => {
    const q = queueName();
    const got: number[] = [];
    registerWorker<{ n: number }>(q, async (job, ctx) => {
      await ctx.once(async () => void got.push(job.payload.n));
    });
    try {
      await startJobs({ db: t.db, pollMs: 20, onError: () => {} });
      await t.db.transaction((tx) => enqueue(tx, q, { n: 3 }));
      await until(() => got.length === 1, 5_000, "the job");
      await stopJobs();
      // Stopped: a new job waits for the next start.
      await enqueue(t.db, q, { n: 4 });
      await sleep(100);
      expect(got).toEqual([3]);
      await startJobs({ db: t.db, pollMs: 20, onError: () => {} });
      await until(() => got.length === 2, 5_000, "the job after restart");
      await stopJobs();
      const status = (await queueStatus(t.db)).find((s) => s.queue === q)!;
      expect(status).toMatchObject({ done: 2, queued: 0, failed: 0, lastError: null });
      expect(status.lastSuccessAt).toBeInstanceOf(Date);
      // Pruning removes done jobs finished before the given time only.
      const failedElsewhere = await enqueue(t.db, `${q}-kept`, {});
      await t.db.update(jobs).set({ state: "failed", finishedAt: new Date(0) }).where(eq(jobs.id, failedElsewhere!));
      expect(await pruneJobs(t.db, new Date(0))).toBe(0);
      expect(await pruneJobs(t.db, new Date(Date.now() + 1_000))).toBeGreaterThanOrEqual(2);
      expect(await jobsOf(q)).toHaveLength(0);
      expect(await jobsOf(`${q}-kept`)).toHaveLength(1);
    } finally {
      unregisterWorker(q);
    }
  });

  it("a job of a queue without a worker fails visibly instead of looping", async () => {
    const q = queueName();
    const r = runner(q, async () => {}, {}, { queues: [q, `${q}-orphan`] });
    await enqueue(t.db, `${q}-orphan`, {});
    r.start();
    await until(async () => (await jobsOf(`${q}-orphan`))[0]?.lastError != null, 5_000, "attempt");
    await r.stop();
    const [row] = await jobsOf(`${q}-orphan`);
    expect(row.lastError).toContain("Không có bộ xử lý");
  });
});

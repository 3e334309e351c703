import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { agencies, exchangeIdentities, jobs } from "@/db/schema";
import type { Db } from "@/db/client";
import {
  AXIS_POLL_QUEUE,
  axisConnections,
  axisPollHandler,
  pollAxisOnce,
  startAxisPolling,
  type AxisReceive,
} from "@/lib/exchange/axis-poll";
import { seal } from "@/lib/secret-box";
import { DEFAULT_BACKOFF, JobRunner, type JobHandler } from "@/lib/jobs";
import { startAxisServer, type AxisServer } from "../exchange/axis-server";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// The axis poller (issue 13) with the reference axis and a stand-in receive function that stores
// each package in a table (idempotent by package id, like lib/exchange/receive.ts): every package
// received once and acknowledged only after it was stored; a 500 from the axis, a failing receive,
// and a crash between receive and acknowledgement leave the package for the next poll, which hands
// it over again; the recurring job keeps one chain; two runners handle each package once.

const SENDER = "000.00.01.H09";
/** No AXIS_* fallback from the test process's environment. */
const NO_ENV = {} as NodeJS.ProcessEnv;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => Promise<boolean> | boolean, timeoutMs = 15_000, what = "condition") {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return;
    await sleep(20);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const doc = (n: number) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader><MessageHeader><Subject>Văn bản số ${n} về việc báo cáo tình hình</Subject></MessageHeader></edXMLHeader></edXMLEnvelope></edXML>`;
const status = (code: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader><MessageHeader><StatusCode>${code}</StatusCode></MessageHeader></edXMLHeader></edXMLEnvelope></edXML>`;

describe.each(DB_KINDS)("axis poller on %s", (kind) => {
  let t: TestDb;
  const cleanups: (() => Promise<void>)[] = [];
  const runners: JobRunner[] = [];

  beforeAll(async () => {
    process.env.EXCHANGE_SECRET ??= "test-exchange-secret-0123456789abcdef";
    t = await createTestDb(kind);
    await t.db.execute(sql`create table axis_test_received (package_id text primary key, body text not null, at timestamptz not null default now())`);
  });
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop({ timeoutMs: 2_000 });
    for (const c of cleanups.splice(0)) await c();
    await t.db.delete(jobs).where(eq(jobs.queue, AXIS_POLL_QUEUE));
  });
  afterAll(async () => {
    await t?.drop();
  });

  /** An agency connected to a fresh reference axis (its own account on it). */
  async function connected(opts: { secretOnAxis?: string } = {}) {
    const suffix = randomBytes(3).toString("hex").toUpperCase();
    const organId = `000.${suffix.slice(0, 2)}.${suffix.slice(2, 4)}.H${suffix.slice(4, 6)}`;
    const axis = await startAxisServer({ accounts: { [organId]: opts.secretOnAxis ?? "s3cret", [SENDER]: "sender" } });
    const [a] = await t.db.insert(agencies).values({ code: `AX${suffix}`, name: `Sở thử nghiệm ${suffix}`, organId }).returning();
    await t.db.insert(exchangeIdentities).values({ agencyId: a.id, axisUrl: axis.url, axisUsername: organId, axisSecretEnc: seal("s3cret") });
    cleanups.push(async () => {
      // Disconnected: later tests do not poll this axis.
      await t.db.update(exchangeIdentities).set({ axisUrl: "" }).where(eq(exchangeIdentities.agencyId, a.id));
      await axis.stop();
    });
    return { axis, organId, agencyId: a.id };
  }

  /** A stand-in for receiveMessage: stores the package (first time), duplicate after; rejects a DOCTYPE. */
  function storingReceive(axis: AxisServer, opts: { failFor?: Set<string> } = {}) {
    const calls: { packageId: string; acknowledgedBefore: boolean }[] = [];
    const fn: AxisReceive = async (db: Db, raw, meta) => {
      const p = axis.packages.find((x) => x.id === meta.packageId);
      calls.push({ packageId: meta.packageId, acknowledgedBefore: p?.acknowledged ?? false });
      if (opts.failFor?.delete(meta.packageId)) throw new Error("mất kết nối cơ sở dữ liệu");
      expect(meta.transport).toBe("axis");
      const inserted = await db.execute(
        sql`insert into axis_test_received (package_id, body) values (${meta.packageId}, ${raw.toString("utf8")}) on conflict do nothing returning package_id`,
      );
      if (raw.toString("utf8").includes("<!DOCTYPE")) return { state: "rejected", code: "doctype", reason: "Gói tin có DOCTYPE" };
      return inserted.rows.length ? { state: "received", messageId: meta.packageId } : { state: "duplicate" };
    };
    return { fn, calls, count: (id: string) => calls.filter((c) => c.packageId === id).length };
  }

  const stored = async (id: string) =>
    (await t.db.execute<{ body: string }>(sql`select body from axis_test_received where package_id = ${id}`)).rows[0]?.body ?? null;

  it("takes every package for us once, documents before statuses, and acknowledges each only after it was stored", async () => {
    const { axis, organId } = await connected();
    const s = axis.inject({ from: SENDER, to: organId, xml: status("01"), type: "status" });
    const d1 = axis.inject({ from: SENDER, to: organId, xml: doc(1) });
    const d2 = axis.inject({ from: SENDER, to: organId, xml: doc(2) });
    const notOurs = axis.inject({ from: organId, to: SENDER, xml: doc(3) });
    const r = storingReceive(axis);

    const res = await pollAxisOnce(t.db, r.fn, { env: NO_ENV });
    expect(res.errors).toEqual([]);
    expect(res).toMatchObject({ received: 3, duplicate: 0, rejected: 0 });
    expect(r.calls.map((c) => c.packageId)).toEqual([d1.id, d2.id, s.id]);
    expect(r.calls.every((c) => !c.acknowledgedBefore)).toBe(true);
    for (const p of [d1, d2, s]) {
      expect(p).toMatchObject({ acknowledged: true, ackStatus: "done" });
      expect(await stored(p.id)).toBe(p.xml.toString("utf8")); // Vietnamese intact
    }
    expect(notOurs.acknowledged).toBe(false);
    expect(axis.deliveries(notOurs.id)).toBe(0);

    // Nothing left: a second poll hands nothing over.
    const again = await pollAxisOnce(t.db, r.fn, { env: NO_ENV });
    expect(again).toMatchObject({ received: 0, duplicate: 0, errors: [] });
    expect(r.calls).toHaveLength(3);
  });

  it("a refused (but stored) package is acknowledged as fail, not handed over again", async () => {
    const { axis, organId } = await connected();
    const bad = axis.inject({ from: SENDER, to: organId, xml: `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><edXML/>` });
    const r = storingReceive(axis);
    const res = await pollAxisOnce(t.db, r.fn, { env: NO_ENV });
    expect(res).toMatchObject({ rejected: 1, errors: [] });
    expect(bad).toMatchObject({ acknowledged: true, ackStatus: "fail" });
    expect(await stored(bad.id)).not.toBeNull();
    await pollAxisOnce(t.db, r.fn, { env: NO_ENV });
    expect(r.count(bad.id)).toBe(1);
  });

  it("a 500 from the axis (on get, on list) loses nothing: the package is taken at the next poll", async () => {
    const { axis, organId } = await connected();
    const p = axis.inject({ from: SENDER, to: organId, xml: doc(10) });
    const r = storingReceive(axis);

    axis.failNext(1, { op: "getEdoc" });
    const first = await pollAxisOnce(t.db, r.fn, { env: NO_ENV });
    expect(first.errors.join()).toContain("HTTP 500");
    expect(r.calls).toHaveLength(0);
    expect(p.acknowledged).toBe(false);

    axis.failNext(1, { op: "getReceivedEdocList" });
    const second = await pollAxisOnce(t.db, r.fn, { env: NO_ENV });
    expect(second.errors.join()).toContain("Trục liên thông tạm thời lỗi");
    expect(p.acknowledged).toBe(false);

    const third = await pollAxisOnce(t.db, r.fn, { env: NO_ENV });
    expect(third).toMatchObject({ received: 1, errors: [] });
    expect(p.acknowledged).toBe(true);
    expect(r.count(p.id)).toBe(1);
  });

  it("a receive that fails leaves the package unacknowledged; the next poll hands it over again", async () => {
    const { axis, organId } = await connected();
    const p = axis.inject({ from: SENDER, to: organId, xml: doc(20) });
    const r = storingReceive(axis, { failFor: new Set([p.id]) });
    const first = await pollAxisOnce(t.db, r.fn, { env: NO_ENV });
    expect(first.errors.join()).toContain("chưa tiếp nhận được");
    expect(p.acknowledged).toBe(false);
    expect(await stored(p.id)).toBeNull();
    const second = await pollAxisOnce(t.db, r.fn, { env: NO_ENV });
    expect(second).toMatchObject({ received: 1, errors: [] });
    expect(p.acknowledged).toBe(true);
    expect(r.count(p.id)).toBe(2);
  });

  it("a crash between receive and acknowledgement: redelivered, received again (a duplicate), then acknowledged", async () => {
    const { axis, organId } = await connected();
    const p = axis.inject({ from: SENDER, to: organId, xml: doc(30) });
    const r = storingReceive(axis);
    axis.failNext(1, { op: "updateStatus" });
    const first = await pollAxisOnce(t.db, r.fn, { env: NO_ENV });
    expect(first.errors.join()).toContain("chưa báo nhận được");
    expect(await stored(p.id)).toBe(doc(30));
    expect(p.acknowledged).toBe(false);

    const second = await pollAxisOnce(t.db, r.fn, { env: NO_ENV });
    expect(second).toMatchObject({ received: 0, duplicate: 1, errors: [] });
    expect(axis.deliveries(p.id)).toBe(2);
    expect(r.count(p.id)).toBe(2);
    expect(p).toMatchObject({ acknowledged: true, ackStatus: "done" });
    const rows = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from axis_test_received where package_id = ${p.id}`);
    expect(rows.rows[0].n).toBe(1);
  });

  it("wrong credentials: 'Sai tài khoản trục', nothing taken", async () => {
    const { axis, organId } = await connected({ secretOnAxis: "changed-on-the-axis" });
    const p = axis.inject({ from: SENDER, to: organId, xml: doc(40) });
    const r = storingReceive(axis);
    const res = await pollAxisOnce(t.db, r.fn, { env: NO_ENV });
    expect(res.errors.join()).toContain("Sai tài khoản trục");
    expect(r.calls).toHaveLength(0);
    expect(p.acknowledged).toBe(false);
  });

  it("two agencies on the same axis account are polled once; the AXIS_* environment is the fallback", async () => {
    const { axis, organId, agencyId } = await connected();
    const [b] = await t.db.insert(agencies).values({ code: `AXB${randomBytes(3).toString("hex")}`, name: "Đơn vị cùng tài khoản", organId: `000.99.${randomBytes(1).toString("hex")}.H${randomBytes(1).toString("hex")}` }).returning();
    const conns = await axisConnections(t.db, { AXIS_URL: `${axis.url}/`, AXIS_USERNAME: organId, AXIS_SECRET: "s3cret" } as unknown as NodeJS.ProcessEnv);
    // Every agency without settings of its own falls back to the environment's connection, which is
    // the one `agencyId` has: one connection in all.
    expect(conns.filter((c) => c.url.replace(/\/+$/, "") === axis.url && c.username === organId)).toHaveLength(1);
    expect(await axisConnections(t.db, NO_ENV)).toContainEqual({ url: axis.url, username: organId, secret: "s3cret" });
    expect(agencyId).not.toBe(b.id);
    await t.db.delete(agencies).where(eq(agencies.id, b.id));
  });

  function pollRunner(receive: AxisReceive, intervalMs: number) {
    const handler = axisPollHandler(receive, { intervalMs, env: NO_ENV }) as JobHandler<never>;
    const r = new JobRunner({
      db: t.db,
      pollMs: 20,
      workers: new Map([[AXIS_POLL_QUEUE, { handler, retries: 0, backoff: DEFAULT_BACKOFF }]]),
      onError: () => {},
    });
    runners.push(r);
    return r;
  }
  const pollJobs = () => t.db.select().from(jobs).where(eq(jobs.queue, AXIS_POLL_QUEUE));

  it("recurring: the first run is enqueued once however many instances start; each run enqueues the next slot", async () => {
    const { axis, organId } = await connected();
    const r = storingReceive(axis);
    const interval = 250;
    const now = new Date();
    const first = await startAxisPolling(t.db, { intervalMs: interval, now });
    expect(first).toBeTypeOf("string");
    expect(await startAxisPolling(t.db, { intervalMs: interval, now })).toBeNull(); // a second instance
    expect(await pollJobs()).toHaveLength(1);

    pollRunner(r.fn, interval).start();
    const p1 = axis.inject({ from: SENDER, to: organId, xml: doc(50) });
    await until(() => p1.acknowledged, 10_000, "first package");
    const p2 = axis.inject({ from: SENDER, to: organId, xml: doc(51) });
    await until(() => p2.acknowledged, 10_000, "package arriving later");
    await until(async () => (await pollJobs()).filter((j) => j.state === "done").length >= 3, 10_000, "several runs");
    // One chain: never more than one run waiting. Read once the runner has stopped (its run finished):
    // read during a run, the run itself and the next slot it has already enqueued would be counted.
    for (const runner of runners.splice(0)) await runner.stop({ timeoutMs: 5_000 });
    const rows = await pollJobs();
    expect(rows.filter((j) => j.state === "queued" || j.state === "active").length).toBeLessThanOrEqual(1);
    expect(new Set(rows.map((j) => j.key)).size).toBe(rows.length);
    expect(r.count(p1.id)).toBe(1);
    expect(r.count(p2.id)).toBe(1);
  });

  it("a run whose poll had errors fails visibly; the chain goes on and the next slot takes the package", async () => {
    const { axis, organId } = await connected();
    const r = storingReceive(axis);
    axis.failNext(1, { op: "getEdoc" });
    const p = axis.inject({ from: SENDER, to: organId, xml: doc(60) });
    await startAxisPolling(t.db, { intervalMs: 200 });
    pollRunner(r.fn, 200).start();
    await until(() => p.acknowledged, 10_000, "package after the 500");
    const failed = (await pollJobs()).filter((j) => j.state === "failed");
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed[0].lastError).toContain("HTTP 500");
    expect(r.count(p.id)).toBe(1);
  });

  it("a poll that outlasts its slot: the runs of the next slots (on either runner) skip instead of taking the same packages", async () => {
    const { axis, organId } = await connected();
    const inner = storingReceive(axis);
    const slow: AxisReceive = async (db, raw, meta) => {
      await sleep(250); // each package takes longer than a slot
      return inner.fn(db, raw, meta);
    };
    const ps = Array.from({ length: 3 }, (_, i) => axis.inject({ from: SENDER, to: organId, xml: doc(90 + i) }));
    await startAxisPolling(t.db, { intervalMs: 100 });
    pollRunner(slow, 100).start();
    pollRunner(slow, 100).start();
    await until(() => ps.every((p) => p.acknowledged), 15_000, "all packages");
    for (const p of ps) {
      expect(inner.count(p.id)).toBe(1);
      expect(axis.deliveries(p.id)).toBe(1);
    }
    // Slots went by during the long poll and their runs did nothing.
    expect((await pollJobs()).filter((j) => j.state === "done").length).toBeGreaterThanOrEqual(3);
  });

  it("two runners (two app instances): each package handled once", async () => {
    const { axis, organId } = await connected();
    const r = storingReceive(axis);
    const ps = Array.from({ length: 6 }, (_, i) => axis.inject({ from: SENDER, to: organId, xml: doc(70 + i) }));
    await startAxisPolling(t.db, { intervalMs: 150 });
    await startAxisPolling(t.db, { intervalMs: 150 });
    pollRunner(r.fn, 150).start();
    pollRunner(r.fn, 150).start();
    await until(() => ps.every((p) => p.acknowledged), 15_000, "all packages");
    const more = Array.from({ length: 3 }, (_, i) => axis.inject({ from: SENDER, to: organId, xml: doc(80 + i) }));
    await until(() => more.every((p) => p.acknowledged), 15_000, "later packages");
    await sleep(400); // a few more slots
    for (const p of [...ps, ...more]) {
      expect(r.count(p.id)).toBe(1);
      expect(axis.deliveries(p.id)).toBe(1);
    }
    const active = await t.db.select().from(jobs).where(and(eq(jobs.queue, AXIS_POLL_QUEUE), eq(jobs.state, "queued")));
    expect(active.length).toBeLessThanOrEqual(1);
  });
});

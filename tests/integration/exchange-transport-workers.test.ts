import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@/db/schema";
import { AXIS_POLL_QUEUE } from "@/lib/exchange/axis-poll";
import { transportFor } from "@/lib/exchange/transports";
import { registerExchangeWorkers } from "@/lib/exchange/workers";
import { queueStatus, unregisterWorker } from "@/lib/jobs";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// The wiring done at server start (instrumentation.ts → lib/workers.ts → registerExchangeWorkers):
// both transports registered by name, the axis poller's worker registered and its chain started
// once, however many times (or instances) it starts.

describe.each(DB_KINDS)("exchange workers on %s", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => {
    unregisterWorker(AXIS_POLL_QUEUE);
    await t?.drop();
  });

  it("registers the direct and axis transports and starts one axis poll chain", async () => {
    await registerExchangeWorkers();
    await registerExchangeWorkers(); // a second start (or instance) adds no second chain
    expect(transportFor("direct").name).toBe("direct");
    expect(transportFor("axis").name).toBe("axis");
    const polls = await t.db.select().from(jobs).where(eq(jobs.queue, AXIS_POLL_QUEUE));
    expect(polls.length).toBeGreaterThanOrEqual(1);
    expect(polls.length).toBeLessThanOrEqual(2); // two only if the two starts straddled a slot boundary
    expect(polls.every((j) => j.state === "queued" && j.key?.startsWith("slot:"))).toBe(true);
    expect((await queueStatus(t.db)).map((q) => q.queue)).toContain(AXIS_POLL_QUEUE);
  });
});

import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tstz } from "./columns";

// The job runner's queue (lib/jobs). A job is written by `enqueue` in the same transaction as the
// step that causes it (an outbox: rolled back with it), claimed by a worker with FOR UPDATE SKIP
// LOCKED and a lease, retried with backoff, and kept afterwards (done/failed) for the status screen.
export const jobs = pgTable(
  "jobs",
  {
    id: id(),
    queue: text("queue").notNull(),
    /** Deduplication key within the queue: a second enqueue with the same key adds nothing. */
    key: text("key"),
    payload: jsonb("payload").notNull(),
    state: text("state", { enum: ["queued", "active", "done", "failed"] }).notNull().default("queued"),
    runAt: timestamp("run_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    /** The claim's token and lease: a worker that dies leaves the job to be taken again after the lease. */
    lockedBy: uuid("locked_by"),
    lockedUntil: tstz("locked_until"),
    lastError: text("last_error"),
    lastErrorAt: tstz("last_error_at"),
    createdAt: createdAt(),
    finishedAt: tstz("finished_at"),
  },
  (t) => [
    uniqueIndex("jobs_queue_key_uq").on(t.queue, t.key),
    index("jobs_due_idx").on(t.state, t.runAt),
    index("jobs_queue_state_idx").on(t.queue, t.state),
    check("jobs_state_ck", sql`${t.state} in ('queued', 'active', 'done', 'failed')`),
  ],
);

// One row per effect a job handler has made: the handler writes it in the transaction of its effect,
// so a job run twice (at-least-once delivery: a worker died after the effect, before marking it done)
// makes its effect once.
export const jobEffects = pgTable("job_effects", {
  key: text("key").primaryKey(),
  jobId: uuid("job_id"),
  createdAt: createdAt(),
});

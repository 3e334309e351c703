import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { users } from "./org";

// One row per submitted creating form (issue: a replayed "Vào sổ" took new numbers). The key is
// minted when the form is rendered; the first submission stores its result here in the same
// transaction as the step, and every replay (double click, retry, a second tab) gets that result back.
// The key is unique on its own, so concurrent replays wait on the index and a key seen with another
// user or another action is recognised and refused.
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    key: uuid("key").primaryKey(),
    userId: uuid("user_id").notNull().references(() => users.id),
    action: text("action").notNull(),
    /** `{ data }` of the first successful run, as returned to the caller; written before the transaction commits. */
    result: jsonb("result").$type<{ data?: unknown }>(),
    createdAt: createdAt(),
  },
  (t) => [index("idempotency_keys_user_created_idx").on(t.userId, t.createdAt)],
);

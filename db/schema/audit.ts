import { bigserial, index, jsonb, pgTable, text, uuid, bigint } from "drizzle-orm/pg-core";
import { tstz } from "./columns";

// Append-only, hash-chained (security.md §4). UPDATE/DELETE/TRUNCATE are refused by triggers
// created in the migration; the chain head row serialises writers so the chain cannot fork.
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    chain: text("chain").notNull(),
    at: tstz("at").notNull(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name").notNull().default(""),
    action: text("action").notNull(),
    outcome: text("outcome").notNull(),
    objectType: text("object_type").notNull().default(""),
    objectId: text("object_id").notNull().default(""),
    ip: text("ip").notNull().default(""),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_events_chain_idx").on(t.chain, t.id),
    index("audit_events_outcome_idx").on(t.chain, t.outcome, t.id),
    index("audit_events_object_idx").on(t.objectType, t.objectId),
  ],
);

export const auditChainHeads = pgTable("audit_chain_heads", {
  chain: text("chain").primaryKey(),
  lastId: bigint("last_id", { mode: "number" }).notNull(),
  lastHash: text("last_hash").notNull(),
});

export type AuditEvent = typeof auditEvents.$inferSelect;

import { bigserial, jsonb, text, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { users } from "./org";

/** The columns every document trail shares: who did what, when, to whom, with which words. */
export const trailColumns = () => ({
  id: bigserial("id", { mode: "number" }).primaryKey(),
  at: createdAt(),
  actorId: uuid("actor_id").references(() => users.id),
  actorName: text("actor_name").notNull(),
  kind: text("kind").notNull(),
  toText: text("to_text").notNull().default(""),
  text: text("text").notNull().default(""),
  payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
});

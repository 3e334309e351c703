import { bigserial, boolean, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, tstz } from "./columns";
import { users } from "./org";

// Server-side sessions: the Auth.js JWT only carries this id, so logout, disabling a user and
// idle/absolute timeouts take effect at the next request (ASVS 7.2.1, 7.4.1, 7.4.2).
export const userSessions = pgTable(
  "user_sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id").notNull().references(() => users.id),
    method: text("method").notNull(),
    ip: text("ip").notNull().default(""),
    userAgent: text("user_agent").notNull().default(""),
    createdAt: createdAt(),
    lastSeenAt: tstz("last_seen_at").notNull().defaultNow(),
    expiresAt: tstz("expires_at").notNull(),
    endedAt: tstz("ended_at"),
    endReason: text("end_reason"),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId, t.createdAt)],
);

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    username: text("username").notNull(),
    userId: uuid("user_id"),
    ip: text("ip").notNull().default(""),
    userAgent: text("user_agent").notNull().default(""),
    method: text("method").notNull(),
    success: boolean("success").notNull(),
    reason: text("reason").notNull().default(""),
    at: createdAt(),
  },
  (t) => [
    index("login_attempts_username_idx").on(t.username, t.at),
    index("login_attempts_ip_idx").on(t.ip, t.at),
    index("login_attempts_user_idx").on(t.userId, t.at),
  ],
);

export type UserSession = typeof userSessions.$inferSelect;

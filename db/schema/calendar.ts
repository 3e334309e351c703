import { sql } from "drizzle-orm";
import { check, date, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { agencies, users } from "./org";

// Lịch làm việc (issue 12): the public holidays of Bộ luật Lao động 2019 Điều 112 are computed per year
// (lib/calendar/holidays.ts); these rows are what the administrator changes on top of them, per agency,
// as the Government announces each year. One row per agency and date:
//   off     – an extra day off (a day off the Government adds, or a computed holiday moved here)
//   working – a working day on a Saturday or Sunday (ngày làm bù of a swapped day)
//   removed – a computed holiday or compensatory day that is not taken this year
export const CALENDAR_DAY_KINDS = ["off", "working", "removed"] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

export const calendarDays = pgTable(
  "calendar_days",
  {
    id: id(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    day: date("day", { mode: "string" }).notNull(),
    kind: text("kind", { enum: CALENDAR_DAY_KINDS }).notNull(),
    reason: text("reason").notNull(),
    /** Who added it; null when it came from the HOLIDAYS variable (the seed). */
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("calendar_days_agency_day_uq").on(t.agencyId, t.day),
    check("calendar_days_kind_ck", sql`${t.kind} in ('off', 'working', 'removed')`),
  ],
);

// The version of each agency's calendar: a fresh random token written in the transaction of every change
// (a rolled-back change leaves no token behind that a later change could repeat). Each app instance keeps
// the loaded calendar and re-reads it only when the token moved (lib/calendar/load.ts).
export const calendarVersions = pgTable("calendar_versions", {
  agencyId: uuid("agency_id").primaryKey().references(() => agencies.id),
  token: uuid("token").notNull(),
  updatedAt: updatedAt(),
});

export type CalendarDayRow = typeof calendarDays.$inferSelect;

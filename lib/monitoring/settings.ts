import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { agencies } from "@/db/schema";

export interface ReminderSettings {
  /** N: remind the assignee this many working days before a deadline (and again on the day). */
  daysBefore: number;
  /** M: after this many working days overdue, escalate to the agency's leadership. */
  escalateAfter: number;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { daysBefore: 2, escalateAfter: 3 };

/** The agency's reminder settings (Quản trị → Thông tin cơ quan); the defaults for an unknown agency. */
export async function reminderSettings(db: Db | Tx, agencyId: string): Promise<ReminderSettings> {
  const [row] = await db
    .select({ daysBefore: agencies.remindDaysBefore, escalateAfter: agencies.escalateAfterDays })
    .from(agencies)
    .where(eq(agencies.id, agencyId));
  return row ?? { ...DEFAULT_REMINDER_SETTINGS };
}

/** The same for a page (on the app's database). */
export async function agencyReminderSettings(agencyId: string): Promise<ReminderSettings> {
  return reminderSettings(await getDb(), agencyId);
}

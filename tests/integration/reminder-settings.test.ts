import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencies } from "@/db/schema";
import { executeAction } from "@/lib/actions/define";
import { updateReminderSettings } from "@/lib/monitoring/settings-actions";
import { DEFAULT_REMINDER_SETTINGS, reminderSettings } from "@/lib/monitoring/settings";
import { buildWorld, callerOf, keyed, type World } from "../factories/org";
import { auditRows, createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Issue 12: N (remind before a deadline) and M (escalate to the leadership), per agency, set by its administrator.
describe.each(DB_KINDS)("reminder settings on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let other: World;
  const run = (userId: string, input: Record<string, unknown>) => executeAction(updateReminderSettings, callerOf(userId), keyed(input), t.db);

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    other = await buildWorld(t.db);
  });
  afterAll(async () => t?.drop());

  it("defaults to 2 working days before and 3 after; an unknown agency gets the defaults", async () => {
    expect(await reminderSettings(t.db, w.agencyId)).toEqual({ daysBefore: 2, escalateAfter: 3 });
    expect(await reminderSettings(t.db, "00000000-0000-4000-8000-000000000000")).toEqual(DEFAULT_REMINDER_SETTINGS);
  });

  it("the administrator changes them for their own agency only, audited", async () => {
    expect(await run(w.people.admin.id, { daysBefore: "5", escalateAfter: "1" })).toMatchObject({ ok: true });
    expect(await reminderSettings(t.db, w.agencyId)).toEqual({ daysBefore: 5, escalateAfter: 1 });
    expect(await reminderSettings(t.db, other.agencyId)).toEqual({ daysBefore: 2, escalateAfter: 3 });
    const audit = await auditRows(t.db, { action: "monitoring.settings.update", objectId: w.agencyId });
    expect(audit.at(-1)?.payload).toMatchObject({ before: { daysBefore: 2, escalateAfter: 3 }, after: { daysBefore: 5, escalateAfter: 1 } });
  });

  it("refuses other positions and bad numbers with Vietnamese messages", async () => {
    for (const k of ["leader", "clerk", "staff", "unit_head"] as const) {
      expect(await run(w.people[k].id, { daysBefore: 1, escalateAfter: 1 })).toMatchObject({ ok: false, code: "forbidden" });
    }
    const bad = await run(w.people.admin.id, { daysBefore: -1, escalateAfter: 0 });
    expect(bad).toMatchObject({ ok: false, code: "validation" });
    expect(!bad.ok && bad.fieldErrors?.daysBefore?.[0]).toBe("Số ngày nhắc trước hạn ít nhất là 0 ngày làm việc.");
    expect(!bad.ok && bad.fieldErrors?.escalateAfter?.[0]).toMatch(/ít nhất là 1 ngày làm việc/);
    const big = await run(w.people.admin.id, { daysBefore: 31, escalateAfter: 2.5 });
    expect(!big.ok && big.fieldErrors?.daysBefore?.[0]).toBe("Số ngày nhắc trước hạn không được quá 30 ngày làm việc.");
    expect(!big.ok && big.fieldErrors?.escalateAfter?.[0]).toMatch(/số nguyên/);
    const [row] = await t.db.select().from(agencies).where(eq(agencies.id, w.agencyId));
    expect([row.remindDaysBefore, row.escalateAfterDays]).toEqual([5, 1]);
  });
});

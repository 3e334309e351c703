import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { agencies } from "@/db/schema";
import { updateReminderSettings } from "@/lib/monitoring/settings-actions";
import { fb, na, type AreaMatrix } from "./world";

// Theo dõi, đôn đốc (issue 12): the agency's reminder settings and Đôn đốc.

export const monitoringMatrix: AreaMatrix = [
  {
    def: updateReminderSettings,
    wrongPosition: (m) => m.refused(updateReminderSettings, m.w.people.leader.id, { daysBefore: 1, escalateAfter: 1 }, fb),
    // The input names no agency: the row is the caller's own; another agency's row stays as it was.
    foreignRow: async (m) => {
      const theirs = async () => (await m.db.select().from(agencies).where(eq(agencies.id, m.them.w.agencyId)))[0];
      const before = await theirs();
      expect(await m.run(updateReminderSettings, m.w.people.admin.id, { daysBefore: 4, escalateAfter: 2 })).toMatchObject({ ok: true });
      expect(await theirs()).toEqual(before);
    },
    foreignIds: na("takes two numbers and no id: the agency is the caller's own"),
  },
];

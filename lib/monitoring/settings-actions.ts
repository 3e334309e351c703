import "server-only";
import { eq } from "drizzle-orm";
import { agencies } from "@/db/schema";
import { defineAction } from "@/lib/actions/define";
import { notFound } from "@/lib/errors";
import { reminderSettingsSchema } from "./schemas";

/** Quản trị → Thông tin cơ quan: N and M of the agency's automatic reminders and escalation. */
export const updateReminderSettings = defineAction({
  name: "monitoring.settings.update",
  schema: reminderSettingsSchema,
  verb: "org.manage",
  load: async ({ actor, tx }) => {
    const [a] = await tx
      .select({ id: agencies.id, daysBefore: agencies.remindDaysBefore, escalateAfter: agencies.escalateAfterDays })
      .from(agencies)
      .where(eq(agencies.id, actor.agencyId))
      .for("update");
    if (!a) throw notFound();
    return { ...a, agencyId: a.id };
  },
  authorize: ({ actor, target }) => target.agencyId === actor.agencyId,
  run: async ({ input, tx, target }) => {
    await tx
      .update(agencies)
      .set({ remindDaysBefore: input.daysBefore, escalateAfterDays: input.escalateAfter })
      .where(eq(agencies.id, target.id));
    const before = { daysBefore: target.daysBefore, escalateAfter: target.escalateAfter };
    return { data: { id: target.id }, audit: { objectType: "agency", objectId: target.id, payload: { before, after: input } } };
  },
  revalidate: ["/admin"],
});

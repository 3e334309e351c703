import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { agencies, notifications, users } from "@/db/schema";
import { remind } from "@/lib/monitoring/remind";
import { updateReminderSettings } from "@/lib/monitoring/settings-actions";
import { markAllNotificationsRead, markNotificationRead, updateEmailPreferences } from "@/lib/notifications/actions";
import { fb, na, nf, type AreaMatrix } from "./world";

const OWN = "acts on the caller's own notices or preferences only: no position grants or withholds it (verb null), so no position is wrong";

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
  {
    def: remind,
    wrongPosition: async (m) => m.refused(remind, m.w.people.staff.id, { assignmentId: (await m.assigned()).unitPart, message: "Đề nghị khẩn trương." }, fb),
    foreignRow: async (m) => m.refused(remind, m.w.people.leader.id, { assignmentId: (await m.assigned(m.them)).staffPart, message: "Đề nghị khẩn trương." }, nf),
    foreignIds: na("its only id is the part it acts on, which the foreign-row case covers"),
  },
  {
    def: markNotificationRead,
    wrongPosition: na(OWN),
    foreignRow: async (m) => {
      const [n] = await m.db.insert(notifications).values({ userId: m.them.w.people.staff.id, text: "Thông báo của cơ quan khác", href: "" }).returning({ id: notifications.id });
      await m.refused(markNotificationRead, m.w.people.staff.id, { id: n.id }, nf);
    },
    foreignIds: na("its only id is the notice it marks, which the foreign-row case covers"),
  },
  {
    def: markAllNotificationsRead,
    wrongPosition: na(OWN),
    // The input names nobody: another agency's person's unread notice stays unread.
    foreignRow: async (m) => {
      const [n] = await m.db.insert(notifications).values({ userId: m.them.w.people.staff.id, text: "Thông báo của cơ quan khác", href: "" }).returning({ id: notifications.id });
      expect(await m.run(markAllNotificationsRead, m.w.people.staff.id, {})).toMatchObject({ ok: true });
      expect((await m.db.select().from(notifications).where(eq(notifications.id, n.id)))[0].readAt).toBeNull();
    },
    foreignIds: na("takes no id: it marks the caller's own unread notices only"),
  },
  {
    def: updateEmailPreferences,
    wrongPosition: na(OWN),
    // The row is the caller's own user, loaded from the session: another agency's person's choice stays as it was.
    foreignRow: async (m) => {
      const theirs = async () => (await m.db.select({ k: users.emailKinds }).from(users).where(eq(users.id, m.them.w.people.staff.id)))[0].k;
      const before = await theirs();
      expect(await m.run(updateEmailPreferences, m.w.people.staff.id, { kinds: [] })).toMatchObject({ ok: true });
      expect(await theirs()).toEqual(before);
    },
    foreignIds: na("takes a list of notice kinds and no id"),
  },
];

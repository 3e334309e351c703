import "server-only";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { calendarDays } from "@/db/schema";
import { defineAction, sameAgency } from "@/lib/actions/define";
import { isoToDisplay } from "@/lib/dates";
import { conflict, invalid, notFound } from "@/lib/errors";
import { WorkCalendar } from "./calendar";
import { isWeekend } from "./holidays";
import { bumpCalendar, ensureCalendar } from "./load";
import { calendarDaySchema, deleteCalendarDaySchema, updateCalendarDaySchema, type ChangeKind } from "./schemas";

// Quản trị → Lịch làm việc: the administrator records what the Government announces for the year –
// extra days off, Saturdays or Sundays that become working days, computed days off that are not taken.
// Each step through the one wrapper (verb calendar.manage, the agency's row, audit) and writes a new
// version token so that every app instance reloads the calendar (lib/calendar/load.ts).

const REVALIDATE = ["/admin/calendar"];

/** The change must make sense on that day (a working day on a weekday changes nothing, and so on). */
function checkKind(day: string, kind: ChangeKind) {
  const def = new WorkCalendar().defaultOf(day);
  const weekend = isWeekend(day);
  const shown = isoToDisplay(day);
  if (kind === "working" && !weekend) {
    throw invalid({ kind: [`Ngày ${shown} không phải thứ Bảy hay Chủ nhật. Ngày làm việc bù chỉ đặt vào thứ Bảy hoặc Chủ nhật; để đi làm vào một ngày nghỉ lễ, chọn "Bỏ ngày nghỉ tính tự động".`] });
  }
  if (kind === "removed" && !def) {
    throw invalid({ kind: [`Ngày ${shown} không phải ngày nghỉ lễ hay nghỉ bù tính tự động, không có gì để bỏ.`] });
  }
  if (kind === "off" && (def || weekend)) {
    throw invalid({ kind: [`Ngày ${shown} đã là ngày nghỉ (${def ? def.reason : "ngày nghỉ hằng tuần"}).`] });
  }
}

async function assertDayFree(tx: Tx, agencyId: string, day: string, exceptId?: string) {
  const [other] = await tx
    .select({ id: calendarDays.id })
    .from(calendarDays)
    .where(and(eq(calendarDays.agencyId, agencyId), eq(calendarDays.day, day)));
  if (other && other.id !== exceptId) {
    throw invalid({ day: [`Ngày ${isoToDisplay(day)} đã có trong danh sách thay đổi của lịch; hãy sửa dòng đó.`] });
  }
}

/** The agency's calendar, locked for the step (concurrent changes of one agency run one after the other). */
async function lockAgencyCalendar(tx: Tx, agencyId: string) {
  await ensureCalendar(tx, agencyId);
  await bumpCalendar(tx, agencyId);
}

const auditOf = (r: { day: string; kind: string; reason: string }) => ({ day: r.day, kind: r.kind, reason: r.reason });

export const addCalendarDay = defineAction({
  name: "calendar.day.add",
  idempotent: true,
  schema: calendarDaySchema,
  verb: "calendar.manage",
  load: async ({ actor }) => ({ agencyId: actor.agencyId }),
  authorize: sameAgency,
  run: async ({ actor, input, tx }) => {
    checkKind(input.day, input.kind);
    await lockAgencyCalendar(tx, actor.agencyId);
    await assertDayFree(tx, actor.agencyId, input.day);
    const [row] = await tx
      .insert(calendarDays)
      .values({ agencyId: actor.agencyId, day: input.day, kind: input.kind, reason: input.reason, createdBy: actor.userId })
      .returning({ id: calendarDays.id });
    return { data: { id: row.id, day: input.day }, audit: { objectType: "calendar_day", objectId: row.id, payload: auditOf(input) } };
  },
  revalidate: REVALIDATE,
});

async function loadDay({ input, tx }: { input: { id: string }; tx: Tx }) {
  // Looked up by id alone and authorized by its agency: another agency's row is refused (and audited).
  const [row] = await tx.select().from(calendarDays).where(eq(calendarDays.id, input.id)).for("update");
  if (!row) throw notFound();
  return row;
}

export const updateCalendarDay = defineAction({
  name: "calendar.day.update",
  schema: updateCalendarDaySchema,
  verb: "calendar.manage",
  load: loadDay,
  authorize: sameAgency,
  run: async ({ actor, input, tx, target }) => {
    checkKind(input.day, input.kind);
    await lockAgencyCalendar(tx, target.agencyId);
    await assertDayFree(tx, target.agencyId, input.day, target.id);
    const same = target.day === input.day && target.kind === input.kind && target.reason === input.reason;
    if (same) throw conflict("Không có gì thay đổi.");
    await tx
      .update(calendarDays)
      .set({ day: input.day, kind: input.kind, reason: input.reason, createdBy: actor.userId, updatedAt: new Date() })
      .where(eq(calendarDays.id, target.id));
    return { data: { id: target.id, day: input.day }, audit: { objectType: "calendar_day", objectId: target.id, payload: { before: auditOf(target), after: auditOf(input) } } };
  },
  revalidate: REVALIDATE,
});

export const deleteCalendarDay = defineAction({
  name: "calendar.day.delete",
  schema: deleteCalendarDaySchema,
  verb: "calendar.manage",
  load: loadDay,
  authorize: sameAgency,
  run: async ({ tx, target }) => {
    await lockAgencyCalendar(tx, target.agencyId);
    await tx.delete(calendarDays).where(eq(calendarDays.id, target.id));
    return { data: { id: target.id, day: target.day }, audit: { objectType: "calendar_day", objectId: target.id, payload: auditOf(target) } };
  },
  revalidate: REVALIDATE,
});

import "server-only";
import { and, eq, inArray, isNotNull, lte, ne, notInArray } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { agencies, incomingAssignments, incomingDocuments, jobEffects, outgoingConsultations, outgoingDocuments } from "@/db/schema";
import type { WorkCalendar } from "@/lib/calendar/calendar";
import { loadCalendar } from "@/lib/calendar/load";
import { formatDate } from "@/lib/format";
import { claimEffect, enqueue, registerWorker, vietnamTime, type JobHandler } from "@/lib/jobs";
import { notify, type NotificationKind } from "@/lib/notifications";
import { agencyPeople, type AgencyPerson } from "@/lib/org/heads";
import { consultedHeads, draftLabel, outgoingHref } from "@/lib/outgoing/notices";
import { todayInVietnam } from "@/lib/dates";
import { incomingNoticeLabel } from "@/lib/incoming/notice-label";
import { headsOfPart, holdersOfPart, leadersOf } from "@/lib/incoming/part-holders";
import { reminderSettings } from "./settings";

// Automatic reminders and escalation (issue 12), derived from the rows: a daily sweep per agency looks at
// the open parts with a deadline and sends what is due today. Each notice is made once through an effect
// row whose key names the part, the step and the deadline (`monitoring:<part>:<step>:<deadline>`), in the
// notice's own transaction: a repeated sweep, a restart or a second instance on the same PostgreSQL
// finds the key and sends nothing again; a moved deadline gives new keys (new reminders) and the old
// deadline's steps are never due again, since only the current deadline is looked at.
//
// Steps for a part with deadline D, N = days before, M = escalate after (the agency's working days):
//   due_soon    from the working day N before D until the day before D → the holder
//   due_today   on D → the holder
//   overdue     after D → the holder, and an escalation to the holder's head
//   leadership  M working days after D or later → the agency's leadership
// The sweep sends nothing on a day off (a step due then goes out on the next working day).
// Finished parts, for-information parts and parts of documents no longer in progress get none.
// Pending requests for comments on outgoing drafts (Lấy ý kiến) get due_soon, due_today and overdue
// by their Hạn góp ý, to the consulted unit's heads, under `monitoring:consult:<id>:<step>:<deadline>`.

export const SWEEP_QUEUE = "monitoring.sweep";
/** Local time of the daily sweep. */
export const SWEEP_TIME = "07:00";

export type SweepStep = "due_soon" | "due_today" | "overdue" | "leadership";

export const reminderKey = (partId: string, step: SweepStep, deadline: string) => `monitoring:${partId}:${step}:${deadline}`;
/** A request for comments' reminders (Lấy ý kiến): their own keys, apart from the parts'. */
export const consultReminderKey = (consultationId: string, step: SweepStep, deadline: string) => `monitoring:consult:${consultationId}:${step}:${deadline}`;

/** The steps due on `today` for a deadline (pure; the calendar decides working days). */
export function dueSteps(
  cal: Pick<WorkCalendar, "addWorkingDays" | "workingDaysBetween">,
  deadline: string,
  today: string,
  settings: { daysBefore: number; escalateAfter: number },
): SweepStep[] {
  if (today < deadline) return cal.workingDaysBetween(today, deadline) <= settings.daysBefore ? ["due_soon"] : [];
  if (today === deadline) return ["due_today"];
  const steps: SweepStep[] = ["overdue"];
  if (cal.addWorkingDays(deadline, settings.escalateAfter) <= today) steps.push("leadership");
  return steps;
}

/** Runs the agency's sweep for `today` (yyyy-mm-dd, Vietnam); returns how many notices it sent. */
export async function sweepAgency(db: Db, agencyId: string, today: string): Promise<number> {
  // A stopped agency (Ngừng hoạt động) reminds nobody: its people cannot sign in to act. Its sweeps stay
  // queued day by day, so what falls due meanwhile is sent from the first sweep after it is let back.
  const [agency] = await db.select({ disabledAt: agencies.disabledAt }).from(agencies).where(eq(agencies.id, agencyId));
  if (!agency || agency.disabledAt) return 0;
  const settings = await reminderSettings(db, agencyId);
  const cal = await loadCalendar(agencyId, db);
  // Nobody is reminded on a day off: what falls due then is sent on the next working day.
  if (!cal.isWorkingDay(today)) return 0;
  // Only deadlines up to the reminder day ahead can be due (a little more: weekends and holidays).
  const horizon = cal.addWorkingDays(today, settings.daysBefore);
  const parts = await db
    .select({
      id: incomingAssignments.id,
      documentId: incomingAssignments.documentId,
      userId: incomingAssignments.userId,
      unitId: incomingAssignments.unitId,
      assignedBy: incomingAssignments.assignedBy,
      deadline: incomingAssignments.deadline,
      symbol: incomingDocuments.symbol,
      subject: incomingDocuments.subject,
      arrivalNo: incomingDocuments.arrivalNo,
      year: incomingDocuments.year,
    })
    .from(incomingAssignments)
    .innerJoin(incomingDocuments, eq(incomingDocuments.id, incomingAssignments.documentId))
    .where(
      and(
        eq(incomingDocuments.agencyId, agencyId),
        eq(incomingDocuments.status, "in_progress"),
        ne(incomingAssignments.status, "done"),
        ne(incomingAssignments.role, "info"),
        isNotNull(incomingAssignments.deadline),
        lte(incomingAssignments.deadline, horizon),
      ),
    );
  let sent = 0;
  const leaders = { list: null as string[] | null };
  for (const p of parts) {
    const deadline = p.deadline!;
    const label = incomingNoticeLabel(p);
    const href = `/incoming/${p.documentId}`;
    const due = formatDate(deadline);
    sent += await sendOnce(db, dueSteps(cal, deadline, today, settings), (step) => reminderKey(p.id, step, deadline), async (tx, step) => {
      const holders = await holdersOfPart(tx, p);
      const send = async (who: string[], text: string, kind: NotificationKind) => (await notify(tx, who, text, href, kind)).length;
      if (step === "due_soon") return send(holders, `Văn bản ${label} sắp đến hạn xử lý (hạn ${due}).`, "due_soon");
      if (step === "due_today") return send(holders, `Hôm nay (${due}) là hạn xử lý văn bản ${label}.`, "due_today");
      if (step === "overdue") {
        return (await send(holders, `Văn bản ${label} đã quá hạn xử lý (hạn ${due}).`, "overdue")) +
          (await send(await headsOfPart(tx, p), `Văn bản ${label} do đơn vị xử lý đã quá hạn (hạn ${due}).`, "escalation"));
      }
      leaders.list ??= await leadersOf(tx, agencyId);
      const days = cal.workingDaysBetween(deadline, today);
      return send(leaders.list, `Văn bản ${label} đã quá hạn ${days} ngày làm việc (hạn ${due}), chưa hoàn thành.`, "escalation");
    });
  }
  return sent + (await sweepConsultations(db, agencyId, horizon, (deadline) => dueSteps(cal, deadline, today, settings)));
}

/**
 * Each step not sent yet, each in its own transaction with its effect row: sent once, whatever the
 * repeats, restarts or instances. Returns how many notices went out.
 */
async function sendOnce<S extends SweepStep>(db: Db, steps: S[], keyOf: (step: S) => string, send: (tx: Tx, step: S) => Promise<number>) {
  if (!steps.length) return 0;
  // Cheap skip of what was sent already (the effect row decides, inside the transaction).
  const done = new Set((await db.select({ key: jobEffects.key }).from(jobEffects).where(inArray(jobEffects.key, steps.map(keyOf)))).map((r) => r.key));
  let sent = 0;
  for (const step of steps.filter((s) => !done.has(keyOf(s)))) {
    await db.transaction(async (tx) => {
      if (await claimEffect(tx, keyOf(step))) sent += await send(tx, step);
    });
  }
  return sent;
}

/**
 * Lấy ý kiến (outgoing drafts): a pending request for comments with a Hạn góp ý gets the same
 * due_soon / due_today / overdue reminders, to the heads of the consulted unit (those who answer it,
 * lib/outgoing/access.ts answersFor), each once by its own key. Answered requests, and those of a
 * document issued or withdrawn (no answer is taken then), get none; the leadership step is for parts only.
 */
async function sweepConsultations(db: Db, agencyId: string, horizon: string, stepsOf: (deadline: string) => SweepStep[]) {
  const c = outgoingConsultations;
  const rows = await db
    .select({ id: c.id, unitId: c.unitId, deadline: c.deadline, documentId: c.documentId, subject: outgoingDocuments.subject })
    .from(c)
    .innerJoin(outgoingDocuments, eq(outgoingDocuments.id, c.documentId))
    .where(
      and(
        eq(outgoingDocuments.agencyId, agencyId),
        notInArray(outgoingDocuments.status, ["issued", "withdrawn"]),
        eq(c.status, "pending"),
        isNotNull(c.deadline),
        lte(c.deadline, horizon),
      ),
    );
  let sent = 0;
  const people = { list: null as AgencyPerson[] | null };
  for (const r of rows) {
    const deadline = r.deadline!;
    const label = draftLabel(r);
    const due = formatDate(deadline);
    const steps = stepsOf(deadline).filter((s): s is Exclude<SweepStep, "leadership"> => s !== "leadership");
    sent += await sendOnce(db, steps, (step) => consultReminderKey(r.id, step, deadline), async (tx, step) => {
      people.list ??= await agencyPeople(tx, agencyId);
      const heads = (await consultedHeads(tx, agencyId, [r.unitId], people.list)).get(r.unitId) ?? [];
      const text =
        step === "due_soon" ? `Ý kiến góp ý dự thảo ${label} sắp đến hạn (hạn ${due}).`
        : step === "due_today" ? `Hôm nay (${due}) là hạn góp ý dự thảo ${label}.`
        : `Đã quá hạn góp ý dự thảo ${label} (hạn ${due}), đơn vị chưa gửi ý kiến.`;
      return (await notify(tx, heads, text, outgoingHref(r.documentId), step)).length;
    });
  }
  return sent;
}

const nextDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const sweepKey = (agencyId: string, day: string) => `${agencyId}:${day}`;

/** The sweep job: today's sweep of the agency (by the runner's clock), then tomorrow's are queued. */
export const sweepHandler: JobHandler<{ agencyId: string }> = async (job, ctx) => {
  const today = todayInVietnam(ctx.now());
  await sweepAgency(ctx.db, job.payload.agencyId, today);
  // Tomorrow's sweep of every agency (keyed: the other agencies' sweeps add nothing more; an agency
  // created today is included).
  const tomorrow = nextDay(today);
  for (const a of await ctx.db.select({ id: agencies.id }).from(agencies)) {
    await enqueue(ctx.db, SWEEP_QUEUE, { agencyId: a.id }, { key: sweepKey(a.id, tomorrow), runAt: vietnamTime(tomorrow, SWEEP_TIME) });
  }
};

/**
 * At start: today's sweep of every agency, now (a key per agency and day: once a day, whatever the
 * number of instances or restarts; each sweep queues the next day's).
 */
export async function scheduleSweeps(db: Db, now = new Date()): Promise<void> {
  const today = todayInVietnam(now);
  for (const a of await db.select({ id: agencies.id }).from(agencies)) {
    await enqueue(db, SWEEP_QUEUE, { agencyId: a.id }, { key: sweepKey(a.id, today), runAt: now });
  }
}

export function registerSweepWorker() {
  registerWorker(SWEEP_QUEUE, sweepHandler, { retries: 5, backoff: { delayMs: 60_000, factor: 2, maxMs: 60 * 60_000 } });
}


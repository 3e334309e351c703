import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db, type DbHandle } from "@/db/client";
import { agencies, calendarDays, incomingAssignments, incomingDocuments, jobEffects, jobs, notifications, outgoingConsultations, outgoingDocuments } from "@/db/schema";
import { executeAction } from "@/lib/actions/define";
import { loadActor } from "@/lib/auth/actor";
import { DEFAULT_BACKOFF, enqueue, JobRunner, vietnamTime, type JobHandler } from "@/lib/jobs";
import { consultReminderKey, dueSteps, reminderKey, SWEEP_QUEUE, scheduleSweeps, sweepAgency, sweepHandler } from "@/lib/monitoring/sweep";
import { answerConsultation } from "@/lib/outgoing/actions";
import { getOutgoing } from "@/lib/outgoing/queries";
import { loadCalendar } from "@/lib/calendar/load";
import { addPerson, buildWorld, callerOf, type World } from "../factories/org";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Issue 12: automatic reminders and escalation, each exactly once, derived from the rows, on the agency's
// working-day calendar. Tết 2027: 5–9/2 plus the compensatory 10–11/2 are off; this agency also swaps
// Friday 12/2 (off) for Saturday 20/2 (working). Deadline Tuesday 16/2, N = 2, M = 4:
//   due_soon 4/2 (15/2 and 16/2 are the two working days left), due_today 16/2,
//   overdue + head 17/2, leadership on 20/2 (17, 18, 19, 20: the swapped Saturday counts).

const workers = new Map([[SWEEP_QUEUE, { handler: sweepHandler as JobHandler<never>, retries: 3, backoff: DEFAULT_BACKOFF }]]);

describe.each(DB_KINDS)("automatic reminders on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let clock = new Date();
  const runner = (db: Db) => new JobRunner({ db, pollMs: 20, workers, now: () => clock, onError: () => {} });

  async function part(w: World, deadline: string, over: Partial<typeof incomingAssignments.$inferInsert> = {}) {
    const [d] = await t.db
      .insert(incomingDocuments)
      .values({ agencyId: w.agencyId, status: "in_progress", source: "paper", issuerName: "UBND tỉnh", docType: "Công văn", subject: "Về việc báo cáo biên chế năm 2027", symbol: `${Math.floor(Math.random() * 1e6)}/UBND-NC` })
      .returning({ id: incomingDocuments.id });
    const [a] = await t.db
      .insert(incomingAssignments)
      .values({ documentId: d.id, role: "lead", userId: w.people.staff.id, assignedBy: w.people.unit_head.id, deadline, status: "in_progress", ...over })
      .returning({ id: incomingAssignments.id });
    return { documentId: d.id, partId: a.id };
  }

  const noticesOf = (documentId: string) =>
    t.db
      .select({ userId: notifications.userId, kind: notifications.kind, text: notifications.text, href: notifications.href })
      .from(notifications)
      .where(eq(notifications.href, `/incoming/${documentId}`));

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    await t.db.update(agencies).set({ remindDaysBefore: 2, escalateAfterDays: 4 }).where(eq(agencies.id, w.agencyId));
    await t.db.insert(calendarDays).values([
      { agencyId: w.agencyId, day: "2027-02-12", kind: "off", reason: "Nghỉ hoán đổi" },
      { agencyId: w.agencyId, day: "2027-02-20", kind: "working", reason: "Làm bù cho ngày 12/02" },
    ]);
  });
  afterAll(async () => t?.drop());

  it("computes the steps on the agency's calendar across Tết 2027 and a swapped day", async () => {
    const cal = await loadCalendar(w.agencyId, t.db);
    const s = { daysBefore: 2, escalateAfter: 4 };
    const steps = (today: string) => dueSteps(cal, "2027-02-16", today, s);
    expect(steps("2027-02-03")).toEqual([]);
    expect(steps("2027-02-04")).toEqual(["due_soon"]);
    expect(steps("2027-02-16")).toEqual(["due_today"]);
    expect(steps("2027-02-17")).toEqual(["overdue"]);
    expect(steps("2027-02-19")).toEqual(["overdue"]);
    expect(steps("2027-02-20")).toEqual(["overdue", "leadership"]);
  });

  it("fires each reminder once on the right working day, escalates to the head then the leadership, and a restart resends nothing", async () => {
    const { documentId } = await part(w, "2027-02-16");
    const done = await part(w, "2027-02-16", { status: "done", doneAt: new Date() });
    const info = await part(w, "2027-02-16", { role: "info" });
    const seen: Record<string, string[]> = {};
    let r = runner(t.db);
    clock = vietnamTime("2027-02-03", "07:00");
    await scheduleSweeps(t.db, clock);
    for (let day = "2027-02-03"; day <= "2027-02-23"; day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) {
      clock = vietnamTime(day, "07:05");
      const before = (await noticesOf(documentId)).length;
      await r.drain();
      if (day === "2027-02-10") {
        // A restart in the middle: a new runner, the start-up scheduling again, the same day swept again.
        r = runner(t.db);
        await scheduleSweeps(t.db, clock);
        await r.drain();
        expect(await sweepAgency(t.db, w.agencyId, "2027-02-04")).toBe(0);
      }
      const now = await noticesOf(documentId);
      if (now.length > before) seen[day] = now.slice(before).map((n) => `${n.kind}:${n.userId}`).sort();
    }
    const p = w.people;
    expect(seen).toEqual({
      "2027-02-04": [`due_soon:${p.staff.id}`],
      "2027-02-16": [`due_today:${p.staff.id}`],
      "2027-02-17": [`escalation:${p.unit_deputy.id}`, `escalation:${p.unit_head.id}`, `overdue:${p.staff.id}`].sort(),
      "2027-02-20": [`escalation:${p.leader.id}`],
    });
    const texts = await noticesOf(documentId);
    expect(texts.find((n) => n.kind === "due_soon")?.text).toMatch(/sắp đến hạn xử lý \(hạn 16\/02\/2027\)/);
    expect(texts.find((n) => n.userId === p.leader.id)?.text).toMatch(/đã quá hạn 4 ngày làm việc \(hạn 16\/02\/2027\)/);
    // Finished and for-information parts get none.
    expect(await noticesOf(done.documentId)).toEqual([]);
    expect(await noticesOf(info.documentId)).toEqual([]);
    // One sweep job per agency and day, the chain goes on.
    const sweeps = await t.db.select({ key: jobs.key, state: jobs.state }).from(jobs).where(and(eq(jobs.queue, SWEEP_QUEUE), sql`${jobs.key} like ${`${w.agencyId}:%`}`));
    expect(sweeps.filter((j) => j.state === "failed")).toEqual([]);
    expect(new Set(sweeps.map((j) => j.key)).size).toBe(sweeps.length);
  });

  it("a moved deadline moves its reminders; the old ones never fire", async () => {
    const { documentId, partId } = await part(w, "2027-03-10");
    expect(await sweepAgency(t.db, w.agencyId, "2027-03-08")).toBeGreaterThan(0);
    expect((await noticesOf(documentId)).map((n) => n.kind)).toEqual(["due_soon"]);
    // Extended to 24/3: 10/3 is no longer its deadline.
    await t.db.update(incomingAssignments).set({ deadline: "2027-03-24" }).where(eq(incomingAssignments.id, partId));
    for (const day of ["2027-03-10", "2027-03-11", "2027-03-19"]) await sweepAgency(t.db, w.agencyId, day);
    expect((await noticesOf(documentId)).map((n) => n.kind)).toEqual(["due_soon"]);
    await sweepAgency(t.db, w.agencyId, "2027-03-22");
    await sweepAgency(t.db, w.agencyId, "2027-03-24");
    const kinds = (await noticesOf(documentId)).map((n) => n.kind).sort();
    expect(kinds).toEqual(["due_soon", "due_soon", "due_today"]);
    expect(reminderKey(partId, "due_soon", "2027-03-24")).toBe(`monitoring:${partId}:due_soon:2027-03-24`);
  });

  it("a stopped agency reminds nobody; let back, its next sweep sends what is due", async () => {
    const { documentId } = await part(w, "2027-04-14");
    await t.db.update(agencies).set({ disabledAt: new Date(), disabledReason: "Sáp nhập" }).where(eq(agencies.id, w.agencyId));
    expect(await sweepAgency(t.db, w.agencyId, "2027-04-12")).toBe(0);
    expect(await noticesOf(documentId)).toEqual([]);
    await t.db.update(agencies).set({ disabledAt: null, disabledReason: "" }).where(eq(agencies.id, w.agencyId));
    expect(await sweepAgency(t.db, w.agencyId, "2027-04-12")).toBeGreaterThan(0);
    expect((await noticesOf(documentId)).map((n) => n.kind)).toEqual(["due_soon"]);
  });

  it("two workers on one database never send the same reminder twice", async () => {
    const other = await buildWorld(t.db);
    const extra = await addPerson(t.db, other, "staff");
    const parts = [];
    for (let i = 0; i < 6; i++) parts.push(await part(other, "2027-02-17", { userId: i % 2 ? extra.id : other.people.staff.id }));
    // A second handle: on PostgreSQL its own pool (two instances); on PGlite the same database.
    let second: DbHandle | null = null;
    if (kind === "postgresql") {
      const [{ name }] = (await t.db.execute<{ name: string }>(sql`select current_database() as name`)).rows;
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      second = await openDb({ url: url.toString(), migrate: false });
    }
    try {
      clock = vietnamTime("2027-02-18", "07:00");
      // Two sweep jobs of the same agency and day (as two instances scheduling with different keys would).
      for (const key of ["dup-a", "dup-b", "dup-c", "dup-d"]) await enqueue(t.db, SWEEP_QUEUE, { agencyId: other.agencyId }, { key, runAt: clock });
      const r1 = new JobRunner({ db: t.db, pollMs: 20, workers, now: () => clock, concurrency: 2, onError: () => {} });
      const r2 = new JobRunner({ db: second?.db ?? t.db, pollMs: 20, workers, now: () => clock, concurrency: 2, onError: () => {} });
      await Promise.all([r1.drain(), r2.drain(), sweepAgency(t.db, other.agencyId, "2027-02-18"), sweepAgency(second?.db ?? t.db, other.agencyId, "2027-02-18")]);
      for (const p of parts) {
        const n = await noticesOf(p.documentId);
        const overdue = n.filter((x) => x.kind === "overdue");
        expect(overdue).toHaveLength(1);
        // Head escalation once per head (unit head and deputy).
        expect(n.filter((x) => x.kind === "escalation")).toHaveLength(2);
      }
    } finally {
      await second?.close();
    }
  });
  it("Lấy ý kiến: a pending request's Hạn góp ý reminds the consulted unit's heads once per step; answered or issued, none; no leadership step", async () => {
    const p = w.people;
    // A draft of the Văn phòng under review, asking the division (its head and deputy answer) for comments.
    async function consulted(deadline: string, status: "awaiting_review" | "issued" = "awaiting_review") {
      const [d] = await t.db
        .insert(outgoingDocuments)
        .values({ agencyId: w.agencyId, draftingUnitId: w.officeId, drafterId: p.office_chief.id, signerId: p.leader.id, docType: "Công văn", subject: "V/v góp ý dự thảo Quy chế văn hóa công sở", status })
        .returning({ id: outgoingDocuments.id });
      const [c] = await t.db
        .insert(outgoingConsultations)
        .values({ documentId: d.id, unitId: w.divisionId, requestedBy: p.office_chief.id, request: "Đề nghị góp ý.", deadline, version: 1 })
        .returning({ id: outgoingConsultations.id });
      return { documentId: d.id, consultationId: c.id };
    }
    const notices = (documentId: string) =>
      t.db.select({ userId: notifications.userId, kind: notifications.kind, text: notifications.text }).from(notifications).where(eq(notifications.href, `/outgoing/${documentId}`));
    const open = await consulted("2027-03-17");
    const answered = await consulted("2027-03-17");
    const issued = await consulted("2027-03-17", "issued");
    const heads = [p.unit_head.id, p.unit_deputy.id].sort();
    const seen = async (documentId: string) => (await notices(documentId)).map((n) => `${n.kind}:${n.userId}`).sort();

    // Monday 15/3: two working days left, due_soon; the same day swept twice sends it once.
    await sweepAgency(t.db, w.agencyId, "2027-03-15");
    await sweepAgency(t.db, w.agencyId, "2027-03-15");
    expect(await seen(open.documentId)).toEqual(heads.map((h) => `due_soon:${h}`).sort());
    expect((await notices(open.documentId))[0].text).toBe('Ý kiến góp ý dự thảo "V/v góp ý dự thảo Quy chế văn hóa công sở" sắp đến hạn (hạn 17/03/2027).');
    expect(await seen(answered.documentId)).toEqual(heads.map((h) => `due_soon:${h}`).sort());
    expect(await seen(issued.documentId)).toEqual([]);
    expect(await t.db.select().from(jobEffects).where(eq(jobEffects.key, consultReminderKey(open.consultationId, "due_soon", "2027-03-17")))).toHaveLength(1);
    // Each head may open the link.
    for (const h of heads) expect(await getOutgoing((await loadActor(t.db, h))!, open.documentId, t.db)).not.toBeNull();

    // The division's head answers one: it gets nothing more.
    expect(await executeAction(answerConsultation, callerOf(p.unit_head.id), { consultationId: answered.consultationId, answer: "Thống nhất." }, t.db)).toMatchObject({ ok: true });
    for (const day of ["2027-03-17", "2027-03-17", "2027-03-18", "2027-03-18", "2027-03-23", "2027-03-24"]) await sweepAgency(t.db, w.agencyId, day);
    expect(await seen(open.documentId)).toEqual(heads.flatMap((h) => [`due_soon:${h}`, `due_today:${h}`, `overdue:${h}`]).sort());
    const texts = (await notices(open.documentId)).map((n) => n.text);
    expect(texts).toContain("Hôm nay (17/03/2027) là hạn góp ý dự thảo \"V/v góp ý dự thảo Quy chế văn hóa công sở\".");
    expect(texts).toContain('Đã quá hạn góp ý dự thảo "V/v góp ý dự thảo Quy chế văn hóa công sở" (hạn 17/03/2027), đơn vị chưa gửi ý kiến.');
    // Only the drafter and the one who asked hear the answer; no reminder after it.
    expect((await notices(answered.documentId)).filter((n) => n.kind !== "opinion").map((n) => n.kind)).toEqual(["due_soon", "due_soon"]);
    expect(await seen(issued.documentId)).toEqual([]);
  });
});

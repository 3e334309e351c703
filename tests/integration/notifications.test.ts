import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  incomingAssignments, incomingDocuments, incomingEvents, incomingReminders, jobEffects, jobs, notifications, outgoingConsultations, positions, users,
} from "@/db/schema";
import { executeAction } from "@/lib/actions/define";
import { DEFAULT_BACKOFF, JobRunner, type JobHandler } from "@/lib/jobs";
import { MAIL_QUEUE } from "@/lib/mail/config";
import { mailEffectKey, sendNotificationMail } from "@/lib/notifications/mail-worker";
import { assignDocument, passToLeader, registerPaper, submitToLeader } from "@/lib/incoming/actions";
import { cascadeAssignment, completeAssignment, noteProgress, sendOpinion } from "@/lib/incoming/process";
import { remind, remindableParts } from "@/lib/monitoring/remind";
import { getIncoming } from "@/lib/incoming/queries";
import { latestNotifications, notificationsPage, notify, unreadCount } from "@/lib/notifications";
import { navCountsFor } from "@/lib/monitoring/nav-counts";
import { markAllNotificationsRead, markNotificationRead, updateEmailPreferences } from "@/lib/notifications/actions";
import { loadActor } from "@/lib/auth/actor";
import { COUNT_CAP, formatDate } from "@/lib/format";
import { answerConsultation, approveDraft, checkDraft, consultUnits, createDraft, returnDraft, signDraft, submitDraft } from "@/lib/outgoing/actions";
import { issueDocument } from "@/lib/outgoing/issue";
import { getOutgoing, listOutgoing } from "@/lib/outgoing/queries";
import { addPerson, addUnit, buildWorld, callerOf, keyed, type World } from "../factories/org";
import { paper } from "../factories/incoming";
import { draftInput, MIME, storedFile } from "../factories/outgoing";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";
import type { AnyDef } from "./matrix/world";

// Issue 12: the bell's actions, Đôn đốc (who may send it, once per part per day, on the trail) and the
// e-mail of a notice at a real SMTP server on loopback, Vietnamese intact, sent once. The outgoing
// workflow's notices: each step tells the people who act next (who find it in Chờ tôi xử lý), the
// drafter hears of approvals and comments, never the actor, every link opens for its recipient.

describe.each(DB_KINDS)("notifications and Đôn đốc on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let other: World;
  const run = (def: AnyDef, userId: string, input: unknown) => executeAction(def, callerOf(userId), keyed(input), t.db);

  async function part(world: World, over: Partial<typeof incomingAssignments.$inferInsert> = {}, docOver: Partial<typeof incomingDocuments.$inferInsert> = {}) {
    const [d] = await t.db
      .insert(incomingDocuments)
      .values({ agencyId: world.agencyId, status: "in_progress", source: "paper", issuerName: "Bộ Nội vụ", docType: "Công văn", subject: "Về việc rà soát vị trí việc làm", symbol: "15/BNV-TCBC", ...docOver })
      .returning({ id: incomingDocuments.id });
    const [a] = await t.db
      .insert(incomingAssignments)
      .values({ documentId: d.id, role: "lead", userId: world.people.staff.id, unitId: world.divisionId, assignedBy: world.people.unit_head.id, deadline: "2027-03-10", status: "in_progress", ...over })
      .returning({ id: incomingAssignments.id });
    return { documentId: d.id, assignmentId: a.id };
  }

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    other = await buildWorld(t.db);
  });
  afterAll(async () => t?.drop());

  it("Đôn đốc: a leader reminds the holder and optionally the head, on the trail, once per part per day", async () => {
    const p = await part(w);
    const r = await run(remind, w.people.leader.id, { assignmentId: p.assignmentId, message: "Đề nghị khẩn trương hoàn thành, báo cáo trước thứ Sáu.", alsoHead: true });
    expect(r).toMatchObject({ ok: true });
    const sent = await t.db.select().from(notifications).where(eq(notifications.href, `/incoming/${p.documentId}`));
    expect(sent.map((n) => n.userId).sort()).toEqual([w.people.staff.id, w.people.unit_head.id, w.people.unit_deputy.id].sort());
    expect(sent.every((n) => n.kind === "remind")).toBe(true);
    expect(sent.find((n) => n.userId === w.people.staff.id)?.text).toBe("Người leader đôn đốc xử lý văn bản số 15/BNV-TCBC: Đề nghị khẩn trương hoàn thành, báo cáo trước thứ Sáu.");
    const [ev] = await t.db.select().from(incomingEvents).where(and(eq(incomingEvents.documentId, p.documentId), eq(incomingEvents.kind, "reminded")));
    expect(ev).toMatchObject({ actorId: w.people.leader.id, text: "Đề nghị khẩn trương hoàn thành, báo cáo trước thứ Sáu." });
    expect(ev.toText).toContain("Người staff");
    // The same day again, by anyone: refused, nothing more sent.
    const again = await run(remind, w.people.unit_head.id, { assignmentId: p.assignmentId, message: "Nhắc lại" });
    expect(again).toMatchObject({ ok: false, code: "conflict", formError: "Phần việc này đã được đôn đốc hôm nay. Mỗi phần việc chỉ được đôn đốc một lần mỗi ngày." });
    expect(await t.db.select().from(incomingReminders).where(eq(incomingReminders.assignmentId, p.assignmentId))).toHaveLength(1);
    expect((await t.db.select().from(notifications).where(eq(notifications.href, `/incoming/${p.documentId}`))).length).toBe(3);
  });

  it("Đôn đốc: the head of the holder's unit may, a head of another unit, staff, clerk and the holder may not; foreign ids are not found", async () => {
    const p = await part(w);
    const otherUnit = await addUnit(t.db, w);
    const otherHead = await addPerson(t.db, w, "unit_head");
    // Move that head into the other unit (addPerson puts unit kinds into the division).
    const { positions } = await import("@/db/schema");
    await t.db.update(positions).set({ unitId: otherUnit.id }).where(eq(positions.id, otherHead.positionId));
    const msg = { assignmentId: p.assignmentId, message: "Đề nghị hoàn thành đúng hạn." };
    expect(await run(remind, otherHead.id, msg)).toMatchObject({ ok: false, code: "not_found" });
    expect(await run(remind, w.people.staff.id, msg)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await run(remind, w.people.clerk.id, msg)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await run(remind, other.people.leader.id, msg)).toMatchObject({ ok: false, code: "not_found" });
    expect(await run(remind, w.people.leader.id, { ...msg, assignmentId: "00000000-0000-4000-8000-000000000000" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await run(remind, w.people.unit_head.id, { ...msg, message: "  " })).toMatchObject({ ok: false, code: "validation" });
    expect(await run(remind, w.people.unit_head.id, msg)).toMatchObject({ ok: true });
    // A finished part needs none.
    const done = await part(w, { status: "done", doneAt: new Date() });
    expect(await run(remind, w.people.leader.id, { ...msg, assignmentId: done.assignmentId })).toMatchObject({
      ok: false, code: "conflict", formError: "Phần việc này đã hoàn thành hoặc văn bản không còn đang xử lý, không cần đôn đốc.",
    });
    // A secret document the head may not read is answered as missing.
    const secret = await part(w, {}, { secrecy: "secret" });
    expect(await run(remind, w.people.unit_head.id, { ...msg, assignmentId: secret.assignmentId })).toMatchObject({ ok: false, code: "not_found" });
  });

  it("the document page's Đôn đốc card offers the open parts (not for information) the action accepts, for each position", async () => {
    const p = await part(w);
    const [otherUnit, thirdUnit] = [await addUnit(t.db, w), await addUnit(t.db, w)];
    const otherHead = await addPerson(t.db, w, "unit_head");
    const thirdHead = await addPerson(t.db, w, "unit_head");
    const outsider = await addPerson(t.db, w, "staff");
    const staff2 = await addPerson(t.db, w, "staff");
    const { positions } = await import("@/db/schema");
    await t.db.update(positions).set({ unitId: otherUnit.id }).where(eq(positions.id, otherHead.positionId));
    await t.db.update(positions).set({ unitId: thirdUnit.id }).where(eq(positions.id, thirdHead.positionId));
    await t.db.update(positions).set({ unitId: otherUnit.id }).where(eq(positions.id, outsider.positionId));
    const base = { documentId: p.documentId, assignedBy: w.people.leader.id, deadline: "2027-03-10" };
    const [unitPart, otherPart, infoPart, donePart] = await t.db
      .insert(incomingAssignments)
      .values([
        { ...base, role: "coordinate", unitId: w.divisionId, userId: null, status: "pending" },
        { ...base, role: "coordinate", unitId: otherUnit.id, userId: outsider.id, status: "in_progress" },
        { ...base, role: "info", unitId: w.divisionId, userId: staff2.id, status: "pending" },
        { ...base, role: "coordinate", unitId: w.divisionId, userId: staff2.id, status: "done", doneAt: new Date() },
      ] as (typeof incomingAssignments.$inferInsert)[])
      .returning({ id: incomingAssignments.id });
    const offered = async (userId: string) => {
      const actor = (await loadActor(t.db, userId))!;
      const page = await getIncoming(actor, p.documentId, t.db);
      if (!page) return null;
      return (await remindableParts(actor, page.doc, page.parts, t.db)).map((x) => x.id).sort();
    };
    // A leader of the agency: every open part that is not for information.
    expect(await offered(w.people.leader.id)).toEqual([p.assignmentId, unitPart.id, otherPart.id].sort());
    // The division's head: the staff's part; not the unit's own part (its heads hold it), not the other unit's.
    expect(await offered(w.people.unit_head.id)).toEqual([p.assignmentId]);
    // The other unit's head reads it through their unit's part and may remind its holder, nobody else's.
    expect(await offered(otherHead.id)).toEqual([otherPart.id]);
    // A head of a unit without a part cannot read the document; staff send no Đôn đốc.
    expect(await offered(thirdHead.id)).toBeNull();
    expect(await offered(w.people.staff.id)).toEqual([]);
    expect(await offered(outsider.id)).toEqual([]);
    // The action agrees with the card, part by part.
    for (const [who, id, ok] of [
      [w.people.unit_head.id, unitPart.id, false], [w.people.unit_head.id, otherPart.id, false], [otherHead.id, p.assignmentId, false],
      [otherHead.id, otherPart.id, true], [w.people.leader.id, unitPart.id, true], [w.people.unit_head.id, p.assignmentId, true],
    ] as const) {
      expect(await run(remind, who, { assignmentId: id, message: "Đề nghị hoàn thành đúng hạn." }), `${who} ${id}`).toMatchObject({ ok });
    }
    // Parts the card leaves out are refused by the action too, with the reason, even for a leader of the agency.
    expect(await run(remind, w.people.leader.id, { assignmentId: infoPart.id, message: "Đề nghị xem." })).toMatchObject({ ok: false, code: "conflict", formError: expect.stringMatching(/nhận để biết/) });
    expect(await run(remind, w.people.leader.id, { assignmentId: donePart.id, message: "Đề nghị xem." })).toMatchObject({ ok: false, code: "conflict", formError: expect.stringMatching(/đã hoàn thành/) });
  });

  it("the bell tells each new holder that work arrived (Được giao xử lý), from the real assignment steps", async () => {
    const reg = await run(registerPaper, w.people.clerk.id, paper({ subject: "Về việc tuyển dụng công chức năm 2027" }));
    expect(reg).toMatchObject({ ok: true });
    const id = (reg as { data: { id: string } }).data.id;
    expect(await run(submitToLeader, w.people.clerk.id, { id, leaderId: w.people.leader.id })).toMatchObject({ ok: true });
    const asg = await run(assignDocument, w.people.leader.id, {
      id, instruction: "Phòng chủ trì.", recipients: [{ kind: "unit", targetId: w.divisionId, role: "lead", deadline: "2027-03-10" }, { kind: "user", targetId: w.people.staff.id, role: "info" }],
    });
    expect(asg, JSON.stringify(asg)).toMatchObject({ ok: true });
    const got = await t.db.select().from(notifications).where(and(eq(notifications.href, `/incoming/${id}`), eq(notifications.kind, "assigned")));
    // Trình lãnh đạo told the director that the document waits for their instruction.
    expect(got.filter((n) => n.userId === w.people.leader.id).map((n) => n.text)).toEqual([expect.stringMatching(/^Người clerk trình văn bản số đến \d+\/\d{4} .* xin ý kiến chỉ đạo\.$/)]);
    expect(got.map((n) => n.userId).filter((u) => u !== w.people.leader.id).sort()).toEqual([w.people.unit_head.id, w.people.unit_deputy.id, w.people.staff.id].sort());
    expect(got.find((n) => n.userId === w.people.unit_head.id)?.text).toMatch(/^Người leader giao văn bản .* \(Xử lý chính, hạn 10\/03\/2027\)\.$/);
    expect(got.find((n) => n.userId === w.people.staff.id)?.text).toMatch(/\(Nhận để biết\)\.$/);

    // The division's part was announced to its head and deputy; once the head passes it on, it waits for
    // neither. The staff member's notices (their own part for information, the new lead part) stay unread.
    const parts = await t.db.select().from(incomingAssignments).where(eq(incomingAssignments.documentId, id));
    const unitPart = parts.find((p) => p.unitId === w.divisionId && !p.parentId)!;
    const infoPart = parts.find((p) => p.userId === w.people.staff.id && p.role === "info")!;
    expect(got.filter((n) => n.userId !== w.people.leader.id).map((n) => [n.userId, n.subjectId]).sort()).toEqual(
      [[w.people.unit_head.id, unitPart.id], [w.people.unit_deputy.id, unitPart.id], [w.people.staff.id, infoPart.id]].sort(),
    );
    const unread = async () =>
      (await t.db.select().from(notifications).where(and(eq(notifications.href, `/incoming/${id}`), eq(notifications.kind, "assigned"))))
        .filter((n) => !n.readAt).map((n) => [n.userId, n.subjectId]).sort();
    // Another document's part taken up elsewhere changes nothing here.
    const elsewhere = await part(w, { userId: w.people.staff.id, unitId: null, status: "pending" });
    expect(await run(noteProgress, w.people.staff.id, { assignmentId: elsewhere.assignmentId, text: "Đang soạn." })).toMatchObject({ ok: true });
    expect((await unread()).length).toBe(3);
    expect(await run(cascadeAssignment, w.people.unit_head.id, {
      assignmentId: unitPart.id, instruction: "Đồng chí chủ trì.", recipients: [{ kind: "user", targetId: w.people.staff.id, role: "lead", deadline: "2027-03-05" }],
    })).toMatchObject({ ok: true });
    const [staffPart] = await t.db.select().from(incomingAssignments).where(and(eq(incomingAssignments.parentId, unitPart.id), eq(incomingAssignments.userId, w.people.staff.id)));
    expect(await unread()).toEqual([[w.people.staff.id, infoPart.id], [w.people.staff.id, staffPart.id]].sort());
    // The staff member finishes the lead part: its notice and the unit's are read, the document is done,
    // and the for-information part closes with it.
    expect(await run(completeAssignment, w.people.staff.id, { assignmentId: staffPart.id, result: "Đã tham mưu văn bản trả lời." })).toMatchObject({ ok: true });
    expect(await unread()).toEqual([]);
  });

  it("Chuyển lãnh đạo khác tells the next leader; Gửi ý kiến phối hợp tells the lead part's holder, not the sender", async () => {
    // An agency of its own: the extra leader and staff member change no other test's recipients.
    const w = await buildWorld(t.db);
    const deputyLeader = await addPerson(t.db, w, "leader");
    const coordinator = await addPerson(t.db, w, "staff");
    const reg = await run(registerPaper, w.people.clerk.id, paper({ subject: "Về việc góp ý đề án vị trí việc làm" }));
    const id = (reg as { data: { id: string } }).data.id;
    expect(await run(submitToLeader, w.people.clerk.id, { id, leaderId: w.people.leader.id })).toMatchObject({ ok: true });
    expect(await run(passToLeader, w.people.leader.id, { id, leaderId: deputyLeader.id, note: "Đồng chí Phó Giám đốc cho ý kiến." })).toMatchObject({ ok: true });
    const passed = await t.db.select().from(notifications).where(and(eq(notifications.userId, deputyLeader.id), eq(notifications.href, `/incoming/${id}`)));
    expect(passed.map((n) => [n.kind, n.text])).toEqual([["assigned", expect.stringContaining("để đồng chí cho ý kiến chỉ đạo: Đồng chí Phó Giám đốc cho ý kiến.")]]);
    expect(await run(assignDocument, deputyLeader.id, {
      id, instruction: "Phối hợp.", recipients: [{ kind: "user", targetId: w.people.staff.id, role: "lead", deadline: "2027-03-10" }, { kind: "user", targetId: coordinator.id, role: "coordinate" }],
    })).toMatchObject({ ok: true });
    const [coord] = await t.db.select({ id: incomingAssignments.id }).from(incomingAssignments)
      .where(and(eq(incomingAssignments.documentId, id), eq(incomingAssignments.userId, coordinator.id)));
    expect(await run(sendOpinion, coordinator.id, { assignmentId: coord.id, text: "Thống nhất với dự thảo, đề nghị bổ sung số liệu." })).toMatchObject({ ok: true });
    const opinions = await t.db.select().from(notifications).where(and(eq(notifications.href, `/incoming/${id}`), eq(notifications.kind, "opinion")));
    expect(opinions.map((n) => [n.userId, n.text])).toEqual([[w.people.staff.id, expect.stringContaining("gửi ý kiến phối hợp về văn bản số đến")]]);
    expect(opinions[0].text).toContain("đề nghị bổ sung số liệu.");
    // A step on the document reads its actor's notices about it, nobody else's: the director passed it on,
    // the deputy assigned it, the coordinator answered; the lead holder has not acted yet.
    const unread = async (userId: string) =>
      (await t.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.href, `/incoming/${id}`)))).filter((n) => !n.readAt).map((n) => n.kind);
    expect(await unread(w.people.leader.id)).toEqual([]);
    expect(await unread(deputyLeader.id)).toEqual([]);
    expect(await unread(coordinator.id)).toEqual([]);
    expect((await unread(w.people.staff.id)).sort()).toEqual(["assigned", "opinion"]);
  });

  it("the bell counts up to 100 and the list pages on without counting every notice", async () => {
    // Someone who leaves the bell alone: 130 unread notices (the director at a million documents: 166,667).
    const me = (await addPerson(t.db, w, "staff")).id;
    await t.db.insert(notifications).values(
      Array.from({ length: 130 }, (_, i) => ({ userId: me, text: `Văn bản số đến ${i + 1} chờ ý kiến chỉ đạo`, href: `/incoming/n${i}`, kind: "assigned" as const })),
    );
    expect(await unreadCount(me, t.db)).toBe(COUNT_CAP);
    const actor = (await loadActor(t.db, me))!;
    expect((await navCountsFor(actor, { db: t.db })).unread).toBe(COUNT_CAP);
    const pages = await Promise.all([1, 4, 5, 6].map((p) => notificationsPage(actor, p, t.db, { unread: true })));
    expect(pages.map((p) => [p.rows.length, p.hasNext])).toEqual([[30, true], [30, true], [10, false], [0, false]]);
    // Every notice on exactly one page, newest first.
    const all = (await Promise.all([1, 2, 3, 4, 5].map((p) => notificationsPage(actor, p, t.db)))).flatMap((p) => p.rows.map((n) => n.id));
    expect(new Set(all).size).toBe(130);
    expect(await run(markAllNotificationsRead, me, {})).toMatchObject({ ok: true, data: { count: 130 } });
    expect(await unreadCount(me, t.db)).toBe(0);
    expect((await navCountsFor(actor, { db: t.db })).unread).toBe(0);
  });

  it("the bell: count, latest, mark one read (own only), mark all read; old callers of notify still work", async () => {
    const me = w.people.archivist.id;
    await t.db.transaction(async (tx) => {
      await notify(tx, [me, me], "Hồ sơ 01.TH đã được mở lại: bổ sung tài liệu", "/files/x");
      await notify(tx, [me], "Văn bản 12/UBND bị thu hồi", "/incoming/y", "recall");
    });
    expect(await unreadCount(me, t.db)).toBe(2);
    const actor = (await loadActor(t.db, me))!;
    const latest = await latestNotifications(actor, 10, t.db);
    expect(latest.map((n) => n.kind).sort()).toEqual(["other", "recall"]);
    expect(await run(markNotificationRead, w.people.staff.id, { id: latest[0].id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await run(markNotificationRead, other.people.admin.id, { id: latest[0].id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await run(markNotificationRead, me, { id: latest[0].id })).toMatchObject({ ok: true });
    expect(await run(markNotificationRead, me, { id: latest[0].id })).toMatchObject({ ok: true });
    expect(await unreadCount(me, t.db)).toBe(1);
    // /notifications?unread=1: only the one left unread; the whole list still has both.
    const onlyUnread = await notificationsPage(actor, 1, t.db, { unread: true });
    expect([onlyUnread.hasNext, onlyUnread.rows.map((n) => n.id)]).toEqual([false, [latest[1].id]]);
    expect((await notificationsPage(actor, 1, t.db)).rows).toHaveLength(2);
    expect(await run(markAllNotificationsRead, me, {})).toMatchObject({ ok: true, data: { count: 1 } });
    expect((await notificationsPage(actor, 1, t.db, { unread: true })).rows).toEqual([]);
    expect(await unreadCount(me, t.db)).toBe(0);
    // Someone else's notices are untouched.
    expect(await unreadCount(w.people.staff.id, t.db)).toBeGreaterThan(0);
  });

  it("e-mail: the chosen kinds reach a real SMTP server with Vietnamese intact and a link; sent once, retried after a failure", async () => {
    const received: ParsedMail[] = [];
    let failNext = 1;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, _session, cb) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", async () => {
          if (failNext-- > 0) return cb(new Error("451 Tạm thời không nhận thư"));
          received.push(await simpleParser(Buffer.concat(chunks)));
          cb();
        });
      },
    });
    server.listen(0, "127.0.0.1");
    await once(server.server, "listening");
    const port = (server.server.address() as AddressInfo).port;
    const saved = { SMTP_URL: process.env.SMTP_URL, MAIL_FROM: process.env.MAIL_FROM, AUTH_URL: process.env.AUTH_URL };
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    process.env.MAIL_FROM = "Văn phòng điện tử Sở Nội vụ <vpdt@snv.example.vn>";
    process.env.AUTH_URL = "https://vpdt.snv.example.vn";
    try {
      const staff = w.people.staff.id;
      await t.db.update(users).set({ email: "khoa.do@snv.example.vn", fullName: "Đỗ Minh Khoa" }).where(eq(users.id, staff));
      expect(await run(updateEmailPreferences, staff, { kinds: ["remind", "nope"] })).toMatchObject({ ok: false, code: "validation" });
      expect(await run(updateEmailPreferences, staff, { kinds: ["remind", "overdue"] })).toMatchObject({ ok: true });
      const p = await part(w);
      expect(await run(remind, w.people.leader.id, { assignmentId: p.assignmentId, message: "Đề nghị đồng chí khẩn trương xử lý, báo cáo kết quả trước ngày 10/03/2027." })).toMatchObject({ ok: true });
      // A kind not chosen gives no e-mail.
      await t.db.transaction((tx) => notify(tx, [staff], "Dự thảo bị trả lại", "/outgoing/z", "returned"));
      const queued = await t.db.select().from(jobs).where(eq(jobs.queue, MAIL_QUEUE));
      expect(queued).toHaveLength(1);
      let clock = new Date();
      const workers = new Map([[MAIL_QUEUE, { handler: sendNotificationMail as JobHandler<never>, retries: 3, backoff: { ...DEFAULT_BACKOFF, delayMs: 1_000 } }]]);
      const runner = new JobRunner({ db: t.db, workers, now: () => clock, onError: () => {} });
      await runner.drain();
      expect(received).toHaveLength(0);
      const [afterFail] = await t.db.select().from(jobs).where(eq(jobs.id, queued[0].id));
      expect(afterFail).toMatchObject({ state: "queued", attempts: 1 });
      expect(afterFail.lastError).toMatch(/451/);
      clock = new Date(Date.now() + 5_000);
      await runner.drain();
      expect(received).toHaveLength(1);
      const mail = received[0];
      expect(mail.subject).toBe("[Văn phòng điện tử] Đôn đốc: Người leader đôn đốc xử lý văn bản số 15/BNV-TCBC: Đề nghị đồng chí khẩn trương xử lý, báo cáo kết quả trước ngày 10/03/2027.");
      expect(mail.from?.value[0]).toMatchObject({ name: "Văn phòng điện tử Sở Nội vụ", address: "vpdt@snv.example.vn" });
      expect(mail.to && !Array.isArray(mail.to) && mail.to.value[0]).toMatchObject({ name: "Đỗ Minh Khoa", address: "khoa.do@snv.example.vn" });
      expect(mail.text).toContain("Kính gửi Đỗ Minh Khoa,");
      expect(mail.text).toContain(`Xem chi tiết: https://vpdt.snv.example.vn/incoming/${p.documentId}`);
      expect(mail.messageId).toMatch(/@vpdt\.snv\.example\.vn>?$/);
      const notificationId = (queued[0].payload as { notificationId: string }).notificationId;
      expect(await t.db.select().from(jobEffects).where(eq(jobEffects.key, mailEffectKey(notificationId)))).toHaveLength(1);
      // The job run again (a repeat delivery): the effect row says sent, nothing goes out twice.
      await sendNotificationMail({ id: queued[0].id, queue: MAIL_QUEUE, key: null, payload: { notificationId }, attempt: 3, runAt: new Date() }, { db: t.db, now: () => new Date(), once: async () => ({ done: false }) });
      expect(received).toHaveLength(1);
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
      else process.env[k] = v;
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
  describe("the outgoing workflow's notices", () => {
    const ids = (xs: { userId: string }[]) => xs.map((x) => x.userId).sort();
    const noticesOf = (id: string) => t.db.select().from(notifications).where(eq(notifications.href, `/outgoing/${id}`)).orderBy(notifications.createdAt);
    const ok = async <T,>(p: Promise<{ ok: boolean; data?: T }>) => {
      const r = await p;
      expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
      return (r as { data: T }).data;
    };
    /** The notices a step added: each to someone who may open its link; the "assigned" ones find the draft in Chờ tôi xử lý. */
    async function added(id: string, before: number) {
      const rows = (await noticesOf(id)).slice(before);
      for (const n of rows) {
        const reader = (await loadActor(t.db, n.userId))!;
        expect(await getOutgoing(reader, id, t.db), `${n.kind} to ${reader.username}`).not.toBeNull();
        if (n.kind === "assigned") expect((await listOutgoing(reader, { inbox: true }, t.db)).rows.map((r) => r.id)).toContain(id);
      }
      return rows;
    }
    const nameOf = async (userId: string) => (await loadActor(t.db, userId))!.fullName;
    const draft = async (subject: string) => {
      const fileId = await storedFile(t.db, w.agencyId, w.people.staff.id);
      return (await ok<{ id: string }>(run(createDraft, w.people.staff.id, draftInput(w.people.leader.id, { fileIds: [fileId], subject })))).id;
    };

    it("Trình duyệt → the unit's heads; Duyệt → the drafter and the checkers; Ký duyệt → the drafter and the clerks; never the actor; a replay tells nobody twice", async () => {
      const p = w.people;
      const id = await draft("V/v cử công chức dự lớp bồi dưỡng quản lý nhà nước");
      expect(await noticesOf(id)).toEqual([]);

      await ok(run(submitDraft, p.staff.id, { id }));
      let n = await added(id, 0);
      expect(n.map((x) => x.kind)).toEqual(["assigned", "assigned"]);
      expect(ids(n)).toEqual([p.unit_head.id, p.unit_deputy.id].sort());
      expect(n[0].text).toBe(`Dự thảo "V/v cử công chức dự lớp bồi dưỡng quản lý nhà nước" chờ bạn duyệt (${await nameOf(p.staff.id)} trình).`);

      await ok(run(approveDraft, p.unit_head.id, { id, comment: "" }));
      n = await added(id, 2);
      expect(n.filter((x) => x.kind === "approved").map((x) => [x.userId, x.text])).toEqual([
        [p.staff.id, `Dự thảo "V/v cử công chức dự lớp bồi dưỡng quản lý nhà nước" đã được ${await nameOf(p.unit_head.id)} duyệt nội dung, chuyển kiểm tra thể thức.`],
      ]);
      // The Chánh Văn phòng and the appointed checker both check (lib/auth/permissions.ts outgoing.check).
      expect(ids(n.filter((x) => x.kind === "assigned"))).toEqual([p.checker.id, p.office_chief.id].sort());
      // The same approval again: refused by the state, nobody is told twice.
      expect(await run(approveDraft, p.unit_head.id, { id, comment: "" })).toMatchObject({ ok: false, code: "conflict" });
      expect(await noticesOf(id)).toHaveLength(5);

      await ok(run(checkDraft, p.checker.id, { id, legal: true, format: true }));
      n = await added(id, 5);
      expect(n.map((x) => `${x.kind}:${x.userId}`).sort()).toEqual([`approved:${p.staff.id}`, `assigned:${p.leader.id}`].sort());
      expect(n.find((x) => x.kind === "assigned")?.text).toBe(`Dự thảo "V/v cử công chức dự lớp bồi dưỡng quản lý nhà nước" chờ bạn ký duyệt (${await nameOf(p.checker.id)} đã kiểm tra thể thức).`);

      await ok(run(signDraft, p.leader.id, { id }));
      n = await added(id, 7);
      expect(n.map((x) => `${x.kind}:${x.userId}`).sort()).toEqual([`approved:${p.staff.id}`, `assigned:${p.clerk.id}`].sort());
      expect(n.find((x) => x.kind === "assigned")?.text).toBe(`Văn bản "V/v cử công chức dự lớp bồi dưỡng quản lý nhà nước" đã được ${await nameOf(p.leader.id)} ký, chờ phát hành.`);
      expect(await run(signDraft, p.leader.id, { id })).toMatchObject({ ok: false });
      const all = await noticesOf(id);
      expect(all).toHaveLength(9);
      // Nobody is told of their own step; no one of another agency is told.
      for (const [who, kinds] of [[p.staff.id, ["approved", "approved", "approved"]], [p.unit_head.id, ["assigned"]], [p.checker.id, ["assigned"]], [p.leader.id, ["assigned"]]] as const) {
        expect(all.filter((x) => x.userId === who).map((x) => x.kind)).toEqual(kinds);
      }
      expect(all.some((x) => Object.values(other.people).some((o) => o.id === x.userId))).toBe(false);
    });

    it("a draft that moves on reads the notices of the stage it left, for everyone; a step reads its actor's notices about the item; nothing else is read", async () => {
      // An agency of its own: the second clerk changes no other test's recipients.
      const w2 = await buildWorld(t.db);
      const q = w2.people;
      const clerk2 = await addPerson(t.db, w2, "clerk");
      const make = async (subject: string) => {
        const fileId = await storedFile(t.db, w2.agencyId, q.staff.id);
        return (await ok<{ id: string }>(run(createDraft, q.staff.id, draftInput(q.leader.id, { fileIds: [fileId], subject })))).id;
      };
      const unreadOf = async (id: string) =>
        (await noticesOf(id)).filter((n) => !n.readAt).map((n) => `${n.kind}:${n.userId}`).sort();
      const id = await make("V/v tổ chức hội nghị cán bộ, công chức năm 2027");
      const other = await make("V/v báo cáo tình hình thực hiện nhiệm vụ quý IV");
      await ok(run(submitDraft, q.staff.id, { id }));
      await ok(run(submitDraft, q.staff.id, { id: other }));
      const waitingForHeads = [`assigned:${q.unit_head.id}`, `assigned:${q.unit_deputy.id}`].sort();
      expect(await unreadOf(id)).toEqual(waitingForHeads);

      // The head approves: the deputy's "chờ bạn duyệt" is over too; the other draft still waits for both.
      await ok(run(approveDraft, q.unit_head.id, { id, comment: "" }));
      expect(await unreadOf(id)).toEqual([`approved:${q.staff.id}`, `assigned:${q.checker.id}`, `assigned:${q.office_chief.id}`].sort());
      expect(await unreadOf(other)).toEqual(waitingForHeads);
      await ok(run(checkDraft, q.checker.id, { id, legal: true, format: true }));
      await ok(run(signDraft, q.leader.id, { id }));
      expect(await unreadOf(id)).toEqual([
        `approved:${q.staff.id}`, `approved:${q.staff.id}`, `approved:${q.staff.id}`, `assigned:${q.clerk.id}`, `assigned:${clerk2.id}`,
      ].sort());
      const bellBefore = await unreadCount(clerk2.id, t.db);

      // One clerk issues: "chờ phát hành" is over for both clerks; the drafter's news stays unread.
      const pdf = await storedFile(t.db, w2.agencyId, q.clerk.id, MIME.pdf);
      await ok(run(issueDocument, q.clerk.id, { id, fileId: pdf }));
      expect(await unreadOf(id)).toEqual([`approved:${q.staff.id}`, `approved:${q.staff.id}`, `approved:${q.staff.id}`]);
      expect(await unreadCount(clerk2.id, t.db)).toBe(bellBefore - 1);

      // Trả lại: the heads' wait is over; the drafter hears it, and reads it by taking the next step.
      await ok(run(returnDraft, q.unit_deputy.id, { id: other, comment: "Bổ sung số liệu tháng 12." }));
      expect(await unreadOf(other)).toEqual([`returned:${q.staff.id}`]);
      await ok(run(submitDraft, q.staff.id, { id: other }));
      expect(await unreadOf(other)).toEqual(waitingForHeads);
      // The issued draft's news is untouched by a step on another draft.
      expect(await unreadOf(id)).toHaveLength(3);
    });

    it("a reviewer who also acts at the next stage (the Chánh Văn phòng approves, then checks) is not told of their own step", async () => {
      const p = w.people;
      const [pos] = await t.db.insert(positions).values({ unitId: w.officeId, kind: "staff", title: "Chuyên viên Văn phòng" }).returning({ id: positions.id });
      const officeStaff = await addPerson(t.db, w, "staff", { positionId: pos.id });
      const fileId = await storedFile(t.db, w.agencyId, officeStaff.id);
      const { id } = await ok<{ id: string }>(run(createDraft, officeStaff.id, draftInput(p.leader.id, { fileIds: [fileId], subject: "V/v lịch trực cơ quan dịp Tết" })));
      await ok(run(submitDraft, officeStaff.id, { id }));
      // Those who approve the Văn phòng's drafts (outgoing.approve there): its chief, and this world's leader who sits in it.
      expect((await added(id, 0)).map((x) => `${x.kind}:${x.userId}`).sort()).toEqual([`assigned:${p.office_chief.id}`, `assigned:${p.leader.id}`].sort());
      await ok(run(approveDraft, p.office_chief.id, { id, comment: "" }));
      expect((await added(id, 2)).map((x) => `${x.kind}:${x.userId}`).sort()).toEqual([`approved:${officeStaff.id}`, `assigned:${p.checker.id}`].sort());
    });

    it("Lấy ý kiến → the consulted unit's heads, with the request and Hạn góp ý; the answer → the one who asked and the drafter; a replay sends nothing", async () => {
      const p = w.people;
      const unit = await addUnit(t.db, w, { code: "XDCQ" });
      const [pos] = await t.db.insert(positions).values({ unitId: unit.id, kind: "unit_head", title: "Trưởng phòng" }).returning({ id: positions.id });
      const head = await addPerson(t.db, w, "unit_head", { positionId: pos.id });
      const [stf] = await t.db.insert(positions).values({ unitId: unit.id, kind: "staff", title: "Chuyên viên" }).returning({ id: positions.id });
      const staffThere = await addPerson(t.db, w, "staff", { positionId: stf.id });
      const id = await draft("V/v góp ý dự thảo Quy chế làm việc của Sở");
      await ok(run(submitDraft, p.staff.id, { id }));
      const before = (await noticesOf(id)).length;

      const deadline = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
      const ask = keyed({ id, unitIds: [unit.id], request: "Đề nghị góp ý Điều 5 và Điều 7.", deadline });
      await ok(run(consultUnits, p.unit_deputy.id, ask));
      let n = await added(id, before);
      expect(n.map((x) => [x.userId, x.kind, x.text])).toEqual([
        [head.id, "opinion", `${await nameOf(p.unit_deputy.id)} xin ý kiến góp ý dự thảo "V/v góp ý dự thảo Quy chế làm việc của Sở" (hạn ${formatDate(deadline)}): Đề nghị góp ý Điều 5 và Điều 7.`],
      ]);
      expect(n.some((x) => x.userId === staffThere.id)).toBe(false);
      // The same form sent again (its idempotency key): the first result, nothing asked or told twice.
      await ok(run(consultUnits, p.unit_deputy.id, ask));
      expect(await noticesOf(id)).toHaveLength(before + 1);
      expect(await t.db.select().from(outgoingConsultations).where(eq(outgoingConsultations.documentId, id))).toHaveLength(1);

      const [c] = await t.db.select().from(outgoingConsultations).where(eq(outgoingConsultations.documentId, id));
      await ok(run(answerConsultation, head.id, { consultationId: c.id, answer: "Thống nhất, đề nghị bổ sung khoản 3 Điều 7." }));
      n = await added(id, before + 1);
      const headName = await nameOf(head.id);
      expect(ids(n)).toEqual([p.unit_deputy.id, p.staff.id].sort());
      expect(n.every((x) => x.kind === "opinion" && x.text === `Đơn vị ${unit.code} (${headName}) đã góp ý dự thảo "V/v góp ý dự thảo Quy chế làm việc của Sở": Thống nhất, đề nghị bổ sung khoản 3 Điều 7.`)).toBe(true);
      expect(await run(answerConsultation, head.id, { consultationId: c.id, answer: "Lần nữa" })).toMatchObject({ ok: false, code: "conflict" });
      expect(await noticesOf(id)).toHaveLength(before + 3);
    });
  });
});

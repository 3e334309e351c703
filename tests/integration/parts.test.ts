import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { incomingAssignments, incomingDocuments, incomingEvents, notifications, positions, type PositionKind } from "@/db/schema";
import { executeAction, type ActionDefinition } from "@/lib/actions/define";
import { loadActor } from "@/lib/auth/actor";
import { areaByHref, visibleAreas } from "@/lib/nav";
import { assignDocument, registerPaper, submitToLeader } from "@/lib/incoming/actions";
import { cascadeAssignment, completeAssignment, markSeen, sendOpinion } from "@/lib/incoming/process";
import { getIncoming, listIncoming, myDoneWork, myWork, PAGE_SIZE } from "@/lib/incoming/queries";
import { latestNotifications } from "@/lib/notifications";
import { approveDraft, checkDraft, createDraft, returnDraft, signDraft, submitDraft } from "@/lib/outgoing/actions";
import { issueDocument } from "@/lib/outgoing/issue";
import { paper } from "../factories/incoming";
import { addPerson, addUnit, buildWorld, callerOf, keyed, type World } from "../factories/org";
import { draftInput, MIME, storedFile } from "../factories/outgoing";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Issue 11 items 5, 7, 8: coordinating and for-information parts close (Đã xem, seen on open, Đóng
// theo văn bản, Chờ ý kiến phối hợp), the notices, Việc của tôi → Đã xử lý, what staff read in the
// incoming list, and the drafter told of a returned draft.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDef = ActionDefinition<any, any, any>;

describe.each(DB_KINDS)("parts of a document on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let xdcq: { id: string };
  let xdcqHead: { id: string };
  let xdcqStaff: { id: string };
  let coordinator: { id: string };

  const run = (def: AnyDef, userId: string | null, input: unknown) => executeAction(def, userId ? callerOf(userId) : null, keyed(input), t.db);
  const ok = async <T,>(p: Promise<{ ok: boolean; data?: T }>) => {
    const r = await p;
    expect(r).toMatchObject({ ok: true });
    return (r as { data: T }).data;
  };
  const as = async (id: string) => (await loadActor(t.db, id))!;
  const doc = async (id: string) => (await t.db.select().from(incomingDocuments).where(eq(incomingDocuments.id, id)))[0];
  const partsOf = (id: string) => t.db.select().from(incomingAssignments).where(eq(incomingAssignments.documentId, id));
  // In the order they were written (a notice marked read is stored anew and an unordered read would list it last).
  const noticesOf = (userId: string) => t.db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(notifications.createdAt, notifications.id);

  async function personIn(db: Db, unitId: string, k: PositionKind) {
    const [p] = await db.insert(positions).values({ unitId, kind: k, title: k }).returning({ id: positions.id });
    return addPerson(db, w, k, { positionId: p.id });
  }

  /**
   * The leader assigns: the division leads, XDCQ (a unit) coordinates, a staff member coordinates
   * in person, and the other staff member of the division receives it for information.
   */
  async function assigned(over: Record<string, unknown> = {}, subject = paper().subject) {
    const { id } = await ok<{ id: string }>(run(registerPaper, w.people.clerk.id, paper({ subject })));
    await ok(run(submitToLeader, w.people.clerk.id, { id, leaderId: w.people.leader.id }));
    await ok(run(assignDocument, w.people.leader.id, {
      id, instruction: "Phòng TCCB chủ trì; Phòng XDCQ và đồng chí Hà phối hợp.",
      recipients: [
        { kind: "unit", targetId: w.divisionId, role: "lead" },
        { kind: "unit", targetId: xdcq.id, role: "coordinate" },
        { kind: "user", targetId: coordinator.id, role: "coordinate" },
        { kind: "user", targetId: w.people.staff.id, role: "info" },
      ],
      ...over,
    }));
    const ps = await partsOf(id);
    return {
      id,
      lead: ps.find((p) => p.role === "lead")!,
      unitCoord: ps.find((p) => p.unitId === xdcq.id)!,
      personCoord: ps.find((p) => p.userId === coordinator.id)!,
      info: ps.find((p) => p.role === "info")!,
    };
  }

  /** The division head gives the lead to the unit deputy, who finishes it. */
  async function finishLead(leadId: string) {
    await ok(run(cascadeAssignment, w.people.unit_head.id, { assignmentId: leadId, recipients: [{ kind: "user", targetId: w.people.unit_deputy.id, role: "lead" }] }));
    const mine = (await t.db.select().from(incomingAssignments).where(and(eq(incomingAssignments.parentId, leadId), eq(incomingAssignments.role, "lead"))))[0];
    await ok(run(completeAssignment, w.people.unit_deputy.id, { assignmentId: mine.id, result: "Đã trình báo cáo số 12/BC-TCCB." }));
  }

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    xdcq = await addUnit(t.db, w, { code: "XDCQ" });
    xdcqHead = await personIn(t.db, xdcq.id, "unit_head");
    xdcqStaff = await personIn(t.db, xdcq.id, "staff");
    coordinator = await personIn(t.db, w.officeId, "staff");
  });
  afterAll(async () => t?.drop());

  it("when the lead finishes, open coordinating and for-information parts close as Đóng theo văn bản and the coordinators are told", async () => {
    const { id, lead, unitCoord, personCoord, info } = await assigned();
    const before = { head: (await noticesOf(xdcqHead.id)).length, person: (await noticesOf(coordinator.id)).length, info: (await noticesOf(w.people.staff.id)).length };
    await finishLead(lead.id);
    expect((await doc(id)).status).toBe("done");
    const after = await partsOf(id);
    for (const p of [unitCoord, personCoord, info]) {
      expect(after.find((a) => a.id === p.id)).toMatchObject({ status: "done", closedWithDocument: true });
    }
    // The lead chain is done by its holders, not "closed with the document".
    expect(after.filter((a) => a.role === "lead").every((a) => a.status === "done" && !a.closedWithDocument)).toBe(true);
    // The person coordinating and the head of the unit that had not passed its part on are told; the reader for information is not.
    const told = (await noticesOf(coordinator.id)).slice(before.person);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ href: `/incoming/${id}` });
    expect(told[0].text).toContain("đóng theo văn bản");
    expect((await noticesOf(xdcqHead.id)).length).toBe(before.head + 1);
    expect((await noticesOf(w.people.staff.id)).length).toBe(before.info);
    const kinds = (await t.db.select().from(incomingEvents).where(eq(incomingEvents.documentId, id)).orderBy(incomingEvents.id)).map((e) => e.kind);
    expect(kinds.slice(-2)).toEqual(["parts_closed", "document_done"]);
    // Việc của tôi: nothing left open for the coordinator; Đã xử lý shows it as closed with the document.
    expect((await myWork(await as(coordinator.id), 1, t.db)).rows.map((r) => r.documentId)).not.toContain(id);
    const done = (await myDoneWork(await as(coordinator.id), {}, t.db)).rows.find((r) => r.documentId === id);
    expect(done).toMatchObject({ role: "coordinate", closedWithDocument: true });
    // A closed part takes no further step.
    expect(await run(sendOpinion, coordinator.id, { assignmentId: personCoord.id, text: "Muộn." })).toMatchObject({ ok: false, code: "conflict" });
  });

  it("Chờ ý kiến phối hợp: the document waits for the last coordinating part, then closes only what is left", async () => {
    const { id, lead, unitCoord, personCoord, info } = await assigned({ waitForOpinions: true });
    expect((await doc(id)).waitForOpinions).toBe(true);
    const before = (await noticesOf(coordinator.id)).length;
    await finishLead(lead.id);
    expect((await doc(id)).status).toBe("in_progress");
    expect((await partsOf(id)).find((p) => p.id === personCoord.id)!.status).toBe("pending");
    // The person coordinating answers; XDCQ passes its part to its staff, who answers.
    await ok(run(sendOpinion, coordinator.id, { assignmentId: personCoord.id, text: "Thống nhất." }));
    await ok(run(completeAssignment, coordinator.id, { assignmentId: personCoord.id, result: "Đã góp ý." }));
    expect((await doc(id)).status).toBe("in_progress");
    await ok(run(cascadeAssignment, xdcqHead.id, { assignmentId: unitCoord.id, recipients: [{ kind: "user", targetId: xdcqStaff.id, role: "coordinate" }] }));
    const sub = (await partsOf(id)).find((p) => p.userId === xdcqStaff.id)!;
    await ok(run(completeAssignment, xdcqStaff.id, { assignmentId: sub.id, result: "Phòng XDCQ thống nhất." }));
    // The unit's coordinating part is done with its people's, and the document with it.
    const after = await partsOf(id);
    expect(after.find((p) => p.id === unitCoord.id)).toMatchObject({ status: "done", closedWithDocument: false, result: "Phòng XDCQ thống nhất." });
    expect((await doc(id)).status).toBe("done");
    // Only the unseen part for information closed with it; nobody coordinating was cut short.
    expect(after.filter((p) => p.closedWithDocument).map((p) => p.id)).toEqual([info.id]);
    expect((await noticesOf(coordinator.id)).length).toBe(before);
  });

  it("Đã xem closes a for-information part once; a repeat, another person's part or a non-info part is refused", async () => {
    const { id, info, personCoord } = await assigned();
    expect(await run(markSeen, coordinator.id, { assignmentId: info.id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await run(markSeen, null, { assignmentId: info.id })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await run(markSeen, coordinator.id, { assignmentId: personCoord.id })).toMatchObject({ ok: false, code: "conflict" });
    await ok(run(markSeen, w.people.staff.id, { assignmentId: info.id }));
    const seen = (await partsOf(id)).find((p) => p.id === info.id)!;
    expect(seen).toMatchObject({ status: "done", closedWithDocument: false, result: "Đã xem" });
    const again = await run(markSeen, w.people.staff.id, { assignmentId: info.id });
    expect(again).toMatchObject({ ok: false, code: "conflict" });
    expect((await partsOf(id)).find((p) => p.id === info.id)!.doneAt).toEqual(seen.doneAt);
    expect((await t.db.select().from(incomingEvents).where(and(eq(incomingEvents.documentId, id), eq(incomingEvents.kind, "seen"))))).toHaveLength(1);
    // The document is still the lead's to finish.
    expect((await doc(id)).status).toBe("in_progress");
  });

  /** An outgoing document issued to these internal recipients: its internal copy. */
  async function issuedTo(recipients: { kind: "unit" | "user"; targetId: string }[]) {
    const fileId = await storedFile(t.db, w.agencyId, w.people.staff.id, MIME.docx);
    const { id: out } = await ok<{ id: string }>(run(createDraft, w.people.staff.id, draftInput(w.people.leader.id, { fileIds: [fileId], replyDeadline: `${new Date().getFullYear() + 1}-01-15`, recipients })));
    await ok(run(submitDraft, w.people.staff.id, { id: out }));
    await ok(run(approveDraft, w.people.unit_head.id, { id: out, comment: "" }));
    await ok(run(checkDraft, w.people.checker.id, { id: out, legal: true, format: true }));
    await ok(run(signDraft, w.people.leader.id, { id: out }));
    await ok(run(issueDocument, w.people.clerk.id, { id: out, fileId: await storedFile(t.db, w.agencyId, w.people.clerk.id, MIME.pdf) }));
    return (await t.db.select().from(incomingDocuments).where(eq(incomingDocuments.outgoingId, out)))[0];
  }

  it("an issued internal document reaches its readers as Văn bản nội bộ with no deadline, and is done when all have seen it", async () => {
    const copy = await issuedTo([{ kind: "user", targetId: coordinator.id }, { kind: "user", targetId: xdcqStaff.id }]);
    expect(copy).toMatchObject({ source: "internal", arrivalNo: null, dueDate: null, status: "in_progress" });
    const parts = await partsOf(copy.id);
    expect(parts.map((p) => [p.role, p.deadline])).toEqual([["info", null], ["info", null]]);
    // In Việc của tôi and the list it is a "Văn bản nội bộ" (no số đến).
    const row = (await myWork(await as(coordinator.id), 1, t.db)).rows.find((r) => r.documentId === copy.id)!;
    expect(row).toMatchObject({ source: "internal", arrivalNo: null, deadline: null, role: "info" });
    expect((await listIncoming(await as(coordinator.id), {}, t.db)).rows.find((r) => r.id === copy.id)).toMatchObject({ source: "internal", arrivalNo: null });
    // Opening it (the page calls Đã xem for the reader's open part) closes the part; the second reader closes the document.
    await ok(run(markSeen, coordinator.id, { assignmentId: parts.find((p) => p.userId === coordinator.id)!.id }));
    expect((await doc(copy.id)).status).toBe("in_progress");
    await ok(run(markSeen, xdcqStaff.id, { assignmentId: parts.find((p) => p.userId === xdcqStaff.id)!.id }));
    expect((await doc(copy.id)).status).toBe("done");
    const page = await getIncoming(await as(xdcqStaff.id), copy.id, t.db);
    expect(page!.parts.every((p) => p.status === "done" && !p.closedWithDocument)).toBe(true);
  });

  it("the head of a unit receiving an internal document for information marks the unit's part seen; nobody else of the agency may", async () => {
    const copy = await issuedTo([{ kind: "unit", targetId: xdcq.id }]);
    const [part] = await partsOf(copy.id);
    expect(part).toMatchObject({ role: "info", unitId: xdcq.id, deadline: null });
    expect(await run(markSeen, xdcqStaff.id, { assignmentId: part.id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await run(markSeen, w.people.unit_head.id, { assignmentId: part.id })).toMatchObject({ ok: false, code: "not_found" });
    await ok(run(markSeen, xdcqHead.id, { assignmentId: part.id }));
    expect((await partsOf(copy.id))[0]).toMatchObject({ status: "done", result: "Đã xem" });
    expect((await doc(copy.id)).status).toBe("done");
  });

  it("Đã xử lý: my done parts only, newest first, searched without accents, paginated", async () => {
    const person = await personIn(t.db, w.divisionId, "staff");
    const ids: string[] = [];
    for (const subject of ["V/v tổng kết công tác thi đua khen thưởng", "V/v quyết toán kinh phí đào tạo"]) {
      const { id } = await ok<{ id: string }>(run(registerPaper, w.people.clerk.id, paper({ subject })));
      await ok(run(submitToLeader, w.people.clerk.id, { id, leaderId: w.people.leader.id }));
      await ok(run(assignDocument, w.people.leader.id, { id, instruction: "Giao.", recipients: [{ kind: "user", targetId: person.id, role: "lead" }] }));
      const [p] = await partsOf(id);
      await ok(run(completeAssignment, person.id, { assignmentId: p.id, result: `Xong ${subject.slice(4, 20)}` }));
      ids.push(id);
    }
    // Still open: not in Đã xử lý.
    const { id: open } = await ok<{ id: string }>(run(registerPaper, w.people.clerk.id, paper({ subject: "V/v thi đua năm sau" })));
    await ok(run(submitToLeader, w.people.clerk.id, { id: open, leaderId: w.people.leader.id }));
    await ok(run(assignDocument, w.people.leader.id, { id: open, instruction: "Giao.", recipients: [{ kind: "user", targetId: person.id, role: "lead" }] }));
    const me = await as(person.id);
    expect((await myDoneWork(me, {}, t.db)).rows.map((r) => r.documentId)).toEqual([ids[1], ids[0]]);
    expect((await myDoneWork(me, { q: "thi dua khen thuong" }, t.db)).rows.map((r) => r.documentId)).toEqual([ids[0]]);
    expect((await myDoneWork(me, { q: "QUYẾT TOÁN" }, t.db)).rows.map((r) => r.documentId)).toEqual([ids[1]]);
    expect((await myDoneWork(me, { q: "khong co" }, t.db)).rows).toEqual([]);
    // Someone else's done parts never show.
    expect((await myDoneWork(await as(coordinator.id), {}, t.db)).rows.map((r) => r.documentId)).not.toContain(ids[0]);
    // A page holds PAGE_SIZE rows; the rest is on the next.
    const [{ assignedBy, documentId }] = await partsOf(ids[0]);
    const base = Date.parse("2026-01-01T00:00:00Z");
    await t.db.insert(incomingAssignments).values(
      Array.from({ length: PAGE_SIZE }, (_, i) => ({ documentId, role: "coordinate" as const, userId: person.id, assignedBy, status: "done" as const, doneAt: new Date(base + i * 60_000) })),
    );
    const first = await myDoneWork(me, { page: 1 }, t.db);
    const second = await myDoneWork(me, { page: 2 }, t.db);
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(first.hasNext).toBe(true);
    expect(second.rows).toHaveLength(2);
    expect(second.hasNext).toBe(false);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.assignmentId)).size).toBe(PAGE_SIZE + 2);
  });

  it("staff see Văn bản đến in the navigation, listing exactly the documents they may read", async () => {
    const staff = await as(xdcqStaff.id);
    expect(visibleAreas(staff)).toContain(areaByHref("/incoming"));
    const { id: onTrail } = await assigned();
    const { id: notMine } = await ok<{ id: string }>(run(registerPaper, w.people.clerk.id, paper()));
    const { id: secret } = await ok<{ id: string }>(run(registerPaper, w.people.clerk.id, paper({ secrecy: "confidential" })));
    const listed = (await listIncoming(staff, {}, t.db)).rows.map((r) => r.id);
    // XDCQ coordinates `onTrail`: its staff read it; not the unassigned nor the secret one.
    expect(listed).toContain(onTrail);
    expect(listed).not.toContain(notMine);
    expect(listed).not.toContain(secret);
    for (const id of listed) expect(await getIncoming(staff, id, t.db)).not.toBeNull();
    // The clerk, the leader and the admin: unchanged.
    expect(visibleAreas(await as(w.people.admin.id))).not.toContain(areaByHref("/incoming"));
  });

  it("a returned draft tells its drafter, with the reason, on the home page notices", async () => {
    const fileId = await storedFile(t.db, w.agencyId, w.people.staff.id, MIME.docx);
    const { id } = await ok<{ id: string }>(run(createDraft, w.people.staff.id, draftInput(w.people.leader.id, { fileIds: [fileId], subject: "V/v cử cán bộ dự tập huấn" })));
    await ok(run(submitDraft, w.people.staff.id, { id }));
    await ok(run(returnDraft, w.people.unit_head.id, { id, comment: "Bổ sung danh sách kèm theo." }));
    const [latest] = await latestNotifications(await as(w.people.staff.id), 10, t.db);
    expect(latest.href).toBe(`/outgoing/${id}`);
    expect(latest.text).toContain("V/v cử cán bộ dự tập huấn");
    expect(latest.text).toContain("Bổ sung danh sách kèm theo.");
    // Nobody else is told of the return (the unit's heads were told of the submission, issue 12).
    expect((await t.db.select().from(notifications).where(and(eq(notifications.href, `/outgoing/${id}`), eq(notifications.kind, "returned")))).map((n) => n.userId)).toEqual([w.people.staff.id]);
  });
});

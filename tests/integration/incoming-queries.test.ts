import { and, asc, desc, eq, ne, or, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { incomingAssignments, incomingDocuments } from "@/db/schema";
import { executeAction } from "@/lib/actions/define";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { assignDocument, registerPaper, submitToLeader } from "@/lib/incoming/actions";
import { getIncoming, listIncoming, myWork, PAGE_SIZE } from "@/lib/incoming/queries";
import { addPerson, buildWorld, callerOf, keyed, type World } from "../factories/org";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Lists, search and the document page return exactly the readable set (security.md §5 row 1).
describe.each(DB_KINDS)("incoming reads on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let other: World;
  let assignedId: string;
  let secretId: string;
  const actor = async (id: string) => (await loadActor(t.db, id)) as Actor;
  const register = async (over: Record<string, unknown>) => {
    const r = await executeAction(registerPaper, callerOf(w.people.clerk.id), keyed({
      symbol: `${Math.random()}`.slice(2, 8) + "/QĐ-UBND", issuedDate: "2026-11-02", issuerName: "UBND tỉnh Bình Định",
      docType: "Quyết định", subject: "Quyết định phê duyệt kế hoạch đào tạo, bồi dưỡng cán bộ năm 2027", ...over,
    }), t.db);
    if (!r.ok) throw new Error(r.formError);
    return (r.data as { id: string }).id;
  };

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    other = await buildWorld(t.db);
    assignedId = await register({ subject: "Về việc tổ chức Đại hội Đảng bộ cơ sở", docType: "Công văn" });
    await executeAction(submitToLeader, callerOf(w.people.clerk.id), { id: assignedId, leaderId: w.people.leader.id }, t.db);
    const r = await executeAction(assignDocument, callerOf(w.people.leader.id), {
      id: assignedId, instruction: "Phòng TCCB chủ trì.", recipients: [{ kind: "user", targetId: w.people.staff.id, role: "lead", deadline: "2026-01-05" }],
    }, t.db);
    // A deadline in the past is refused; give a valid one and make it overdue directly below.
    expect(r.ok).toBe(false);
    await executeAction(assignDocument, callerOf(w.people.leader.id), {
      id: assignedId, instruction: "Phòng TCCB chủ trì.", recipients: [{ kind: "user", targetId: w.people.staff.id, role: "lead", workingDays: 5 }],
    }, t.db);
    secretId = await register({ secrecy: "secret", subject: "Tài liệu mật về nhân sự" });
    for (let i = 0; i < PAGE_SIZE + 3; i++) await register({});
  });
  afterAll(async () => t?.drop());

  it("the clerk and the leader see everything of the agency, secret included", async () => {
    for (const id of [w.people.clerk.id, w.people.leader.id]) {
      const a = await actor(id);
      expect((await getIncoming(a, secretId, t.db))?.doc.subject).toBe("Tài liệu mật về nhân sự");
      const page1 = await listIncoming(a, {}, t.db);
      expect(page1.rows).toHaveLength(PAGE_SIZE);
      expect(page1.hasNext).toBe(true);
      const page2 = await listIncoming(a, { page: 2 }, t.db);
      expect(page2.rows.length).toBe(5);
      expect(new Set([...page1.rows, ...page2.rows].map((r) => r.id)).size).toBe(PAGE_SIZE + 5);
    }
  });

  it("a staff member sees only what is on their trail, never a secret document, and nothing of another agency", async () => {
    const staff = await actor(w.people.staff.id);
    expect((await listIncoming(staff, {}, t.db)).rows.map((r) => r.id)).toEqual([assignedId]);
    expect(await getIncoming(staff, secretId, t.db)).toBeNull();
    const page = await getIncoming(staff, assignedId, t.db);
    expect(page?.parts).toHaveLength(1);
    expect(page?.trail.map((e) => e.kind)).toEqual(["registered", "submitted", "assigned"]);
    const colleague = await actor((await addPerson(t.db, w, "staff")).id);
    // Same division, but the part was given to a person, not to the unit.
    expect(await getIncoming(colleague, assignedId, t.db)).toBeNull();
    // The division's head follows what its people hold (and is told when it runs late); a secret one stays hidden.
    const head = await actor(w.people.unit_head.id);
    expect((await getIncoming(head, assignedId, t.db))?.doc.subject).toBe("Về việc tổ chức Đại hội Đảng bộ cơ sở");
    expect(await getIncoming(head, secretId, t.db)).toBeNull();
    const foreignClerk = await actor(other.people.clerk.id);
    expect(await getIncoming(foreignClerk, assignedId, t.db)).toBeNull();
    expect((await listIncoming(foreignClerk, {}, t.db)).rows).toHaveLength(0);
    // Search results are the readable set too.
    expect((await listIncoming(staff, { q: "quyet dinh" }, t.db)).rows).toHaveLength(0);
  });

  it("searches without accents: 'quyet dinh' finds Quyết định, 'dang bo' finds Đảng bộ", async () => {
    const clerk = await actor(w.people.clerk.id);
    expect((await listIncoming(clerk, { q: "dang bo" }, t.db)).rows.map((r) => r.id)).toEqual([assignedId]);
    expect((await listIncoming(clerk, { q: "QUYET DINH dao tao" }, t.db)).rows.length).toBeGreaterThan(PAGE_SIZE - 1);
    expect((await listIncoming(clerk, { q: "không có văn bản này" }, t.db)).rows).toHaveLength(0);
    expect((await listIncoming(clerk, { issuer: "ubnd tinh binh dinh", docType: "Công văn" }, t.db)).rows.map((r) => r.id)).toEqual([assignedId]);
    expect((await listIncoming(clerk, { status: "in_progress" }, t.db)).rows.map((r) => r.id)).toEqual([assignedId]);
    // Số đến 1 exists twice: in the normal series and in the secret one.
    const year = (await getIncoming(clerk, assignedId, t.db))!.doc.year!;
    expect((await listIncoming(clerk, { arrivalNo: 1, year }, t.db)).rows.map((r) => r.id).sort()).toEqual([assignedId, secretId].sort());
    // Sort and filter keys are values, never SQL: a hostile string is just text that matches nothing.
    expect((await listIncoming(clerk, { q: "'; drop table incoming_documents; --", symbol: "%' or 1=1 --" }, t.db)).rows).toHaveLength(0);
  });

  it("Việc của tôi lists my open parts with their deadline", async () => {
    const staff = await actor(w.people.staff.id);
    const { rows: work, hasNext } = await myWork(staff, 1, t.db);
    expect(hasNext).toBe(false);
    expect(work.map((x) => x.documentId)).toEqual([assignedId]);
    expect(work[0]).toMatchObject({ role: "lead", status: "pending" });
    expect(work[0].deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await myWork(await actor(w.people.archivist.id), 1, t.db)).rows).toHaveLength(0);
  });

  it("a unit head's Việc của tôi merges their own parts with the unit's parts to pass on, in order, page by page", async () => {
    // Read branch by branch from the order indexes (lib/incoming/queries.ts workBranches): the pages must be
    // exactly the one OR query's rows in the same order.
    for (let i = 0; i < PAGE_SIZE + 4; i++) {
      const id = await register({ subject: `Về việc rà soát vị trí việc làm đợt ${i}` });
      await executeAction(submitToLeader, callerOf(w.people.clerk.id), { id, leaderId: w.people.leader.id }, t.db);
      const recipient = i % 3 === 0
        ? { kind: "user", targetId: w.people.unit_head.id, role: "lead", workingDays: 1 + (i % 7) }
        : { kind: "unit", targetId: w.divisionId, role: "lead", workingDays: 1 + (i % 5) };
      const r = await executeAction(assignDocument, callerOf(w.people.leader.id), { id, instruction: "Xử lý.", recipients: [recipient] }, t.db);
      expect(r.ok).toBe(true);
    }
    const head = await actor(w.people.unit_head.id);
    const today = "2026-12-01";
    const a = incomingAssignments;
    const expected = await t.db
      .select({ id: a.id })
      .from(a)
      .innerJoin(incomingDocuments, eq(incomingDocuments.id, a.documentId))
      // The open view as one OR (what the branches must add up to): my parts, or my unit's parts to pass on.
      .where(and(
        eq(incomingDocuments.agencyId, head.agencyId), ne(a.status, "done"), ne(incomingDocuments.status, "voided"),
        or(eq(a.userId, head.userId), and(eq(a.unitId, w.divisionId), eq(a.status, "pending"))),
      ))
      .orderBy(sql`${a.deadline} asc nulls last`, desc(a.createdAt), asc(a.id));
    expect(expected.length).toBeGreaterThan(PAGE_SIZE);
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const r = await myWork(head, page, t.db, { today });
      seen.push(...r.rows.map((x) => x.assignmentId));
      if (!r.hasNext) break;
    }
    expect(seen).toEqual(expected.map((x) => x.id));
    // Tổng quan's first five (size 5): the same rows as the list's first five, and whether more follow.
    const first = await myWork(head, 1, t.db, { today, size: 5 });
    expect(first.rows.map((x) => x.assignmentId)).toEqual(expected.slice(0, 5).map((x) => x.id));
    expect(first.hasNext).toBe(true);
    const second = await myWork(head, 2, t.db, { today, size: 5 });
    expect(second.rows.map((x) => x.assignmentId)).toEqual(expected.slice(5, 10).map((x) => x.id));
  });

  it("Quá hạn: an open handling part past its deadline, never a for-information part", async () => {
    const id = await register({ subject: "Về việc báo cáo tình hình biên chế quý IV" });
    await executeAction(submitToLeader, callerOf(w.people.clerk.id), { id, leaderId: w.people.leader.id }, t.db);
    const r = await executeAction(assignDocument, callerOf(w.people.leader.id), {
      id, instruction: "Chủ trì; phòng khác để biết.", recipients: [
        { kind: "user", targetId: w.people.staff.id, role: "lead", workingDays: 5 },
        { kind: "user", targetId: w.people.unit_head.id, role: "info", workingDays: 5 },
      ],
    }, t.db);
    expect(r.ok).toBe(true);
    const clerk = await actor(w.people.clerk.id);
    const overdueIds = async () => (await listIncoming(clerk, { overdue: true }, t.db)).rows.map((x) => x.id);
    await t.db.update(incomingAssignments).set({ deadline: "2026-01-05" }).where(and(eq(incomingAssignments.documentId, id), eq(incomingAssignments.role, "info")));
    expect(await overdueIds()).not.toContain(id);
    await t.db.update(incomingAssignments).set({ deadline: "2026-01-05" }).where(and(eq(incomingAssignments.documentId, id), eq(incomingAssignments.role, "lead")));
    expect(await overdueIds()).toContain(id);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { incomingAssignments, incomingDocuments } from "@/db/schema";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { listIncoming } from "@/lib/incoming/queries";
import { buildWorld, type World } from "../factories/org";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Migration 0037: a document keeps the earliest deadline of its open parts (not done, not for
// information), moved by every statement on its parts, and "Quá hạn" compares it and the due date with the day.
describe.each(DB_KINDS)("the open parts' earliest deadline on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let clerk: Actor;

  async function addDoc(db: Db, subject: string, due: string | null) {
    const [d] = await db.insert(incomingDocuments).values({
      agencyId: w.agencyId, status: "in_progress", source: "paper", arrivalDate: new Date("2026-11-10T09:00:00+07:00"), year: 2026,
      issuerName: "UBND tỉnh", docType: "Công văn", subject, dueDate: due,
    }).returning({ id: incomingDocuments.id });
    return d.id;
  }
  const openDeadline = async (id: string) =>
    (await t.db.select({ v: incomingDocuments.openDeadline }).from(incomingDocuments).where(eq(incomingDocuments.id, id)))[0].v;
  const overdueIds = async (today: string) => (await listIncoming(clerk, { overdue: true, today }, t.db)).rows.map((r) => r.id);

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    clerk = (await loadActor(t.db, w.people.clerk.id))!;
  });
  afterAll(async () => t?.drop());

  it("follows the parts inserted, finished, moved and deleted, and ignores parts for information", async () => {
    const id = await addDoc(t.db, "Văn bản có hạn theo phần việc", null);
    expect(await openDeadline(id)).toBeNull();
    const [lead, info] = await t.db.insert(incomingAssignments).values([
      { documentId: id, role: "lead", unitId: w.divisionId, assignedBy: w.people.leader.id, deadline: "2026-11-25", status: "in_progress" },
      { documentId: id, role: "info", userId: w.people.staff.id, assignedBy: w.people.leader.id, deadline: "2026-11-12", status: "pending" },
    ]).returning({ id: incomingAssignments.id });
    expect(info).toBeTruthy();
    expect(await openDeadline(id)).toBe("2026-11-25");
    const [coordinate] = await t.db.insert(incomingAssignments).values(
      { documentId: id, role: "coordinate", userId: w.people.staff.id, assignedBy: w.people.leader.id, deadline: "2026-11-18", status: "pending" },
    ).returning({ id: incomingAssignments.id });
    expect(await openDeadline(id)).toBe("2026-11-18");
    expect(await overdueIds("2026-11-19")).toContain(id);
    expect(await overdueIds("2026-11-18")).not.toContain(id);

    await t.db.update(incomingAssignments).set({ status: "done" }).where(eq(incomingAssignments.id, coordinate.id));
    expect(await openDeadline(id)).toBe("2026-11-25");
    expect(await overdueIds("2026-11-19")).not.toContain(id);

    await t.db.update(incomingAssignments).set({ deadline: "2026-11-15" }).where(eq(incomingAssignments.id, lead.id));
    expect(await openDeadline(id)).toBe("2026-11-15");
    expect(await overdueIds("2026-11-19")).toContain(id);

    await t.db.delete(incomingAssignments).where(eq(incomingAssignments.id, lead.id));
    expect(await openDeadline(id)).toBeNull();
    expect(await overdueIds("2026-12-31")).not.toContain(id);
  });

  it("takes the earlier of the due date and the parts' deadline, for every document one statement touches", async () => {
    const a = await addDoc(t.db, "Văn bản hạn chung sớm hơn", "2026-11-14");
    const b = await addDoc(t.db, "Văn bản hạn phần việc sớm hơn", "2026-11-30");
    await t.db.insert(incomingAssignments).values([
      { documentId: a, role: "lead", unitId: w.divisionId, assignedBy: w.people.leader.id, deadline: "2026-11-28", status: "in_progress" },
      { documentId: b, role: "lead", unitId: w.divisionId, assignedBy: w.people.leader.id, deadline: "2026-11-16", status: "in_progress" },
    ]);
    expect([await openDeadline(a), await openDeadline(b)]).toEqual(["2026-11-28", "2026-11-16"]);
    const on17 = await overdueIds("2026-11-17");
    expect(on17).toEqual(expect.arrayContaining([a, b]));
    const on15 = await overdueIds("2026-11-15");
    expect(on15).toContain(a);
    expect(on15).not.toContain(b);
    // A finished document is never overdue, whatever its dates.
    await t.db.update(incomingDocuments).set({ status: "done" }).where(eq(incomingDocuments.id, a));
    expect(await overdueIds("2026-11-17")).not.toContain(a);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { openDb, type Db } from "@/db/client";
import { incomingAssignments, incomingDocuments, notifications, positions, userPositions, users } from "@/db/schema";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { dataVersion } from "@/lib/cache/data-version";
import { dashboardFigures, monitoringScope } from "@/lib/monitoring/dashboard";
import { navCountsFor } from "@/lib/monitoring/nav-counts";
import { overviewFor } from "@/lib/monitoring/overview";
import { loadReport } from "@/lib/monitoring/reports";
import { buildWorld, type World } from "../factories/org";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Issue 12: the dashboard, the reports and Tổng quan are kept per instance under the data version
// (migration 0026's triggers). The version moves once per committed change, never for a rolled-back
// one; a change — by an action, a direct write or another instance — is seen by the next request.
const PERIOD = { from: "2026-11-01", to: "2026-11-30" };
const TODAY = "2026-11-30";

describe.each(DB_KINDS)("monitoring cache on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let director: Actor;
  let clerk: Actor;
  let staff: Actor;

  async function addDoc(db: Db, status: "in_progress" | "done", due: string | null) {
    return db.transaction(async (tx) => {
      const [d] = await tx.insert(incomingDocuments).values({
        agencyId: w.agencyId, status, source: "paper", arrivalDate: new Date("2026-11-10T09:00:00+07:00"), year: 2026, issuerName: "UBND tỉnh",
        docType: "Công văn", subject: "Văn bản thử bộ nhớ đệm", dueDate: due, doneAt: status === "done" ? new Date("2026-11-12T09:00:00+07:00") : null,
      }).returning({ id: incomingDocuments.id });
      await tx.insert(incomingAssignments).values([
        { documentId: d.id, role: "lead", unitId: w.divisionId, assignedBy: w.people.leader.id, deadline: due, status: status === "done" ? "done" : "in_progress" },
        { documentId: d.id, role: "lead", userId: w.people.staff.id, assignedBy: w.people.leader.id, deadline: due, status: status === "done" ? "done" : "in_progress" },
      ]);
      return d.id;
    });
  }
  const figures = async (db: Db) => dashboardFigures(director, (await monitoringScope(director, undefined, db))!, PERIOD, db, TODAY);

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    director = (await loadActor(t.db, w.people.leader.id))!;
    clerk = (await loadActor(t.db, w.people.clerk.id))!;
    staff = (await loadActor(t.db, w.people.staff.id))!;
    await addDoc(t.db, "in_progress", "2026-11-20");
  });
  afterAll(async () => t?.drop());

  it("moves once per committed transaction, not for a rolled-back one nor for a column the figures do not read", async () => {
    const v0 = await dataVersion(t.db, w.agencyId);
    await addDoc(t.db, "done", null); // one document and two parts in one transaction
    expect(await dataVersion(t.db, w.agencyId)).toBe(v0 + 1);
    await expect(t.db.transaction(async (tx) => {
      await tx.update(incomingDocuments).set({ note: "x" }).where(eq(incomingDocuments.agencyId, w.agencyId));
      throw new Error("rollback");
    })).rejects.toThrow("rollback");
    expect(await dataVersion(t.db, w.agencyId)).toBe(v0 + 1);
    await t.db.update(users).set({ email: "khac@example.vn" }).where(eq(users.id, w.people.staff.id));
    expect(await dataVersion(t.db, w.agencyId)).toBe(v0 + 1);
    await t.db.update(users).set({ fullName: "Tên mới" }).where(eq(users.id, w.people.staff.id));
    expect(await dataVersion(t.db, w.agencyId)).toBe(v0 + 2);
  });

  it("is the agency's own: another agency's changes do not move it, each kind of row moves its agency's", async () => {
    const other = await buildWorld(t.db);
    await figures(t.db); // the agency's first calendar read writes its calendar version (a change of A)
    const a = await figures(t.db);
    const mine = await dataVersion(t.db, w.agencyId);
    const theirs = await dataVersion(t.db, other.agencyId);
    // Agency B registers a document and gives a part, takes on a person and a position.
    const [d] = await t.db.insert(incomingDocuments).values({
      agencyId: other.agencyId, status: "in_progress", source: "paper", arrivalDate: new Date("2026-11-10T09:00:00+07:00"), year: 2026,
      issuerName: "UBND tỉnh", docType: "Công văn", subject: "Văn bản của cơ quan khác",
    }).returning({ id: incomingDocuments.id });
    await t.db.insert(incomingAssignments).values({ documentId: d.id, role: "lead", unitId: other.divisionId, assignedBy: other.people.leader.id, status: "pending" });
    const [p] = await t.db.insert(positions).values({ unitId: other.divisionId, kind: "staff", title: "Chuyên viên" }).returning({ id: positions.id });
    await t.db.insert(userPositions).values({ userId: other.people.archivist.id, positionId: p.id });
    expect(await dataVersion(t.db, w.agencyId)).toBe(mine);
    expect(await dataVersion(t.db, other.agencyId)).toBe(theirs + 4);
    expect(await figures(t.db)).toBe(a); // agency A's figures kept: nothing of A changed
    // A part alone (its agency found through its document), a position and a person's position each move A's.
    const [own] = await t.db.select({ id: incomingDocuments.id }).from(incomingDocuments).where(eq(incomingDocuments.agencyId, w.agencyId)).limit(1);
    await t.db.insert(incomingAssignments).values({ documentId: own.id, role: "info", userId: w.people.clerk.id, assignedBy: w.people.leader.id, status: "pending" });
    expect(await dataVersion(t.db, w.agencyId)).toBe(mine + 1);
    const [q] = await t.db.insert(positions).values({ unitId: w.divisionId, kind: "staff", title: "Chuyên viên chính" }).returning({ id: positions.id });
    expect(await dataVersion(t.db, w.agencyId)).toBe(mine + 2);
    await t.db.insert(userPositions).values({ userId: w.people.archivist.id, positionId: q.id });
    expect(await dataVersion(t.db, w.agencyId)).toBe(mine + 3);
    expect(await dataVersion(t.db, other.agencyId)).toBe(theirs + 4);
    expect(await figures(t.db)).not.toBe(a);
  });

  it("answers from memory while nothing changed and recomputes after a change, for the dashboard, a report and Tổng quan", async () => {
    await figures(t.db); // the agency's first calendar read writes its calendar version (a change: the version moves)
    const a = await figures(t.db);
    expect(await figures(t.db)).toBe(a); // the same object: kept
    const report = await loadReport(clerk, "incoming", PERIOD, undefined, t.db, TODAY);
    const over = await overviewFor(staff, { db: t.db, today: TODAY, daysBefore: 2 });
    const overdue = over.counts.find((c) => c.key === "overdue")!.count;
    await addDoc(t.db, "in_progress", "2026-11-25"); // open and overdue on 30/11
    const b = await figures(t.db);
    expect(b.total.received).toBe(a.total.received + 1);
    expect(b.total.overdue).toBe(a.total.overdue + 1);
    const report2 = await loadReport(clerk, "incoming", PERIOD, undefined, t.db, TODAY);
    expect(Number(report2!.rows[0][2])).toBe(Number(report!.rows[0][2]) + 1);
    const over2 = await overviewFor(staff, { db: t.db, today: TODAY, daysBefore: 2 });
    expect(over2.counts.find((c) => c.key === "overdue")!.count).toBe(overdue + 1);
    // Another day is another key (Quá hạn depends on today).
    const earlier = await dashboardFigures(director, (await monitoringScope(director, undefined, t.db))!, PERIOD, t.db, "2026-11-15");
    expect(earlier.total.overdue).toBe(0);
  });

  it("keeps the navigation's document counts under the version and reads the bell at every request", async () => {
    const nav = () => navCountsFor(staff, { db: t.db, today: TODAY });
    const a = await nav();
    expect((await nav()).counts).toEqual(a.counts);
    // A notification does not move the version: the bell is read live.
    await t.db.insert(notifications).values({ userId: w.people.staff.id, kind: "remind", text: "Nhắc việc thử", href: "/my-work" });
    const b = await nav();
    expect(b.unread).toBe(a.unread + 1);
    expect(b.counts.mine).toBe(a.counts.mine);
    // A new part of the staff member's moves the version: the kept counts are computed again.
    await addDoc(t.db, "in_progress", "2026-12-20");
    const c = await nav();
    expect(c.counts.mine).toBe(a.counts.mine + 1);
    expect(c.unread).toBe(b.unread);
  });

  it.runIf(kind === "postgresql")("a change made through another instance is seen by this one", async () => {
    const before = await figures(t.db);
    const [{ name }] = (await t.db.execute<{ name: string }>(sql`select current_database() as name`)).rows;
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const other = await openDb({ url: url.toString(), migrate: false });
    try {
      await addDoc(other.db, "done", "2026-11-20");
    } finally {
      await other.close();
    }
    const after = await figures(t.db);
    expect(after.total.received).toBe(before.total.received + 1);
    expect(after.total.ontime).toBe(before.total.ontime + 1);
  });
});

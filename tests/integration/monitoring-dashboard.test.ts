import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { incomingAssignments, incomingDocuments, outgoingDocuments, positions, userPositions } from "@/db/schema";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { listIncoming } from "@/lib/incoming/queries";
import { dashboardFigures, monitoringScope } from "@/lib/monitoring/dashboard";
import type { Progress } from "@/lib/incoming/progress";
import { loadReport } from "@/lib/monitoring/reports";
import { dashboardBook } from "@/lib/monitoring/tables";
import { addPerson, addUnit, buildWorld, type Person, type World } from "../factories/org";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// The leaders' dashboard against hand-built documents: on time, late, open, open overdue (by the
// document's deadline or an open part's), average working days; who sees which units; and every
// number equals the rows of the list it links to.
const PERIOD = { from: "2026-11-01", to: "2026-11-30" };
const TODAY = "2026-11-30";

describe.each(DB_KINDS)("monitoring dashboard on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let foreign: World;
  let sub: { id: string };
  let otherUnit: { id: string };
  let staff2: Person;
  let staff3: Person;
  let otherHead: Person;
  const ids: Record<string, string> = {};
  const actor = async (id: string) => (await loadActor(t.db, id)) as Actor;
  const at = (day: string) => new Date(`${day}T09:00:00+07:00`);

  async function doc(key: string, o: { arrived: string; status: "in_progress" | "done"; due?: string; done?: string; secret?: boolean; agencyId?: string }) {
    const [d] = await t.db.insert(incomingDocuments).values({
      agencyId: o.agencyId ?? w.agencyId, status: o.status, source: "paper", arrivalDate: at(o.arrived), year: 2026, issuerName: "UBND tỉnh",
      docType: "Công văn", subject: `Văn bản ${key}`, dueDate: o.due ?? null, doneAt: o.done ? at(o.done) : null, secrecy: o.secret ? "secret" : "normal",
    }).returning({ id: incomingDocuments.id });
    ids[key] = d.id;
    return d.id;
  }
  async function part(documentId: string, o: { unitId?: string; userId?: string; role?: "lead" | "coordinate" | "info"; deadline?: string; done?: boolean }) {
    await t.db.insert(incomingAssignments).values({
      documentId, role: o.role ?? "lead", unitId: o.unitId ?? null, userId: o.userId ?? null, assignedBy: w.people.leader.id,
      deadline: o.deadline ?? null, status: o.done ? "done" : "in_progress",
    });
  }

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    foreign = await buildWorld(t.db);
    sub = await addUnit(t.db, w, { parentId: w.divisionId });
    otherUnit = await addUnit(t.db, w);
    const [p2] = await t.db.insert(positions).values({ unitId: sub.id, kind: "staff", title: "Chuyên viên" }).returning({ id: positions.id });
    staff2 = await addPerson(t.db, w, "staff", { positionId: p2.id });
    const [p3] = await t.db.insert(positions).values({ unitId: otherUnit.id, kind: "staff", title: "Chuyên viên" }).returning({ id: positions.id });
    staff3 = await addPerson(t.db, w, "staff", { positionId: p3.id });
    const [h] = await t.db.insert(positions).values({ unitId: otherUnit.id, kind: "unit_head", title: "Trưởng phòng" }).returning({ id: positions.id });
    otherHead = await addPerson(t.db, w, "unit_head", { positionId: h.id });
    expect((await t.db.select().from(userPositions)).length).toBeGreaterThan(0);
    const div = w.divisionId;
    const staff = w.people.staff.id;
    // On time: Mon 02/11 → Fri 06/11 = 4 working days, before its deadline.
    const d1 = await doc("ontime", { arrived: "2026-11-02", status: "done", due: "2026-11-10", done: "2026-11-06" });
    await part(d1, { unitId: div, done: true });
    await part(d1, { userId: staff, done: true });
    // Late: Mon 02/11 → Mon 09/11 = 5 working days (the weekend skipped), past 04/11.
    const d2 = await doc("late", { arrived: "2026-11-02", status: "done", due: "2026-11-04", done: "2026-11-09" });
    await part(d2, { unitId: div, done: true });
    await part(d2, { userId: staff, done: true });
    // Open and overdue by the document's deadline, passed on by the division to its sub-unit and staff2.
    const d3 = await doc("overdueDoc", { arrived: "2026-11-16", status: "in_progress", due: "2026-11-20" });
    await part(d3, { unitId: div, deadline: "2026-11-20" });
    await part(d3, { unitId: sub.id, deadline: "2026-11-20" });
    await part(d3, { userId: staff2.id, deadline: "2026-11-20" });
    // Open, not overdue: another unit.
    const d4 = await doc("open", { arrived: "2026-11-23", status: "in_progress", due: "2026-12-10" });
    await part(d4, { unitId: otherUnit.id, deadline: "2026-12-10" });
    await part(d4, { userId: staff3.id, deadline: "2026-12-10" });
    // Open, overdue by the division's coordinating part only (no deadline on the document).
    const d7 = await doc("overduePart", { arrived: "2026-11-18", status: "in_progress" });
    await part(d7, { unitId: otherUnit.id });
    await part(d7, { unitId: div, role: "coordinate", deadline: "2026-11-25" });
    // The division only for information, a past deadline on that part: not the division's work, not late.
    const d8 = await doc("info", { arrived: "2026-11-19", status: "in_progress" });
    await part(d8, { unitId: otherUnit.id });
    await part(d8, { unitId: div, role: "info", deadline: "2026-11-20" });
    // Never counted: a secret document, one of October, one of another agency.
    const d5 = await doc("secret", { arrived: "2026-11-05", status: "in_progress", secret: true, due: "2026-11-06" });
    await part(d5, { unitId: div, deadline: "2026-11-06" });
    const d6 = await doc("october", { arrived: "2026-10-20", status: "done", due: "2026-10-30", done: "2026-11-03" });
    await part(d6, { unitId: div, done: true });
    const d9 = await doc("foreign", { arrived: "2026-11-05", status: "in_progress", due: "2026-11-06", agencyId: foreign.agencyId });
    await part(d9, { unitId: foreign.divisionId, deadline: "2026-11-06" });
  });
  afterAll(async () => t?.drop());

  const figuresOf = async (userId: string, unitId?: string) => {
    const a = await actor(userId);
    const scope = await monitoringScope(a, unitId, t.db);
    if (!scope) return null;
    return { a, scope, f: await dashboardFigures(a, scope, PERIOD, t.db, TODAY) };
  };
  const listed = async (a: Actor, progress: Progress, by: { within?: string; handlingUnit?: string; handler?: string } = {}) =>
    (await listIncoming(a, { ...PERIOD, progress, ...by, today: TODAY }, t.db)).rows.map((r) => r.id).sort();
  const keys = (...k: string[]) => k.map((x) => ids[x]).sort();

  it("an agency leader sees all the agency's non-secret work, and each number is the list behind it", async () => {
    const r = (await figuresOf(w.people.leader.id))!;
    expect(r.f.total).toEqual({ received: 6, ontime: 1, late: 1, open: 4, overdue: 2, avgDays: 4.5 });
    expect(await listed(r.a, "overdue")).toEqual(keys("overdueDoc", "overduePart"));
    expect(await listed(r.a, "ontime")).toEqual(keys("ontime"));
    expect(await listed(r.a, "late")).toEqual(keys("late"));
    expect(await listed(r.a, "received")).toEqual(keys("ontime", "late", "overdueDoc", "open", "overduePart", "info"));
    const div = r.f.byUnit.find((u) => u.id === w.divisionId)!;
    expect(div).toMatchObject({ received: 4, ontime: 1, late: 1, open: 2, overdue: 2, avgDays: 4.5 });
    expect(await listed(r.a, "received", { handlingUnit: w.divisionId })).toEqual(keys("ontime", "late", "overdueDoc", "overduePart"));
    // Figures are per document: the other unit leads the document the division's part made overdue.
    expect(r.f.byUnit.find((u) => u.id === otherUnit.id)).toMatchObject({ received: 3, open: 3, overdue: 1, avgDays: null });
    const staff = r.f.byPerson.find((p) => p.id === w.people.staff.id)!;
    expect(staff).toMatchObject({ received: 2, ontime: 1, late: 1, open: 0, avgDays: 4.5 });
    expect(await listed(r.a, "received", { handler: w.people.staff.id })).toEqual(keys("ontime", "late"));
    expect(r.f.byPerson.map((p) => p.id)).toContain(staff3.id);
  });

  it("a unit head sees their unit and its sub-units only", async () => {
    const r = (await figuresOf(w.people.unit_head.id))!;
    expect(r.scope.units.map((u) => u.id).sort()).toEqual([w.divisionId, sub.id].sort());
    expect(r.f.total).toEqual({ received: 4, ontime: 1, late: 1, open: 2, overdue: 2, avgDays: 4.5 });
    expect(r.f.byUnit.map((u) => [u.id, u.received]).sort()).toEqual([[w.divisionId, 4], [sub.id, 1]].sort());
    expect(r.f.byPerson.map((p) => [p.id, p.received]).sort()).toEqual([[w.people.staff.id, 2], [staff2.id, 1]].sort());
    expect(await listed(r.a, "overdue", { within: w.divisionId })).toEqual(keys("overdueDoc", "overduePart"));
    // Choosing the sub-unit narrows to it.
    const s = (await figuresOf(w.people.unit_head.id, sub.id))!;
    expect(s.f.total).toMatchObject({ received: 1, open: 1, overdue: 1 });
  });

  it("refuses units outside what the person oversees, and staff altogether", async () => {
    expect(await figuresOf(otherHead.id, w.divisionId)).toBeNull();
    expect(await figuresOf(w.people.unit_head.id, otherUnit.id)).toBeNull();
    expect(await figuresOf(w.people.leader.id, foreign.divisionId)).toBeNull();
    expect(await figuresOf(w.people.staff.id)).toBeNull();
    expect(await figuresOf(w.people.clerk.id)).toBeNull();
    const other = (await figuresOf(otherHead.id))!;
    expect(other.f.total).toMatchObject({ received: 3, open: 3 });
  });

  it("exports the tables as the rows of the page", async () => {
    const book = (await dashboardBook(await actor(w.people.unit_head.id), "people", PERIOD, undefined, t.db))!;
    expect(book.rows.map((r) => r[1]).length).toBe(2);
    expect(book.rows[0].slice(2, 7)).toEqual(["2", "1", "1", "0", "0"]);
    expect(await dashboardBook(await actor(w.people.staff.id), "units", PERIOD, undefined, t.db)).toBeNull();
  });

  it("Báo cáo giải quyết văn bản đến: the same figures by status, deadline, type, leading unit and urgency; clerks and leaders only", async () => {
    const leader = await actor(w.people.leader.id);
    const book = (await loadReport(leader, "incoming", PERIOD, undefined, t.db, TODAY))!;
    const value = (label: string) => book.rows.filter((r) => r[1] === label).map((r) => r[2]);
    expect(book.rows[0]).toEqual(["", "Tổng số văn bản đến", "6", "100"]);
    expect(value("Hoàn thành đúng hạn")).toEqual(["1"]);
    expect(value("Hoàn thành trễ hạn")).toEqual(["1"]);
    expect(value("Đang xử lý quá hạn")).toEqual(["2"]);
    expect(value("Đang xử lý trong hạn")).toEqual(["2"]);
    expect(value("Đang xử lý")).toEqual(["4"]);
    expect(value("Công văn")).toEqual(["6"]);
    expect(value("Thường")).toEqual(["6"]);
    expect(book.headings?.map((h) => h.text)).toEqual([
      "I. THEO TÌNH TRẠNG XỬ LÝ", "II. THEO THỜI HẠN GIẢI QUYẾT", "III. THEO LOẠI VĂN BẢN", "IV. THEO ĐƠN VỊ XỬ LÝ CHÍNH", "V. THEO ĐỘ KHẨN",
    ]);
    const unitRows = book.rows.slice(book.headings![3].at, book.headings![4].at).map((r) => r[2]).sort();
    expect(unitRows).toEqual(["3", "3"]);
    // For one unit: the division and its sub-unit's work only.
    const div = (await loadReport(leader, "incoming", PERIOD, w.divisionId, t.db, TODAY))!;
    expect(div.rows[0][2]).toBe("4");
    // Each section in its order (the largest first); the document the division only coordinates has no leading
    // unit within it: "Chưa xác định". The whole of each section adds up to the total.
    const section = (b: typeof div, i: number) => b.rows.slice(b.headings![i].at, b.headings![i + 1]?.at ?? b.rows.length).map((r) => [r[1], r[2]]);
    expect(section(div, 0)).toEqual([["Đã hoàn thành", "2"], ["Đang xử lý", "2"]]); // a tie: by the status's name in the database
    expect(section(div, 3)).toEqual([["Phòng Tổ chức cán bộ", "3"], ["Chưa xác định", "1"]]);
    expect(section(div, 4)).toEqual([["Thường", "4"]]);
    for (const i of [0, 2, 3, 4]) expect(section(book, i).reduce((n, r) => n + Number(r[1]), 0)).toBe(6);
    expect((await loadReport(await actor(w.people.clerk.id), "incoming", PERIOD, undefined, t.db, TODAY))!.rows[0][2]).toBe("6");
    for (const id of [w.people.staff.id, w.people.unit_head.id, w.people.archivist.id]) {
      expect(await loadReport(await actor(id), "incoming", PERIOD, undefined, t.db, TODAY)).toBeNull();
    }
    expect(await loadReport(leader, "incoming", PERIOD, foreign.divisionId, t.db, TODAY)).toBeNull();
  });

  it("Báo cáo giải quyết văn bản đi: drafts of the period by status and unit, replies on time or late", async () => {
    const base = { agencyId: w.agencyId, draftingUnitId: w.divisionId, drafterId: w.people.staff.id, signerId: w.people.leader.id, docType: "Công văn", subject: "Trả lời" };
    await t.db.insert(outgoingDocuments).values([
      { ...base, status: "issued", replyToId: ids.late, issuedAt: at("2026-11-09"), createdAt: at("2026-11-05") },
      { ...base, status: "issued", replyToId: ids.ontime, issuedAt: at("2026-11-06"), createdAt: at("2026-11-04") },
      { ...base, status: "draft", createdAt: at("2026-11-20"), draftingUnitId: otherUnit.id, urgency: "urgent" },
      { ...base, status: "draft", createdAt: at("2026-10-20") },
    ]);
    const book = (await loadReport(await actor(w.people.leader.id), "outgoing", PERIOD, undefined, t.db, TODAY))!;
    const value = (label: string) => book.rows.filter((r) => r[1] === label).map((r) => r[2]);
    expect(book.rows[0][2]).toBe("3");
    expect(value("Đã phát hành")).toEqual(["2", "2"]);
    expect(value("Trả lời đúng hạn")).toEqual(["1"]);
    expect(value("Trả lời trễ hạn")).toEqual(["1"]);
    expect(value("Khẩn")).toEqual(["1"]);
    const oneUnit = (await loadReport(await actor(w.people.leader.id), "outgoing", PERIOD, otherUnit.id, t.db, TODAY))!;
    expect(oneUnit.rows[0][2]).toBe("1");
  });
});

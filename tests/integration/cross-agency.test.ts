import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencies, auditEvents, users } from "@/db/schema";
import { createAgency, createAgencyAdmin } from "@/lib/agencies/actions";
import { listAgencies, loadAgencyForProvince } from "@/lib/agencies/queries";
import { checkFileAccess } from "@/lib/access/files";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { assignDocument, submitToLeader } from "@/lib/incoming/actions";
import { getIncoming, listIncoming, myWork } from "@/lib/incoming/queries";
import { dashboardFigures, monitoringScope } from "@/lib/monitoring/dashboard";
import { overviewFor } from "@/lib/monitoring/overview";
import { loadReport, REPORT_KINDS } from "@/lib/monitoring/reports";
import { DASHBOARD_TABLES, dashboardBook } from "@/lib/monitoring/tables";
import { latestNotifications, notificationsPage } from "@/lib/notifications";
import { getOutgoing, listOutgoing } from "@/lib/outgoing/queries";
import { loadBook } from "@/lib/register-books";
import { getPlanPage, getWorkFile, listWorkFiles, searchArchive } from "@/lib/work-files/queries";
import { buildProvince, type Person } from "../factories/org";
import { MIME } from "../factories/outgoing";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";
import { buildMatrix, fb, nf, YEAR, type Matrix, type Side } from "./matrix/world";

// Issue 15 item 4, security.md §5 row 1: several agencies in one installation. With both agencies
// holding documents at every stage, a person of agency B sees nothing of agency A in any list, search,
// book, dashboard, notification or file, through the same read functions the pages use; A's ids in
// B's hands answer like missing ones. The province administrator manages agencies and reads no
// document of any. (Every action × foreign row and foreign ids: tests/integration/action-matrix.test.ts.)

const PERIOD = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };
const KINDS = ["admin", "clerk", "leader", "office_chief", "checker", "unit_head", "unit_deputy", "staff", "archivist"] as const;
const ids = (rows: ReadonlyArray<{ id: string }>) => rows.map((r) => r.id).sort();

describe.each(DB_KINDS)("agencies in one installation on %s", (kind) => {
  let t: TestDb;
  let m: Matrix;
  let province: { agencyId: string; admin: Person };
  const actor = async (id: string) => (await loadActor(t.db, id)) as Actor;
  /** Agency A's rows: documents at several stages, a work file, a stored file. */
  const a = { incoming: [] as string[], outgoing: [] as string[], files: [] as string[], stored: [] as string[] };
  const b = { incoming: [] as string[], outgoing: [] as string[], files: [] as string[] };
  let before: Map<string, unknown>;

  /** Everything a person reads through the pages' functions, as comparable data. */
  async function readsOf(who: Actor) {
    const db = t.db;
    const books: Record<string, unknown> = {};
    for (const book of ["incoming", "tracking", "outgoing"] as const) {
      for (const series of ["normal", "secret"] as const) books[`${book}/${series}`] = (await loadBook(who, { book, series, year: YEAR }, db))?.rows ?? null;
    }
    for (const kind of REPORT_KINDS) books[`report/${kind}`] = (await loadReport(who, kind, PERIOD, undefined, db))?.rows ?? null;
    for (const table of DASHBOARD_TABLES) books[`dashboard/${table}`] = (await dashboardBook(who, table, PERIOD, undefined, db))?.rows ?? null;
    const scope = await monitoringScope(who, undefined, db);
    const plan = await getPlanPage(who, YEAR, {}, db);
    return {
      incoming: ids((await listIncoming(who, {}, db)).rows),
      incomingSearch: ids((await listIncoming(who, { q: "cải cách hành chính" }, db)).rows),
      incomingSearchSymbol: ids((await listIncoming(who, { symbol: "UBND-VX" }, db)).rows),
      myWork: (await myWork(who, 1, db)).rows.map((r) => r.documentId).sort(),
      outgoing: ids((await listOutgoing(who, {}, db)).rows),
      outgoingSearch: ids((await listOutgoing(who, { q: "Dự thảo" }, db)).rows),
      books,
      workFiles: ids((await listWorkFiles(who, { scope: "all" }, db)).rows),
      archive: (await searchArchive(who, {}, db))?.rows.map((r) => r.id) ?? null,
      plan: plan ? JSON.stringify(plan) : null,
      overview: (await overviewFor(who, { db })).counts.map((c) => [c.key, c.count]),
      dashboard: scope ? await dashboardFigures(who, scope, PERIOD, db) : null,
      notifications: (await notificationsPage(who, 1, db)).rows.map((n) => n.id),
      latest: (await latestNotifications(who, 10, db)).map((n) => n.id),
    };
  }
  const people = (s: Side) => KINDS.map((k) => [k, s.w.people[k].id] as const);

  beforeAll(async () => {
    t = await createTestDb(kind);
    m = await buildMatrix(t.db);
    province = await buildProvince(t.db);
    // B holds documents of its own first, so its lists are not empty by construction.
    b.incoming.push((await m.assigned(m.them)).id, await m.registered(m.them));
    b.outgoing.push(await m.draftAt("issued", m.them), await m.draftAt("awaiting_review", m.them));
    b.files.push(await m.workFile(m.them));
    before = new Map();
    for (const [k, id] of people(m.them)) before.set(`B ${k}`, await readsOf(await actor(id)));
    before.set("province", await readsOf(await actor(province.admin.id)));
    // Then A: a registered document with a scan, a submitted and an assigned one, drafts, an issued one, a work file.
    const scan = await m.file(m.us, MIME.pdf, m.w.people.clerk.id);
    a.stored.push(scan);
    a.incoming.push(await m.registered(m.us, { fileIds: [scan] }), await m.submitted(m.us), (await m.assigned(m.us)).id);
    a.outgoing.push(await m.draftAt("issued"), await m.draftAt("awaiting_signature"), await m.draft());
    a.files.push(await m.workFile(m.us, "Hồ sơ cải cách hành chính"));
  });
  afterAll(async () => t?.drop());

  it("agency A's own people see A's new documents (the specs below are not vacuous)", async () => {
    const clerk = await readsOf(await actor(m.w.people.clerk.id));
    expect(clerk.incoming).toEqual(expect.arrayContaining(a.incoming));
    expect(clerk.incomingSearch.length).toBeGreaterThan(0);
    expect(clerk.outgoing).toEqual(expect.arrayContaining([a.outgoing[0]]));
    expect((clerk.books["incoming/normal"] as string[][]).length).toBeGreaterThan(0);
    const staff = await readsOf(await actor(m.w.people.staff.id));
    expect(staff.workFiles).toEqual(expect.arrayContaining(a.files));
    expect(staff.notifications.length).toBeGreaterThan(0);
    // B's people see B's own documents.
    const bClerk = before.get("B clerk") as Awaited<ReturnType<typeof readsOf>>;
    expect(bClerk.incoming).toEqual(expect.arrayContaining(b.incoming));
    expect((bClerk.books["incoming/normal"] as string[][]).length).toBe(2);
  });

  it("a person of agency B, whatever their position, reads exactly what they read before A's documents existed", async () => {
    for (const [k, id] of people(m.them)) {
      const now = await readsOf(await actor(id));
      expect(now, `B ${k}`).toEqual(before.get(`B ${k}`));
      const all = JSON.stringify(now);
      for (const x of [...a.incoming, ...a.outgoing, ...a.files]) expect(all, `B ${k} never lists ${x}`).not.toContain(x);
    }
  });

  it("A's ids in B's hands: the document, work file and stored file answer as missing", async () => {
    for (const [k, id] of people(m.them)) {
      const who = await actor(id);
      for (const x of a.incoming) expect(await getIncoming(who, x, t.db), `B ${k} incoming`).toBeNull();
      for (const x of a.outgoing) expect(await getOutgoing(who, x, t.db), `B ${k} outgoing`).toBeNull();
      for (const x of a.files) expect(await getWorkFile(who, x, t.db), `B ${k} work file`).toBeNull();
      for (const x of a.stored) expect((await checkFileAccess(t.db, who, x))?.allowed, `B ${k} stored file`).toBe(false);
    }
    // And acting on them is refused like a missing row, changing nothing (the action matrix does this for every action).
    const [registered, submitted] = a.incoming;
    await m.refused(submitToLeader, m.them.w.people.clerk.id, { id: registered, leaderId: m.them.w.people.leader.id }, nf);
    await m.refused(assignDocument, m.them.w.people.leader.id, {
      id: submitted, instruction: "Xử lý.", recipients: [{ kind: "unit", targetId: m.them.w.divisionId, role: "lead" }],
    }, nf);
  });

  it("the province administrator reads no document of any agency, before or after", async () => {
    const who = await actor(province.admin.id);
    const now = await readsOf(who);
    expect(now).toEqual(before.get("province"));
    expect(now).toMatchObject({ incoming: [], incomingSearch: [], myWork: [], outgoing: [], outgoingSearch: [], workFiles: [], archive: null, plan: null, dashboard: null, notifications: [] });
    for (const [book, rows] of Object.entries(now.books)) expect(rows, book).toBeNull();
    for (const [, n] of now.overview) expect(n).toBe(0);
    for (const x of [...a.incoming, ...b.incoming]) expect(await getIncoming(who, x, t.db)).toBeNull();
    for (const x of [...a.outgoing, ...b.outgoing]) expect(await getOutgoing(who, x, t.db)).toBeNull();
    for (const x of [...a.files, ...b.files]) expect(await getWorkFile(who, x, t.db)).toBeNull();
    for (const x of a.stored) expect((await checkFileAccess(t.db, who, x))?.allowed).toBe(false);
    // No document action is open to it: no position of its grants a document verb.
    await m.refused(submitToLeader, province.admin.id, { id: a.incoming[0], leaderId: m.w.people.leader.id }, fb);
  });

  it("the province administrator lists the agencies with their people and creates an agency with its first administrator", async () => {
    const who = await actor(province.admin.id);
    const count = async (agencyId: string) => (await t.db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.agencyId, agencyId)))[0].n;
    const listed = await listAgencies(who, "", 1, t.db);
    const byId = new Map(listed.rows.map((r) => [r.id, r]));
    expect(byId.get(m.w.agencyId)?.users).toBe(await count(m.w.agencyId));
    expect(byId.get(m.them.w.agencyId)?.users).toBe(await count(m.them.w.agencyId));
    expect(byId.get(m.w.agencyId)?.admins).toBeGreaterThanOrEqual(1);
    expect(byId.has(province.agencyId), "the province's own row is not an agency of the list").toBe(false);
    // An agency's own administrator (or anyone else) gets nothing from the list.
    expect((await listAgencies(await actor(m.w.people.admin.id), "", 1, t.db)).rows).toEqual([]);
    expect(await loadAgencyForProvince(await actor(m.w.people.admin.id), m.them.w.agencyId, t.db)).toBeNull();

    const created = await m.ok<{ id: string; adminId: string }>(createAgency, province.admin.id, {
      name: "Sở Tư pháp tỉnh Bình Định", code: "stp", organId: "000.00.12.h10", parentName: "UBND tỉnh Bình Định", placeName: "Bình Định",
      adminUsername: "QuanTri.STP", adminFullName: "Lê Văn Pháp", adminPassword: "Tu-Phap-2026!x",
    });
    const [row] = await t.db.select().from(agencies).where(eq(agencies.id, created.id));
    expect(row).toMatchObject({ code: "STP", organId: "000.00.12.H10", province: false });
    const detail = await loadAgencyForProvince(who, created.id, t.db);
    expect(detail).toMatchObject({ users: 1, activeUsers: 1, admins: 1, adminUsers: [{ username: "quantri.stp", fullName: "Lê Văn Pháp", active: true }] });
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "agencies.create"), eq(auditEvents.objectId, created.id)));
    expect(audit).toMatchObject({ outcome: "success", actorId: province.admin.id });
    // The new administrator manages their own agency and reads nothing of the others.
    const stpAdmin = await actor(created.adminId);
    expect(stpAdmin).toMatchObject({ agencyId: created.id, positions: [{ kind: "admin" }] });
    expect((await listIncoming(stpAdmin, {}, t.db)).rows).toEqual([]);
    expect((await listOutgoing(stpAdmin, {}, t.db)).rows).toEqual([]);
    // The same code, mã định danh or login name again: refused on the field, nothing written.
    const again = { name: "Sở khác", code: "STP", organId: "000.00.12.H11", parentName: "", placeName: "", adminUsername: "qt.khac", adminFullName: "Người khác", adminPassword: "Mat-Khau-2026!x" };
    await m.refused(createAgency, province.admin.id, again, { code: "validation", field: "code" });
    await m.refused(createAgency, province.admin.id, { ...again, code: "SKHAC", organId: "000.00.12.H10" }, { code: "validation", field: "organId" });
    await m.refused(createAgency, province.admin.id, { ...again, code: "SKHAC", adminUsername: "quantri.stp" }, { code: "validation", field: "adminUsername" });

    // Another administrator for agency B: B's administrators go up by one; the list says so.
    const adminsBefore = byId.get(m.them.w.agencyId)!.admins;
    await m.ok(createAgencyAdmin, province.admin.id, { agencyId: m.them.w.agencyId, adminUsername: "qt2.b", adminFullName: "Quản trị hai", adminPassword: "Quan-Tri-2026!x" });
    const after = new Map((await listAgencies(who, "", 1, t.db)).rows.map((r) => [r.id, r]));
    expect(after.get(m.them.w.agencyId)?.admins).toBe(adminsBefore + 1);
    expect((await listAgencies(who, "tư pháp", 1, t.db)).rows.map((r) => r.id)).toEqual([created.id]);
  });
});

import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencies, agencyPositionKinds, filePlanItems, filePlans, incomingDocuments, positions, registers, units, userPositions, users } from "@/db/schema";
import { ensureFirstAdmin } from "@/lib/seed/bootstrap";
import { seedDemo, seedProvinceAdmin, seedSecondAgency, wantsProvinceAdmin, wantsSecondAgency } from "@/lib/seed/demo";
import { seedSecondAgencyDocuments } from "@/lib/seed/demo-second";
import { demoAgency, demoDataSet, secondAgencySet } from "@/lib/seed/demo-data";
import { countRows, createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// product.md §9: the demo agency, about 25 people across every position; seeding is idempotent.
const cheapHash = async (pw: string) => `test$${pw.length}`;
const tables = { agencies, units, positions, users, userPositions };
const counts = async (t: TestDb) =>
  Object.fromEntries(await Promise.all(Object.entries(tables).map(async ([k, tbl]) => [k, await countRows(t.db, tbl)] as const)));

describe.each(DB_KINDS)("demo seed on %s", (kind) => {
  let t: TestDb;
  let agencyId: string;
  beforeAll(async () => {
    t = await createTestDb(kind);
    expect(await seedDemo(t.db, cheapHash)).toEqual({ created: true });
    [{ id: agencyId }] = await t.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, demoAgency.code));
  });
  afterAll(async () => t?.drop());

  it("a second run changes nothing", async () => {
    const before = await counts(t);
    const hashesBefore = await t.db.select({ id: users.id, h: users.passwordHash }).from(users).orderBy(users.id);
    let hashed = 0;
    expect(await seedDemo(t.db, async (pw) => (hashed++, cheapHash(pw)))).toEqual({ created: false });
    expect(await counts(t)).toEqual(before);
    expect(await t.db.select({ id: users.id, h: users.passwordHash }).from(users).orderBy(users.id)).toEqual(hashesBefore);
    // The idempotent path does not even pay for a password hash.
    expect(hashed).toBe(0);
  });

  it("has about 25 people or more, all with a password and at least one position", async () => {
    const people = await t.db.select().from(users).where(eq(users.agencyId, agencyId));
    expect(people.length).toBeGreaterThanOrEqual(25);
    for (const p of people) {
      expect(p.passwordHash, p.username).toBeTruthy();
      expect(p.active).toBe(true);
      expect(await t.db.select().from(userPositions).where(eq(userPositions.userId, p.id)), p.username).not.toHaveLength(0);
    }
    expect(new Set(people.map((p) => p.username.toLowerCase())).size).toBe(people.length);
  });

  it("has a holder for every position kind", async () => {
    const held = await t.db
      .selectDistinct({ kind: positions.kind })
      .from(userPositions)
      .innerJoin(positions, eq(positions.id, userPositions.positionId))
      .innerJoin(units, eq(units.id, positions.unitId))
      .where(eq(units.agencyId, agencyId));
    expect(held.map((h) => h.kind).sort()).toEqual([...agencyPositionKinds].sort());
  });

  it("has an affiliated unit with child divisions, and every unit belongs to the agency", async () => {
    const all = await t.db.select().from(units).where(eq(units.agencyId, agencyId));
    expect(await countRows(t.db, units)).toBe(all.length);
    const affiliated = all.filter((u) => u.kind === "affiliated");
    expect(affiliated.length).toBeGreaterThan(0);
    const withChildren = affiliated.filter((a) => all.some((u) => u.parentId === a.id && u.kind === "division"));
    expect(withChildren.length).toBeGreaterThan(0);
    for (const kind of ["leadership", "office", "division"] as const) expect(all.some((u) => u.kind === kind), kind).toBe(true);
    const ids = new Set(all.map((u) => u.id));
    for (const u of all) if (u.parentId) expect(ids.has(u.parentId)).toBe(true);
  });

  it("exactly one active administrator, so the last-admin guards apply from the start", async () => {
    const [row] = await t.db.execute<{ n: number }>(sql`
      select count(distinct u.id)::int as n from ${users} u
      join ${userPositions} up on up.user_id = u.id join ${positions} p on p.id = up.position_id
      where u.agency_id = ${agencyId} and u.active and p.kind = 'admin'`).then((r) => r.rows);
    expect(row.n).toBe(1);
  });
});

describe.each(DB_KINDS)("first administrator on %s", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => t?.drop());

  it("is created once with its agency, Văn phòng and admin position; a second run changes nothing", async () => {
    const input = {
      agency: { code: "STP", name: "Sở Tư pháp", parentName: "UBND tỉnh", organId: "000.00.13.H08" },
      username: "QuanTri",
      fullName: "Quản Trị Viên",
      passwordHash: "hash",
    };
    expect(await ensureFirstAdmin(t.db, input)).toEqual({ created: true });
    const before = await counts(t);
    expect(await ensureFirstAdmin(t.db, { ...input, username: "quantri" })).toEqual({ created: false });
    expect(await counts(t)).toEqual(before);
    const [u] = await t.db.select().from(users).where(eq(users.username, "quantri"));
    const held = await t.db
      .select({ kind: positions.kind, unit: units.code })
      .from(userPositions)
      .innerJoin(positions, eq(positions.id, userPositions.positionId))
      .innerJoin(units, eq(units.id, positions.unitId))
      .where(eq(userPositions.userId, u.id));
    expect(held).toEqual([{ kind: "admin", unit: "VP" }]);
    expect(before).toMatchObject({ agencies: 1, units: 1, positions: 1, users: 1, userPositions: 1 });
  });
});

// The second demo agency (DEMO_AGENCY=stc), the other side of the liên thông tests (tests/exchange).
describe.each(DB_KINDS)("second demo agency (Sở Tài chính) on %s", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => t?.drop());

  it("seeds Sở Tài chính with its own mã định danh, a holder for every position kind, once", async () => {
    const set = demoDataSet("stc");
    expect(await seedDemo(t.db, cheapHash, set)).toEqual({ created: true });
    expect(await seedDemo(t.db, cheapHash, set)).toEqual({ created: false });
    const all = await t.db.select().from(agencies);
    expect(all.map((a) => [a.name, a.organId])).toEqual([["Sở Tài chính tỉnh Bình Định", "000.00.12.H09"]]);
    expect(set.agency.organId).not.toBe(demoAgency.organId);
    const held = await t.db
      .selectDistinct({ kind: positions.kind })
      .from(userPositions)
      .innerJoin(positions, eq(positions.id, userPositions.positionId));
    expect(held.map((h) => h.kind).sort()).toEqual([...agencyPositionKinds].sort());
    // The same login names as the default agency for the people the tests use.
    const names = (await t.db.select({ u: users.username }).from(users)).map((r) => r.u);
    expect(names).toEqual(expect.arrayContaining(["quantri", "giamdoc", "chanhvp", "vanthu", "luutru"]));
  });

  it("the default stays Sở Nội vụ whatever else DEMO_AGENCY says", () => {
    expect(demoDataSet(undefined).agency).toBe(demoAgency);
    expect(demoDataSet("snv").agency).toBe(demoAgency);
    expect(demoDataSet("STC").agency.code).toBe("STC");
  });
});

// One installation, several agencies (issue 15 item 4): `npm start` seeds Sở Tài chính ("stc.…" logins)
// and the Quản trị cấp tỉnh next to Sở Nội vụ (scripts/prepare-db.ts, DEMO_SECOND_AGENCY=0 leaves them out).
describe.each(DB_KINDS)("second agency in the same installation on %s", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
    await seedDemo(t.db, cheapHash);
  });
  afterAll(async () => t?.drop());

  it("seeds Sở Tài chính with its own units, registers and file plan, distinct logins, and the province administrator, once", async () => {
    expect(await seedSecondAgency(t.db, cheapHash)).toEqual({ created: true });
    expect(await seedProvinceAdmin(t.db, cheapHash)).toEqual({ created: true });
    expect(await seedSecondAgencyDocuments(t.db)).toEqual({ created: true });
    const before = await counts(t);
    expect(await seedSecondAgency(t.db, cheapHash)).toEqual({ created: false });
    expect(await seedProvinceAdmin(t.db, cheapHash)).toEqual({ created: false });
    expect(await seedSecondAgencyDocuments(t.db)).toEqual({ created: false });
    expect(await counts(t)).toEqual(before);

    const all = await t.db.select().from(agencies).orderBy(agencies.code);
    expect(all.map((a) => [a.code, a.province])).toEqual([["QTT", true], ["SNV", false], ["STC", false]]);
    const stc = all.find((a) => a.code === "STC")!;
    const stcUsers = await t.db.select({ u: users.username }).from(users).where(eq(users.agencyId, stc.id));
    expect(stcUsers.length).toBe(secondAgencySet().people.length);
    expect(stcUsers.every((r) => r.u.startsWith("stc."))).toBe(true);
    expect(stcUsers.map((r) => r.u)).toEqual(expect.arrayContaining(["stc.quantri", "stc.vanthu", "stc.giamdoc"]));
    const [{ n: regs }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(registers).where(eq(registers.agencyId, stc.id));
    expect(regs).toBe(4);
    const [{ n: items }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(filePlanItems)
      .innerJoin(filePlans, eq(filePlans.id, filePlanItems.planId)).where(eq(filePlans.agencyId, stc.id));
    expect(items).toBe(secondAgencySet().filePlan.flatMap((h) => h.items).length);
    // Its documents are numbered in its own register from 1, whatever Sở Nội vụ holds.
    const docs = await t.db.select({ no: incomingDocuments.arrivalNo }).from(incomingDocuments).where(eq(incomingDocuments.agencyId, stc.id));
    expect(docs.map((d) => d.no).sort()).toEqual([1, 2, 3]);
    // The province administrator holds only the province_admin position, in the province's own row.
    const [qt] = await t.db.select().from(users).where(eq(users.username, "quantri.tinh"));
    const held = await t.db.select({ kind: positions.kind, agencyId: units.agencyId }).from(userPositions)
      .innerJoin(positions, eq(positions.id, userPositions.positionId)).innerJoin(units, eq(units.id, positions.unitId))
      .where(eq(userPositions.userId, qt.id));
    expect(held).toEqual([{ kind: "province_admin", agencyId: all.find((a) => a.code === "QTT")!.id }]);
  });

  it("is on by default for the Sở Nội vụ installation, off for DEMO_AGENCY=stc or DEMO_SECOND_AGENCY=0 (the province administrator stays)", () => {
    expect(wantsSecondAgency({})).toBe(true);
    expect(wantsSecondAgency({ DEMO_AGENCY: "stc" })).toBe(false);
    expect(wantsSecondAgency({ DEMO_SECOND_AGENCY: "0" })).toBe(false);
    expect(wantsProvinceAdmin({ DEMO_SECOND_AGENCY: "0" })).toBe(true);
    expect(wantsProvinceAdmin({ DEMO_AGENCY: "stc" })).toBe(false);
  });
});

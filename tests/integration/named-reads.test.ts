import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outgoingDocuments, positions, signingDelegations, userPositions, workFileEntries, workFiles } from "@/db/schema";
import { outgoingReadableBy } from "@/lib/access/outgoing";
import { workFileReadableBy } from "@/lib/access/work-files";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { dataVersion } from "@/lib/cache/data-version";
import { signerOptions } from "@/lib/delegations/coverage";
import { monitoringScope } from "@/lib/monitoring/dashboard";
import { unitHeadsByUnit } from "@/lib/org/heads";
import { repliesTo } from "@/lib/outgoing/queries";
import { outgoingRecipientOptions } from "@/lib/outgoing/options";
import { filesForDocument, planYears, retentionOptions } from "@/lib/work-files/queries";
import { todayInVietnam } from "@/lib/dates";
import { addPerson, buildWorld, type World } from "../factories/org";
import { buildPlan, buildWorkFile, addEntry, incomingEntryDoc, outgoingEntryDoc } from "../factories/work-files";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// The reads that became statements made once per database handle (db/named.ts): a reader's rule written into a
// statement's text must never answer another reader. Each reader, in turn and again in the other order, gets what
// the same rule written out in an ad-hoc query gives, on both databases.
describe.each(DB_KINDS)("reads made once per handle on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let other: World;
  let incomingId: string;
  let fileId: string;
  const actor = async (id: string) => (await loadActor(t.db, id)) as Actor;

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    other = await buildWorld(t.db);
    incomingId = await incomingEntryDoc(t.db, w, []);
    // Two replies: one issued, one still the staff member's draft (which the clerk does not read).
    await outgoingEntryDoc(t.db, w, null, { replyToId: incomingId, subject: "Trả lời về tuyển dụng" });
    await outgoingEntryDoc(t.db, w, null, { replyToId: incomingId, status: "draft", symbol: null, issuedDate: null, subject: "Dự thảo trả lời" });
    const plan = await buildPlan(t.db, w, 2026);
    fileId = await buildWorkFile(t.db, w, { itemId: plan.items.person, year: 2026, code: "01.TCCB", title: "Hồ sơ tuyển dụng công chức" });
    await buildWorkFile(t.db, w, { itemId: plan.items.unit, year: 2026, code: "02.TCCB", title: "Hồ sơ nâng bậc lương năm" });
    await addEntry(t.db, fileId, 1, { kind: "incoming", incomingId });
  });
  afterAll(async () => t?.drop());

  it("the replies to a document: each reader by their own rule, whoever read first", async () => {
    const readers = [w.people.clerk.id, w.people.staff.id, w.people.leader.id, other.people.clerk.id, (await addPerson(t.db, w, "staff")).id];
    const expected = async (a: Actor) =>
      (
        await t.db
          .select({ id: outgoingDocuments.id })
          .from(outgoingDocuments)
          .where(and(eq(outgoingDocuments.replyToId, incomingId), outgoingReadableBy(a)))
          .orderBy(asc(outgoingDocuments.createdAt))
      ).map((r) => r.id);
    const seen = new Set<number>();
    for (const order of [readers, [...readers].reverse()]) {
      for (const id of order) {
        const a = await actor(id);
        const got = (await repliesTo(a, incomingId, t.db)).map((r) => r.id);
        expect(got).toEqual(await expected(a));
        seen.add(got.length);
      }
    }
    // The readers differ: the drafter reads both, another agency's clerk none.
    expect(seen.has(0)).toBe(true);
    expect(seen.has(2)).toBe(true);
  });

  it("the files a document is in and the reader's open files, per reader", async () => {
    const readers = [w.people.staff.id, w.people.unit_head.id, w.people.archivist.id, other.people.staff.id];
    for (const order of [readers, [...readers].reverse()]) {
      for (const id of order) {
        const a = await actor(id);
        const got = await filesForDocument(a, "incoming", incomingId, t.db);
        const holding = await t.db
          .select({ id: workFiles.id })
          .from(workFileEntries)
          .innerJoin(workFiles, eq(workFiles.id, workFileEntries.fileId))
          .where(and(eq(workFileEntries.incomingId, incomingId), workFileReadableBy(a)))
          .orderBy(desc(workFiles.year), asc(workFiles.code));
        expect(got.holding.map((f) => f.id)).toEqual(holding.map((f) => f.id));
        expect(got.open.every((f) => !holding.some((h) => h.id === f.id))).toBe(true);
      }
    }
    const staff = await filesForDocument(await actor(w.people.staff.id), "incoming", incomingId, t.db);
    expect(staff.holding.map((f) => f.code)).toEqual(["01.TCCB"]);
    expect(staff.open.map((f) => f.code)).toEqual(["02.TCCB"]);
    expect(await filesForDocument(await actor(other.people.staff.id), "incoming", incomingId, t.db)).toEqual({ open: [], holding: [] });
  });

  it("heads by unit, the plan's years, retention periods, the data version and the draft form's options", async () => {
    const heads = await unitHeadsByUnit(t.db, [w.divisionId, w.officeId, other.divisionId]);
    const written = await t.db
      .select({ id: userPositions.userId, unitId: positions.unitId })
      .from(userPositions)
      .innerJoin(positions, eq(positions.id, userPositions.positionId))
      .where(and(inArray(positions.unitId, [w.divisionId, w.officeId, other.divisionId]), inArray(positions.kind, ["unit_head", "unit_deputy", "office_chief"])));
    expect([...heads.values()].flat().sort()).toEqual(written.map((r) => r.id).sort());
    expect(heads.get(w.divisionId)).toEqual(expect.arrayContaining([w.people.unit_head.id, w.people.unit_deputy.id]));
    expect(heads.get(other.divisionId)).toEqual(expect.arrayContaining([other.people.unit_head.id]));
    expect(await unitHeadsByUnit(t.db, [])).toEqual(new Map());

    expect(await planYears(await actor(w.people.archivist.id), t.db)).toEqual([2026]);
    expect(await planYears(await actor(other.people.archivist.id), t.db)).toEqual([]);
    const retention = await retentionOptions(t.db);
    expect(retention.length).toBeGreaterThan(0);
    expect(retention.map((r) => r.sortOrder)).toEqual([...retention.map((r) => r.sortOrder)].sort((a, b) => a - b));

    expect(await dataVersion(t.db, w.agencyId)).toBeGreaterThan(0);
    expect(await dataVersion(t.db, "00000000-0000-4000-8000-000000000000")).toBe(0);

    // A delegation in force today adds its holder to the signers; one ended yesterday does not.
    const today = todayInVietnam();
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await t.db.insert(signingDelegations).values([
      { agencyId: w.agencyId, delegatorId: w.people.leader.id, delegateId: w.people.staff.id, form: "tuq", validFrom: yesterday, validTo: today, createdBy: w.people.admin.id },
      { agencyId: w.agencyId, delegatorId: w.people.leader.id, delegateId: w.people.checker.id, form: "tuq", validFrom: yesterday, validTo: yesterday, createdBy: w.people.admin.id },
    ] as (typeof signingDelegations.$inferInsert)[]);
    const signers = (await signerOptions(w.agencyId, new Date(), t.db)).map((s) => s.id);
    expect(signers).toContain(w.people.leader.id);
    expect(signers).toContain(w.people.staff.id);
    expect(signers).not.toContain(w.people.checker.id);
    expect((await signerOptions(other.agencyId, new Date(), t.db)).map((s) => s.id)).toEqual([other.people.leader.id]);

    const options = await outgoingRecipientOptions(w.agencyId, { people: [] });
    expect(options.filter((o) => o.kind === "unit").map((o) => o.id)).toEqual(expect.arrayContaining([w.divisionId, w.officeId]));
    expect(options.some((o) => o.id === other.divisionId)).toBe(false);
  });

  it("the units a person oversees: the head's subtree, the director's agency, nothing for staff", async () => {
    const head = await monitoringScope(await actor(w.people.unit_head.id), undefined, t.db);
    const director = await monitoringScope(await actor(w.people.leader.id), undefined, t.db);
    const foreign = await monitoringScope(await actor(other.people.leader.id), undefined, t.db);
    expect(head?.units.map((u) => u.id)).toEqual([w.divisionId]);
    expect(director?.units.map((u) => u.id)).toEqual(expect.arrayContaining([w.divisionId, w.officeId]));
    expect(foreign?.units.some((u) => u.id === w.divisionId)).toBe(false);
    expect(await monitoringScope(await actor(w.people.staff.id), undefined, t.db)).toBeNull();
    // Read again in the other order: the kept statements answer the same.
    expect((await monitoringScope(await actor(other.people.leader.id), undefined, t.db))?.units).toEqual(foreign?.units);
    expect((await monitoringScope(await actor(w.people.unit_head.id), undefined, t.db))?.units).toEqual(head?.units);
  });
});

import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { notifications, outgoingDocuments, positions, signingDelegations, type PositionKind } from "@/db/schema";
import { executeAction, type ActionDefinition } from "@/lib/actions/define";
import { loadActor } from "@/lib/auth/actor";
import { createDelegation, revokeDelegation } from "@/lib/delegations/actions";
import { canSignDocument, delegationsCovering, signatureBlockOf, signerOptions } from "@/lib/delegations/coverage";
import { delegationFormOptions, listDelegations } from "@/lib/delegations/queries";
import { approveDraft, checkDraft, createDraft, signDraft, submitDraft } from "@/lib/outgoing/actions";
import { todayInVietnam } from "@/lib/dates";
import { addPerson, buildWorld, callerOf, keyed, type World } from "../factories/org";
import { draftInput, MIME, storedFile } from "../factories/outgoing";
import { auditRows, createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Issue 14, ủy quyền ký: recorded by a leader for their own authority (or by the administrator),
// revoked at once; KT. for a deputy, TUQ./TL. for unit heads; coverage by document type and by
// calendar day in Vietnam; the Chánh Văn phòng's check refuses a form no delegation covers; the
// signer list, the signature block and Ký duyệt follow the delegations.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDef = ActionDefinition<any, any, any>;

const DAY = 86_400_000;
const plusDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

describe.each(DB_KINDS)("signing delegations on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let other: World;
  let head: { id: string };
  let deputy: { id: string };
  let deputy2: { id: string };
  let chief: { id: string };
  let today: string;

  const run = (def: AnyDef, userId: string | null, input: unknown) => executeAction(def, userId ? callerOf(userId) : null, keyed(input), t.db);
  const ok = async <T,>(p: Promise<{ ok: boolean; data?: T }>) => {
    const r = await p;
    expect(r).toMatchObject({ ok: true });
    return (r as { data: T }).data;
  };
  const input = (over: Record<string, unknown> = {}) => ({
    delegatorId: head.id, delegateId: deputy.id, form: "kt", allTypes: true, docTypes: [], validFrom: today, validTo: plusDays(today, 30), note: "", ...over,
  });
  const doc = async (id: string) => (await t.db.select().from(outgoingDocuments).where(eq(outgoingDocuments.id, id)))[0];

  async function personIn(db: Db, world: World, unitId: string, k: PositionKind, title: string) {
    const [p] = await db.insert(positions).values({ unitId, kind: k, title }).returning({ id: positions.id });
    return addPerson(db, world, k, { positionId: p.id });
  }

  /** A draft of the staff member, brought to Chờ kiểm tra thể thức. */
  async function atCheck(over: Record<string, unknown>) {
    const fileIds = [await storedFile(t.db, w.agencyId, w.people.staff.id, MIME.docx)];
    const { id } = await ok<{ id: string }>(run(createDraft, w.people.staff.id, draftInput(head.id, { fileIds, ...over })));
    await ok(run(submitDraft, w.people.staff.id, { id }));
    await ok(run(approveDraft, w.people.unit_head.id, { id, comment: "" }));
    return id;
  }

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    other = await buildWorld(t.db);
    head = await personIn(t.db, w, w.officeId, "leader", "Giám đốc");
    deputy = await personIn(t.db, w, w.officeId, "leader", "Phó Giám đốc");
    deputy2 = await personIn(t.db, w, w.officeId, "leader", "Phó Giám đốc");
    chief = await personIn(t.db, w, w.officeId, "office_chief", "Chánh Văn phòng");
    today = todayInVietnam();
  });
  afterAll(async () => t?.drop());

  it("the form offers the head as delegator, the deputies for KT. and the unit heads for TUQ./TL., of this agency only", async () => {
    const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
    const forAdmin = await delegationFormOptions((await loadActor(t.db, w.people.admin.id))!, t.db);
    expect(ids(forAdmin.delegators)).toContain(head.id);
    expect(ids(forAdmin.delegators)).not.toContain(deputy.id);
    expect(ids(forAdmin.deputies)).toEqual(expect.arrayContaining([deputy.id, deputy2.id]));
    expect(ids(forAdmin.deputies)).not.toContain(head.id);
    expect(ids(forAdmin.unitHeads)).toEqual(expect.arrayContaining([w.people.unit_head.id, chief.id]));
    expect(forAdmin.delegators.find((o) => o.id === head.id)!.label).toMatch(/ – Giám đốc$/);
    const foreign = Object.values(other.people).map((p) => p.id);
    for (const list of [forAdmin.delegators, forAdmin.deputies, forAdmin.unitHeads]) expect(ids(list).filter((id) => foreign.includes(id))).toEqual([]);
    // A leader delegates their own authority only.
    expect(ids((await delegationFormOptions((await loadActor(t.db, head.id))!, t.db)).delegators)).toEqual([head.id]);
  });

  it("a head records a delegation of their own authority; the delegate is told; a replay creates nothing twice", async () => {
    const keyedInput = keyed(input({ note: "Quyết định 12/QĐ-SNV" }));
    const first = await ok<{ id: string }>(executeAction(createDelegation, callerOf(head.id), keyedInput, t.db));
    const again = await executeAction(createDelegation, callerOf(head.id), keyedInput, t.db);
    expect(again).toEqual({ ok: true, data: first });
    const rows = await t.db.select().from(signingDelegations).where(eq(signingDelegations.delegateId, deputy.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ agencyId: w.agencyId, delegatorId: head.id, form: "kt", allTypes: true, validFrom: today, createdBy: head.id, revokedAt: null });
    const [notice] = await t.db.select().from(notifications).where(eq(notifications.userId, deputy.id));
    expect(notice.text).toContain("ủy quyền Ký thay (KT.) cho bạn");
    expect(await auditRows(t.db, { action: "delegation.create", objectId: first.id })).toHaveLength(1);
    // The same form between the same people in an overlapping period is refused, not doubled.
    const overlap = await run(createDelegation, head.id, input({ validFrom: plusDays(today, 10), validTo: plusDays(today, 60) }));
    expect(overlap).toMatchObject({ ok: false, code: "conflict" });
    expect(overlap.ok ? "" : overlap.formError).toContain("đã được ủy quyền Ký thay (KT.)");
    // The list: in force, with who recorded it; the head may revoke it, the deputy only reads it.
    const mine = await listDelegations((await loadActor(t.db, deputy.id))!, { tab: "active", page: 1 }, t.db);
    expect(mine.rows.map((r) => [r.id, r.status, r.mayRevoke])).toEqual([[first.id, "active", false]]);
    const heads = await listDelegations((await loadActor(t.db, head.id))!, { tab: "active", page: 1 }, t.db);
    expect(heads.rows.find((r) => r.id === first.id)).toMatchObject({ mayRevoke: true, createdByName: expect.any(String) });
    // Someone neither giving nor receiving it does not see it.
    expect((await listDelegations((await loadActor(t.db, w.people.staff.id))!, { tab: "active", page: 1 }, t.db)).rows).toEqual([]);
  });

  it("refuses a wrong position, a deputy as the giver, another head's authority, the wrong person for a form, foreign and missing people", async () => {
    const count = async () => t.db.$count(signingDelegations);
    const before = await count();
    expect(await run(createDelegation, null, input({ delegateId: deputy2.id }))).toMatchObject({ ok: false, code: "unauthenticated" });
    for (const u of [w.people.staff.id, w.people.unit_head.id, w.people.clerk.id, chief.id]) {
      expect(await run(createDelegation, u, input({ delegateId: deputy2.id })), u).toMatchObject({ ok: false, code: "forbidden" });
    }
    // A deputy holds the leader's right, but only the head gives authority.
    const byDeputy = await run(createDelegation, deputy.id, input({ delegatorId: deputy.id, delegateId: chief.id, form: "tl" }));
    expect(byDeputy).toMatchObject({ ok: false, code: "validation", fieldErrors: { delegatorId: [expect.stringContaining("không phải người đứng đầu")] } });
    // A leader records only their own authority.
    expect(await run(createDelegation, deputy.id, input({ delegateId: deputy2.id }))).toMatchObject({ ok: false, code: "not_found" });
    // KT. goes to a deputy, TL./TUQ. to a head of a unit.
    expect(await run(createDelegation, head.id, input({ delegateId: chief.id }))).toMatchObject({ ok: false, fieldErrors: { delegateId: [expect.stringContaining("Ký thay (KT.) chỉ dành cho cấp phó")] } });
    expect(await run(createDelegation, head.id, input({ delegateId: deputy2.id, form: "tl" }))).toMatchObject({ ok: false, fieldErrors: { delegateId: [expect.stringContaining("Thừa lệnh (TL.)")] } });
    expect(await run(createDelegation, head.id, input({ delegateId: w.people.staff.id, form: "tuq" }))).toMatchObject({ ok: false, fieldErrors: { delegateId: [expect.stringContaining("Thừa ủy quyền (TUQ.)")] } });
    // Foreign ids: another agency's person and a person who does not exist answer alike, on their field.
    for (const id of [other.people.unit_head.id, randomUUID()]) {
      expect(await run(createDelegation, head.id, input({ delegateId: id, form: "tl" }))).toMatchObject({ ok: false, code: "forbidden", fieldErrors: { delegateId: ["Người được ủy quyền không tồn tại."] } });
      expect(await run(createDelegation, w.people.admin.id, input({ delegatorId: id, delegateId: deputy2.id }))).toMatchObject({ ok: false, code: "forbidden", fieldErrors: { delegatorId: ["Người ủy quyền không tồn tại."] } });
    }
    // Bad input stays on the form: dates in the wrong order, an end before today, no type chosen.
    const bad = await run(createDelegation, head.id, input({ delegateId: deputy2.id, validFrom: plusDays(today, 5), validTo: plusDays(today, 2), allTypes: false }));
    expect(bad).toMatchObject({ ok: false, code: "validation" });
    expect(Object.keys((bad as { fieldErrors: object }).fieldErrors).sort()).toEqual(["docTypes", "validTo"]);
    const past = await run(createDelegation, head.id, input({ delegateId: deputy2.id, validFrom: plusDays(today, -9), validTo: plusDays(today, -1) }));
    expect(past).toMatchObject({ ok: false, fieldErrors: { validTo: [expect.stringContaining("Đến ngày không được trước ngày hôm nay")] } });
    expect(await count()).toBe(before);
    // The administrator records it for the head.
    const { id } = await ok<{ id: string }>(run(createDelegation, w.people.admin.id, input({ delegateId: chief.id, form: "tl", allTypes: false, docTypes: ["Giấy mời"] })));
    expect((await t.db.select().from(signingDelegations).where(eq(signingDelegations.id, id)))[0]).toMatchObject({ createdBy: w.people.admin.id, docTypes: ["Giấy mời"], allTypes: false });
  });

  it("revokes at once, by the giver or the administrator only, and only once", async () => {
    const { id } = await ok<{ id: string }>(run(createDelegation, head.id, input({ delegateId: deputy2.id, validTo: plusDays(today, 3) })));
    const on = new Date();
    expect(await delegationsCovering({ agencyId: w.agencyId, delegateId: deputy2.id, documentType: "Công văn", on }, t.db)).toHaveLength(1);
    for (const u of [w.people.staff.id, chief.id]) expect(await run(revokeDelegation, u, { id, reason: "x" })).toMatchObject({ ok: false, code: "forbidden" });
    // Another leader (not the giver) and another agency's leader: as if it did not exist.
    expect(await run(revokeDelegation, deputy.id, { id, reason: "x" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await run(revokeDelegation, other.people.admin.id, { id, reason: "x" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await run(revokeDelegation, head.id, { id, reason: "" })).toMatchObject({ ok: false, code: "validation" });
    await ok(run(revokeDelegation, w.people.admin.id, { id, reason: "Điều chuyển công tác" }));
    const [row] = await t.db.select().from(signingDelegations).where(eq(signingDelegations.id, id));
    expect(row).toMatchObject({ revokedBy: w.people.admin.id, revokeReason: "Điều chuyển công tác" });
    expect(await run(revokeDelegation, head.id, { id, reason: "lần nữa" })).toMatchObject({ ok: false, code: "conflict", formError: "Ủy quyền này đã được thu hồi." });
    expect(await delegationsCovering({ agencyId: w.agencyId, delegateId: deputy2.id, documentType: "Công văn", on: new Date() }, t.db)).toEqual([]);
    // Before the revocation it covered: the instant counts, not only the day.
    expect(await delegationsCovering({ agencyId: w.agencyId, delegateId: deputy2.id, documentType: "Công văn", on }, t.db)).toHaveLength(1);
    const revoked = await listDelegations((await loadActor(t.db, head.id))!, { tab: "revoked", page: 1 }, t.db);
    expect(revoked.rows.map((r) => r.id)).toContain(id);
    expect(revoked.rows.find((r) => r.id === id)).toMatchObject({ status: "revoked", mayRevoke: false });
  });

  it("covers a document type on calendar days in Vietnam, both ends included", async () => {
    // A past period, written directly (the form refuses an end before today): 01/03/2026 – 31/03/2026, Giấy mời only.
    const [d] = await t.db
      .insert(signingDelegations)
      .values({ agencyId: w.agencyId, delegatorId: head.id, delegateId: chief.id, form: "tuq", allTypes: false, docTypes: ["Giấy mời"], validFrom: "2026-03-01", validTo: "2026-03-31", createdBy: head.id })
      .returning({ id: signingDelegations.id });
    const covering = async (at: string, documentType = "Giấy mời", delegatorId?: string) =>
      (await delegationsCovering({ agencyId: w.agencyId, delegatorId, delegateId: chief.id, documentType, on: new Date(at) }, t.db)).map((x) => x.id);
    expect(await covering("2026-02-28T16:59:59.999Z")).toEqual([]); // 23:59:59 on 28/02 in Hà Nội
    expect(await covering("2026-02-28T17:00:00.000Z")).toEqual([d.id]); // 00:00 on 01/03 in Hà Nội
    expect(await covering("2026-03-31T16:59:59.999Z")).toEqual([d.id]); // 23:59:59 on 31/03
    expect(await covering("2026-03-31T17:00:00.000Z")).toEqual([]); // 00:00 on 01/04
    expect(await covering("2026-03-15T03:00:00Z", "Công văn")).toEqual([]);
    expect(await covering("2026-03-15T03:00:00Z", "Giấy mời", deputy.id)).toEqual([]);
    const [hit] = await delegationsCovering({ agencyId: w.agencyId, delegatorId: head.id, delegateId: chief.id, documentType: "Giấy mời", on: new Date("2026-03-15T03:00:00Z") }, t.db);
    expect(hit).toMatchObject({ form: "tuq", delegatorTitle: "Giám đốc", validFrom: "2026-03-01", validTo: "2026-03-31" });
    // Another agency never sees it.
    expect(await delegationsCovering({ agencyId: other.agencyId, delegateId: chief.id, documentType: "Giấy mời", on: new Date("2026-03-15T03:00:00Z") }, t.db)).toEqual([]);
  });

  it("the Chánh Văn phòng's check refuses KT. with no delegation, naming what is missing; covered, the block and Ký duyệt follow it", async () => {
    const noCover = await atCheck({ signerId: deputy2.id, authority: "kt", docType: "Kế hoạch" });
    const refused = await run(checkDraft, w.people.checker.id, { id: noCover, legal: true, format: true });
    expect(refused).toMatchObject({ ok: false, code: "conflict" });
    expect(refused.ok ? "" : refused.formError).toContain("Chưa có ủy quyền Ký thay (KT.) của người đứng đầu cho Người");
    expect(refused.ok ? "" : refused.formError).toContain(`loại "Kế hoạch"`);
    expect((await doc(noCover)).status).toBe("awaiting_check");

    // deputy holds the KT. of the first test: covered for every type today.
    const covered = await atCheck({ signerId: deputy.id, authority: "kt", docType: "Kế hoạch" });
    const block = await signatureBlockOf(t.db, await doc(covered));
    expect(block).toMatchObject({ lines: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], covered: true });
    expect(block.signerLine).toMatch(/^KT\. Giám đốc, Phó Giám đốc Người /);
    await ok(run(checkDraft, w.people.checker.id, { id: covered, legal: true, format: true }));
    // Only the signer (or a covered delegate of the proposed signer) signs.
    expect(await run(signDraft, deputy2.id, { id: covered })).toMatchObject({ ok: false, code: "not_found" });
    await ok(run(signDraft, deputy.id, { id: covered }));
    expect(await doc(covered)).toMatchObject({ status: "awaiting_issue", signerLine: block.signerLine });
  });

  it("TL. by a unit head: in the signer list only while delegated; refused at Ký duyệt once revoked", async () => {
    const options = async () => (await signerOptions(w.agencyId, new Date(), t.db)).map((o) => o.id);
    // The chief holds only the administrator's TL. for Giấy mời (second test): a signer, with the note.
    const chiefOption = (await signerOptions(w.agencyId, new Date(), t.db)).find((o) => o.id === chief.id);
    expect(chiefOption).toMatchObject({ title: "Chánh Văn phòng", note: expect.stringContaining("TL. Giám đốc đến") });
    expect(await options()).toEqual(expect.arrayContaining([head.id, deputy.id, w.people.leader.id]));
    expect(await options()).not.toContain(w.people.unit_head.id);
    // A unit head without a delegation is not offered and is refused as signer.
    const fileIds = [await storedFile(t.db, w.agencyId, w.people.staff.id, MIME.docx)];
    expect(await run(createDraft, w.people.staff.id, draftInput(w.people.unit_head.id, { fileIds, authority: "tl" }))).toMatchObject({ ok: false, fieldErrors: { signerId: [expect.any(String)] } });

    const invite = await atCheck({ signerId: chief.id, authority: "tl", docType: "Giấy mời" });
    expect(await signatureBlockOf(t.db, await doc(invite))).toMatchObject({ lines: ["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"] });
    // TL. covers Giấy mời only: the same signer on a Công văn is refused at the check.
    const letter = await atCheck({ signerId: chief.id, authority: "tl", docType: "Công văn" });
    const refused = await run(checkDraft, w.people.checker.id, { id: letter, legal: true, format: true });
    expect(refused.ok ? "" : refused.formError).toContain(`Chưa có ủy quyền Thừa lệnh (TL.) của người đứng đầu cho Người`);
    await ok(run(checkDraft, w.people.checker.id, { id: invite, legal: true, format: true }));
    const chiefActor = (await loadActor(t.db, chief.id))!;
    expect(await canSignDocument(chiefActor, await doc(invite), { db: t.db })).toMatchObject({ ok: true, authority: "tl", onBehalf: false });
    // Revoked between the check and the signature: Ký duyệt says what is missing and changes nothing.
    const [tlRow] = await t.db.select().from(signingDelegations).where(and(eq(signingDelegations.delegateId, chief.id), eq(signingDelegations.form, "tl")));
    await ok(run(revokeDelegation, head.id, { id: tlRow.id, reason: "Thôi ủy quyền" }));
    const late = await run(signDraft, chief.id, { id: invite });
    expect(late).toMatchObject({ ok: false, code: "conflict" });
    expect(late.ok ? "" : late.formError).toContain("Chưa có ủy quyền Thừa lệnh (TL.)");
    expect((await doc(invite)).status).toBe("awaiting_signature");
    expect(await options()).not.toContain(chief.id);
  });

  it("a deputy covered for the type signs a draft proposed for the head, as KT.", async () => {
    const id = await atCheck({ signerId: head.id, authority: "direct", docType: "Báo cáo" });
    await ok(run(checkDraft, w.people.checker.id, { id, legal: true, format: true }));
    // deputy2's delegation was revoked: refused; deputy's covers every type.
    expect(await run(signDraft, deputy2.id, { id })).toMatchObject({ ok: false, code: "not_found" });
    await ok(run(signDraft, deputy.id, { id }));
    const d = await doc(id);
    expect(d).toMatchObject({ status: "awaiting_issue", signerId: deputy.id, authority: "kt" });
    expect(d.signerLine).toMatch(/^KT\. Giám đốc, Phó Giám đốc Người /);
  });
});

import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEvents, filePlanItems, filePlans, handoverBatches, idempotencyKeys, incomingDocuments, outgoingDocuments, registers, workFiles,
} from "@/db/schema";
import { executeAction, type ActionDefinition } from "@/lib/actions/define";
import { registerPaper, submitToLeader } from "@/lib/incoming/actions";
import { createDraft } from "@/lib/outgoing/actions";
import { vietnamYear } from "@/lib/registers/numbering";
import { openAdHoc, openFromItem } from "@/lib/work-files/actions";
import { handOver } from "@/lib/work-files/handover";
import { saveItem } from "@/lib/work-files/plan";
import { paper } from "../factories/incoming";
import { buildWorld, callerOf, type World } from "../factories/org";
import { draftInput } from "../factories/outgoing";
import { buildPlan, buildWorkFile, type PlanWorld } from "../factories/work-files";
import { auditRows, createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Issue 10 item 4: twenty parallel replays of "Vào sổ" with confirmDuplicate made twenty documents.
// Every creating step carries the key its form minted; a replay gets the first result back: the
// same id, no new number, no second audit entry.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDef = ActionDefinition<any, any, any>;
const REPLAYS = 20;

describe.each(DB_KINDS)("idempotent creating actions on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let other: World;
  let plan: PlanWorld;
  const year = vietnamYear(new Date());

  const send = (def: AnyDef, userId: string, input: Record<string, unknown>, key?: unknown) =>
    executeAction(def, callerOf(userId), key === undefined ? input : { ...input, idempotencyKey: key }, t.db);

  const auditCount = async (action: string) => (await auditRows(t.db, { action })).length;

  /** The same submission, `REPLAYS` times at once; every answer must be the first one. */
  async function replayed<D extends { id: string }>(def: AnyDef, userId: string, input: Record<string, unknown>) {
    const key = randomUUID();
    const audits = await auditCount(def.name);
    const results = await Promise.all(Array.from({ length: REPLAYS }, () => send(def, userId, input, key)));
    for (const r of results) expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
    const first = (results[0] as { data: D }).data;
    for (const r of results) expect((r as { data: D }).data).toEqual(first);
    expect(await auditCount(def.name)).toBe(audits + 1);
    return { key, data: first };
  }

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    other = await buildWorld(t.db);
    plan = await buildPlan(t.db, w, year);
  });
  afterAll(async () => t?.drop());

  it("Vào sổ with confirmDuplicate, replayed 20 times at once: one document, one số đến, one audit entry, the same id", async () => {
    const symbol = `${randomUUID().slice(0, 6)}/UBND-VX`;
    const first = await send(registerPaper, w.people.clerk.id, paper({ symbol }), randomUUID());
    expect(first).toMatchObject({ ok: true });
    const [book] = await t.db.select().from(registers).where(and(eq(registers.agencyId, w.agencyId), eq(registers.kind, "incoming")));
    const auditsBefore = await auditCount(registerPaper.name);

    const { data } = await replayed<{ id: string; arrivalNo: number }>(registerPaper, w.people.clerk.id, paper({ symbol, confirmDuplicate: true }));

    const docs = await t.db.select().from(incomingDocuments).where(and(eq(incomingDocuments.agencyId, w.agencyId), eq(incomingDocuments.symbol, symbol)));
    expect(docs).toHaveLength(2);
    expect(docs.map((d) => d.id)).toContain(data.id);
    const [after] = await t.db.select().from(registers).where(eq(registers.id, book.id));
    expect(after.lastNo).toBe(book.lastNo + 1);
    expect(data.arrivalNo).toBe(after.lastNo);
    expect(await auditCount(registerPaper.name)).toBe(auditsBefore + 1);
  });

  it("Tạo dự thảo replayed: one draft", async () => {
    const subject = `V/v dự thảo ${randomUUID()}`;
    const { data } = await replayed<{ id: string }>(createDraft, w.people.staff.id, draftInput(w.people.leader.id, { subject }));
    const drafts = await t.db.select({ id: outgoingDocuments.id }).from(outgoingDocuments).where(eq(outgoingDocuments.subject, subject));
    expect(drafts).toEqual([{ id: data.id }]);
  });

  it("Mở hồ sơ ngoài danh mục replayed: one file, one new số hồ sơ", async () => {
    const [before] = await t.db.select().from(filePlans).where(eq(filePlans.id, plan.planId));
    const title = `Hồ sơ phát sinh ${randomUUID()}`;
    const { data } = await replayed<{ id: string; code: string }>(openAdHoc, w.people.staff.id, {
      planId: plan.planId, headingId: plan.headings.tccb, title, retentionCode: "10", note: "",
    });
    expect(await t.db.select({ id: workFiles.id }).from(workFiles).where(eq(workFiles.title, title))).toEqual([{ id: data.id }]);
    expect(await t.db.select({ id: filePlanItems.id }).from(filePlanItems).where(eq(filePlanItems.title, title))).toHaveLength(1);
    const [after] = await t.db.select().from(filePlans).where(eq(filePlans.id, plan.planId));
    expect(after.lastNo).toBe(before.lastNo + 1);
  });

  it("Mở hồ sơ from a plan item replayed: every replay gets the file, not a refusal", async () => {
    const { data } = await replayed<{ id: string }>(openFromItem, w.people.staff.id, { itemId: plan.items.person });
    expect(await t.db.select({ id: workFiles.id }).from(workFiles).where(eq(workFiles.planItemId, plan.items.person))).toEqual([{ id: data.id }]);
  });

  it("Thêm hồ sơ vào danh mục replayed: one item, one number", async () => {
    const [before] = await t.db.select().from(filePlans).where(eq(filePlans.id, plan.planId));
    const title = `Hồ sơ kế hoạch ${randomUUID()}`;
    const { data } = await replayed<{ id: string; code: string }>(saveItem, w.people.archivist.id, {
      planId: plan.planId, id: "", headingId: plan.headings.vp, title, retentionCode: "20", ownerUnitId: w.officeId, ownerUserId: "", note: "",
    });
    expect(await t.db.select({ id: filePlanItems.id }).from(filePlanItems).where(eq(filePlanItems.title, title))).toEqual([{ id: data.id }]);
    const [after] = await t.db.select().from(filePlans).where(eq(filePlans.id, plan.planId));
    expect(after.lastNo).toBe(before.lastNo + 1);
  });

  it("Nộp lưu replayed: one batch, every replay gets its id", async () => {
    const files: string[] = [];
    for (const number of [90, 91]) {
      const code = `${number}.TCCB`;
      const [it] = await t.db
        .insert(filePlanItems)
        .values({ planId: plan.planId, headingId: plan.headings.tccb, number, code, title: `Hồ sơ nộp lưu ${number}`, retentionCode: "20" })
        .returning({ id: filePlanItems.id });
      files.push(await buildWorkFile(t.db, w, { itemId: it.id, year, code, title: `Hồ sơ nộp lưu ${number}`, status: "closed", reconciled: true, closedAt: new Date() }));
    }
    const { data } = await replayed<{ id: string }>(handOver, w.people.staff.id, {
      unitId: w.divisionId, year, fileIds: files, title: "Tài liệu Phòng Tổ chức cán bộ", condition: "Tốt", boxes: 1, shelfMeters: "0,1",
    });
    expect(await t.db.select({ id: handoverBatches.id }).from(handoverBatches).where(eq(handoverBatches.agencyId, w.agencyId))).toEqual([{ id: data.id }]);
  });

  it("refuses a creating step without a key, or with a malformed one: nothing is created", async () => {
    const symbol = `${randomUUID().slice(0, 6)}/UBND-VX`;
    for (const key of [undefined, "", "not-a-uuid", 42]) {
      const r = await send(registerPaper, w.people.clerk.id, paper({ symbol }), key);
      expect(r).toMatchObject({ ok: false, code: "validation" });
      expect((r as { formError: string }).formError).toMatch(/tải lại trang/);
    }
    expect(await t.db.select().from(incomingDocuments).where(eq(incomingDocuments.symbol, symbol))).toHaveLength(0);
    // A caller without the right is refused as such (and audited), key or no key.
    expect(await send(registerPaper, w.people.staff.id, paper({ symbol }))).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("refuses a key already used by another user or for another action, without touching the first result", async () => {
    const key = randomUUID();
    const mine = await send(createDraft, w.people.staff.id, draftInput(w.people.leader.id), key);
    expect(mine).toMatchObject({ ok: true });
    const drafts = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(outgoingDocuments))[0].n;
    const count = await drafts();

    // Another user of the same agency, and one of another agency, replaying the key.
    for (const userId of [w.people.unit_head.id, other.people.staff.id]) {
      const theirs = await send(createDraft, userId, draftInput(userId === other.people.staff.id ? other.people.leader.id : w.people.leader.id), key);
      expect(theirs).toMatchObject({ ok: false, code: "conflict" });
      expect((theirs as { formError: string }).formError).toMatch(/đã được dùng cho một thao tác khác/);
      expect(JSON.stringify(theirs)).not.toContain((mine as { data: { id: string } }).data.id);
    }
    // The same user, the same key, another step.
    const elsewhere = await send(openAdHoc, w.people.staff.id, {
      planId: plan.planId, headingId: plan.headings.tccb, title: "Hồ sơ khác", retentionCode: "10", note: "",
    }, key);
    expect(elsewhere).toMatchObject({ ok: false, code: "conflict" });
    expect(await drafts()).toBe(count);
    expect(await t.db.select().from(workFiles).where(eq(workFiles.title, "Hồ sơ khác"))).toHaveLength(0);
    // The owner still gets their first result back.
    expect(await send(createDraft, w.people.staff.id, draftInput(w.people.leader.id), key)).toEqual(mine);
  });

  it("a refused first attempt stores nothing: the same key then runs the step once", async () => {
    const symbol = `${randomUUID().slice(0, 6)}/UBND-VX`;
    expect(await send(registerPaper, w.people.clerk.id, paper({ symbol }), randomUUID())).toMatchObject({ ok: true });
    const key = randomUUID();
    // The likely duplicate is refused first (nothing stored under the key) …
    expect(await send(registerPaper, w.people.clerk.id, paper({ symbol }), key)).toMatchObject({ ok: false, code: "conflict" });
    expect(await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key))).toHaveLength(0);
    // … then confirmed with the same key: registered once, and replays return it.
    const confirmed = await send(registerPaper, w.people.clerk.id, paper({ symbol, confirmDuplicate: true }), key);
    expect(confirmed).toMatchObject({ ok: true });
    expect(await send(registerPaper, w.people.clerk.id, paper({ symbol, confirmDuplicate: true }), key)).toEqual(confirmed);
    expect(await t.db.select().from(incomingDocuments).where(eq(incomingDocuments.symbol, symbol))).toHaveLength(2);
  });

  it("a state move ignores the key: the state machine guards it", async () => {
    const r = await send(registerPaper, w.people.clerk.id, paper(), randomUUID());
    const id = (r as { data: { id: string } }).data.id;
    const key = randomUUID();
    expect(await send(submitToLeader, w.people.clerk.id, { id, leaderId: w.people.leader.id }, key)).toMatchObject({ ok: true });
    expect(await send(submitToLeader, w.people.clerk.id, { id, leaderId: w.people.leader.id }, key)).toMatchObject({ ok: false, code: "conflict" });
    expect(await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key))).toHaveLength(0);
  });

  it("keeps keys bounded: a user's keys older than 30 days go when they next create something", async () => {
    const old = randomUUID();
    const recent = randomUUID();
    await t.db.insert(idempotencyKeys).values([
      { key: old, userId: w.people.clerk.id, action: registerPaper.name, result: { data: { id: randomUUID() } }, createdAt: new Date(Date.now() - 31 * 86_400_000) },
      { key: recent, userId: w.people.clerk.id, action: registerPaper.name, result: { data: { id: randomUUID() } }, createdAt: new Date(Date.now() - 29 * 86_400_000) },
    ]);
    expect(await send(registerPaper, w.people.clerk.id, paper(), randomUUID())).toMatchObject({ ok: true });
    const left = (await t.db.select({ key: idempotencyKeys.key }).from(idempotencyKeys)).map((r) => r.key);
    expect(left).not.toContain(old);
    expect(left).toContain(recent);
  });

  it("writes no audit entry for a replay", async () => {
    const before = (await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0].n;
    const key = randomUUID();
    const input = draftInput(w.people.leader.id, { subject: `V/v kiểm tra nhật ký ${randomUUID()}` });
    const first = await send(createDraft, w.people.staff.id, input, key);
    for (let i = 0; i < 3; i++) expect(await send(createDraft, w.people.staff.id, input, key)).toEqual(first);
    expect((await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0].n).toBe(before + 1);
  });
});

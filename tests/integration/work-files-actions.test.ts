import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  filePlanHeadings, filePlanItems, filePlans, handoverBatches, notifications, positions, storedFiles, workFileEntries, workFileEvents, workFiles, type PositionKind,
} from "@/db/schema";
import type { Db } from "@/db/client";
import { executeAction, type ActionDefinition } from "@/lib/actions/define";
import { loadActor } from "@/lib/auth/actor";
import { canReadFile } from "@/lib/access/files";
import { mayOpenItem } from "@/lib/access/work-files";
import { assignDocument, registerPaper, submitToLeader } from "@/lib/incoming/actions";
import { voidRegistration } from "@/lib/incoming/corrections";
import { createDraft } from "@/lib/outgoing/actions";
import { vietnamYear } from "@/lib/registers/numbering";
import {
  addDocument, addUpload, closeFile, moveEntry, openAdHoc, openFromItem, reconcileFile, removeEntry, reopenFile, sortEntries,
} from "@/lib/work-files/actions";
import { acceptBatch, handOver, returnBatch } from "@/lib/work-files/handover";
import { createPlan, deleteItem, saveHeading, saveItem } from "@/lib/work-files/plan";
import { getWorkFile, handoverNotices, listWorkFiles, logArchiveView, listBatches, reconcilePage, searchArchive, filesForDocument, getPlanPage } from "@/lib/work-files/queries";
import { paper } from "../factories/incoming";
import { addPerson, addUnit, buildWorld, callerOf, keyed, type World } from "../factories/org";
import { draftInput, MIME, storedFile } from "../factories/outgoing";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Issue 5: the file plan, work files and their hand-over — every action × anonymous, a wrong
// position, another unit's file, another agency, the wrong state, and the happy path; số hồ sơ
// gapless under concurrency.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDef = ActionDefinition<any, any, any>;

const pagesOf = (p: { rows: { item: { id: string } | null; heading: { id: string } }[]; page: number } | null) => p && [p.page, p.rows.map((r) => r.item?.id ?? r.heading.id)];

describe.each(DB_KINDS)("work files on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let other: World;
  let xdcq: { id: string };
  let xdcqStaff: { id: string };
  let xdcqHead: { id: string };
  let planId: string;
  let headingId: string;
  const year = vietnamYear(new Date());

  const run = (def: AnyDef, userId: string | null, input: unknown) => executeAction(def, userId ? callerOf(userId) : null, keyed(input), t.db);
  const ok = async <T,>(p: Promise<{ ok: boolean; data?: T }>) => {
    const r = await p;
    expect(r).toMatchObject({ ok: true });
    return (r as { data: T }).data;
  };
  const refused = async (p: Promise<unknown>, code: string, message?: RegExp) => {
    const r = (await p) as { ok: boolean; code?: string; formError?: string };
    expect(r).toMatchObject({ ok: false, code });
    if (message) expect(r.formError).toMatch(message);
  };
  const fileRow = async (id: string) => (await t.db.select().from(workFiles).where(eq(workFiles.id, id)))[0];
  const actor = async (id: string) => (await loadActor(t.db, id))!;

  async function personIn(db: Db, world: World, unitId: string, k: PositionKind) {
    const [p] = await db.insert(positions).values({ unitId, kind: k, title: k }).returning({ id: positions.id });
    return addPerson(db, world, k, { positionId: p.id });
  }

  /** An item of the plan kept by the world's staff member. */
  async function item(title = "Hồ sơ thẩm định đề án vị trí việc làm", over: Record<string, unknown> = {}) {
    return ok<{ id: string; code: string }>(
      run(saveItem, w.people.archivist.id, { planId, headingId, title, retentionCode: "20", ownerUnitId: w.divisionId, ownerUserId: w.people.staff.id, ...over }),
    );
  }

  async function openedFile(title?: string) {
    const it = await item(title);
    const { id } = await ok<{ id: string }>(run(openFromItem, w.people.staff.id, { itemId: it.id }));
    return { id, code: it.code };
  }

  /** An incoming document registered, submitted and assigned to the staff member as lead. */
  async function incomingForStaff(over: Record<string, unknown> = {}) {
    const { id } = await ok<{ id: string }>(run(registerPaper, w.people.clerk.id, paper(over)));
    await ok(run(submitToLeader, w.people.clerk.id, { id, leaderId: w.people.leader.id }));
    await ok(run(assignDocument, w.people.leader.id, { id, instruction: "Giao chủ trì.", recipients: [{ kind: "user", targetId: w.people.staff.id, role: "lead" }] }));
    return id;
  }

  const closeInput = (id: string, over: Record<string, unknown> = {}) => ({
    id, title: "Hồ sơ thẩm định đề án vị trí việc làm năm 2026", startDate: `${year}-01-05`, endDate: `${year}-11-20`,
    retentionCode: "20", sheets: 4, pages: 6, rights: "Hạn chế", language: "Tiếng Việt", description: "", ...over,
  });

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    other = await buildWorld(t.db);
    xdcq = await addUnit(t.db, w, { code: "XDCQ" });
    xdcqStaff = await personIn(t.db, w, xdcq.id, "staff");
    xdcqHead = await personIn(t.db, w, xdcq.id, "unit_head");
  });
  afterAll(async () => t?.drop());

  it("the archivist keeps the year's plan: headings, items numbered 01 … across the list, refusals for others", async () => {
    await refused(run(createPlan, null, { year }), "unauthenticated");
    await refused(run(createPlan, w.people.staff.id, { year }), "forbidden");
    ({ id: planId } = await ok<{ id: string }>(run(createPlan, w.people.archivist.id, { year })));
    await refused(run(createPlan, w.people.archivist.id, { year }), "conflict", /đã có/);

    await refused(run(saveHeading, w.people.staff.id, { planId, abbr: "TCCB", title: "TỔ CHỨC, CÁN BỘ" }), "forbidden");
    await refused(run(saveHeading, other.people.archivist.id, { planId, abbr: "TCCB", title: "TỔ CHỨC, CÁN BỘ" }), "not_found");
    await refused(run(saveHeading, w.people.archivist.id, { planId, abbr: "tc cb", title: "X" }), "validation");
    ({ id: headingId } = await ok<{ id: string }>(run(saveHeading, w.people.archivist.id, { planId, abbr: "TCCB", title: "TỔ CHỨC, CÁN BỘ" })));
    const dup = (await run(saveHeading, w.people.archivist.id, { planId, abbr: "TCCB", title: "Trùng" })) as { fieldErrors?: Record<string, string[]> };
    expect(dup.fieldErrors?.abbr?.[0]).toMatch(/đã có/);

    const a = await item("Kế hoạch, báo cáo công tác năm");
    const b = await item("Hồ sơ hội nghị");
    expect([a.code, b.code]).toEqual(["01.TCCB", "02.TCCB"]);
    await refused(run(saveItem, w.people.archivist.id, { planId, headingId, title: "X", retentionCode: "99" }), "validation");
    await refused(run(saveItem, w.people.archivist.id, { planId, headingId, title: "X", retentionCode: "20", ownerUnitId: other.divisionId }), "forbidden");

    // Only the last item goes (numbers stay gapless); its number is given again.
    await refused(run(deleteItem, w.people.archivist.id, { id: a.id }), "conflict", /mục cuối/);
    await refused(run(deleteItem, w.people.staff.id, { id: b.id }), "forbidden");
    await ok(run(deleteItem, w.people.archivist.id, { id: b.id }));
    expect((await item("Hồ sơ hội nghị tổng kết")).code).toBe("02.TCCB");

    const plan = await getPlanPage(await actor(w.people.staff.id), year, {}, t.db);
    expect(plan!.headings[0]).toMatchObject({ numeral: "I", abbr: "TCCB" });
    expect(plan!.rows.filter((r) => r.heading.id === plan!.headings[0].id).map((r) => [r.item?.code, r.item?.mayOpen])).toEqual([["01.TCCB", true], ["02.TCCB", true]]);
    expect(plan!.mayEdit).toBe(false);
    expect(await getPlanPage(await actor(other.people.staff.id), year, {}, t.db)).toBeNull();
  });

  it("20 items added at once take the numbers that follow, without a gap or a repeat", async () => {
    const [before] = await t.db.select().from(filePlans).where(eq(filePlans.id, planId));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => run(saveItem, w.people.archivist.id, { planId, headingId, title: `Hồ sơ song song ${i}`, retentionCode: "10" })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const numbers = (await t.db.select({ n: filePlanItems.number }).from(filePlanItems).where(eq(filePlanItems.planId, planId))).map((r) => r.n).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: before.lastNo + 20 }, (_, i) => i + 1));
    // The gap check of the numbers (house rule 3).
    const gaps = await t.db.execute(sql`select n from (select number n, lag(number) over (order by number) p from file_plan_items where plan_id = ${planId}) x where p is not null and n <> p + 1`);
    expect(gaps.rows).toHaveLength(0);
  });

  it("the plan's screen reads a page of items at a time: every item once, in the whole plan's order, the edited one wherever it is", async () => {
    // A second heading (empty for now) after the first, then a third with two items.
    await ok(run(saveHeading, w.people.archivist.id, { planId, abbr: "TRONG", title: "ĐỀ MỤC CHƯA CÓ HỒ SƠ" }));
    const { id: third } = await ok<{ id: string }>(run(saveHeading, w.people.archivist.id, { planId, abbr: "TDKT", title: "THI ĐUA, KHEN THƯỞNG" }));
    for (const title of ["Hồ sơ khen thưởng năm", "Hồ sơ thi đua chuyên đề"]) await ok(run(saveItem, w.people.archivist.id, { planId, headingId: third, title, retentionCode: "10" }));
    const staff = await actor(w.people.staff.id);
    // The whole plan in its order, read straight from the tables: headings by their order, items by number.
    const whole = await t.db
      .select({ abbr: filePlanHeadings.abbr, item: filePlanItems })
      .from(filePlanHeadings)
      .leftJoin(filePlanItems, eq(filePlanItems.headingId, filePlanHeadings.id))
      .where(eq(filePlanHeadings.planId, planId))
      .orderBy(asc(filePlanHeadings.sortOrder), asc(filePlanItems.number));
    const expected = whole.map((r) => (r.item ? `${r.abbr} ${r.item.code} ${mayOpenItem(staff, r.item)}` : `${r.abbr} -`));
    expect(expected.filter((e) => e.endsWith(" -"))).toEqual(["TRONG -"]);
    for (const size of [5, 7, 50]) {
      const first = await getPlanPage(staff, year, { page: 1, size }, t.db);
      const pages = await Promise.all(Array.from({ length: first!.pages }, (_, p) => getPlanPage(staff, year, { page: p + 1, size }, t.db)));
      const seen = pages.flatMap((p) => p!.rows.map((r) => (r.item ? `${r.heading.abbr} ${r.item.code} ${r.item.mayOpen}` : `${r.heading.abbr} -`)));
      expect(seen, `pages of ${size}`).toEqual(expected);
      // Each page names its heading on its first row, marked as continued when the heading began before it.
      for (const p of pages) expect(p!.rows[0].headingRow).toBe(true);
    }
    expect(pagesOf(await getPlanPage(staff, year, { page: 999, size: 5 }, t.db))).toEqual(pagesOf(await getPlanPage(staff, year, { page: Math.ceil(expected.length / 5), size: 5 }, t.db)));
    // The item edited is found off the page shown; one of another agency's plans is not.
    const last = whole.at(-1)!.item!;
    expect((await getPlanPage(staff, year, { page: 1, size: 5, editId: last.id }, t.db))!.editItem).toMatchObject({ id: last.id, code: last.code });
    const foreign = await ok<{ id: string }>(run(createPlan, other.people.archivist.id, { year }));
    const { id: foreignHeading } = await ok<{ id: string }>(run(saveHeading, other.people.archivist.id, { planId: foreign.id, abbr: "TH", title: "TỔNG HỢP" }));
    const foreignItem = await ok<{ id: string }>(run(saveItem, other.people.archivist.id, { planId: foreign.id, headingId: foreignHeading, title: "Hồ sơ của sở khác", retentionCode: "10" }));
    expect((await getPlanPage(staff, year, { editId: foreignItem.id }, t.db))!.editItem).toBeUndefined();
    expect((await getPlanPage(await actor(other.people.archivist.id), year, {}, t.db))!.rows.map((r) => r.item?.id)).toEqual([foreignItem.id]);
  });

  it("staff open a file from their item or ad hoc; others and repeats are refused", async () => {
    const it1 = await item("Hồ sơ giao biên chế");
    await refused(run(openFromItem, null, { itemId: it1.id }), "unauthenticated");
    await refused(run(openFromItem, w.people.clerk.id, { itemId: it1.id }), "forbidden");
    await refused(run(openFromItem, xdcqStaff.id, { itemId: it1.id }), "not_found");
    await refused(run(openFromItem, other.people.staff.id, { itemId: it1.id }), "not_found");
    const results = await Promise.all(Array.from({ length: 5 }, () => run(openFromItem, w.people.staff.id, { itemId: it1.id })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: "conflict", formError: expect.stringMatching(/đã được mở/) });
    const [f] = await t.db.select().from(workFiles).where(eq(workFiles.planItemId, it1.id));
    expect(f).toMatchObject({ code: it1.code, status: "open", ownerId: w.people.staff.id, unitId: w.divisionId, retentionCode: "20", year });

    const [plan] = await t.db.select().from(filePlans).where(eq(filePlans.id, planId));
    const adHoc = await ok<{ id: string; code: string }>(
      run(openAdHoc, xdcqStaff.id, { planId, headingId, title: "Hồ sơ phát sinh: đoàn kiểm tra liên ngành", retentionCode: "10" }),
    );
    expect(adHoc.code).toBe(`${String(plan.lastNo + 1).padStart(2, "0")}.TCCB`);
    expect(await fileRow(adHoc.id)).toMatchObject({ ownerId: xdcqStaff.id, unitId: xdcq.id });
    await refused(run(openAdHoc, other.people.staff.id, { planId, headingId, title: "X", retentionCode: "10" }), "not_found");
    await refused(run(openAdHoc, w.people.leader.id, { planId, headingId, title: "X", retentionCode: "10" }), "forbidden");
  });

  it("documents join by reference: readable ones only, once per file, one document in several files; secret ones stay on paper", async () => {
    const f1 = await openedFile("Hồ sơ A");
    const f2 = await openedFile("Hồ sơ B");
    const incomingId = await incomingForStaff();
    await refused(run(addDocument, null, { fileId: f1.id, kind: "incoming", documentId: incomingId }), "unauthenticated");
    await refused(run(addDocument, w.people.leader.id, { fileId: f1.id, kind: "incoming", documentId: incomingId }), "forbidden");
    await refused(run(addDocument, w.people.unit_head.id, { fileId: f1.id, kind: "incoming", documentId: incomingId }), "not_found"); // not the owner
    await ok(run(addDocument, w.people.staff.id, { fileId: f1.id, kind: "incoming", documentId: incomingId }));
    await refused(run(addDocument, w.people.staff.id, { fileId: f1.id, kind: "incoming", documentId: incomingId }), "conflict", /đã có/);
    await ok(run(addDocument, w.people.staff.id, { fileId: f2.id, kind: "incoming", documentId: incomingId }));
    const entries = await t.db.select().from(workFileEntries).where(eq(workFileEntries.incomingId, incomingId));
    expect(entries).toHaveLength(2);

    // A document not on the owner's trail, a secret one, another agency's: all answered alike, on the field.
    const { id: notMine } = await ok<{ id: string }>(run(registerPaper, w.people.clerk.id, paper()));
    const { id: secret } = await ok<{ id: string }>(run(registerPaper, w.people.clerk.id, paper({ secrecy: "secret" })));
    const { id: foreign } = await ok<{ id: string }>(run(registerPaper, other.people.clerk.id, paper()));
    for (const documentId of [notMine, secret, foreign]) {
      const r = await run(addDocument, w.people.staff.id, { fileId: f1.id, kind: "incoming", documentId });
      expect(r).toMatchObject({ ok: false, code: "forbidden", fieldErrors: { documentId: ["Văn bản đến không tồn tại hoặc bạn không có quyền xem văn bản này."] } });
    }

    // The reply drafted by the owner joins too.
    const draftId = (await ok<{ id: string }>(run(createDraft, w.people.staff.id, draftInput(w.people.leader.id, { replyToId: incomingId })))).id;
    await ok(run(addDocument, w.people.staff.id, { fileId: f1.id, kind: "outgoing", documentId: draftId }));
    const view = await getWorkFile(await actor(w.people.staff.id), f1.id, t.db);
    expect(view!.entries.map((e) => [e.no, e.kind, e.draft])).toEqual([[1, "incoming", false], [2, "outgoing", true]]);
    const panel = await filesForDocument(await actor(w.people.staff.id), "incoming", incomingId, t.db);
    expect(panel.holding.map((h) => h.id).sort()).toEqual([f1.id, f2.id].sort());
    expect(panel.open.some((o) => o.id === f1.id)).toBe(false);
  });

  it("a voided registration (Đã hủy) does not join a work file", async () => {
    const f = await openedFile("Hồ sơ C");
    const id = await incomingForStaff();
    await ok(run(voidRegistration, w.people.leader.id, { id, reason: "Vào sổ trùng." })); // being handled: the leader voids
    await refused(run(addDocument, w.people.staff.id, { fileId: f.id, kind: "incoming", documentId: id }), "conflict", /Đã hủy/);
    expect(await t.db.select().from(workFileEntries).where(eq(workFileEntries.incomingId, id))).toHaveLength(0);
  });

  it("documents carrying the file's code gather into it, when the owner may read them", async () => {
    const f = await openedFile("Hồ sơ gom theo mã");
    // Tagged at registration: it joins once the owner is assigned to it (not before: the clerk's tag opens nothing).
    const { id: tagged } = await ok<{ id: string }>(run(registerPaper, w.people.clerk.id, paper({ fileCode: f.code })));
    expect(await t.db.select().from(workFileEntries).where(eq(workFileEntries.fileId, f.id))).toHaveLength(0);
    await ok(run(submitToLeader, w.people.clerk.id, { id: tagged, leaderId: w.people.leader.id }));
    await ok(run(assignDocument, w.people.leader.id, { id: tagged, instruction: "Giao chủ trì.", recipients: [{ kind: "user", targetId: w.people.staff.id, role: "lead" }] }));
    // A draft saved with the code.
    const { id: draftId } = await ok<{ id: string }>(run(createDraft, w.people.staff.id, draftInput(w.people.leader.id, { fileCode: f.code })));
    const rows = await t.db.select().from(workFileEntries).where(eq(workFileEntries.fileId, f.id)).orderBy(workFileEntries.position);
    expect(rows.map((r) => [r.incomingId ?? r.outgoingId, r.gathered])).toEqual([[tagged, true], [draftId, true]]);
    // Another unit's document with the same code does not reach this owner.
    const { id: theirs } = await ok<{ id: string }>(run(createDraft, xdcqStaff.id, draftInput(w.people.leader.id, { fileCode: f.code })));
    expect((await t.db.select().from(workFileEntries).where(eq(workFileEntries.outgoingId, theirs)))).toHaveLength(0);
    await refused(run(registerPaper, w.people.clerk.id, paper({ fileCode: "mã sai" })), "validation");

    // A file opened after the documents were tagged gathers them at once.
    const later = await item("Hồ sơ mở sau");
    await ok(run(createDraft, w.people.staff.id, draftInput(w.people.leader.id, { fileCode: later.code })));
    await ok(run(createDraft, xdcqStaff.id, draftInput(w.people.leader.id, { fileCode: later.code }))); // not the owner's to read
    const opened = await ok<{ id: string; gathered: number }>(run(openFromItem, w.people.staff.id, { itemId: later.id }));
    expect(opened.gathered).toBe(1);
  });

  it("uploads of other papers, ordering, likely duplicates and removal", async () => {
    const f = await openedFile("Hồ sơ tài liệu khác");
    const upload = async (sha: string, over: Record<string, unknown> = {}) => {
      const [s] = await t.db
        .insert(storedFiles)
        .values({ agencyId: w.agencyId, uploadedBy: w.people.staff.id, mime: MIME.pdf, size: 10, sha256: sha, name: "bien-ban.pdf" })
        .returning({ id: storedFiles.id });
      return run(addUpload, w.people.staff.id, {
        fileId: f.id, storedFileId: s.id, docType: "Biên bản", symbol: "", docDate: `${year}-03-02`, author: "Phòng Tổ chức cán bộ",
        subject: "Biên bản họp thẩm định", pageCount: 2, note: "", ...over,
      });
    };
    await ok(upload("a".repeat(64), { docDate: `${year}-05-01` }));
    await ok(upload("a".repeat(64), { docDate: `${year}-02-01`, subject: "Bản chụp lại" }));
    await ok(upload("b".repeat(64), { symbol: "12/BB-TCCB", docDate: "" }));
    // Someone else's upload is not theirs to file.
    const foreignFile = await storedFile(t.db, w.agencyId, w.people.clerk.id, MIME.pdf);
    const r = (await run(addUpload, w.people.staff.id, { fileId: f.id, storedFileId: foreignFile, docType: "Biên bản", author: "X", subject: "X" })) as { fieldErrors?: Record<string, string[]> };
    expect(r.fieldErrors?.storedFileId?.[0]).toMatch(/Tệp không tồn tại/);

    let view = (await getWorkFile(await actor(w.people.staff.id), f.id, t.db))!;
    expect(view.entries.map((e) => e.duplicateOf)).toEqual([[2], [1], []]);
    await ok(run(sortEntries, w.people.staff.id, { id: f.id }));
    view = (await getWorkFile(await actor(w.people.staff.id), f.id, t.db))!;
    expect(view.entries.map((e) => e.date)).toEqual([`${year}-02-01`, `${year}-05-01`, null]);
    await ok(run(moveEntry, w.people.staff.id, { entryId: view.entries[2].id, direction: "up" }));
    view = (await getWorkFile(await actor(w.people.staff.id), f.id, t.db))!;
    expect(view.entries.map((e) => e.symbol)).toEqual(["", "12/BB-TCCB", ""]);
    await refused(run(removeEntry, xdcqStaff.id, { entryId: view.entries[0].id }), "not_found");
    await ok(run(removeEntry, w.people.staff.id, { entryId: view.entries[0].id }));
    view = (await getWorkFile(await actor(w.people.staff.id), f.id, t.db))!;
    expect(view.entries.map((e) => [e.no, e.duplicateOf])).toEqual([[1, []], [2, []]]);
    expect(view.defaults).toMatchObject({ startDate: `${year}-05-01`, endDate: `${year}-05-01`, pages: 4, docTotal: 2 });
    const trail = await t.db.select({ kind: workFileEvents.kind }).from(workFileEvents).where(eq(workFileEvents.fileId, f.id)).orderBy(workFileEvents.id);
    expect(trail.map((e) => e.kind)).toEqual(["opened", "added", "added", "added", "reordered", "reordered", "removed"]);
  });

  it("closing: the owner only, not empty, then read-only; the owner's head reopens with a reason", async () => {
    const empty = await openedFile("Hồ sơ trống");
    await refused(run(closeFile, w.people.staff.id, closeInput(empty.id)), "conflict", /chưa có văn bản/);
    const f = await openedFile("Hồ sơ đóng");
    const incomingId = await incomingForStaff();
    await ok(run(addDocument, w.people.staff.id, { fileId: f.id, kind: "incoming", documentId: incomingId }));
    await refused(run(closeFile, null, closeInput(f.id)), "unauthenticated");
    await refused(run(closeFile, w.people.clerk.id, closeInput(f.id)), "forbidden");
    await refused(run(closeFile, w.people.unit_head.id, closeInput(f.id)), "not_found");
    const bad = (await run(closeFile, w.people.staff.id, closeInput(f.id, { endDate: `${year - 1}-01-01`, sheets: 9 }))) as { fieldErrors?: Record<string, string[]> };
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["endDate", "sheets"]);
    await ok(run(closeFile, w.people.staff.id, closeInput(f.id)));
    expect(await fileRow(f.id)).toMatchObject({ status: "closed", sheets: 4, pages: 6, startDate: `${year}-01-05`, endDate: `${year}-11-20` });
    await refused(run(closeFile, w.people.staff.id, closeInput(f.id)), "conflict", /Đã đóng/);
    await refused(run(addDocument, w.people.staff.id, { fileId: f.id, kind: "incoming", documentId: incomingId }), "conflict", /đã đóng/);
    const view = (await getWorkFile(await actor(w.people.staff.id), f.id, t.db))!;
    expect(view.may).toMatchObject({ edit: false, close: false, reopen: false, reconcile: true });

    await refused(run(reopenFile, w.people.staff.id, { id: f.id, reason: "Bổ sung" }), "not_found");
    await refused(run(reopenFile, xdcqHead.id, { id: f.id, reason: "Bổ sung" }), "not_found");
    await refused(run(reopenFile, w.people.unit_head.id, { id: f.id, reason: "" }), "validation");
    await ok(run(reopenFile, w.people.unit_head.id, { id: f.id, reason: "Bổ sung văn bản trả lời" }));
    expect((await fileRow(f.id)).status).toBe("open");
    const notes = await t.db.select().from(notifications).where(eq(notifications.userId, w.people.staff.id));
    expect(notes.some((n) => n.text.includes("mở lại"))).toBe(true);
    await refused(run(reopenFile, w.people.unit_head.id, { id: f.id, reason: "Lần nữa" }), "conflict", /Đang mở/);
  });

  it("closing counts the documents added after the form was drawn: fields left as prefilled are recomputed, typed ones kept", async () => {
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toLocaleDateString("en-CA", { timeZone: "Asia/Ho_Chi_Minh" });
    const staffActor = await actor(w.people.staff.id);
    /** The close form as the file page draws it now (components/work-files/file-panels.tsx CloseForm). */
    const formNow = async (id: string) => {
      const d = (await getWorkFile(staffActor, id, t.db))!.defaults;
      const shown = { startDate: d.startDate ?? "", endDate: d.endDate ?? "", sheets: String(d.pages ?? ""), pages: String(d.pages ?? "") };
      return closeInput(id, { startDate: shown.startDate, endDate: shown.endDate, sheets: d.pages, pages: d.pages, prefilled: shown });
    };
    const f = await openedFile("Hồ sơ đóng khi vừa thêm văn bản");
    const later = await incomingForStaff({ issuedDate: daysAgo(12), pageCount: 5 });
    await ok(run(addDocument, w.people.staff.id, { fileId: f.id, kind: "incoming", documentId: later }));
    const stale = await formNow(f.id);
    expect(stale).toMatchObject({ startDate: daysAgo(12), endDate: daysAgo(12), pages: 5 });
    // Another document joins while the form still shows the old prefill; the person closes without touching it.
    const earlier = await incomingForStaff({ issuedDate: daysAgo(58), pageCount: 4 });
    await ok(run(addDocument, w.people.staff.id, { fileId: f.id, kind: "incoming", documentId: earlier }));
    await ok(run(closeFile, w.people.staff.id, stale));
    expect(await fileRow(f.id)).toMatchObject({ status: "closed", startDate: daysAgo(58), endDate: daysAgo(12), sheets: 9, pages: 9 });
    const [closed] = await t.db.select().from(workFileEvents).where(and(eq(workFileEvents.fileId, f.id), eq(workFileEvents.kind, "closed")));
    expect(closed.text).toBe("9 tờ, 9 trang");

    // What the person typed stays as typed (printed on both sides: 3 sheets); the untouched dates are still recomputed.
    const g = await openedFile("Hồ sơ có số tờ nhập tay");
    await ok(run(addDocument, w.people.staff.id, { fileId: g.id, kind: "incoming", documentId: later }));
    const typed = { ...(await formNow(g.id)), sheets: "3", description: "In hai mặt" };
    await ok(run(addDocument, w.people.staff.id, { fileId: g.id, kind: "incoming", documentId: earlier }));
    await ok(run(closeFile, w.people.staff.id, typed));
    expect(await fileRow(g.id)).toMatchObject({ startDate: daysAgo(58), endDate: daysAgo(12), sheets: 3, pages: 9 });
  });

  it("hand-over: reconciled closed files of a unit; the archivist accepts (archived, read-only, access logged) or returns", async () => {
    const a = await openedFile("Hồ sơ nộp lưu A");
    const b = await openedFile("Hồ sơ nộp lưu B");
    for (const f of [a, b]) {
      await ok(run(addDocument, w.people.staff.id, { fileId: f.id, kind: "incoming", documentId: await incomingForStaff() }));
    }
    const batchInput = (fileIds: string[], over: Record<string, unknown> = {}) => ({
      unitId: w.divisionId, year, fileIds, title: `Tài liệu Phòng Tổ chức cán bộ năm ${year}`, condition: "Tốt", boxes: 1, shelfMeters: "0,1", ...over,
    });
    // Handing over an open one, then an unreconciled one.
    await refused(run(handOver, w.people.staff.id, batchInput([a.id])), "conflict", /Đang mở/);
    await ok(run(closeFile, w.people.staff.id, closeInput(a.id)));
    await ok(run(closeFile, w.people.staff.id, closeInput(b.id)));
    await refused(run(handOver, w.people.staff.id, batchInput([a.id])), "conflict", /đối chiếu/);
    await refused(run(reconcileFile, xdcqStaff.id, { id: a.id, reconciled: true, note: "" }), "not_found");
    await ok(run(reconcileFile, w.people.staff.id, { id: a.id, reconciled: true, note: "Khớp, 4 tờ" }));
    await ok(run(reconcileFile, w.people.unit_head.id, { id: b.id, reconciled: true, note: "" }));
    const head = await actor(w.people.unit_head.id);
    const recon = await reconcilePage(head, [year], {}, t.db);
    const list = recon.rows;
    expect(list.filter((r) => [a.id, b.id].includes(r.id)).map((r) => [r.reconciled, r.required])).toEqual([[true, true], [true, true]]);
    expect(recon).toMatchObject({ year, total: list.length, page: 1, pages: 1 });
    // The hand-over forms get every reconciled file; the table a page at a time (here of one row), a page past the end
    // shows the last; the file whose notes are open is found wherever it is, within the reader's files only.
    expect(recon.reconciled.map((r) => r.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    const byOne = await Promise.all([1, 2, 99].map((p) => reconcilePage(head, [year], { page: p, size: 1 }, t.db)));
    expect(byOne.map((r) => [r.page, r.pages, r.rows.length])).toEqual([[1, list.length, 1], [2, list.length, 1], [list.length, list.length, 1]]);
    expect(byOne.slice(0, 2).map((r) => r.rows[0].id)).toEqual(list.slice(0, 2).map((r) => r.id));
    expect((await reconcilePage(head, [year], { size: 1, noteId: list[list.length - 1].id }, t.db)).noting?.id).toBe(list[list.length - 1].id);
    // Two years asked: last year has no closed file here, so this year's are shown, with the unit's and the keeper's names;
    // another unit's person sees none of them, not even by the id of the notes.
    const both = await reconcilePage(head, [year - 1, year], {}, t.db);
    expect(both.year).toBe(year);
    expect(both.rows.map((r) => r.id)).toEqual(list.map((r) => r.id));
    expect(list.find((r) => r.id === a.id)).toMatchObject({ unitName: expect.any(String), ownerName: expect.stringContaining("staff"), retention: expect.any(String) });
    const outsider = await reconcilePage(await actor(xdcqStaff.id), [year], { noteId: a.id }, t.db);
    expect(outsider.rows.some((r) => [a.id, b.id].includes(r.id))).toBe(false);
    expect(outsider.reconciled.some((r) => [a.id, b.id].includes(r.id))).toBe(false);
    expect(outsider.noting).toBeUndefined();

    await refused(run(handOver, null, batchInput([a.id, b.id])), "unauthenticated");
    await refused(run(handOver, w.people.leader.id, batchInput([a.id, b.id])), "forbidden");
    await refused(run(handOver, xdcqStaff.id, batchInput([a.id, b.id])), "forbidden");
    await refused(run(handOver, w.people.staff.id, batchInput([a.id, b.id], { unitId: xdcq.id })), "not_found");
    const results = await Promise.all([1, 2, 3].map(() => run(handOver, w.people.unit_head.id, batchInput([a.id, b.id]))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const batchId = (results.find((r) => r.ok) as { data: { id: string } }).data.id;
    expect((await fileRow(a.id)).batchId).toBe(batchId);
    // The batch in the lists of the unit and of the archivist, with its unit, who handed it over and its two files; not in another agency's.
    for (const who of [w.people.unit_head.id, w.people.archivist.id]) {
      expect((await listBatches(await actor(who), {}, t.db)).rows.find((x) => x.id === batchId)).toMatchObject({ files: 2, status: "submitted", unitName: expect.any(String), submittedBy: expect.any(String) });
    }
    expect((await listBatches(await actor(other.people.archivist.id), {}, t.db)).rows.some((x) => x.id === batchId)).toBe(false);
    // Các đợt nộp lưu a page at a time, the newest first (here pages of one); a page past the end shows the last.
    const keeper = await actor(w.people.archivist.id);
    const allBatches = await listBatches(keeper, { size: 100 }, t.db);
    expect(allBatches.rows[0].id).toBe(batchId);
    expect(allBatches.total).toBe(allBatches.rows.length);
    const batchPages = await Promise.all([1, 99].map((p) => listBatches(keeper, { page: p, size: 1 }, t.db)));
    expect(batchPages.map((r) => [r.page, r.pages, r.total, r.rows.length])).toEqual([[1, allBatches.total, allBatches.total, 1], [allBatches.total, allBatches.total, allBatches.total, 1]]);
    expect(batchPages.map((r) => r.rows[0].id)).toEqual([batchId, allBatches.rows[allBatches.total - 1].id]);
    await refused(run(reopenFile, w.people.unit_head.id, { id: a.id, reason: "Bổ sung" }), "conflict", /chờ Lưu trữ/);
    // The archivist now sees the files and was told.
    const archivist = await actor(w.people.archivist.id);
    expect((await getWorkFile(archivist, a.id, t.db))?.file.id).toBe(a.id);
    expect((await t.db.select().from(notifications).where(eq(notifications.userId, w.people.archivist.id))).length).toBeGreaterThan(0);

    await refused(run(acceptBatch, null, { id: batchId }), "unauthenticated");
    await refused(run(acceptBatch, w.people.staff.id, { id: batchId }), "forbidden");
    await refused(run(acceptBatch, other.people.archivist.id, { id: batchId }), "not_found");
    await ok(run(acceptBatch, w.people.archivist.id, { id: batchId }));
    await refused(run(acceptBatch, w.people.archivist.id, { id: batchId }), "conflict", /đã được tiếp nhận/);
    await refused(run(returnBatch, w.people.archivist.id, { id: batchId, reason: "Muộn" }), "conflict", /đã được tiếp nhận/);
    expect(await fileRow(a.id)).toMatchObject({ status: "archived" });
    expect((await t.db.select().from(handoverBatches).where(eq(handoverBatches.id, batchId)))[0]).toMatchObject({ status: "accepted", decidedBy: w.people.archivist.id });

    // Archived: read-only, searchable by those with rights, each view logged.
    await refused(run(addDocument, w.people.staff.id, { fileId: a.id, kind: "incoming", documentId: await incomingForStaff() }), "conflict", /đã nộp lưu/);
    await refused(run(reopenFile, w.people.unit_head.id, { id: a.id, reason: "Sửa" }), "conflict");
    const found = await searchArchive(archivist, { q: a.code }, t.db);
    expect(found!.rows.map((r) => r.id)).toEqual([a.id]);
    // The title searched without accents and the code in any case, through the stored search text (migration 0038).
    expect((await searchArchive(archivist, { q: "tham dinh DE AN vi tri viec lam" }, t.db))!.rows.map((r) => r.id)).toContain(a.id);
    expect((await searchArchive(archivist, { q: "thẩm định đề án vị trí việc làm thứ hai" }, t.db))!.rows).toEqual([]);
    expect(await searchArchive(await actor(w.people.staff.id), {}, t.db)).toBeNull();
    expect(await getWorkFile(await actor(xdcqStaff.id), a.id, t.db)).toBeNull();
    await logArchiveView(archivist, a.id, "Xem hồ sơ", t.db);
    const viewed = await t.db.select().from(workFileEvents).where(and(eq(workFileEvents.fileId, a.id), eq(workFileEvents.kind, "viewed")));
    expect(viewed).toHaveLength(1);
    expect(viewed[0].actorId).toBe(w.people.archivist.id);

    // A returned batch gives the files back to the unit, closed and editable again by its head.
    const c = await openedFile("Hồ sơ bị trả lại");
    await ok(run(addDocument, w.people.staff.id, { fileId: c.id, kind: "incoming", documentId: await incomingForStaff() }));
    await ok(run(closeFile, w.people.staff.id, closeInput(c.id)));
    await ok(run(reconcileFile, w.people.staff.id, { id: c.id, reconciled: true, note: "" }));
    const { id: second } = await ok<{ id: string }>(run(handOver, w.people.staff.id, batchInput([c.id])));
    await refused(run(returnBatch, w.people.archivist.id, { id: second, reason: "" }), "validation");
    await ok(run(returnBatch, w.people.archivist.id, { id: second, reason: "Thiếu biên bản họp" }));
    expect(await fileRow(c.id)).toMatchObject({ status: "closed", batchId: null });
    await ok(run(reopenFile, w.people.unit_head.id, { id: c.id, reason: "Bổ sung biên bản họp" }));
  });

  it("stored files: another paper for the file's readers; a document's scan for the archivist once handed over", async () => {
    const f = await openedFile("Hồ sơ quyền đọc tệp");
    const scan = await storedFile(t.db, w.agencyId, w.people.clerk.id, MIME.pdf);
    const incomingId = await incomingForStaff({ fileIds: [scan] });
    await ok(run(addDocument, w.people.staff.id, { fileId: f.id, kind: "incoming", documentId: incomingId }));
    const paperId = await storedFile(t.db, w.agencyId, w.people.staff.id, MIME.pdf);
    await ok(run(addUpload, w.people.staff.id, { fileId: f.id, storedFileId: paperId, docType: "Tờ trình", author: "Phòng Tổ chức cán bộ", subject: "Tờ trình thẩm định" }));
    const reads = async (userId: string, id: string) => canReadFile(t.db, await actor(userId), id);
    expect(await reads(w.people.unit_head.id, paperId)).toBe(true);
    expect(await reads(xdcqStaff.id, paperId)).toBe(false);
    expect(await reads(w.people.archivist.id, paperId)).toBe(false);
    expect(await reads(w.people.archivist.id, scan)).toBe(false);
    await ok(run(closeFile, w.people.staff.id, closeInput(f.id)));
    await ok(run(reconcileFile, w.people.staff.id, { id: f.id, reconciled: true, note: "" }));
    await ok(run(handOver, w.people.staff.id, { unitId: w.divisionId, year, fileIds: [f.id], title: "Tài liệu nộp lưu", condition: "", boxes: "", shelfMeters: "" }));
    expect(await reads(w.people.archivist.id, scan)).toBe(true);
    expect(await reads(w.people.archivist.id, paperId)).toBe(true);
    expect(await reads(other.people.archivist.id, scan)).toBe(false);
  });

  it("lists show each person the files they may read", async () => {
    const mine = await listWorkFiles(await actor(w.people.staff.id), { scope: "mine" }, t.db);
    expect(mine.total).toBeGreaterThan(3);
    expect(mine.rows.every((r) => r.ownerName.includes("staff"))).toBe(true);
    const head = await listWorkFiles(await actor(w.people.unit_head.id), {}, t.db);
    expect(head.total).toBe(mine.total);
    const stranger = await listWorkFiles(await actor(xdcqStaff.id), {}, t.db);
    expect(stranger.rows.every((r) => r.unitName !== "Phòng Tổ chức cán bộ")).toBe(true);
    expect((await listWorkFiles(await actor(other.people.leader.id), {}, t.db)).total).toBe(0);
    expect((await listWorkFiles(await actor(w.people.leader.id), {}, t.db)).total).toBeGreaterThan(mine.total);
  });

  it("a list's pages hold every readable file once, newest first; the search reads codes and titles, its wildcards as text", async () => {
    const leader = await actor(w.people.leader.id);
    // More than a page of files (25), whatever ran before.
    for (let i = 0; i < 26; i++) await openedFile(`Hồ sơ trang ${i + 1}`);
    const whole = await listWorkFiles(leader, {}, t.db);
    expect(whole.total).toBeGreaterThan(whole.pageSize);
    const pages = [];
    for (let page = 1; (page - 1) * whole.pageSize < whole.total; page++) pages.push(...(await listWorkFiles(leader, { page }, t.db)).rows);
    expect(pages.map((r) => r.id)).toHaveLength(whole.total);
    expect(new Set(pages.map((r) => r.id)).size).toBe(whole.total);
    const order = pages.map((r) => [r.year, r.updatedAt.getTime()] as const);
    expect(order.every(([y, at], i) => i === 0 || order[i - 1][0] > y || (order[i - 1][0] === y && order[i - 1][1] >= at))).toBe(true);
    // The names, the retention and the document count read for the page's rows (sub-selects), as the file's page reads them.
    const withDocuments = pages.filter((r) => r.documents > 0);
    expect(withDocuments.length).toBeGreaterThan(0);
    for (const r of [pages[0], ...withDocuments]) {
      const page = await getWorkFile(leader, r.id, t.db);
      expect(r).toMatchObject({ ownerName: page!.ownerName, unitName: page!.unitName, retention: page!.retention, documents: page!.entries.length });
    }
    const entries = await t.db.select({ fileId: workFileEntries.fileId }).from(workFileEntries);
    for (const r of pages) expect(r.documents).toBe(entries.filter((e) => e.fileId === r.id).length);
    const f = await openedFile("Hồ sơ 100% tìm_kiếm");
    expect((await listWorkFiles(leader, { q: f.code.toLowerCase() }, t.db)).rows.map((r) => r.id)).toContain(f.id);
    expect((await listWorkFiles(leader, { q: "HO SO 100% TIM_KIEM" }, t.db)).rows.map((r) => r.id)).toEqual([f.id]);
    expect((await listWorkFiles(leader, { q: "%" }, t.db)).rows.map((r) => r.id)).toEqual([f.id]);
    expect((await listWorkFiles(leader, { q: "_" }, t.db)).total).toBe(1);
    // Another agency's person finds none of it, whatever the words.
    expect((await listWorkFiles(await actor(other.people.leader.id), { q: "ho so" }, t.db)).total).toBe(0);
  });

  it("owners are told from 30 days before the deadline; files kept 5 years or more show overdue after it", async () => {
    const f = await openedFile("Hồ sơ nhắc nộp lưu");
    const short = await ok<{ id: string }>(run(openAdHoc, w.people.staff.id, { planId, headingId, title: "Hồ sơ lưu 2 năm", retentionCode: "2" }));
    const staff = await actor(w.people.staff.id);
    const ids = (ns: Awaited<ReturnType<typeof handoverNotices>>) => ns.map((n) => n.id);
    expect(ids(await handoverNotices(staff, `${year}-12-31`, t.db))).not.toContain(f.id);
    expect(ids(await handoverNotices(staff, `${year + 1}-02-28`, t.db))).not.toContain(f.id);
    const march = await handoverNotices(staff, `${year + 1}-03-01`, t.db);
    expect(march.find((n) => n.id === f.id)).toMatchObject({ deadline: `${year + 1}-03-31`, overdue: false });
    expect(ids(march)).not.toContain(short.id);
    const april = await handoverNotices(staff, `${year + 1}-04-01`, t.db);
    expect(april.find((n) => n.id === f.id)).toMatchObject({ overdue: true });
    // Archived files are done with.
    const archivedIds = (await t.db.select({ id: workFiles.id }).from(workFiles).where(eq(workFiles.status, "archived"))).map((r) => r.id);
    expect(ids(april).some((id) => archivedIds.includes(id))).toBe(false);
    expect(await handoverNotices(await actor(w.people.clerk.id), `${year + 1}-04-01`, t.db)).toEqual([]);
    // The head of the file's unit is told too; the head of another unit is not.
    expect(ids(await handoverNotices(await actor(w.people.unit_head.id), `${year + 1}-04-01`, t.db))).toContain(f.id);
    expect(ids(await handoverNotices(await actor(w.people.office_chief.id), `${year + 1}-04-01`, t.db))).not.toContain(f.id);
  });

  it("next year's plan is copied from this year's: headings and planned items, ad-hoc files left out, numbered from 01", async () => {
    await refused(run(createPlan, w.people.archivist.id, { year: year + 1, copyFrom: year - 5 }), "validation");
    const { id, copied } = await ok<{ id: string; copied: number }>(run(createPlan, w.people.archivist.id, { year: year + 1, copyFrom: year }));
    const planned = await t.db.select().from(filePlanItems).where(and(eq(filePlanItems.planId, planId), eq(filePlanItems.adHoc, false)));
    expect(copied).toBe(planned.length);
    const items = await t.db.select().from(filePlanItems).where(eq(filePlanItems.planId, id)).orderBy(filePlanItems.number);
    expect(items.map((i) => i.number)).toEqual(Array.from({ length: copied }, (_, i) => i + 1));
    expect(items[0].code).toBe("01.TCCB");
    expect(items.every((i) => !i.adHoc)).toBe(true);
  });
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { incomingAssignments, incomingDocuments, outgoingDocuments, registers, workFileEntries, workFiles } from "@/db/schema";
import { executeAction, type ActionDefinition } from "@/lib/actions/define";
import { isoToDisplay, todayInVietnam } from "@/lib/dates";
import { assignDocument, handOverPaper, registerPaper, submitToLeader } from "@/lib/incoming/actions";
import { cascadeAssignment } from "@/lib/incoming/process";
import { createDraft, reviseDraft } from "@/lib/outgoing/actions";
import { addUpload, closeFile } from "@/lib/work-files/actions";
import { paper } from "../factories/incoming";
import { buildWorld, callerOf, keyed, type World } from "../factories/org";
import { draftInput, MIME, storedFile } from "../factories/outgoing";
import { buildPlan, buildWorkFile } from "../factories/work-files";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Issue 11 item 2: impossible dates never enter the register. Each refusal is a field error in
// Vietnamese and changes nothing (no row, no number taken, no state change).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDef = ActionDefinition<any, any, any>;

const today = todayInVietnam();
const shift = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const shown = isoToDisplay(today);

describe.each(DB_KINDS)("date rules on %s", (kind) => {
  let t: TestDb;
  let w: World;
  const run = (def: AnyDef, userId: string, input: unknown) => executeAction(def, callerOf(userId), keyed(input), t.db);
  const ok = async <T,>(p: Promise<{ ok: boolean; data?: T }>) => {
    const r = await p;
    expect(r).toMatchObject({ ok: true });
    return (r as { data: T }).data;
  };
  const fieldErrors = async (p: Promise<unknown>) => {
    const r = (await p) as { ok: boolean; code?: string; fieldErrors?: Record<string, string[]> };
    expect(r).toMatchObject({ ok: false, code: "validation" });
    return r.fieldErrors ?? {};
  };
  const counter = async () => (await t.db.select({ n: registers.lastNo }).from(registers).where(eq(registers.agencyId, w.agencyId))).map((r) => r.n);
  const docRow = async (id: string) => (await t.db.select().from(incomingDocuments).where(eq(incomingDocuments.id, id)))[0];

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
  });
  afterAll(async () => t?.drop());

  it("refuses a document dated after its arrival or a deadline before it: no row, no số đến taken", async () => {
    await ok(run(registerPaper, w.people.clerk.id, paper()));
    const [docs, numbers] = [await t.db.$count(incomingDocuments), await counter()];
    const e = await fieldErrors(run(registerPaper, w.people.clerk.id, paper({ issuedDate: "31/12/2099", dueDate: "01/01/2020" })));
    expect(e.issuedDate).toEqual([`Ngày văn bản không được sau ngày đến (${shown}).`]);
    expect(e.dueDate).toEqual([`Hạn giải quyết không được trước ngày đến (${shown}).`]);
    expect((await fieldErrors(run(registerPaper, w.people.clerk.id, paper({ issuedDate: shift(1) })))).issuedDate?.[0]).toMatch(/^Ngày văn bản không được sau ngày đến/);
    expect((await fieldErrors(run(registerPaper, w.people.clerk.id, paper({ issuedDate: "1/1/0201" })))).issuedDate).toEqual(["Ngày văn bản có năm không hợp lệ (201)."]);
    expect(await t.db.$count(incomingDocuments)).toBe(docs);
    expect(await counter()).toEqual(numbers);
    // Typed dd/mm/yyyy, on the day of arrival, is stored as that day; the next number follows without a gap.
    const { id, arrivalNo } = await ok<{ id: string; arrivalNo: number }>(
      run(registerPaper, w.people.clerk.id, paper({ issuedDate: shown, dueDate: isoToDisplay(shift(10)) })),
    );
    expect(arrivalNo).toBe(2);
    expect(await docRow(id)).toMatchObject({ issuedDate: today, dueDate: shift(10) });
  });

  it("refuses an assignment deadline before the day of assignment, for the leader and for a unit head's cascade", async () => {
    const { id } = await ok<{ id: string }>(run(registerPaper, w.people.clerk.id, paper()));
    await ok(run(submitToLeader, w.people.clerk.id, { id, leaderId: w.people.leader.id }));
    const waiting = (await docRow(id)).status;
    const assign = (deadline: string) =>
      run(assignDocument, w.people.leader.id, { id, instruction: "Giao phòng chủ trì.", recipients: [{ kind: "unit", targetId: w.divisionId, role: "lead", deadline }] });
    expect((await fieldErrors(assign(shift(-1))))["recipients.0.deadline"]).toEqual([`Hạn xử lý không được trước ngày giao (${shown}).`]);
    expect((await fieldErrors(assign("2099-12-31")))["recipients.0.deadline"]?.[0]).toMatch(/^Hạn xử lý không được quá 5 năm/);
    expect(await t.db.$count(incomingAssignments, eq(incomingAssignments.documentId, id))).toBe(0);
    expect((await docRow(id)).status).toBe(waiting);
    await ok(assign(shift(20)));
    const [lead] = await t.db.select().from(incomingAssignments).where(eq(incomingAssignments.documentId, id));
    const cascade = (deadline: string) =>
      run(cascadeAssignment, w.people.unit_head.id, { assignmentId: lead.id, instruction: "", recipients: [{ kind: "user", targetId: w.people.staff.id, role: "lead", deadline }] });
    expect((await fieldErrors(cascade(shift(-3))))["recipients.0.deadline"]).toEqual([`Hạn xử lý không được trước ngày giao (${shown}).`]);
    expect(await t.db.$count(incomingAssignments, eq(incomingAssignments.documentId, id))).toBe(1);
  });

  it("refuses a paper hand-over dated after today or before the arrival", async () => {
    const { id } = await ok<{ id: string }>(run(registerPaper, w.people.clerk.id, paper()));
    const hand = (handedAt: string) => run(handOverPaper, w.people.clerk.id, { id, handedAt, receiver: "Phan Văn Đức" });
    expect((await fieldErrors(hand(shift(1)))).handedAt).toEqual([`Ngày chuyển không được sau ngày hôm nay (${shown}).`]);
    expect((await fieldErrors(hand(shift(-1)))).handedAt).toEqual([`Ngày chuyển không được trước ngày đến (${shown}).`]);
    expect((await fieldErrors(hand(""))).handedAt).toEqual(["Vui lòng nhập ngày chuyển."]);
    expect(await docRow(id)).toMatchObject({ paperHandedAt: null, paperReceiver: "" });
    await ok(hand(shown));
    expect((await docRow(id)).paperHandedAt).toBe(today);
  });

  it("refuses a draft's reply deadline before today, on creation and on revision", async () => {
    const before = await t.db.$count(outgoingDocuments);
    const e = await fieldErrors(run(createDraft, w.people.staff.id, draftInput(w.people.leader.id, { replyDeadline: shift(-1) })));
    expect(e.replyDeadline).toEqual([`Hạn trả lời không được trước ngày hôm nay (${shown}).`]);
    expect(await t.db.$count(outgoingDocuments)).toBe(before);
    const fileId = await storedFile(t.db, w.agencyId, w.people.staff.id, MIME.docx);
    const { id } = await ok<{ id: string }>(run(createDraft, w.people.staff.id, draftInput(w.people.leader.id, { replyDeadline: shift(15), fileIds: [fileId] })));
    expect((await t.db.select().from(outgoingDocuments).where(eq(outgoingDocuments.id, id)))[0].replyDeadline).toBe(shift(15));
    const revised = await fieldErrors(run(reviseDraft, w.people.staff.id, { id, ...draftInput(w.people.leader.id, { replyDeadline: "15/13/2026", fileIds: [fileId] }) }));
    expect(revised.replyDeadline).toEqual(["Hạn trả lời không hợp lệ, nhập theo dạng dd/mm/yyyy (ví dụ 05/10/2026)."]);
    expect((await t.db.select().from(outgoingDocuments).where(eq(outgoingDocuments.id, id)))[0].replyDeadline).toBe(shift(15));
  });

  it("refuses a work file paper dated after today and closing dates after today", async () => {
    const year = Number(today.slice(0, 4));
    const plan = await buildPlan(t.db, w, year);
    const fileId = await buildWorkFile(t.db, w, { itemId: plan.items.person, year, code: "01.TCCB", title: "Hồ sơ tuyển dụng công chức" });
    const stored = await storedFile(t.db, w.agencyId, w.people.staff.id, MIME.pdf);
    const upload = { fileId, storedFileId: stored, docType: "Biên bản", symbol: "", author: "Phòng Tổ chức cán bộ", subject: "Biên bản họp", pageCount: 1, note: "" };
    expect((await fieldErrors(run(addUpload, w.people.staff.id, { ...upload, docDate: shift(2) }))).docDate).toEqual([
      `Ngày tháng văn bản không được sau ngày hôm nay (${shown}).`,
    ]);
    expect(await t.db.$count(workFileEntries, eq(workFileEntries.fileId, fileId))).toBe(0);
    const close = { id: fileId, title: "Hồ sơ tuyển dụng công chức", startDate: `${year}-01-05`, endDate: shift(1), retentionCode: "20", sheets: 1, pages: 1 };
    expect((await fieldErrors(run(closeFile, w.people.staff.id, close))).endDate).toEqual([`Thời gian kết thúc không được sau ngày hôm nay (${shown}).`]);
    expect((await t.db.select().from(workFiles).where(eq(workFiles.id, fileId)))[0].status).toBe("open");
  });
});

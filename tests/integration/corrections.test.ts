import ExcelJS from "exceljs";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, incomingDocuments, incomingEvents, notifications, outgoingDocuments, outgoingEvents, outgoingRecipients } from "@/db/schema";
import { executeAction, type ActionDefinition } from "@/lib/actions/define";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { assignDocument, registerPaper, submitToLeader } from "@/lib/incoming/actions";
import { correctRegistration, requestCorrection, voidRegistration } from "@/lib/incoming/corrections";
import { listIncoming, myWork } from "@/lib/incoming/queries";
import { approveDraft, checkDraft, createDraft, reviseDraft, signDraft, submitDraft } from "@/lib/outgoing/actions";
import { amendIssued, amendmentLinks } from "@/lib/outgoing/amendments";
import { issueDocument } from "@/lib/outgoing/issue";
import { loadBook } from "@/lib/register-books";
import { renderBookPdf } from "@/lib/registers/pdf";
import { bookQuerySchema } from "@/lib/registers/schemas";
import { renderBookXlsx } from "@/lib/registers/xlsx";
import { isoToDisplay } from "@/lib/dates";
import { todayInVietnam } from "@/lib/dates";
import { paper } from "../factories/incoming";
import { buildWorld, callerOf, keyed, type World } from "../factories/org";
import { draftInput, MIME, storedFile } from "../factories/outgoing";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Issue 11 item 3: Sửa thông tin vào sổ, Hủy vào sổ (the number stays, never reused, the books
// show "Đã hủy"), and Đính chính / Thay thế of an issued outgoing document, linked both ways.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDef = ActionDefinition<any, any, any>;

describe.each(DB_KINDS)("corrections and voiding on %s", (kind) => {
  let t: TestDb;
  let w: World;
  const today = todayInVietnam();
  const later = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const run = (def: AnyDef, userId: string, input: unknown) => executeAction(def, callerOf(userId), keyed(input), t.db);
  const ok = async <T,>(p: Promise<{ ok: boolean; data?: T }>) => {
    const r = await p;
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
    return (r as { data: T }).data;
  };
  const doc = async (id: string) => (await t.db.select().from(incomingDocuments).where(eq(incomingDocuments.id, id)))[0];
  const events = (id: string, k: string) =>
    t.db.select().from(incomingEvents).where(and(eq(incomingEvents.documentId, id), eq(incomingEvents.kind, k))).orderBy(incomingEvents.id);
  const actor = async (id: string) => (await loadActor(t.db, id)) as Actor;
  const register = (over: Record<string, unknown> = {}) => ok<{ id: string; arrivalNo: number; year: number }>(run(registerPaper, w.people.clerk.id, paper(over)));
  /** The correction form as it is sent: every field, from the stored row, with changes. */
  const form = async (id: string, over: Record<string, unknown>) => {
    const d = await doc(id);
    return {
      id, symbol: d.symbol, issuedDate: d.issuedDate ?? "", issuerName: d.issuerName, docType: d.docType, subject: d.subject, signer: d.signer,
      urgency: d.urgency, pageCount: d.pageCount ?? "", dueDate: d.dueDate ?? "", note: d.note, fileCode: d.fileCode, reason: "Nhập sai khi vào sổ", ...over,
    };
  };
  async function assigned() {
    const r = await register();
    await ok(run(submitToLeader, w.people.clerk.id, { id: r.id, leaderId: w.people.leader.id }));
    await ok(run(assignDocument, w.people.leader.id, {
      id: r.id, instruction: "Chuyên viên xử lý.", recipients: [{ kind: "user", targetId: w.people.staff.id, role: "lead", deadline: later(5) }],
    }));
    return r;
  }

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
  });
  afterAll(async () => t?.drop());

  describe("Sửa thông tin vào sổ", () => {
    it("lets the clerk correct a registration before assignment, with old → new on the trail and in the audit entry; the số đến stays", async () => {
      const r = await register({ subject: "V/v báo cáo sai chính tả", pageCount: 2 });
      await ok(run(submitToLeader, w.people.clerk.id, { id: r.id, leaderId: w.people.leader.id }));
      const input = await form(r.id, { subject: "V/v báo cáo tình hình thực hiện", pageCount: 3, dueDate: later(7) });
      await ok(run(correctRegistration, w.people.clerk.id, input));
      const d = await doc(r.id);
      expect(d).toMatchObject({ subject: "V/v báo cáo tình hình thực hiện", pageCount: 3, dueDate: later(7), arrivalNo: r.arrivalNo, status: "awaiting_instruction" });
      const [e] = await events(r.id, "corrected");
      expect(e.payload).toMatchObject({
        reason: "Nhập sai khi vào sổ",
        consent: false,
        changes: [
          { field: "subject", from: "V/v báo cáo sai chính tả", to: "V/v báo cáo tình hình thực hiện" },
          { field: "pageCount", from: 2, to: 3 },
          { field: "dueDate", from: null, to: later(7) },
        ],
      });
      expect(e.text).toContain("Trích yếu: “V/v báo cáo sai chính tả” → “V/v báo cáo tình hình thực hiện”");
      expect(e.text).toContain("Số trang: “2” → “3”");
      const [a] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "incoming.correct"), eq(auditEvents.objectId, r.id)));
      expect((a.payload as { changes: unknown[] }).changes).toHaveLength(3);

      // The same form again changes nothing and is refused; the trail has one entry.
      expect(await run(correctRegistration, w.people.clerk.id, input)).toMatchObject({ ok: false, code: "conflict", formError: "Không có thông tin nào thay đổi." });
      expect(await events(r.id, "corrected")).toHaveLength(1);
    });

    it("refuses a staff member, and the clerk once the leader has assigned it; a leader of the agency then corrects it", async () => {
      const r = await assigned();
      const input = await form(r.id, { symbol: "99/UBND-VX" });
      expect(await run(correctRegistration, w.people.staff.id, input)).toMatchObject({ ok: false, code: "forbidden" });
      const refused = await run(correctRegistration, w.people.clerk.id, input);
      expect(refused).toMatchObject({ ok: false, code: "conflict" });
      expect((refused as { formError: string }).formError).toContain("cần lãnh đạo cơ quan đồng ý");
      expect((await doc(r.id)).symbol).not.toBe("99/UBND-VX");
      // The clerk asks; the leader who assigned it gets a notice linking to the document.
      await ok(run(requestCorrection, w.people.clerk.id, { id: r.id, text: "Số, ký hiệu đúng là 99/UBND-VX." }));
      const notes = await t.db.select().from(notifications).where(and(eq(notifications.userId, w.people.leader.id), eq(notifications.href, `/incoming/${r.id}`), eq(notifications.kind, "other")));
      expect(notes).toHaveLength(1);
      expect(notes[0].text).toContain("Số, ký hiệu đúng là 99/UBND-VX.");
      expect(await events(r.id, "correction_requested")).toHaveLength(1);
      expect(await run(requestCorrection, w.people.leader.id, { id: r.id, text: "x" })).toMatchObject({ ok: false, code: "conflict" });
      await ok(run(correctRegistration, w.people.leader.id, input));
      expect((await doc(r.id)).symbol).toBe("99/UBND-VX");
      const [e] = await events(r.id, "corrected");
      expect(e).toMatchObject({ actorId: w.people.leader.id, payload: { consent: true } });
    });

    it("keeps a document's date not after its arrival and its deadline not before it", async () => {
      const r = await register();
      // Before the assignment the clerk corrects it alone: there is nothing to ask.
      expect(await run(requestCorrection, w.people.clerk.id, { id: r.id, text: "x" })).toMatchObject({ ok: false, code: "conflict" });
      const bad = await run(correctRegistration, w.people.clerk.id, await form(r.id, { issuedDate: later(3) }));
      expect(bad).toMatchObject({ ok: false, code: "validation", fieldErrors: { issuedDate: [`Ngày văn bản không được sau ngày đến (${isoToDisplay(todayInVietnam())}).`] } });
      const early = await run(correctRegistration, w.people.clerk.id, await form(r.id, { dueDate: later(-3) }));
      expect(early).toMatchObject({ ok: false, fieldErrors: { dueDate: [`Hạn giải quyết không được trước ngày đến (${isoToDisplay(todayInVietnam())}).`] } });
      // A document that arrived ten days ago with a deadline already passed: its other fields stay correctable
      // (the rule is against its own day of arrival, not today), and dd/mm/yyyy is read as that day.
      const arrived = new Date(Date.now() - 10 * 86_400_000);
      await t.db.update(incomingDocuments).set({ arrivalDate: arrived, dueDate: later(-5), issuedDate: later(-12) }).where(eq(incomingDocuments.id, r.id));
      await ok(run(correctRegistration, w.people.clerk.id, await form(r.id, { symbol: "77/UBND-VX", issuedDate: isoToDisplay(later(-12)), dueDate: later(-5) })));
      expect(await doc(r.id)).toMatchObject({ symbol: "77/UBND-VX", issuedDate: later(-12), dueDate: later(-5) });
    });

    it("applies concurrent identical corrections once", async () => {
      const r = await register();
      const input = await form(r.id, { note: "Bản sao" });
      const results = await Promise.all([1, 2, 3].map(() => run(correctRegistration, w.people.clerk.id, input)));
      expect(results.filter((x) => x.ok)).toHaveLength(1);
      expect(await events(r.id, "corrected")).toHaveLength(1);
    });
  });

  describe("Hủy vào sổ", () => {
    it("keeps the number marked Đã hủy, never reuses it, and takes the next number for the next registration", async () => {
      const a = await register();
      await ok(run(voidRegistration, w.people.clerk.id, { id: a.id, reason: "Vào sổ trùng với số đến trước" }));
      const d = await doc(a.id);
      expect(d).toMatchObject({ status: "voided", arrivalNo: a.arrivalNo, voidReason: "Vào sổ trùng với số đến trước", voidedBy: w.people.clerk.id });
      expect(d.voidedAt).toBeInstanceOf(Date);
      const b = await register();
      expect(b.arrivalNo).toBe(a.arrivalNo + 1);
      // A repeat finds it voided.
      expect(await run(voidRegistration, w.people.clerk.id, { id: a.id, reason: "Lần nữa" })).toMatchObject({ ok: false, code: "conflict" });
      expect(await events(a.id, "voided")).toHaveLength(1);
      // Nothing more is done with it: no correction, no submission.
      expect(await run(correctRegistration, w.people.clerk.id, await form(a.id, { note: "x" }))).toMatchObject({ ok: false, code: "conflict" });
      expect(await run(submitToLeader, w.people.clerk.id, { id: a.id, leaderId: w.people.leader.id })).toMatchObject({ ok: false, code: "conflict" });
    });

    it("voids once under concurrent clicks", async () => {
      const a = await register();
      const results = await Promise.all([1, 2, 3].map(() => run(voidRegistration, w.people.clerk.id, { id: a.id, reason: "Trùng" })));
      expect(results.filter((x) => x.ok)).toHaveLength(1);
      expect(await events(a.id, "voided")).toHaveLength(1);
    });

    it("needs a leader once the document is being handled, and takes it off the work lists", async () => {
      const a = await assigned();
      const staff = await actor(w.people.staff.id);
      expect((await myWork(staff, 1, t.db)).rows.map((r) => r.documentId)).toContain(a.id);
      expect(await run(voidRegistration, w.people.staff.id, { id: a.id, reason: "Sai" })).toMatchObject({ ok: false, code: "forbidden" });
      expect(await run(voidRegistration, w.people.clerk.id, { id: a.id, reason: "Sai" })).toMatchObject({ ok: false, code: "conflict" });
      await ok(run(voidRegistration, w.people.leader.id, { id: a.id, reason: "Văn bản gửi nhầm cơ quan" }));
      expect((await myWork(staff, 1, t.db)).rows.map((r) => r.documentId)).not.toContain(a.id);
      // Still found in the list, marked voided, but never as overdue work.
      const clerk = await actor(w.people.clerk.id);
      expect((await listIncoming(clerk, { arrivalNo: a.arrivalNo, year: a.year }, t.db)).rows[0]).toMatchObject({ id: a.id, status: "voided" });
    });

    it("prints the voided row with Đã hủy and the reason in the books (screen, PDF, XLSX)", async () => {
      const a = await register({ subject: "V/v văn bản bị hủy vào sổ" });
      await ok(run(voidRegistration, w.people.clerk.id, { id: a.id, reason: "Gửi nhầm" }));
      const clerk = await actor(w.people.clerk.id);
      const q = (book: string) => bookQuerySchema.parse({ book, year: String(a.year) });
      const reg = (await loadBook(clerk, q("incoming"), t.db))!;
      const row = reg.rows.find((r) => r[1] === String(a.arrivalNo))!;
      expect(row[9]).toBe("Đã hủy: Gửi nhầm");
      // Every number of the year has its row: the voided ones too (gapless).
      const nos = reg.rows.map((r) => Number(r[1]));
      expect(nos).toEqual(Array.from({ length: nos.length }, (_, i) => i + 1));
      const tracking = (await loadBook(clerk, q("tracking"), t.db))!;
      const trow = tracking.rows.find((r) => r[0] === String(a.arrivalNo))!;
      expect(trow[4]).toBe("Đã hủy");
      expect(trow[6]).toBe("Đã hủy: Gửi nhầm");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await renderBookXlsx(reg)) as unknown as ArrayBuffer);
      const cells: string[] = [];
      wb.worksheets.forEach((s) => s.eachRow((r) => r.eachCell((c) => cells.push(String(c.value)))));
      expect(cells).toContain("Đã hủy: Gửi nhầm");
      expect((await renderBookPdf(reg)).byteLength).toBeGreaterThan(1000);
    });
  });

  describe("Đính chính / Thay thế", () => {
    const issue = async (id: string) => {
      await ok(run(submitDraft, w.people.staff.id, { id }));
      await ok(run(approveDraft, w.people.unit_head.id, { id }));
      await ok(run(checkDraft, w.people.checker.id, { id, legal: true, format: true }));
      await ok(run(signDraft, w.people.leader.id, { id }));
      return ok<{ symbol: string }>(run(issueDocument, w.people.clerk.id, { id, fileId: await storedFile(t.db, w.agencyId, w.people.clerk.id, MIME.pdf) }));
    };
    const issued = async (over: Record<string, unknown> = {}) => {
      const fileIds = [await storedFile(t.db, w.agencyId, w.people.staff.id)];
      const { id } = await ok<{ id: string }>(run(createDraft, w.people.staff.id, draftInput(w.people.leader.id, { fileIds, ...over })));
      return { id, ...(await issue(id)) };
    };
    const out = async (id: string) => (await t.db.select().from(outgoingDocuments).where(eq(outgoingDocuments.id, id)))[0];

    it("creates a công văn đính chính linked both ways, shown in the outgoing register; an issued document itself is never edited", async () => {
      const original = await issued({ docType: "Quyết định", subject: "Quyết định về việc cử công chức đi học", recipients: [{ kind: "text", name: "Sở Tài chính" }, { kind: "unit", targetId: w.divisionId }] });
      const before = await out(original.id);
      expect(await run(amendIssued, w.people.clerk.id, { id: original.id, kind: "correct" })).toMatchObject({ ok: false, code: "forbidden" });
      const { id } = await ok<{ id: string }>(run(amendIssued, w.people.staff.id, { id: original.id, kind: "correct" }));
      const draft = await out(id);
      expect(draft).toMatchObject({ status: "draft", correctsId: original.id, replacesId: null, docType: "Công văn", drafterId: w.people.staff.id, draftingUnitId: before.draftingUnitId });
      expect(draft.subject).toContain(`đính chính quyết định số ${original.symbol}`);
      const rs = await t.db.select().from(outgoingRecipients).where(eq(outgoingRecipients.documentId, id)).orderBy(outgoingRecipients.sortOrder);
      expect(rs.map((r) => r.name)).toEqual(["Sở Tài chính", "Phòng Tổ chức cán bộ"]);
      // The original is unchanged but for its trail.
      const after = await out(original.id);
      expect({ ...after, updatedAt: null }).toEqual({ ...before, updatedAt: null });
      const trail = await t.db.select().from(outgoingEvents).where(and(eq(outgoingEvents.documentId, original.id), eq(outgoingEvents.kind, "amended")));
      expect(trail).toHaveLength(1);
      // A second click while the first draft is open creates nothing.
      expect(await run(amendIssued, w.people.staff.id, { id: original.id, kind: "replace" })).toMatchObject({ ok: false, code: "conflict" });

      const staff = await actor(w.people.staff.id);
      expect(await amendmentLinks(staff, draft, t.db)).toMatchObject({ of: [{ id: original.id, kind: "correct", symbol: original.symbol }], by: [] });
      expect(await amendmentLinks(staff, after, t.db)).toMatchObject({ of: [], by: [{ id, kind: "correct", status: "draft" }] });

      // The drafter adds the file, and it goes the usual way to its own số đi.
      await ok(run(reviseDraft, w.people.staff.id, { id, ...draftInput(w.people.leader.id, { subject: draft.subject, recipients: [{ kind: "text", name: "Sở Tài chính" }], fileIds: [await storedFile(t.db, w.agencyId, w.people.staff.id)] }) }));
      const fix = await issue(id);
      const clerk = await actor(w.people.clerk.id);
      const book = (await loadBook(clerk, bookQuerySchema.parse({ book: "outgoing", year: String(after.year) }), t.db))!;
      const note = (symbol: string) => book.rows.find((r) => r[0] === symbol)![9];
      expect(note(fix.symbol)).toBe(`Đính chính cho văn bản số ${original.symbol}`);
      expect(note(original.symbol)).toBe(`Được đính chính bởi văn bản số ${fix.symbol}`);
    });

    it("creates a replacing document of the same form, and refuses to amend a draft", async () => {
      const original = await issued({ docType: "Kế hoạch", subject: "Kế hoạch kiểm tra công tác văn thư năm 2027" });
      // Concurrent clicks (each with its own key) make one draft.
      const results = await Promise.all([1, 2, 3].map(() => run(amendIssued, w.people.unit_head.id, { id: original.id, kind: "replace" })));
      expect(results.filter((x) => x.ok)).toHaveLength(1);
      const id = (results.find((x) => x.ok) as { data: { id: string } }).data.id;
      expect(await t.db.select({ id: outgoingDocuments.id }).from(outgoingDocuments).where(eq(outgoingDocuments.replacesId, original.id))).toHaveLength(1);
      expect(await out(id)).toMatchObject({ replacesId: original.id, correctsId: null, docType: "Kế hoạch", subject: "Kế hoạch kiểm tra công tác văn thư năm 2027" });
      expect(await run(amendIssued, w.people.unit_head.id, { id, kind: "correct" })).toMatchObject({ ok: false, code: "conflict" });
    });
  });
});

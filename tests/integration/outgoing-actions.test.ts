import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  incomingAssignments, incomingDocuments, notifications, outgoingConsultations, outgoingDocuments, outgoingEvents, outgoingFiles, outgoingRecipients,
  positions, registers, type PositionKind,
} from "@/db/schema";
import type { Db } from "@/db/client";
import { executeAction, type ActionDefinition } from "@/lib/actions/define";
import { assignDocument, registerArrival, registerPaper, submitToLeader } from "@/lib/incoming/actions";
import { completeAssignment } from "@/lib/incoming/process";
import { listIncoming } from "@/lib/incoming/queries";
import {
  answerConsultation, approveDraft, checkDraft, consultUnits, createDraft, returnDraft, reviseDraft, signDraft, submitDraft,
} from "@/lib/outgoing/actions";
import { issueDocument, withdrawDocument } from "@/lib/outgoing/issue";
import { createDelegation, revokeDelegation } from "@/lib/delegations/actions";
import { todayInVietnam } from "@/lib/dates";
import { DRAFT_FILE_REFUSED } from "@/lib/outgoing/draft-files";
import { getOutgoing, listOutgoing, PAGE_SIZE } from "@/lib/outgoing/queries";
import { loadActor } from "@/lib/auth/actor";
import { canReadFile } from "@/lib/access/files";
import { paper } from "../factories/incoming";
import { addPerson, addUnit, buildWorld, callerOf, keyed, type World } from "../factories/org";
import { draftInput, MIME, storedFile } from "../factories/outgoing";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Issue 4: every outgoing step × anonymous, a wrong position, another agency's or unit's draft,
// the wrong state, and the happy path; số đi gapless under concurrency (security.md §5 rows 1, 3, 18).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDef = ActionDefinition<any, any, any>;

describe.each(DB_KINDS)("outgoing documents on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let other: World;
  let otherDivision: { id: string; code: string };
  let otherHead: { id: string };
  let otherStaff: { id: string };
  let deputy: { id: string };

  const run = (def: AnyDef, userId: string | null, input: unknown) => executeAction(def, userId ? callerOf(userId) : null, keyed(input), t.db);
  const ok = async <T,>(p: Promise<{ ok: boolean; data?: T }>) => {
    const r = await p;
    expect(r).toMatchObject({ ok: true });
    return (r as { data: T }).data;
  };
  const doc = async (id: string) => (await t.db.select().from(outgoingDocuments).where(eq(outgoingDocuments.id, id)))[0];
  const file = (mime: string = MIME.docx, by = w.people.staff.id) => storedFile(t.db, w.agencyId, by, mime);

  async function personIn(db: Db, world: World, unitId: string, k: PositionKind, title: string = k) {
    const [p] = await db.insert(positions).values({ unitId, kind: k, title }).returning({ id: positions.id });
    return addPerson(db, world, k, { positionId: p.id });
  }

  /** A draft of the world's staff member, with one DOCX version. */
  async function drafted(over: Record<string, unknown> = {}) {
    const fileIds = over.secrecy && over.secrecy !== "normal" ? [] : [await file()];
    const { id } = await ok<{ id: string }>(run(createDraft, w.people.staff.id, draftInput(w.people.leader.id, { fileIds, ...over })));
    return id;
  }

  /** Drafted, approved by the head, checked by the checker, signed by the leader. */
  async function signed(over: Record<string, unknown> = {}) {
    const id = await drafted(over);
    await ok(run(submitDraft, w.people.staff.id, { id }));
    await ok(run(approveDraft, w.people.unit_head.id, { id, comment: "" }));
    await ok(run(checkDraft, w.people.checker.id, { id, legal: true, format: true }));
    await ok(run(signDraft, w.people.leader.id, { id }));
    return id;
  }

  const issue = async (id: string, over: Record<string, unknown> = {}) =>
    ok<{ number: number; symbol: string }>(run(issueDocument, w.people.clerk.id, { id, fileId: await file(MIME.pdf, w.people.clerk.id), ...over }));

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    other = await buildWorld(t.db);
    otherDivision = await addUnit(t.db, w, { code: "XDCQ" });
    otherHead = await personIn(t.db, w, otherDivision.id, "unit_head");
    otherStaff = await personIn(t.db, w, otherDivision.id, "staff");
    deputy = await personIn(t.db, w, w.officeId, "leader", "Phó Giám đốc");
  });
  afterAll(async () => t?.drop());

  it("the regulation's chain: draft → head approves → checker returns → revise → approvals → sign → issue with số đi and ký hiệu", async () => {
    const v1 = await file();
    const { id } = await ok<{ id: string }>(
      run(createDraft, w.people.staff.id, draftInput(w.people.leader.id, {
        fileIds: [v1],
        recipients: [{ kind: "unit", targetId: otherDivision.id }, { kind: "text", name: "Sở Tài chính" }],
      })),
    );
    expect(await doc(id)).toMatchObject({ status: "draft", version: 1, draftingUnitId: w.divisionId, drafterId: w.people.staff.id });
    await ok(run(submitDraft, w.people.staff.id, { id }));
    await ok(run(approveDraft, w.people.unit_head.id, { id, comment: "Đồng ý nội dung." }));
    expect((await doc(id)).status).toBe("awaiting_check");
    await ok(run(returnDraft, w.people.checker.id, { id, comment: "Sửa trích yếu cho đúng thể thức: bắt đầu bằng “V/v”." }));
    expect((await doc(id)).status).toBe("returned");

    // The drafter revises: a new version, the first one kept.
    const v2 = await file();
    await ok(run(reviseDraft, w.people.staff.id, { id, ...draftInput(w.people.leader.id, { fileIds: [v2], versionNote: "Sửa theo ý kiến Văn phòng", recipients: [{ kind: "unit", targetId: otherDivision.id }, { kind: "text", name: "Sở Tài chính" }] }) }));
    expect((await doc(id)).version).toBe(2);
    const files = await t.db.select().from(outgoingFiles).where(eq(outgoingFiles.documentId, id)).orderBy(outgoingFiles.version);
    expect(files.map((f) => [f.fileId, f.version])).toEqual([[v1, 1], [v2, 2]]);
    await ok(run(submitDraft, w.people.staff.id, { id }));
    await ok(run(approveDraft, w.people.unit_head.id, { id }));
    await ok(run(checkDraft, w.people.checker.id, { id, legal: true, format: true, comment: "Đạt." }));
    expect((await doc(id)).status).toBe("awaiting_signature");
    await ok(run(signDraft, w.people.leader.id, { id, comment: "" }));
    expect((await doc(id)).status).toBe("awaiting_issue");

    const issued = await issue(id, { issuedAmount: 3 });
    const d = await doc(id);
    const [agency] = await t.db.execute<{ code: string }>(sql`select code from agencies where id = ${w.agencyId}`).then((r) => r.rows);
    // A công văn: <agency>-<drafting unit>; numbers below 10 take a leading 0 (NĐ 30/2020 Phụ lục I).
    expect(issued.symbol).toBe(`01/${agency.code}-TCCB`);
    expect(d).toMatchObject({ status: "issued", number: 1, symbol: issued.symbol, keptCopy: "Lưu: VT, TCCB.", issuedAmount: 3, issuedBy: w.people.clerk.id });
    expect(d.issuedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // The internal unit receives it; the paper recipient waits for the dispatch list.
    const rs = await t.db.select().from(outgoingRecipients).where(eq(outgoingRecipients.documentId, id)).orderBy(outgoingRecipients.sortOrder);
    expect(rs.map((r) => [r.name, r.delivery])).toEqual([[`Đơn vị XDCQ`, "internal"], ["Sở Tài chính", "paper"]]);
    const [copy] = await t.db.select().from(incomingDocuments).where(eq(incomingDocuments.outgoingId, id));
    expect(copy).toMatchObject({ source: "internal", status: "in_progress", symbol: issued.symbol, mainFileId: d.finalFileId });
    expect(rs[0].incomingId).toBe(copy.id);
    const parts = await t.db.select().from(incomingAssignments).where(eq(incomingAssignments.documentId, copy.id));
    expect(parts).toMatchObject([{ unitId: otherDivision.id, role: "info", status: "pending" }]);

    const kinds = (await t.db.select().from(outgoingEvents).where(eq(outgoingEvents.documentId, id)).orderBy(outgoingEvents.id)).map((e) => e.kind);
    expect(kinds).toEqual(["created", "submitted", "approved", "returned", "revised", "submitted", "approved", "checked", "signed", "issued"]);
    // Everything on the trail is on the document page too, for the drafter.
    const page = await getOutgoing((await loadActor(t.db, w.people.staff.id))!, id, t.db);
    expect(page?.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(page?.trail.find((e) => e.kind === "returned")?.text).toContain("V/v");
    // A recipient sees the issued document and the recipients' status, not the drafts and comments behind it.
    const recipient = (await loadActor(t.db, otherHead.id))!;
    const seen = await getOutgoing(recipient, id, t.db);
    expect(seen).toMatchObject({ participant: false, versions: [], trail: [], consultations: [] });
    expect(seen?.recipients[0].statusText).toBe("Đã nhận");
    expect(await canReadFile(t.db, recipient, v2)).toBe(false);
    expect(await canReadFile(t.db, recipient, d.finalFileId!)).toBe(true); // through the copy the unit received
  });

  it("a reply closes the incoming document it answers, which shows the reply", async () => {
    const { id: incomingId } = await ok<{ id: string }>(run(registerPaper, w.people.clerk.id, paper()));
    await ok(run(submitToLeader, w.people.clerk.id, { id: incomingId, leaderId: w.people.leader.id }));
    await ok(run(assignDocument, w.people.leader.id, { id: incomingId, instruction: "Giao đồng chí chủ trì trả lời.", recipients: [{ kind: "user", targetId: w.people.staff.id, role: "lead" }] }));
    // Only someone holding a lead or coordinating part may draft the reply.
    const stranger = await run(createDraft, otherStaff.id, draftInput(w.people.leader.id, { replyToId: incomingId }));
    expect(stranger).toMatchObject({ ok: false, code: "forbidden", fieldErrors: { replyToId: ["Văn bản đến không tồn tại hoặc bạn không có quyền xem văn bản này."] } });
    const id = await signed({ replyToId: incomingId, recipients: [{ kind: "unit", targetId: otherDivision.id }] });
    expect((await doc(id)).replyToId).toBe(incomingId);
    const { symbol } = await issue(id);
    const [answered] = await t.db.select().from(incomingDocuments).where(eq(incomingDocuments.id, incomingId));
    expect(answered.status).toBe("done");
    const [part] = await t.db.select().from(incomingAssignments).where(eq(incomingAssignments.documentId, incomingId));
    expect(part).toMatchObject({ status: "done", result: `Đã trả lời bằng công văn số ${symbol}.` });
    // The incoming list names the reply, and the outgoing list the document it answers.
    const clerk = (await loadActor(t.db, w.people.clerk.id))!;
    const row = (await listIncoming(clerk, { symbol: answered.symbol }, t.db)).rows.find((r) => r.id === incomingId);
    expect(row?.replies).toEqual([{ id, symbol }]);
    const out = (await listOutgoing(clerk, { status: "issued" }, t.db)).rows.find((r) => r.id === id);
    expect(out).toMatchObject({ replyToId: incomingId, replyToSymbol: answered.symbol, replyToOpen: true });
    // The unit the reply was sent to reads the reply but not the document it answers: no link to it.
    const receiver = (await loadActor(t.db, otherStaff.id))!;
    const theirs = (await listOutgoing(receiver, {}, t.db)).rows.find((r) => r.id === id);
    expect(theirs).toMatchObject({ replyToId: incomingId, replyToOpen: false });
    const drafter = (await listOutgoing((await loadActor(t.db, w.people.staff.id))!, { mine: true }, t.db)).rows.find((r) => r.id === id);
    expect(drafter).toMatchObject({ replyToOpen: true });
  });

  it("numbers run 1, 2, 3 per register and year; ký hiệu from the type; secret documents have their own series, no file, paper only", async () => {
    const fresh = await buildWorld(t.db);
    const mk = async (over: Record<string, unknown> = {}) => {
      const fileIds = over.secrecy ? [] : [await storedFile(t.db, fresh.agencyId, fresh.people.staff.id)];
      const { id } = await ok<{ id: string }>(run(createDraft, fresh.people.staff.id, draftInput(fresh.people.leader.id, { fileIds, ...over })));
      for (const [def, by, input] of [
        [submitDraft, fresh.people.staff.id, {}], [approveDraft, fresh.people.unit_head.id, {}], [checkDraft, fresh.people.checker.id, { legal: true, format: true }], [signDraft, fresh.people.leader.id, {}],
      ] as const) await ok(run(def, by, { id, ...input }));
      return id;
    };
    const pdf = () => storedFile(t.db, fresh.agencyId, fresh.people.clerk.id, MIME.pdf);
    const code = (await t.db.execute<{ code: string }>(sql`select code from agencies where id = ${fresh.agencyId}`)).rows[0].code;
    const a = await ok<{ symbol: string }>(run(issueDocument, fresh.people.clerk.id, { id: await mk({ docType: "Quyết định" }), fileId: await pdf() }));
    const b = await ok<{ symbol: string }>(run(issueDocument, fresh.people.clerk.id, { id: await mk(), fileId: await pdf() }));
    expect([a.symbol, b.symbol]).toEqual([`01/QĐ-${code}`, `02/${code}-TCCB`]);

    const secretId = await mk({ secrecy: "confidential", recipients: [{ kind: "unit", targetId: fresh.divisionId }] });
    expect(await run(issueDocument, fresh.people.clerk.id, { id: secretId, fileId: await pdf() })).toMatchObject({ ok: false, fieldErrors: { fileId: ["Văn bản mật không tải tệp lên hệ thống."] } });
    const s = await ok<{ number: number }>(run(issueDocument, fresh.people.clerk.id, { id: secretId }));
    expect(s.number).toBe(1);
    const [secretRecipient] = await t.db.select().from(outgoingRecipients).where(eq(outgoingRecipients.documentId, secretId));
    expect(secretRecipient.delivery).toBe("paper"); // never sent electronically, not even inside the agency
    expect(await t.db.$count(incomingDocuments, eq(incomingDocuments.outgoingId, secretId))).toBe(0);
    const books = await t.db.select().from(registers).where(and(eq(registers.agencyId, fresh.agencyId), eq(registers.kind, "outgoing")));
    expect(books.map((r) => [r.code, r.lastNo]).sort()).toEqual([["DI", 2], ["DI-MAT", 1]]);

    // The clerk may pick another register of the year; a register of the wrong series is refused.
    const [qd] = await t.db.insert(registers).values({ agencyId: fresh.agencyId, kind: "outgoing", year: books[0].year, code: "QD", name: "Sổ Quyết định" }).returning();
    const wrongSeries = await run(issueDocument, fresh.people.clerk.id, { id: await mk({ secrecy: "secret" }), registerId: qd.id });
    expect(wrongSeries).toMatchObject({ ok: false, code: "validation" });
    // 01/QĐ-… was already given from the general register: the clash is refused and the number given back.
    const clash = await run(issueDocument, fresh.people.clerk.id, { id: await mk({ docType: "Quyết định" }), registerId: qd.id, fileId: await pdf() });
    expect(clash).toMatchObject({ ok: false, code: "conflict" });
    expect(clash.ok ? "" : clash.formError).toContain(`01/QĐ-${code} đã được cấp`);
    const inQd = await ok<{ number: number; symbol: string }>(run(issueDocument, fresh.people.clerk.id, { id: await mk({ docType: "Thông báo" }), registerId: qd.id, fileId: await pdf() }));
    expect(inQd).toMatchObject({ number: 1, symbol: `01/TB-${code}` });

    // The secret series numbers apart: its 01/…-TCCB does not clash with the normal book's.
    const third = await buildWorld(t.db);
    const issueIn = async (world: World, over: Record<string, unknown>) => {
      const fileIds = over.secrecy ? [] : [await storedFile(t.db, world.agencyId, world.people.staff.id)];
      const { id } = await ok<{ id: string }>(run(createDraft, world.people.staff.id, draftInput(world.people.leader.id, { fileIds, ...over })));
      for (const [def, by, input] of [
        [submitDraft, world.people.staff.id, {}], [approveDraft, world.people.unit_head.id, {}], [checkDraft, world.people.checker.id, { legal: true, format: true }], [signDraft, world.people.leader.id, {}],
      ] as const) await ok(run(def, by, { id, ...input }));
      const fileId = over.secrecy ? null : await storedFile(t.db, world.agencyId, world.people.clerk.id, MIME.pdf);
      return ok<{ symbol: string }>(run(issueDocument, world.people.clerk.id, { id, fileId }));
    };
    const normal = await issueIn(third, {});
    const secretToo = await issueIn(third, { secrecy: "secret" });
    expect(secretToo.symbol).toBe(normal.symbol);
  });

  it("wrong states are refused: issuing an unsigned draft, signing twice, editing a draft under review", async () => {
    const id = await drafted();
    expect(await run(issueDocument, w.people.clerk.id, { id, fileId: await file(MIME.pdf, w.people.clerk.id) })).toMatchObject({ ok: false, code: "conflict" });
    expect(await run(approveDraft, w.people.unit_head.id, { id })).toMatchObject({ ok: false, code: "conflict" });
    await ok(run(submitDraft, w.people.staff.id, { id }));
    expect(await run(submitDraft, w.people.staff.id, { id })).toMatchObject({ ok: false, code: "conflict" });
    expect(await run(reviseDraft, w.people.staff.id, { id, ...draftInput(w.people.leader.id) })).toMatchObject({ ok: false, code: "conflict" });
    // The checker cannot return it while it waits for the head.
    expect(await run(returnDraft, w.people.checker.id, { id, comment: "x" })).toMatchObject({ ok: false, code: "conflict" });

    const s = await signed();
    const twice = await Promise.all([run(signDraft, w.people.leader.id, { id: s }), run(signDraft, w.people.leader.id, { id: s })]);
    expect(twice.every((r) => !r.ok)).toBe(true); // already signed in signed()
    const issues = await Promise.all(Array.from({ length: 5 }, async () => run(issueDocument, w.people.clerk.id, { id: s, fileId: await file(MIME.pdf, w.people.clerk.id) })));
    expect(issues.filter((r) => r.ok)).toHaveLength(1);
    for (const r of issues.filter((x) => !x.ok)) expect(r).toMatchObject({ code: "conflict" });
    expect(await t.db.$count(outgoingEvents, and(eq(outgoingEvents.documentId, s), eq(outgoingEvents.kind, "issued")))).toBe(1);
  });

  it("the checker's system checks must pass: KT. by the head, no file, TL. by a leader are refused with the reason", async () => {
    const kt = await drafted({ authority: "kt" });
    await ok(run(submitDraft, w.people.staff.id, { id: kt }));
    await ok(run(approveDraft, w.people.unit_head.id, { id: kt }));
    const refused = await run(checkDraft, w.people.checker.id, { id: kt, legal: true, format: true });
    expect(refused).toMatchObject({ ok: false, code: "conflict" });
    expect(refused.ok ? "" : refused.formError).toContain("Thẩm quyền ký");
    // The checker must also confirm the manual checks.
    const unticked = await run(checkDraft, w.people.checker.id, { id: kt, legal: true, format: false });
    expect(unticked).toMatchObject({ ok: false, code: "validation", fieldErrors: { format: ["Vui lòng xác nhận thể thức, kỹ thuật trình bày."] } });
    // A deputy signs with KT., under the head's delegation (lib/delegations; tests/integration/delegations.test.ts).
    const { id: kt1 } = await ok<{ id: string }>(run(createDelegation, w.people.leader.id, {
      delegatorId: w.people.leader.id, delegateId: deputy.id, form: "kt", allTypes: true, validFrom: todayInVietnam(), validTo: todayInVietnam(),
    }));
    const byDeputy = await drafted({ authority: "kt", signerId: deputy.id });
    await ok(run(submitDraft, w.people.staff.id, { id: byDeputy }));
    await ok(run(approveDraft, w.people.unit_head.id, { id: byDeputy }));
    await ok(run(checkDraft, w.people.checker.id, { id: byDeputy, legal: true, format: true }));
    await ok(run(signDraft, deputy.id, { id: byDeputy }));
    // The signature block as of the signature: thẩm quyền, chức vụ, họ tên.
    expect((await doc(byDeputy)).signerLine).toMatch(/^KT\. leader, Phó Giám đốc Người /);
    // Revoked, the deputy no longer signs for the head (the other tests expect the deputy to be refused).
    await ok(run(revokeDelegation, w.people.leader.id, { id: kt1, reason: "Hết nhiệm vụ" }));
    // A draft without its file cannot be submitted.
    const { id: empty } = await ok<{ id: string }>(run(createDraft, w.people.staff.id, draftInput(w.people.leader.id)));
    const noFile = await run(submitDraft, w.people.staff.id, { id: empty });
    expect(noFile.ok ? "" : noFile.formError).toContain("tệp dự thảo");
    // Only a leader (or a person holding a signing delegation) may be the proposed signer; only DOCX/PDF are drafts.
    expect(await run(createDraft, w.people.staff.id, draftInput(w.people.unit_head.id))).toMatchObject({
      ok: false, fieldErrors: { signerId: ["Vui lòng chọn một lãnh đạo của cơ quan hoặc người được ủy quyền ký."] },
    });
    expect(await run(createDraft, w.people.staff.id, draftInput(w.people.leader.id, { fileIds: [await file(MIME.png)] }))).toMatchObject({ ok: false, fieldErrors: { fileIds: [DRAFT_FILE_REFUSED] } });
  });

  it("a reviewer asks another unit for comments; its head answers, the comment is on the draft", async () => {
    const id = await drafted();
    await ok(run(submitDraft, w.people.staff.id, { id }));
    // Before being asked, the other division's head does not see the draft.
    const headActor = (await loadActor(t.db, otherHead.id))!;
    expect(await getOutgoing(headActor, id, t.db)).toBeNull();
    await ok(run(consultUnits, w.people.unit_head.id, { id, unitIds: [otherDivision.id], request: "Đề nghị góp ý phần số liệu biên chế." }));
    expect((await doc(id)).status).toBe("awaiting_review");
    const [c] = await t.db.select().from(outgoingConsultations).where(eq(outgoingConsultations.documentId, id));
    // The asked unit's head has it in "Chờ tôi xử lý" while the comment is pending, not after answering.
    const inbox = async () => (await listOutgoing(headActor, { inbox: true }, t.db)).rows.map((r) => r.id);
    expect(await inbox()).toContain(id);
    expect(await run(answerConsultation, otherStaff.id, { consultationId: c.id, answer: "x" })).toMatchObject({ ok: false });
    await ok(run(answerConsultation, otherHead.id, { consultationId: c.id, answer: "Thống nhất, đề nghị bổ sung số liệu năm 2026." }));
    expect(await inbox()).not.toContain(id);
    expect(await run(answerConsultation, otherHead.id, { consultationId: c.id, answer: "lần hai" })).toMatchObject({ ok: false, code: "conflict" });
    const page = await getOutgoing(headActor, id, t.db);
    expect(page?.consultations).toMatchObject([{ status: "answered", answer: "Thống nhất, đề nghị bổ sung số liệu năm 2026." }]);
    // The drafting unit itself cannot be consulted.
    expect(await run(consultUnits, w.people.unit_head.id, { id, unitIds: [w.divisionId], request: "x" })).toMatchObject({ ok: false, code: "validation" });
  });

  it("a draft's files are read by those who see the draft, not by others", async () => {
    const v1 = await file();
    const { id } = await ok<{ id: string }>(run(createDraft, w.people.staff.id, draftInput(w.people.leader.id, { fileIds: [v1] })));
    const reads = async (userId: string) => canReadFile(t.db, (await loadActor(t.db, userId))!, v1);
    expect(await reads(w.people.unit_head.id)).toBe(true); // head of the drafting unit
    expect(await reads(otherStaff.id)).toBe(false);
    expect(await reads(otherHead.id)).toBe(false);
    await ok(run(submitDraft, w.people.staff.id, { id }));
    await ok(run(consultUnits, w.people.unit_head.id, { id, unitIds: [otherDivision.id], request: "Góp ý" }));
    expect(await reads(otherHead.id)).toBe(true); // asked for comments
    expect(await reads(other.people.clerk.id)).toBe(false);
  });

  it("lists and pages show exactly the readable set", async () => {
    const id = await drafted({ subject: "Kế hoạch kiểm tra công tác văn thư lưu trữ năm 2027" });
    const as = async (userId: string) => (await loadActor(t.db, userId))!;
    const seen = async (userId: string, q = "ke hoach kiem tra van thu") => (await listOutgoing(await as(userId), { q }, t.db)).rows.map((r) => r.id);
    expect(await seen(w.people.staff.id)).toContain(id);
    expect(await seen(w.people.unit_head.id)).toContain(id);
    expect(await seen(w.people.clerk.id)).toContain(id);
    expect(await seen(otherStaff.id)).not.toContain(id);
    expect(await seen(w.people.checker.id)).not.toContain(id); // not yet approved for checking
    expect(await seen(other.people.clerk.id)).not.toContain(id);
    expect(await getOutgoing(await as(otherStaff.id), id, t.db)).toBeNull();
    // "Chờ tôi xử lý" of the head lists it once submitted.
    await ok(run(submitDraft, w.people.staff.id, { id }));
    expect((await listOutgoing(await as(w.people.unit_head.id), { inbox: true }, t.db)).rows.map((r) => r.id)).toContain(id);
    expect((await listOutgoing(await as(w.people.staff.id), { inbox: true }, t.db)).rows.map((r) => r.id)).not.toContain(id);
  });

  it("Chờ tôi xử lý read branch by branch: every page is the union of the branches, newest first, nothing lost or repeated", async () => {
    // A person with work in three branches at once (their returned drafts, their unit's drafts to review, drafts
    // they are to sign), more than two pages of it, and other drafts of the agency that do not wait for them.
    const head = w.people.unit_head.id;
    const ids: string[] = [];
    for (let i = 0; i < PAGE_SIZE + 8; i++) ids.push(await drafted({ subject: `Về việc báo cáo số liệu biên chế đợt ${i}` }));
    const o = outgoingDocuments;
    for (const [i, id] of ids.entries()) {
      const set = i % 4 === 0 ? { status: "awaiting_review" as const }
        : i % 4 === 1 ? { status: "awaiting_signature" as const, signerId: head }
        : i % 4 === 2 ? { status: "returned" as const, drafterId: head }
        : { status: "awaiting_signature" as const };
      await t.db.update(o).set(set).where(eq(o.id, id));
    }
    const expected = (await t.db.execute(sql`select id from ${o} where ${o.agencyId} = ${w.agencyId} and (
        (${o.drafterId} = ${head} and ${o.status} in ('draft', 'returned'))
        or (${o.status} = 'awaiting_review' and ${o.draftingUnitId} = ${w.divisionId})
        or (${o.status} = 'awaiting_signature' and ${o.signerId} = ${head}))
      order by ${o.createdAt} desc, ${o.id} desc`)).rows.map((r) => (r as { id: string }).id);
    expect(expected.length).toBeGreaterThan(PAGE_SIZE);
    const actor = (await loadActor(t.db, head))!;
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const r = await listOutgoing(actor, { inbox: true, page }, t.db);
      seen.push(...r.rows.map((x) => x.id));
      if (!r.hasNext) break;
    }
    expect(seen).toEqual(expected);
    // With a search the same branches are read whole: the match among them, and only there.
    const found = await listOutgoing(actor, { inbox: true, q: "bien che dot 9" }, t.db);
    expect(found.rows.map((x) => x.id)).toEqual(expected.includes(ids[9]) ? [ids[9]] : []);
  });

  it("INTERNAL_DELIVERY=queue: the copy waits in the clerk's Chờ tiếp nhận and is registered like any arrival", async () => {
    const id = await signed({ recipients: [{ kind: "unit", targetId: otherDivision.id }] });
    process.env.INTERNAL_DELIVERY = "queue";
    try {
      await issue(id);
    } finally {
      delete process.env.INTERNAL_DELIVERY;
    }
    const [copy] = await t.db.select().from(incomingDocuments).where(eq(incomingDocuments.outgoingId, id));
    expect(copy).toMatchObject({ status: "awaiting_reception", source: "internal", arrivalNo: null });
    expect(await t.db.$count(incomingAssignments, eq(incomingAssignments.documentId, copy.id))).toBe(0);
    const page = await getOutgoing((await loadActor(t.db, w.people.clerk.id))!, id, t.db);
    expect(page?.recipients.map((r) => r.statusText)).toEqual(["Chờ văn thư tiếp nhận"]);
    const { arrivalNo } = await ok<{ arrivalNo: number }>(run(registerArrival, w.people.clerk.id, { id: copy.id }));
    expect(arrivalNo).toBeGreaterThan(0);
  });

  it("withdrawing an issued internal document freezes its copies and notifies the recipients", async () => {
    const id = await signed({ recipients: [{ kind: "unit", targetId: otherDivision.id }, { kind: "user", targetId: otherStaff.id }] });
    await issue(id);
    const [copy] = await t.db.select().from(incomingDocuments).where(eq(incomingDocuments.outgoingId, id));
    const staffPart = (await t.db.select().from(incomingAssignments).where(eq(incomingAssignments.documentId, copy.id))).find((a) => a.userId === otherStaff.id)!;
    expect(await run(withdrawDocument, w.people.staff.id, { id, reason: "x" })).toMatchObject({ ok: false, code: "forbidden" });
    await ok(run(withdrawDocument, w.people.clerk.id, { id, reason: "Ban hành nhầm đối tượng." }));
    expect((await doc(id)).status).toBe("withdrawn");
    expect((await t.db.select().from(incomingDocuments).where(eq(incomingDocuments.id, copy.id)))[0].status).toBe("withdrawn");
    const done = await run(completeAssignment, otherStaff.id, { assignmentId: staffPart.id, result: "Đã biết." });
    expect(done).toMatchObject({ ok: false, code: "conflict", formError: "Văn bản đã bị thu hồi, không xử lý tiếp." });
    const notified = await t.db.select().from(notifications).where(sql`${notifications.text} like ${"%Ban hành nhầm đối tượng.%"}`);
    expect(notified.map((n) => n.userId).sort()).toEqual([otherStaff.id, otherHead.id].sort());
    expect(await run(withdrawDocument, w.people.clerk.id, { id, reason: "lần hai" })).toMatchObject({ ok: false, code: "conflict" });
  });

  it("a failure during issue leaves neither a number nor a half-issued document", async () => {
    const fresh = await buildWorld(t.db);
    const unit = await addUnit(t.db, fresh);
    const { id } = await ok<{ id: string }>(
      run(createDraft, fresh.people.staff.id, draftInput(fresh.people.leader.id, { fileIds: [await storedFile(t.db, fresh.agencyId, fresh.people.staff.id)], recipients: [{ kind: "unit", targetId: unit.id }] })),
    );
    for (const [def, by, input] of [
      [submitDraft, fresh.people.staff.id, {}], [approveDraft, fresh.people.unit_head.id, {}], [checkDraft, fresh.people.checker.id, { legal: true, format: true }], [signDraft, fresh.people.leader.id, {}],
    ] as const) await ok(run(def, by, { id, ...input }));
    // The internal delivery fails after the number was taken (a trigger stands in for a crash of that write).
    await t.db.execute(sql.raw(`create function fail_copy() returns trigger language plpgsql as $$ begin
      if new.source = 'internal' and new.agency_id = '${fresh.agencyId}' then raise exception 'delivery failed'; end if; return new; end $$`));
    await t.db.execute(sql`create trigger fail_copy before insert on incoming_documents for each row execute function fail_copy()`);
    try {
      const r = await run(issueDocument, fresh.people.clerk.id, { id, fileId: await storedFile(t.db, fresh.agencyId, fresh.people.clerk.id, MIME.pdf) });
      expect(r).toMatchObject({ ok: false, code: "internal" });
    } finally {
      await t.db.execute(sql`drop trigger fail_copy on incoming_documents`);
      await t.db.execute(sql`drop function fail_copy()`);
    }
    expect(await doc(id)).toMatchObject({ status: "awaiting_issue", number: null, symbol: null });
    const books = await t.db.select().from(registers).where(and(eq(registers.agencyId, fresh.agencyId), eq(registers.kind, "outgoing")));
    expect(books.every((b) => b.lastNo === 0)).toBe(true);
    expect(await t.db.$count(outgoingEvents, and(eq(outgoingEvents.documentId, id), eq(outgoingEvents.kind, "issued")))).toBe(0);
    // The retry succeeds with number 1.
    const again = await ok<{ number: number }>(run(issueDocument, fresh.people.clerk.id, { id, fileId: await storedFile(t.db, fresh.agencyId, fresh.people.clerk.id, MIME.pdf) }));
    expect(again.number).toBe(1);
  });

  // The authorization matrix: each step for a wrong position, another unit's or agency's person, and anonymous.
  it("refuses every step to anonymous callers, wrong positions, other units and other agencies", async () => {
    const d = await drafted();
    const review = await drafted();
    await ok(run(submitDraft, w.people.staff.id, { id: review }));
    const check = await drafted();
    await ok(run(submitDraft, w.people.staff.id, { id: check }));
    await ok(run(approveDraft, w.people.unit_head.id, { id: check }));
    const sign = await drafted();
    for (const [def, by, input] of [[submitDraft, w.people.staff.id, {}], [approveDraft, w.people.unit_head.id, {}], [checkDraft, w.people.checker.id, { legal: true, format: true }]] as const) {
      await ok(run(def, by, { id: sign, ...input }));
    }
    const toIssue = await signed();
    const issued = await signed();
    await issue(issued);
    await ok(run(consultUnits, w.people.unit_head.id, { id: review, unitIds: [otherDivision.id], request: "Góp ý" }));
    const [consultation] = await t.db.select().from(outgoingConsultations).where(eq(outgoingConsultations.documentId, review));
    const pdf = await file(MIME.pdf, w.people.clerk.id);
    const cases: [string, AnyDef, unknown, string[], string][] = [
      ["createDraft", createDraft, draftInput(w.people.leader.id), [w.people.clerk.id, w.people.admin.id], ""],
      ["reviseDraft", reviseDraft, { id: d, ...draftInput(w.people.leader.id) }, [w.people.unit_head.id, otherStaff.id, w.people.clerk.id], other.people.staff.id],
      ["submitDraft", submitDraft, { id: d }, [w.people.unit_head.id, otherStaff.id, w.people.leader.id], other.people.staff.id],
      ["approveDraft", approveDraft, { id: review }, [w.people.staff.id, otherHead.id, w.people.clerk.id], other.people.unit_head.id],
      ["returnDraft", returnDraft, { id: review, comment: "x" }, [w.people.staff.id, otherHead.id, w.people.clerk.id], other.people.unit_head.id],
      ["consultUnits", consultUnits, { id: review, unitIds: [w.officeId], request: "x" }, [w.people.staff.id, otherHead.id], other.people.unit_head.id],
      ["answerConsultation", answerConsultation, { consultationId: consultation.id, answer: "x" }, [w.people.unit_head.id, otherStaff.id, w.people.clerk.id], other.people.unit_head.id],
      ["checkDraft", checkDraft, { id: check, legal: true, format: true }, [w.people.unit_head.id, w.people.staff.id, w.people.clerk.id], other.people.checker.id],
      ["signDraft", signDraft, { id: sign }, [deputy.id, w.people.checker.id, w.people.clerk.id], other.people.leader.id],
      ["issueDocument", issueDocument, { id: toIssue, fileId: pdf }, [w.people.leader.id, w.people.staff.id, w.people.archivist.id], other.people.clerk.id],
      ["withdrawDocument", withdrawDocument, { id: issued, reason: "x" }, [w.people.leader.id, w.people.staff.id], other.people.clerk.id],
    ];
    for (const [name, def, input, wrong, foreign] of cases) {
      expect(await run(def, null, input), name).toMatchObject({ ok: false, code: "unauthenticated" });
      for (const u of wrong) {
        const r = await run(def, u, input);
        expect(r.ok, `${name} by a wrong position`).toBe(false);
        expect(["forbidden", "not_found"], name).toContain(r.ok ? "" : r.code);
      }
      if (foreign) expect(await run(def, foreign, input), `${name} by another agency`).toMatchObject({ ok: false, code: "not_found" });
    }
    // Nothing moved; the right people then succeed.
    expect((await doc(review)).status).toBe("awaiting_review");
    expect((await doc(toIssue)).status).toBe("awaiting_issue");
    await ok(run(answerConsultation, otherHead.id, { consultationId: consultation.id, answer: "Đồng ý." }));
    await ok(run(signDraft, w.people.leader.id, { id: sign }));
    await ok(run(withdrawDocument, w.people.clerk.id, { id: issued, reason: "Thu hồi thử." }));
  });

  it.skipIf(kind === "pglite")("200 concurrent issues in one register give 1..200 with no gap and no duplicate (PostgreSQL)", async () => {
    // PGlite runs one transaction at a time, so only the real server can show a race.
    const fresh = await buildWorld(t.db);
    const values = Array.from({ length: 200 }, (_, i) => ({
      agencyId: fresh.agencyId, status: "awaiting_issue" as const, draftingUnitId: fresh.divisionId, drafterId: fresh.people.staff.id,
      signerId: fresh.people.leader.id, docType: "Thông báo", subject: `Thông báo số ${i}`,
    }));
    const docs = await t.db.insert(outgoingDocuments).values(values).returning({ id: outgoingDocuments.id });
    const pdfs = await Promise.all(docs.map(() => storedFile(t.db, fresh.agencyId, fresh.people.clerk.id, MIME.pdf)));
    const results = await Promise.all(docs.map((d, i) => run(issueDocument, fresh.people.clerk.id, { id: d.id, fileId: pdfs[i] })));
    const nos = results.map((r) => (r.ok ? (r.data as { number: number }).number : -1)).sort((x, y) => x - y);
    expect(nos).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const gaps = await t.db.execute(sql`
      select g from ${registers} c, generate_series(1, c.last_no) g
      where c.agency_id = ${fresh.agencyId} and c.kind = 'outgoing' and not exists (
        select 1 from ${outgoingDocuments} e where e.register_id = c.id and e.number = g)
      union all
      select number from ${outgoingDocuments} where agency_id = ${fresh.agencyId} and number is not null group by register_id, number having count(*) > 1`);
    expect(gaps.rows).toHaveLength(0);
  });
});

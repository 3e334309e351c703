import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { randomBytes } from "node:crypto";
import { incomingAssignments, incomingDocuments, incomingEvents, incomingFiles, positions, registers, storedFiles, type PositionKind } from "@/db/schema";
import { executeAction, type ActionDefinition } from "@/lib/actions/define";
import { verifyChain } from "@/lib/audit";
import {
  assignDocument, handOverPaper, linkPaperCopy, passToLeader, registerArrival, registerPaper, returnToSender, sendBackToClerk, submitToLeader,
} from "@/lib/incoming/actions";
import { cascadeAssignment, completeAssignment, noteProgress, sendOpinion } from "@/lib/incoming/process";
import { ensureRegister, takeNumber } from "@/lib/registers/numbering";
import { todayInVietnam } from "@/lib/dates";
import { addPerson, addUnit, buildWorld, callerOf, keyed, type World } from "../factories/org";
import { paper } from "../factories/incoming";
import { auditRows, createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Issue 3: every incoming step × anonymous, a wrong position, another agency's document, the
// wrong state, and the happy path; numbering gapless under concurrency (security.md §5 rows 1, 3, 18).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDef = ActionDefinition<any, any, any>;


async function personIn(db: Db, w: World, unitId: string, kind: PositionKind) {
  const [p] = await db.insert(positions).values({ unitId, kind, title: kind }).returning({ id: positions.id });
  return addPerson(db, w, kind, { positionId: p.id });
}

describe.each(DB_KINDS)("incoming documents on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let other: World;
  let leader2: { id: string };
  let chiCuc: { id: string };
  let chiCucHead: { id: string };
  let chiCucDivision: { id: string };
  let divisionHead: { id: string };
  let divisionStaff: { id: string };
  const today = todayInVietnam();
  const later = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  const run = (def: AnyDef, userId: string | null, input: unknown) => executeAction(def, userId ? callerOf(userId) : null, keyed(input), t.db);
  const ok = async <T,>(p: Promise<{ ok: boolean; data?: T }>) => {
    const r = await p;
    expect(r).toMatchObject({ ok: true });
    return (r as { data: T }).data;
  };
  const doc = async (id: string) => (await t.db.select().from(incomingDocuments).where(eq(incomingDocuments.id, id)))[0];
  const assignmentsOf = (id: string) => t.db.select().from(incomingAssignments).where(eq(incomingAssignments.documentId, id));

  /** A registered document submitted to the world's leader. */
  async function submitted() {
    const { id } = await ok<{ id: string }>(run(registerPaper, w.people.clerk.id, paper()));
    await ok(run(submitToLeader, w.people.clerk.id, { id, leaderId: w.people.leader.id }));
    return id;
  }

  /** Assigned by the leader: the division leads, the Chi cục coordinates. */
  async function assigned() {
    const id = await submitted();
    await ok(
      run(assignDocument, w.people.leader.id, {
        id,
        instruction: "Giao phòng chủ trì, Chi cục phối hợp, báo cáo trước hạn.",
        recipients: [
          { kind: "unit", targetId: w.divisionId, role: "lead", deadline: later(10) },
          { kind: "unit", targetId: chiCuc.id, role: "coordinate", deadline: later(7) },
          { kind: "user", targetId: leader2.id, role: "info" },
        ],
      }),
    );
    const as = await assignmentsOf(id);
    return { id, lead: as.find((a) => a.role === "lead")!, coord: as.find((a) => a.role === "coordinate")!, info: as.find((a) => a.role === "info")! };
  }

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    other = await buildWorld(t.db);
    leader2 = await addPerson(t.db, w, "leader");
    chiCuc = await addUnit(t.db, w, { kind: "affiliated" });
    chiCucHead = await personIn(t.db, w, chiCuc.id, "unit_head");
    chiCucDivision = await addUnit(t.db, w, { parentId: chiCuc.id });
    divisionHead = w.people.unit_head;
    divisionStaff = w.people.staff;
  });
  afterAll(async () => t?.drop());

  it("takes a document from the paper scan to done: register → submit → assign → cascade → process → done", async () => {
    const { id, lead, coord, info } = await assigned();
    expect((await doc(id)).status).toBe("in_progress");
    expect(lead).toMatchObject({ unitId: w.divisionId, deadline: later(10), status: "pending" });
    expect(info.deadline).toBeNull();

    // The division head gives the lead to a staff member, with a tighter deadline.
    await ok(run(cascadeAssignment, divisionHead.id, {
      assignmentId: lead.id, instruction: "Đồng chí Khoa dự thảo báo cáo.",
      recipients: [{ kind: "user", targetId: divisionStaff.id, role: "lead", deadline: later(8) }],
    }));
    // The Chi cục passes its coordinating part to its division, whose head passes it to staff.
    await ok(run(cascadeAssignment, chiCucHead.id, {
      assignmentId: coord.id, recipients: [{ kind: "unit", targetId: chiCucDivision.id, role: "coordinate", workingDays: 3 }],
    }));
    const subHead = await personIn(t.db, w, chiCucDivision.id, "unit_head");
    const subStaff = await personIn(t.db, w, chiCucDivision.id, "staff");
    const sub = (await assignmentsOf(id)).find((a) => a.unitId === chiCucDivision.id)!;
    await ok(run(cascadeAssignment, subHead.id, { assignmentId: sub.id, recipients: [{ kind: "user", targetId: subStaff.id, role: "coordinate" }] }));
    const subStaffPart = (await assignmentsOf(id)).find((a) => a.userId === subStaff.id)!;
    expect(subStaffPart.deadline).toBe(sub.deadline); // inherits the unit's deadline
    await ok(run(sendOpinion, subStaff.id, { assignmentId: subStaffPart.id, text: "Chi cục thống nhất nội dung dự thảo." }));
    await ok(run(completeAssignment, subStaff.id, { assignmentId: subStaffPart.id, result: "Đã góp ý." }));
    // A coordinating part closes on its own and does not finish the document.
    expect((await doc(id)).status).toBe("in_progress");

    const mine = (await assignmentsOf(id)).find((a) => a.userId === divisionStaff.id)!;
    await ok(run(noteProgress, divisionStaff.id, { assignmentId: mine.id, text: "Đang tổng hợp số liệu." }));
    await ok(run(completeAssignment, divisionStaff.id, { assignmentId: mine.id, result: "Đã trình báo cáo số 12/BC-SNV." }));
    const d = await doc(id);
    expect(d.status).toBe("done");
    expect(d.doneAt).toBeInstanceOf(Date);
    expect((await assignmentsOf(id)).find((a) => a.id === lead.id)!.status).toBe("done");
    // Issue 11: the part for information, never seen, closes with the document.
    expect((await assignmentsOf(id)).find((a) => a.id === info.id)).toMatchObject({ status: "done", closedWithDocument: true });

    const trail = await t.db.select().from(incomingEvents).where(eq(incomingEvents.documentId, id)).orderBy(incomingEvents.id);
    expect(trail.map((e) => e.kind)).toEqual([
      "registered", "submitted", "assigned", "cascaded", "cascaded", "cascaded", "opinion", "done", "progress", "done", "parts_closed", "document_done",
    ]);
  });

  it("gives số đến 1, 2, 3 … per agency and year, and secret documents their own series", async () => {
    const fresh = await buildWorld(t.db);
    const nos = [];
    for (let i = 0; i < 3; i++) nos.push((await ok<{ arrivalNo: number }>(run(registerPaper, fresh.people.clerk.id, paper()))).arrivalNo);
    expect(nos).toEqual([1, 2, 3]);
    const secret = await ok<{ arrivalNo: number }>(run(registerPaper, fresh.people.clerk.id, paper({ secrecy: "confidential" })));
    expect(secret.arrivalNo).toBe(1);
    expect((await ok<{ arrivalNo: number }>(run(registerPaper, fresh.people.clerk.id, paper()))).arrivalNo).toBe(4);
    // Another agency counts on its own.
    expect((await ok<{ arrivalNo: number }>(run(registerPaper, other.people.clerk.id, paper()))).arrivalNo).toBeGreaterThanOrEqual(1);
  });

  it("a rolled-back registration gives its number back (no gap)", async () => {
    const fresh = await buildWorld(t.db);
    const first = await ok<{ arrivalNo: number; year: number }>(run(registerPaper, fresh.people.clerk.id, paper()));
    await expect(
      t.db.transaction(async (tx) => {
        const reg = await ensureRegister(tx, fresh.agencyId, "incoming", first.year, false);
        await takeNumber(tx, reg);
        throw new Error("the upload failed after the number was taken");
      }),
    ).rejects.toThrow();
    // A step that fails inside the wrapper after its checks leaves nothing either.
    const bad = await run(registerPaper, fresh.people.clerk.id, paper({ fileIds: ["5a3f0a52-1f0e-4b8e-9a53-0d3c3b1f2a10"] }));
    expect(bad).toMatchObject({ ok: false });
    expect((await ok<{ arrivalNo: number }>(run(registerPaper, fresh.people.clerk.id, paper()))).arrivalNo).toBe(first.arrivalNo + 1);
  });

  it("warns of a likely duplicate (same số/ký hiệu and issuing agency) and registers only when confirmed", async () => {
    const input = paper({ symbol: "77/QĐ-UBND", issuerName: "UBND tỉnh Bình Định" });
    await ok(run(registerPaper, w.people.clerk.id, input));
    const again = await run(registerPaper, w.people.clerk.id, { ...input, issuerName: "ubnd tỉnh bình định" });
    expect(again).toMatchObject({ ok: false, code: "conflict" });
    expect(again.ok ? "" : again.formError).toContain("Có thể trùng");
    await ok(run(registerPaper, w.people.clerk.id, { ...input, confirmDuplicate: true }));
  });

  /** A stored file row of the agency (the blob itself is not needed to attach it). */
  async function storedFile(world: World, name: string, sha256 = randomBytes(32).toString("hex")) {
    const [f] = await t.db
      .insert(storedFiles)
      .values({ agencyId: world.agencyId, sha256, size: 1000, mime: "application/pdf", name, uploadedBy: world.people.clerk.id })
      .returning({ id: storedFiles.id, sha256: storedFiles.sha256 });
    return f;
  }
  const filesOf = async (id: string) =>
    (await t.db.select({ fileId: incomingFiles.fileId, sortOrder: incomingFiles.sortOrder }).from(incomingFiles).where(eq(incomingFiles.documentId, id)))
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map((f) => f.fileId);
  const lastNo = async (registerId: string) => (await t.db.select().from(registers).where(eq(registers.id, registerId)))[0].lastNo;

  it("links the paper copy of a likely duplicate to the existing document: its scans, a paper event, no new số đến", async () => {
    const electronic = await storedFile(w, "cong-van-dien-tu.pdf");
    const first = await ok<{ id: string; arrivalNo: number }>(
      run(registerPaper, w.people.clerk.id, paper({ symbol: "88/UBND-VX", fileIds: [electronic.id] })),
    );
    const scan = await storedFile(w, "ban-quet-giay.pdf");
    const sameContent = await storedFile(w, "ban-trung-noi-dung.pdf", electronic.sha256);
    const refused = await run(registerPaper, w.people.clerk.id, paper({ symbol: "88/UBND-VX", fileIds: [scan.id, sameContent.id] }));
    expect(refused).toMatchObject({ ok: false, code: "conflict" });
    // The refusal carries the duplicates to the form, with what it shows and the id it links to.
    const dups = (refused.ok ? [] : refused.details?.duplicates) as { id: string; arrivalNo: number; symbol: string }[];
    expect(dups).toEqual([expect.objectContaining({ id: first.id, arrivalNo: first.arrivalNo, symbol: "88/UBND-VX", status: "registered" })]);

    const before = await doc(first.id);
    const count = await t.db.$count(incomingDocuments);
    const counter = await lastNo(before.registerId!);
    const linked = await run(linkPaperCopy, w.people.clerk.id, { id: first.id, fileIds: [scan.id, sameContent.id] });
    expect(linked).toEqual({ ok: true, data: { id: first.id } });
    // The new scan joins after the existing file; the same content is not attached twice.
    expect(await filesOf(first.id)).toEqual([electronic.id, scan.id]);
    expect(await t.db.$count(incomingDocuments)).toBe(count);
    expect(await lastNo(before.registerId!)).toBe(counter);
    const after = await doc(first.id);
    expect({ arrivalNo: after.arrivalNo, status: after.status, mainFileId: after.mainFileId }).toEqual({
      arrivalNo: before.arrivalNo, status: before.status, mainFileId: electronic.id,
    });
    const trail = await t.db.select().from(incomingEvents).where(eq(incomingEvents.documentId, first.id)).orderBy(incomingEvents.id);
    expect(trail.map((e) => [e.kind, e.electronic])).toEqual([["registered", true], ["paper_copy_linked", false]]);
    expect(trail[1].text).toBe("Gắn 1 tệp: ban-quet-giay.pdf");
    const [audit] = await auditRows(t.db, { action: "incoming.linkPaperCopy", objectId: first.id });
    expect(audit).toMatchObject({ outcome: "success", actorId: w.people.clerk.id });
  });

  it("linking takes no number: the register counter is unchanged and the next registration continues it", async () => {
    const fresh = await buildWorld(t.db);
    const first = await ok<{ id: string; arrivalNo: number }>(run(registerPaper, fresh.people.clerk.id, paper()));
    const registerId = (await doc(first.id)).registerId!;
    const counter = await lastNo(registerId);
    await ok(run(linkPaperCopy, fresh.people.clerk.id, { id: first.id, fileIds: [(await storedFile(fresh, "a.pdf")).id] }));
    await ok(run(linkPaperCopy, fresh.people.clerk.id, { id: first.id, fileIds: [] }));
    expect(await lastNo(registerId)).toBe(counter);
    expect((await ok<{ arrivalNo: number }>(run(registerPaper, fresh.people.clerk.id, paper()))).arrivalNo).toBe(counter + 1);
  });

  it("refuses to link for anonymous callers, staff, another agency's clerk or files, a returned or a secret document", async () => {
    const { id } = await ok<{ id: string }>(run(registerPaper, w.people.clerk.id, paper()));
    const scan = await storedFile(w, "scan.pdf");
    const input = { id, fileIds: [scan.id] };
    const events = async () => (await t.db.select().from(incomingEvents).where(eq(incomingEvents.documentId, id))).length;
    const trailBefore = await events();

    expect(await run(linkPaperCopy, null, input)).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await run(linkPaperCopy, w.people.staff.id, input)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await run(linkPaperCopy, w.people.leader.id, input)).toMatchObject({ ok: false, code: "forbidden" });
    // Another agency's clerk: answered like a missing document, and the refusal is recorded.
    expect(await run(linkPaperCopy, other.people.clerk.id, input)).toMatchObject({ ok: false, code: "not_found" });
    expect(await auditRows(t.db, { action: "action.refused", actorId: other.people.clerk.id, objectId: id })).toHaveLength(1);
    // Our clerk cannot attach another agency's upload either: refused on the field, like a missing file, and recorded.
    const foreignFile = await storedFile(other, "khac.pdf");
    expect(await run(linkPaperCopy, w.people.clerk.id, { id, fileIds: [foreignFile.id] }))
      .toMatchObject({ ok: false, code: "forbidden", fieldErrors: { fileIds: ["Tệp không tồn tại hoặc bạn không có quyền dùng tệp này."] } });
    expect(await run(linkPaperCopy, w.people.clerk.id, { id, fileIds: ["5a3f0a52-1f0e-4b8e-9a53-0d3c3b1f2a10"] }))
      .toMatchObject({ ok: false, code: "forbidden", fieldErrors: { fileIds: ["Tệp không tồn tại hoặc bạn không có quyền dùng tệp này."] } });
    expect(await run(linkPaperCopy, w.people.clerk.id, { id: "5a3f0a52-1f0e-4b8e-9a53-0d3c3b1f2a10", fileIds: [] })).toMatchObject({ ok: false, code: "not_found" });
    expect(await filesOf(id)).toEqual([]);
    expect(await events()).toBe(trailBefore);

    const [returned] = await t.db
      .insert(incomingDocuments)
      .values({ agencyId: w.agencyId, status: "returned", source: "electronic", symbol: "7/SYT-VP", issuerName: "Sở Y tế", docType: "Công văn", subject: "Gửi nhầm" })
      .returning({ id: incomingDocuments.id });
    const r = await run(linkPaperCopy, w.people.clerk.id, { id: returned.id, fileIds: [scan.id] });
    expect(r).toMatchObject({ ok: false, code: "conflict", formError: "Văn bản này đã bị trả lại, không gắn bản giấy vào được." });
    expect(await filesOf(returned.id)).toEqual([]);

    const { id: secretId } = await ok<{ id: string }>(run(registerPaper, w.people.clerk.id, paper({ secrecy: "secret" })));
    const s = await run(linkPaperCopy, w.people.clerk.id, { id: secretId, fileIds: [scan.id] });
    expect(s).toMatchObject({ ok: false, code: "validation", fieldErrors: { fileIds: ["Văn bản mật chỉ được vào sổ phần thông tin, không tải tệp lên hệ thống."] } });
    expect(await filesOf(secretId)).toEqual([]);
    // The paper copy of a secret document can still be recorded, without files.
    await ok(run(linkPaperCopy, w.people.clerk.id, { id: secretId, fileIds: [] }));
  });

  it("refuses bad input with Vietnamese field errors and writes nothing", async () => {
    const before = await t.db.$count(incomingDocuments);
    const r = await run(registerPaper, w.people.clerk.id, paper({ subject: "", issuerName: "x".repeat(201), issuedDate: "31/02/2026" }));
    expect(r).toMatchObject({ ok: false, code: "validation" });
    if (!r.ok) {
      expect(r.fieldErrors?.subject).toEqual(["Vui lòng nhập trích yếu."]);
      expect(r.fieldErrors?.issuerName?.[0]).toContain("không được dài quá 200");
      expect(r.fieldErrors?.issuedDate?.[0]).toContain("không hợp lệ");
    }
    const secretWithFile = await run(registerPaper, w.people.clerk.id, paper({ secrecy: "secret", fileIds: ["5a3f0a52-1f0e-4b8e-9a53-0d3c3b1f2a10"] }));
    expect(secretWithFile.ok ? [] : secretWithFile.fieldErrors?.fileIds).toEqual(["Văn bản mật chỉ được vào sổ phần thông tin, không tải tệp lên hệ thống."]);
    expect(await t.db.$count(incomingDocuments)).toBe(before);
  });

  it("the leader must name exactly one lead, and a secret document stays with the leadership", async () => {
    const id = await submitted();
    const noLead = await run(assignDocument, w.people.leader.id, { id, instruction: "x", recipients: [{ kind: "unit", targetId: w.divisionId, role: "coordinate" }] });
    expect(noLead.ok ? [] : noLead.fieldErrors?.recipients).toEqual(["Phải có đúng một đơn vị hoặc người xử lý chính."]);
    const foreign = await run(assignDocument, w.people.leader.id, { id, instruction: "x", recipients: [{ kind: "unit", targetId: other.divisionId, role: "lead" }] });
    expect(foreign).toMatchObject({ ok: false, code: "forbidden", fieldErrors: { "recipients.0": ["Đơn vị nhận không hợp lệ."] } });

    const { id: secretId } = await ok<{ id: string }>(run(registerPaper, w.people.clerk.id, paper({ secrecy: "top_secret" })));
    await ok(run(submitToLeader, w.people.clerk.id, { id: secretId, leaderId: w.people.leader.id }));
    const toUnit = await run(assignDocument, w.people.leader.id, { id: secretId, instruction: "x", recipients: [{ kind: "unit", targetId: w.divisionId, role: "lead" }] });
    expect(toUnit).toMatchObject({ ok: false, code: "validation" });
    await ok(run(assignDocument, w.people.leader.id, { id: secretId, instruction: "Đồng chí Phó Giám đốc xử lý.", recipients: [{ kind: "user", targetId: leader2.id, role: "lead" }] }));
  });

  it("a unit head may not give a deadline later than the unit's own, nor reach outside the unit", async () => {
    const { lead } = await assigned();
    const tooLate = await run(cascadeAssignment, divisionHead.id, {
      assignmentId: lead.id, recipients: [{ kind: "user", targetId: divisionStaff.id, role: "lead", deadline: later(30) }],
    });
    expect(tooLate).toMatchObject({ ok: false, fieldErrors: { "recipients.0": ["Hạn xử lý không được muộn hơn hạn đã được giao."] } });
    const outside = await run(cascadeAssignment, divisionHead.id, {
      assignmentId: lead.id, recipients: [{ kind: "user", targetId: w.people.clerk.id, role: "lead" }],
    });
    expect(outside).toMatchObject({ ok: false, fieldErrors: { "recipients.0.targetId": ["Người này không có trong danh sách được giao xử lý. Vui lòng chọn trong danh sách."] } });
  });

  it("the leader passes to another leader or sends back; the clerk returns an electronic arrival and hands over paper", async () => {
    const id = await submitted();
    await ok(run(passToLeader, w.people.leader.id, { id, leaderId: leader2.id, note: "Chuyển đồng chí Phó Giám đốc." }));
    expect((await doc(id)).submittedToId).toBe(leader2.id);
    expect(await run(assignDocument, w.people.leader.id, { id, instruction: "x", recipients: [{ kind: "unit", targetId: w.divisionId, role: "lead" }] }))
      .toMatchObject({ ok: false, code: "not_found" });
    await ok(run(sendBackToClerk, leader2.id, { id, reason: "Bổ sung tài liệu kèm theo." }));
    expect((await doc(id)).status).toBe("registered");
    await ok(run(handOverPaper, w.people.clerk.id, { id, handedAt: today, receiver: "Phan Văn Đức (TCBC)" }));
    const [paperEvent] = await t.db.select().from(incomingEvents).where(sql`${incomingEvents.documentId} = ${id} and ${incomingEvents.kind} = 'paper_handover'`);
    expect(paperEvent.electronic).toBe(false);

    const [arrival] = await t.db
      .insert(incomingDocuments)
      .values({ agencyId: w.agencyId, status: "awaiting_reception", source: "electronic", symbol: "5/SYT-VP", issuerName: "Sở Y tế", docType: "Công văn", subject: "Gửi nhầm" })
      .returning({ id: incomingDocuments.id });
    await ok(run(returnToSender, w.people.clerk.id, { id: arrival.id, reason: "Gửi nhầm cơ quan." }));
    expect(await run(registerArrival, w.people.clerk.id, { id: arrival.id })).toMatchObject({ ok: false, code: "conflict" });
  });

  it("a repeated or concurrent click changes nothing twice", async () => {
    const id = await submitted();
    const input = { id, instruction: "Giao phòng.", recipients: [{ kind: "unit", targetId: w.divisionId, role: "lead" }] };
    const results = await Promise.all(Array.from({ length: 8 }, () => run(assignDocument, w.people.leader.id, input)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ code: "conflict" });
    expect(await assignmentsOf(id)).toHaveLength(1);

    const [arrival] = await t.db
      .insert(incomingDocuments)
      .values({ agencyId: w.agencyId, status: "awaiting_reception", source: "internal", symbol: "9/SNV-VP", issuerName: "Sở Nội vụ", docType: "Thông báo", subject: "Lịch họp" })
      .returning({ id: incomingDocuments.id });
    const twice = await Promise.all([run(registerArrival, w.people.clerk.id, { id: arrival.id }), run(registerArrival, w.people.clerk.id, { id: arrival.id })]);
    expect(twice.filter((r) => r.ok)).toHaveLength(1);
  });

  // The authorization matrix: each step for the right position, a wrong one, another agency's person, and anonymous.
  it("refuses every step to anonymous callers, wrong positions and other agencies", async () => {
    const s = await submitted();
    const a = await assigned();
    const [arrival] = await t.db
      .insert(incomingDocuments)
      .values({ agencyId: w.agencyId, status: "awaiting_reception", source: "electronic", symbol: "1/X", issuerName: "X", docType: "Công văn", subject: "Y" })
      .returning({ id: incomingDocuments.id });
    const cases: [string, AnyDef, unknown, string, string[]][] = [
      ["registerPaper", registerPaper, paper(), w.people.clerk.id, [w.people.staff.id, w.people.leader.id, w.people.admin.id]],
      ["registerArrival", registerArrival, { id: arrival.id }, w.people.clerk.id, [w.people.staff.id, w.people.leader.id]],
      ["returnToSender", returnToSender, { id: arrival.id, reason: "x" }, w.people.clerk.id, [w.people.staff.id, w.people.admin.id]],
      ["submitToLeader", submitToLeader, { id: s, leaderId: w.people.leader.id }, w.people.clerk.id, [w.people.staff.id, w.people.unit_head.id]],
      ["assignDocument", assignDocument, { id: s, instruction: "x", recipients: [{ kind: "unit", targetId: w.divisionId, role: "lead" }] }, w.people.leader.id, [w.people.clerk.id, w.people.unit_head.id]],
      ["passToLeader", passToLeader, { id: s, leaderId: leader2.id, note: "" }, w.people.leader.id, [w.people.clerk.id, w.people.staff.id]],
      ["sendBackToClerk", sendBackToClerk, { id: s, reason: "x" }, w.people.leader.id, [w.people.clerk.id, w.people.staff.id]],
      ["handOverPaper", handOverPaper, { id: s, handedAt: today, receiver: "A" }, w.people.clerk.id, [w.people.staff.id, w.people.leader.id]],
      ["cascadeAssignment", cascadeAssignment, { assignmentId: a.lead.id, recipients: [{ kind: "user", targetId: divisionStaff.id, role: "lead" }] }, divisionHead.id, [w.people.staff.id, w.people.clerk.id]],
      ["noteProgress", noteProgress, { assignmentId: a.lead.id, text: "x" }, divisionHead.id, [w.people.clerk.id, w.people.archivist.id]],
      ["sendOpinion", sendOpinion, { assignmentId: a.coord.id, text: "x" }, chiCucHead.id, [w.people.clerk.id, w.people.archivist.id]],
      ["completeAssignment", completeAssignment, { assignmentId: a.info.id, result: "x" }, leader2.id, [w.people.clerk.id, w.people.archivist.id]],
    ];
    for (const [name, def, input, _right, wrong] of cases) {
      expect(await run(def, null, input), name).toMatchObject({ ok: false, code: "unauthenticated" });
      for (const u of wrong) {
        const r = await run(def, u, input);
        expect(r.ok, `${name} by a wrong position`).toBe(false);
        expect(["forbidden", "not_found"], name).toContain(r.ok ? "" : r.code);
      }
      const foreign = { clerk: other.people.clerk.id, leader: other.people.leader.id, unit_head: other.people.unit_head.id }[
        def === registerPaper || def === registerArrival || def === returnToSender || def === submitToLeader || def === handOverPaper
          ? "clerk"
          : def === assignDocument || def === passToLeader || def === sendBackToClerk
            ? "leader"
            : "unit_head"
      ];
      if (def !== registerPaper) expect(await run(def, foreign, input), `${name} by another agency`).toMatchObject({ ok: false, code: "not_found" });
    }
    // Another staff member of the same unit cannot act on a colleague's part.
    await ok(run(cascadeAssignment, divisionHead.id, { assignmentId: a.lead.id, recipients: [{ kind: "user", targetId: divisionStaff.id, role: "lead" }] }));
    const part = (await assignmentsOf(a.id)).find((x) => x.userId === divisionStaff.id)!;
    const colleague = await addPerson(t.db, w, "staff");
    expect(await run(completeAssignment, colleague.id, { assignmentId: part.id, result: "x" })).toMatchObject({ ok: false, code: "not_found" });
    // Happy paths of the remaining steps for the right person.
    await ok(run(registerArrival, w.people.clerk.id, { id: arrival.id }));
    await ok(run(completeAssignment, leader2.id, { assignmentId: a.info.id, result: "Đã biết." }));
  });

  it.skipIf(kind === "pglite")("200 concurrent registrations give 1..200 with no gap and no duplicate (PostgreSQL)", async () => {
    // PGlite runs one transaction at a time, so only the real server can show a race.
    const fresh = await buildWorld(t.db);
    const results = await Promise.all(Array.from({ length: 200 }, () => run(registerPaper, fresh.people.clerk.id, paper())));
    const nos = results.map((r) => (r.ok ? (r.data as { arrivalNo: number }).arrivalNo : -1)).sort((x, y) => x - y);
    expect(nos).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const gaps = await t.db.execute(sql`
      select g from ${registers} c, generate_series(1, c.last_no) g
      where c.agency_id = ${fresh.agencyId} and not exists (
        select 1 from ${incomingDocuments} e where e.register_id = c.id and e.arrival_no = g)
      union all
      select arrival_no from ${incomingDocuments} where agency_id = ${fresh.agencyId} group by register_id, arrival_no having count(*) > 1`);
    expect(gaps.rows).toHaveLength(0);
    // The number is taken in the wrapper's last statement: the audit entry, its "registered" event and the
    // stored idempotency result carry the document's own number, and the agency's chain (its head made by
    // this race) verifies in id order.
    const carried = await t.db.execute(sql`
      select d.arrival_no as no, (a.payload->>'arrivalNo')::int as audited, e.text as event, (k.result->'data'->>'arrivalNo')::int as remembered
      from ${incomingDocuments} d
      join audit_events a on a.object_id = d.id::text and a.action = 'incoming.registerPaper'
      join ${incomingEvents} e on e.document_id = d.id and e.kind = 'registered'
      join idempotency_keys k on k.result->'data'->>'id' = d.id::text
      where d.agency_id = ${fresh.agencyId}`);
    expect(carried.rows).toHaveLength(200);
    for (const r of carried.rows as { no: number; audited: number; event: string; remembered: number }[]) {
      expect([r.audited, r.remembered, r.event]).toEqual([r.no, r.no, `Vào sổ, số đến ${r.no}`]);
    }
    expect(await verifyChain(t.db, fresh.agencyId)).toMatchObject({ ok: true });
  });
});

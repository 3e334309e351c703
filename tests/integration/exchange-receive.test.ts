import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  exchangeMessages, incomingAssignments, incomingDocuments, incomingEvents, incomingFiles, jobs, notifications, storedFiles,
} from "@/db/schema";
import { executeAction, type ActionDefinition } from "@/lib/actions/define";
import { acceptRecall, refuseRecall } from "@/lib/exchange/inbound-recall";
import { receiveMessage } from "@/lib/exchange/receive";
import { exchangeViewFor, incomingExchangeView } from "@/lib/exchange/incoming-view";
import { getIncoming } from "@/lib/incoming/queries";
import { loadActor } from "@/lib/auth/actor";
import { buildWorld } from "../factories/org";
import {
  assignDocument, registerArrival, returnToSender, submitToLeader,
} from "@/lib/incoming/actions";
import { completeAssignment, noteProgress } from "@/lib/incoming/process";
import { SEND_QUEUE } from "@/lib/exchange/outbox";
import { callerOf, keyed } from "../factories/org";
import { auditRows, createTestDb, DB_KINDS, type TestDb } from "../helpers/db";
import { docx, zip } from "../unit/storage-fixtures";
import { pdfAttachment, setupReceiver, signedDocument, signedStatus, type Setup } from "./exchange-receive-kit";

// Liên thông, the receiving side (issue 13): a valid document lands in "Chờ tiếp nhận" with its files and
// the 01 queued back in the same transaction; a redelivery is one document; the receiver's statuses
// 02/03/04/05/06 are queued once each by the incoming steps; a 13 waits for the clerk (accept → 15 and
// frozen, refuse → 16); a recall (1) freezes, an update (2) is on the trail, a replacement (3) is linked.

// The sender side's applyInboundStatus (xsend) is replaced here: its own tests cover it.
const applied = vi.hoisted(() => ({ calls: [] as { code: string; id: string }[], fail: "" }));
vi.mock("@/lib/exchange/sender-status", () => ({
  applyInboundStatus: async (_tx: unknown, row: { id: string }, status: { statusCode: string }) => {
    if (applied.fail) throw new Error(applied.fail);
    applied.calls.push({ code: status.statusCode, id: row.id });
  },
}));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDef = ActionDefinition<any, any, any>;

describe.each(DB_KINDS)("receiving liên thông messages on %s", (kind) => {
  let t: TestDb;
  let s: Setup;
  let root: string;

  const run = (def: AnyDef, userId: string, input: unknown) => executeAction(def, callerOf(userId), keyed(input), t.db);
  const ok = async (p: ReturnType<typeof run>) => {
    const r = await p;
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
    return (r as { data: unknown }).data;
  };
  const receive = (raw: Buffer, extra: { packageId?: string; transport?: "direct" | "axis" } = {}) =>
    receiveMessage(t.db, raw, { transport: extra.transport ?? "direct", packageId: extra.packageId, filesRoot: root });
  const doc = async (id: string) => (await t.db.select().from(incomingDocuments).where(eq(incomingDocuments.id, id)))[0];
  const message = async (id: string) => (await t.db.select().from(exchangeMessages).where(eq(exchangeMessages.id, id)))[0];
  const sentStatuses = async (incomingId: string) =>
    (
      await t.db
        .select({ code: exchangeMessages.statusCode, description: exchangeMessages.description, receiver: exchangeMessages.receiverOrganId, state: exchangeMessages.state })
        .from(exchangeMessages)
        .where(and(eq(exchangeMessages.incomingId, incomingId), eq(exchangeMessages.direction, "out")))
        .orderBy(asc(exchangeMessages.createdAt))
    );
  const trail = async (incomingId: string) =>
    t.db.select().from(incomingEvents).where(eq(incomingEvents.documentId, incomingId)).orderBy(asc(incomingEvents.id));

  /** A new document received; its message row and incoming document. */
  async function arrived(over: Parameters<typeof signedDocument>[1] = {}) {
    const { message: m, raw } = signedDocument(s, over);
    const r = await receive(raw);
    expect(r, r.reason).toMatchObject({ state: "received" });
    const row = await message(r.messageId!);
    return { m, raw, row, incomingId: row.incomingId! };
  }

  beforeAll(async () => {
    t = await createTestDb(kind);
    root = fs.mkdtempSync(path.join(os.tmpdir(), "xrecv-"));
    s = await setupReceiver(t.db);
  });
  afterAll(async () => {
    await t.drop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("a valid document lands in Chờ tiếp nhận with its files, the verdict on the trail, and 01 queued in the same transaction", async () => {
    const extra = { contentId: "cid:phu-luc", name: "phu-luc.docx", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", data: await docx() };
    const { m, row, incomingId } = await arrived({ attachments: [pdfAttachment(), extra] });
    expect(row).toMatchObject({
      direction: "in", kind: "document", state: "received", transport: "direct", senderOrganId: s.them.organId, receiverOrganId: s.us.organId,
      documentId: m.header.documentId, businessDocType: 0,
    });
    expect(row.rawFileId).toBeTruthy();
    expect(row.signer).toMatchObject({ organization: "Sở Tài chính tỉnh Bình Định", organId: s.them.organId, trustedBy: "pinned" });

    const d = await doc(incomingId);
    expect(d).toMatchObject({
      agencyId: s.w.agencyId, status: "awaiting_reception", source: "electronic", issuerName: "Sở Tài chính tỉnh Bình Định", issuerOrganId: s.them.organId,
      symbol: `${m.header.code.codeNumber}/STC-VP`, docType: "Công văn", subject: m.header.subject, signer: "Trần Thị Mỹ Hạnh", urgency: "urgent", pageCount: 2,
      issuedDate: m.header.promulgationInfo.promulgationDate.replaceAll("/", "-"),
    });
    const files = await t.db
      .select({ id: storedFiles.id, mime: storedFiles.mime, name: storedFiles.name, uploadedBy: storedFiles.uploadedBy })
      .from(incomingFiles)
      .innerJoin(storedFiles, eq(storedFiles.id, incomingFiles.fileId))
      .where(eq(incomingFiles.documentId, incomingId))
      .orderBy(asc(incomingFiles.sortOrder));
    expect(files.map((f) => [f.mime, f.name, f.uploadedBy])).toEqual([
      ["application/pdf", "cong-van.pdf", null],
      ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "phu-luc.docx", null],
    ]);
    expect(d.mainFileId).toBe(files[0].id);
    const ev = await trail(incomingId);
    expect(ev.map((e) => [e.kind, e.actorName])).toEqual([["exchange_received", "Sở Tài chính tỉnh Bình Định"]]);
    expect(ev[0].text).toContain("Nhận liên thông từ Sở Tài chính tỉnh Bình Định. Chữ ký hợp lệ — Sở Tài chính tỉnh Bình Định");

    expect(await sentStatuses(incomingId)).toEqual([{ code: "01", description: "", receiver: s.them.organId, state: "queued" }]);
    const [out] = await t.db.select().from(exchangeMessages).where(and(eq(exchangeMessages.incomingId, incomingId), eq(exchangeMessages.direction, "out")));
    expect(out).toMatchObject({ documentId: m.header.documentId, senderOrganId: s.us.organId, replyToId: row.id });
    const queued = await t.db.select().from(jobs).where(eq(jobs.queue, SEND_QUEUE));
    expect(queued.some((j) => (j.payload as { messageId?: string }).messageId === out.id)).toBe(true);
    expect(await auditRows(t.db, { action: "exchange.receive", objectId: row.id, outcome: "success" })).toHaveLength(1);
  });

  it("a redelivery (and a concurrent one) is one document; the same axis package again is a duplicate", async () => {
    const { raw } = signedDocument(s);
    const [a, b] = await Promise.all([receive(raw), receive(raw)]);
    const states = [a.state, b.state].sort();
    expect(states).toEqual(["duplicate", "received"]);
    expect(a.messageId).toBe(b.messageId);
    const again = await receive(raw);
    expect(again).toEqual({ state: "duplicate", messageId: a.messageId });
    const row = await message(a.messageId!);
    expect(await t.db.select().from(incomingDocuments).where(eq(incomingDocuments.id, row.incomingId!))).toHaveLength(1);
    const rows = await t.db.select().from(exchangeMessages).where(and(eq(exchangeMessages.documentId, row.documentId), eq(exchangeMessages.direction, "in")));
    expect(rows).toHaveLength(1);
    expect(await sentStatuses(row.incomingId!)).toHaveLength(1);

    const viaAxis = signedDocument(s).raw;
    const first = await receive(viaAxis, { transport: "axis", packageId: "pkg-1" });
    expect(first.state).toBe("received");
    expect(await receive(viaAxis, { transport: "axis", packageId: "pkg-1" })).toEqual({ state: "duplicate", messageId: first.messageId });
  });

  it("a ZIP attachment is unpacked with the storage checks; a bad file inside refuses the whole message, keeping only the evidence", async () => {
    const archive = await zip({ "van-ban.pdf": pdfAttachment().data, "phu-luc.docx": await docx() });
    const { incomingId } = await arrived({ attachments: [{ contentId: "cid:zip", name: "ho-so.zip", contentType: "application/zip", data: archive }] });
    const names = await t.db
      .select({ name: storedFiles.name })
      .from(incomingFiles)
      .innerJoin(storedFiles, eq(storedFiles.id, incomingFiles.fileId))
      .where(eq(incomingFiles.documentId, incomingId));
    expect(names.map((n) => n.name).sort()).toEqual(["phu-luc.docx", "van-ban.pdf"]);

    const docsBefore = await t.db.select({ id: incomingDocuments.id }).from(incomingDocuments);
    const bad = await zip({ "van-ban.pdf": pdfAttachment().data, "chay.exe": Buffer.from("MZ\x90\x00 not a document") });
    const { raw } = signedDocument(s, { attachments: [{ contentId: "cid:zip", name: "ho-so.zip", contentType: "application/zip", data: bad }] });
    const r = await receive(raw);
    expect(r).toMatchObject({ state: "rejected", code: "attachment" });
    expect(r.reason).toContain("ho-so.zip");
    expect(await t.db.select({ id: incomingDocuments.id }).from(incomingDocuments)).toHaveLength(docsBefore.length);
    const row = await message(r.messageId!);
    expect(row).toMatchObject({ state: "rejected", errorCode: "attachment", incomingId: null });
    const [rawFile] = await t.db.select().from(storedFiles).where(eq(storedFiles.id, row.rawFileId!));
    expect(rawFile).toMatchObject({ mime: "application/xml", size: raw.length, agencyId: s.w.agencyId });
  });

  it("the receiver's statuses: 03 on Vào sổ, 04 on assignment, 05 on the lead's first progress (once), 06 when done — each once", async () => {
    const { incomingId } = await arrived();
    const { clerk, leader, staff } = s.w.people;
    await ok(run(registerArrival, clerk.id, { id: incomingId }));
    await ok(run(submitToLeader, clerk.id, { id: incomingId, leaderId: leader.id }));
    await ok(run(assignDocument, leader.id, { id: incomingId, instruction: "Xử lý", recipients: [{ kind: "user", targetId: staff.id, role: "lead" }] }));
    const [lead] = await t.db.select().from(incomingAssignments).where(eq(incomingAssignments.documentId, incomingId));
    await ok(run(noteProgress, staff.id, { assignmentId: lead.id, text: "Đang tổng hợp" }));
    await ok(run(noteProgress, staff.id, { assignmentId: lead.id, text: "Đã có số liệu" }));
    await ok(run(completeAssignment, staff.id, { assignmentId: lead.id, result: "Đã trả lời" }));
    expect((await doc(incomingId)).status).toBe("done");
    const out = await sentStatuses(incomingId);
    expect(out.map((o) => o.code)).toEqual(["01", "03", "04", "05", "06"]);
    expect(out.every((o) => o.receiver === s.them.organId && o.state === "queued")).toBe(true);
    const [registered] = await t.db.select().from(exchangeMessages).where(and(eq(exchangeMessages.incomingId, incomingId), eq(exchangeMessages.statusCode, "03")));
    expect(registered.details).toEqual({ staffInfo: { staff: "Người clerk" } });
    // A paper document sends nothing.
    const before = await t.db.select({ id: exchangeMessages.id }).from(exchangeMessages);
    const paper = await ok(run((await import("@/lib/incoming/actions")).registerPaper, clerk.id, (await import("../factories/incoming")).paper()));
    await ok(run(submitToLeader, clerk.id, { id: (paper as { id: string }).id, leaderId: leader.id }));
    expect(await t.db.select({ id: exchangeMessages.id }).from(exchangeMessages)).toHaveLength(before.length);
  });

  it("Trả lại sends 02 with the reason; a refused step sends nothing", async () => {
    const { incomingId } = await arrived();
    await ok(run(returnToSender, s.w.people.clerk.id, { id: incomingId, reason: "Gửi nhầm cơ quan" }));
    const again = await run(returnToSender, s.w.people.clerk.id, { id: incomingId, reason: "Gửi nhầm cơ quan" });
    expect(again.ok).toBe(false);
    expect(await sentStatuses(incomingId)).toEqual([
      { code: "01", description: "", receiver: s.them.organId, state: "queued" },
      { code: "02", description: "Gửi nhầm cơ quan", receiver: s.them.organId, state: "queued" },
    ]);
  });

  it("13 → pending for the clerk; accept sends 15, freezes the document and tells those who had it", async () => {
    const { m, incomingId } = await arrived();
    const { clerk, leader } = s.w.people;
    await ok(run(registerArrival, clerk.id, { id: incomingId }));
    await ok(run(submitToLeader, clerk.id, { id: incomingId, leaderId: leader.id }));
    const r = await receive(signedStatus(s, m.header.documentId, "13", "Văn bản ban hành sai thẩm quyền"));
    expect(r.state).toBe("received");
    const req = await message(r.messageId!);
    expect(req).toMatchObject({ state: "pending", statusCode: "13", incomingId, description: "Văn bản ban hành sai thẩm quyền" });
    expect((await trail(incomingId)).map((e) => e.kind)).toContain("exchange_recall_requested");
    const clerkTold = await t.db.select().from(notifications).where(eq(notifications.userId, clerk.id));
    expect(clerkTold.some((n) => n.text.includes("đề nghị lấy lại") && n.text.includes("Văn bản ban hành sai thẩm quyền") && n.href === `/incoming/${incomingId}`)).toBe(true);

    // A staff member may not answer; another agency's clerk sees nothing.
    expect(await run(acceptRecall, s.w.people.staff.id, { id: req.id })).toMatchObject({ ok: false, code: "forbidden" });
    await ok(run(acceptRecall, clerk.id, { id: req.id }));
    expect((await doc(incomingId)).status).toBe("withdrawn");
    const last = (await trail(incomingId)).at(-1)!;
    expect(last).toMatchObject({ kind: "withdrawn", actorId: clerk.id });
    expect(last.text).toContain("Văn bản ban hành sai thẩm quyền");
    expect((await message(req.id)).state).toBe("answered");
    const told = await t.db.select().from(notifications).where(eq(notifications.userId, leader.id));
    expect(told.some((n) => n.text.includes("đã bị thu hồi") && n.href === `/incoming/${incomingId}`)).toBe(true);
    expect((await sentStatuses(incomingId)).map((o) => o.code)).toEqual(["01", "03", "15"]);
    // Answered once.
    expect(await run(acceptRecall, clerk.id, { id: req.id })).toMatchObject({ ok: false, code: "conflict" });
    expect(await run(refuseRecall, clerk.id, { id: req.id, reason: "Không" })).toMatchObject({ ok: false, code: "conflict" });
    expect((await sentStatuses(incomingId)).map((o) => o.code)).toEqual(["01", "03", "15"]);
  });

  it("13 refused: 16 with the reason (required), the document stays", async () => {
    const { m, incomingId } = await arrived();
    const firstRaw = signedStatus(s, m.header.documentId, "13", "Cập nhật trích yếu");
    const r = await receive(firstRaw);
    const { clerk } = s.w.people;
    const empty = await run(refuseRecall, clerk.id, { id: r.messageId, reason: "  " });
    expect(empty).toMatchObject({ ok: false, code: "validation" });
    await ok(run(refuseRecall, clerk.id, { id: r.messageId, reason: "Văn bản đã được xử lý xong" }));
    expect((await doc(incomingId)).status).toBe("awaiting_reception");
    const out = await sentStatuses(incomingId);
    expect(out.at(-1)).toEqual({ code: "16", description: "Văn bản đã được xử lý xong", receiver: s.them.organId, state: "queued" });
    expect((await trail(incomingId)).at(-1)).toMatchObject({ kind: "exchange_recall_refused", text: "Văn bản đã được xử lý xong" });

    // The sender asks again later: the request opens again (its redelivery does not); this time accepted.
    const again = signedStatus(s, m.header.documentId, "13", "Xin lấy lại lần hai", s.party, new Date(Date.now() + 60_000));
    const r2 = await receive(again);
    expect(r2).toEqual({ state: "received", messageId: r.messageId });
    expect(await message(r.messageId!)).toMatchObject({ state: "pending", description: "Xin lấy lại lần hai" });
    expect(((await message(r.messageId!)).details as { earlier: { description: string }[] }).earlier).toEqual([expect.objectContaining({ description: "Cập nhật trích yếu" })]);
    expect(await receive(again)).toEqual({ state: "duplicate", messageId: r.messageId });
    await ok(run(acceptRecall, clerk.id, { id: r.messageId }));
    expect((await doc(incomingId)).status).toBe("withdrawn");
    expect((await sentStatuses(incomingId)).map((o) => o.code)).toEqual(["01", "16", "15"]);
    // The first request delivered again after both answers: still a duplicate.
    expect(await receive(firstRaw)).toEqual({ state: "duplicate", messageId: r.messageId });
    expect((await message(r.messageId!)).state).toBe("answered");
  });

  it("a recall message (1) freezes our copy; an update (2) is on the original's trail; a 13 about an unknown document is refused", async () => {
    const { m, incomingId } = await arrived();
    const recall = signedDocument(s, { code: m.header.code, promulgationDate: new Date(Date.now() - 86_400_000), businessDocType: 1, businessDocReason: "Thu hồi do sai sót", attachments: [] });
    expect(recall.message.header.documentId).toBe(m.header.documentId);
    const r = await receive(recall.raw);
    expect(r, r.reason).toMatchObject({ state: "received" });
    expect((await message(r.messageId!)).incomingId).toBe(incomingId);
    expect((await doc(incomingId)).status).toBe("withdrawn");
    expect((await trail(incomingId)).at(-1)).toMatchObject({ kind: "withdrawn", text: "Thu hồi do sai sót" });

    const second = await arrived();
    const update = signedDocument(s, {
      code: second.m.header.code, promulgationDate: new Date(Date.now() - 86_400_000), businessDocType: 2, businessDocReason: "Sửa hạn xử lý", attachments: [],
    });
    expect((await receive(update.raw)).state).toBe("received");
    expect((await trail(second.incomingId)).at(-1)).toMatchObject({ kind: "exchange_updated", text: "Sửa hạn xử lý" });
    // A second update later is applied too; its redelivery is not.
    const update2 = signedDocument(s, {
      code: second.m.header.code, promulgationDate: new Date(Date.now() - 86_400_000), businessDocType: 2, businessDocReason: "Sửa nơi nhận", attachments: [],
      sentAt: new Date(Date.now() + 120_000),
    });
    expect((await receive(update2.raw)).state).toBe("received");
    expect((await receive(update2.raw)).state).toBe("duplicate");
    expect((await receive(update.raw)).state).toBe("duplicate");
    expect((await trail(second.incomingId)).filter((e) => e.kind === "exchange_updated").map((e) => e.text)).toEqual(["Sửa hạn xử lý", "Sửa nơi nhận"]);

    const unknown = await receive(signedStatus(s, `${s.them.organId},2026/01/02,999/STC-VP`, "13", "Lấy lại"));
    expect(unknown).toMatchObject({ state: "rejected", code: "unknown_document" });
  });

  it("a replacement (3) arrives as a new document linked both ways to the one it replaces", async () => {
    const { m, incomingId } = await arrived();
    const { message: r3, raw } = signedDocument(s, {
      businessDocType: 3, businessDocReason: "Thay thế do sai số liệu",
      replacementInfoList: [{ documentId: m.header.documentId, organIds: [s.us.organId] }],
    });
    const r = await receive(raw);
    expect(r, r.reason).toMatchObject({ state: "received" });
    const row = await message(r.messageId!);
    const d = await doc(row.incomingId!);
    expect(d).toMatchObject({ status: "awaiting_reception", replacesIncomingId: incomingId, symbol: `${r3.header.code.codeNumber}/STC-VP` });
    expect((await trail(d.id)).map((e) => e.kind)).toEqual(["exchange_received", "exchange_replaces"]);
    expect((await trail(incomingId)).at(-1)).toMatchObject({ kind: "exchange_replaced" });
    expect((await trail(incomingId)).at(-1)!.text).toContain(d.symbol);
    expect((await sentStatuses(d.id)).map((o) => o.code)).toEqual(["01"]);
  });

  it("a replacement (3) whose document already arrived as new (0) links that copy: one document, not two", async () => {
    const { m, incomingId } = await arrived();
    const earlier = await arrived();
    const { raw } = signedDocument(s, {
      code: earlier.m.header.code, promulgationDate: new Date(Date.now() - 86_400_000), businessDocType: 3, businessDocReason: "Thay thế do sai số liệu",
      replacementInfoList: [{ documentId: m.header.documentId, organIds: [s.us.organId] }],
    });
    const r = await receive(raw);
    expect(r, r.reason).toMatchObject({ state: "received" });
    expect((await message(r.messageId!)).incomingId).toBe(earlier.incomingId);
    expect(await doc(earlier.incomingId)).toMatchObject({ replacesIncomingId: incomingId });
    const copies = await t.db.select({ id: incomingDocuments.id }).from(incomingDocuments).where(eq(incomingDocuments.symbol, (await doc(earlier.incomingId)).symbol));
    expect(copies).toHaveLength(1);
    expect((await trail(earlier.incomingId)).map((e) => e.kind)).toEqual(["exchange_received", "exchange_replaces"]);
    expect((await trail(incomingId)).at(-1)).toMatchObject({ kind: "exchange_replaced" });
    // Its 01 went with the first arrival; the link adds none.
    expect((await sentStatuses(earlier.incomingId)).map((o) => o.code)).toEqual(["01"]);
  });

  it("statuses about a document we sent go to the sender side (applyInboundStatus); its refusal becomes a rejected row", async () => {
    const ours = `${s.us.organId},2026/11/30,15/SNV-VP`;
    const r = await receive(signedStatus(s, ours, "03"));
    expect(r.state).toBe("received");
    expect(applied.calls).toContainEqual({ code: "03", id: r.messageId });
    expect(await message(r.messageId!)).toMatchObject({ kind: "status", statusCode: "03", state: "received", documentId: ours });

    applied.fail = "Không tìm thấy văn bản đi 15/SNV-VP.";
    const bad = await receive(signedStatus(s, ours, "05"));
    applied.fail = "";
    expect(bad).toMatchObject({ state: "rejected", code: "unknown_document", reason: "Không tìm thấy văn bản đi 15/SNV-VP." });
    const audit = await auditRows(t.db, { action: "exchange.receive", objectId: bad.messageId!, outcome: "refused" });
    expect(audit).toHaveLength(1);
  });

  it("the incoming page's view: the verdict and certificate, the statuses sent back, a pending recall; nothing for another agency", async () => {
    const { m, incomingId } = await arrived();
    await ok(run(registerArrival, s.w.people.clerk.id, { id: incomingId }));
    await receive(signedStatus(s, m.header.documentId, "13", "Ban hành nhầm"));
    const clerk = (await loadActor(t.db, s.w.people.clerk.id))!;
    const view = await incomingExchangeView(clerk, incomingId, t.db);
    expect(view).toMatchObject({
      senderName: "Sở Tài chính tỉnh Bình Định", senderOrganId: s.them.organId, transport: "direct", verdict: "Chữ ký hợp lệ — Sở Tài chính tỉnh Bình Định",
      certificate: { name: "Sở Tài chính tỉnh Bình Định", trustedBy: "pinned" },
      pendingRecall: { description: "Ban hành nhầm" },
    });
    expect(view!.certificate!.subject).toContain(s.them.organId);
    expect(view!.statuses.map((x) => [x.code, x.label, x.state])).toEqual([["01", "Đã đến", "queued"], ["03", "Đã tiếp nhận", "queued"]]);
    const stranger = await buildWorld(t.db);
    expect(await incomingExchangeView((await loadActor(t.db, stranger.people.clerk.id))!, incomingId, t.db)).toBeNull();
    // A paper document has no liên thông view.
    const paperId = (await ok(run((await import("@/lib/incoming/actions")).registerPaper, s.w.people.clerk.id, (await import("../factories/incoming")).paper())) as { id: string }).id;
    expect(await incomingExchangeView(clerk, paperId, t.db)).toBeNull();
    // The page's view, from the document getIncoming read, is the same as reading it on its own.
    const read = async (id: string) => (await getIncoming(clerk, id, t.db))!.doc;
    expect(await exchangeViewFor(clerk, await read(incomingId), t.db)).toEqual(view);
    expect(await exchangeViewFor(clerk, await read(paperId), t.db)).toBeNull();
  });
});

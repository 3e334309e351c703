import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { incomingDocuments, incomingEvents, incomingFiles, outgoingDocuments, outgoingEvents, outgoingFiles, outgoingRecipients } from "@/db/schema";
import { executeAction, type ActionDefinition } from "@/lib/actions/define";
import { loadActor } from "@/lib/auth/actor";
import { linkPaperCopy, registerPaper } from "@/lib/incoming/actions";
import { approveDraft, checkDraft, createDraft, reviseDraft, signDraft, submitDraft } from "@/lib/outgoing/actions";
import { issueDocument } from "@/lib/outgoing/issue";
import { changeIncomingSecrecy } from "@/lib/incoming/secrecy";
import { changeOutgoingSecrecy } from "@/lib/outgoing/secrecy";
import { canReadFile } from "@/lib/access/files";
import { paper } from "../factories/incoming";
import { keyed, buildWorld, callerOf, type World } from "../factories/org";
import { draftInput, MIME, storedFile } from "../factories/outgoing";
import { auditRows, createTestDb, DB_KINDS, pgCode, type TestDb } from "../helpers/db";

// Issue 10 item 5 (security.md §5 row 16): changing độ mật is a step of its own, by the leadership or
// the văn thư only, with a reason, on the trail and in the audit entry with old → new; a document that
// was ever secret keeps no file, also after a downgrade.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDef = ActionDefinition<any, any, any>;

const EDIT_REFUSAL = "Không sửa độ mật ở đây. Thay đổi độ mật là một bước riêng: lãnh đạo hoặc văn thư dùng “Thay đổi độ mật” trên trang văn bản, có ghi lý do.";
const EVER_SECRET = "Văn bản đã từng là văn bản mật: không lưu tệp trên hệ thống, kể cả sau khi giảm mật (Luật Bảo vệ bí mật nhà nước, Điều 5); chỉ lập thông tin, xử lý bản giấy.";

describe.each(DB_KINDS)("changing độ mật on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let other: World;

  const run = (def: AnyDef, userId: string | null, input: unknown) => executeAction(def, userId ? callerOf(userId) : null, keyed(input), t.db);
  const ok = async <T,>(p: Promise<{ ok: boolean; data?: T }>) => {
    const r = await p;
    expect(r).toMatchObject({ ok: true });
    return (r as { data: T }).data;
  };
  const outgoing = async (id: string) => (await t.db.select().from(outgoingDocuments).where(eq(outgoingDocuments.id, id)))[0];
  const incoming = async (id: string) => (await t.db.select().from(incomingDocuments).where(eq(incomingDocuments.id, id)))[0];
  const draftFile = () => storedFile(t.db, w.agencyId, w.people.staff.id);
  const scan = () => storedFile(t.db, w.agencyId, w.people.clerk.id, MIME.pdf);
  const reads = async (userId: string, fileId: string) => canReadFile(t.db, (await loadActor(t.db, userId))!, fileId);

  /** A draft of the world's staff member. */
  const drafted = async (over: Record<string, unknown> = {}) =>
    (await ok<{ id: string }>(run(createDraft, w.people.staff.id, draftInput(w.people.leader.id, over)))).id;

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    other = await buildWorld(t.db);
  });
  afterAll(async () => t?.drop());

  it("a drafter cannot downgrade a secret draft by revising it (and attach a file)", async () => {
    const id = await drafted({ secrecy: "secret" });
    const file = await draftFile();
    const r = await run(reviseDraft, w.people.staff.id, { ...draftInput(w.people.leader.id, { secrecy: "normal", fileIds: [file] }), id });
    expect(r).toMatchObject({ ok: false, code: "validation", formError: EDIT_REFUSAL, fieldErrors: { secrecy: [EDIT_REFUSAL] } });
    // Nor the other way round, nor without a file.
    const up = await run(reviseDraft, w.people.staff.id, { ...draftInput(w.people.leader.id, { secrecy: "top_secret" }), id });
    expect(up).toMatchObject({ ok: false, code: "validation", fieldErrors: { secrecy: [EDIT_REFUSAL] } });
    expect(await outgoing(id)).toMatchObject({ secrecy: "secret", wasSecret: true, version: 0 });
    expect(await t.db.$count(outgoingFiles, eq(outgoingFiles.documentId, id))).toBe(0);
    expect(await auditRows(t.db, { action: "outgoing.revise", objectId: id })).toHaveLength(0);

    // Leaving the field out (the edit form shows it read-only) keeps the stored value; so does sending it unchanged.
    await ok(run(reviseDraft, w.people.staff.id, { ...draftInput(w.people.leader.id, { secrecy: "secret", subject: "V/v bảo vệ bí mật nhà nước" }), id }));
    const { secrecy: _s, ...rest } = draftInput(w.people.leader.id, { subject: "V/v bảo vệ bí mật nhà nước (sửa)" });
    await ok(run(reviseDraft, w.people.staff.id, { ...rest, id }));
    expect(await outgoing(id)).toMatchObject({ secrecy: "secret", subject: "V/v bảo vệ bí mật nhà nước (sửa)", version: 0 });
  });

  it("only the leadership and the văn thư change độ mật, with a reason; anonymous, other positions and other agencies are refused", async () => {
    const out = await drafted({ secrecy: "secret" });
    const { id: inc } = await ok<{ id: string }>(run(registerPaper, w.people.clerk.id, paper({ secrecy: "confidential" })));
    const cases: [AnyDef, string][] = [[changeOutgoingSecrecy, out], [changeIncomingSecrecy, inc]];
    for (const [def, id] of cases) {
      const input = { id, secrecy: "normal", reason: "Giải mật theo quyết định của Giám đốc." };
      expect(await run(def, null, input), `${def.name} anonymous`).toMatchObject({ ok: false, code: "unauthenticated" });
      for (const k of ["staff", "unit_head", "unit_deputy", "office_chief", "checker", "archivist", "admin"] as const) {
        expect(await run(def, w.people[k].id, input), `${def.name} by ${k}`).toMatchObject({ ok: false, code: "forbidden" });
      }
      // Another agency's leadership and văn thư: answered like a missing row.
      for (const k of ["leader", "clerk"] as const) {
        expect(await run(def, other.people[k].id, input), `${def.name} by another agency's ${k}`).toMatchObject({ ok: false, code: "not_found" });
      }
      expect(await run(def, w.people.leader.id, { ...input, id: randomUUID() })).toMatchObject({ ok: false, code: "not_found" });
      const noReason = await run(def, w.people.clerk.id, { ...input, reason: "  " });
      expect(noReason).toMatchObject({ ok: false, code: "validation", fieldErrors: { reason: ["Vui lòng nhập lý do thay đổi độ mật."] } });
      expect(await auditRows(t.db, { action: def.name, objectId: id })).toHaveLength(0);
    }
    expect(await outgoing(out)).toMatchObject({ secrecy: "secret" });
    expect(await incoming(inc)).toMatchObject({ secrecy: "confidential" });
    // The refusals are recorded.
    const refused = await auditRows(t.db, { action: "action.refused", actorId: w.people.staff.id, objectType: "outgoing.changeSecrecy" });
    expect(refused.length).toBeGreaterThan(0);
  });

  it("the văn thư and the leadership change it: trail and audit entry say old → new with the reason; a repeat changes nothing", async () => {
    const out = await drafted({ secrecy: "secret" });
    await ok(run(changeOutgoingSecrecy, w.people.clerk.id, { id: out, secrecy: "normal", reason: "Giảm mật theo Quyết định 12/QĐ-SNV." }));
    expect(await outgoing(out)).toMatchObject({ secrecy: "normal", wasSecret: true });
    const [event] = await t.db.select().from(outgoingEvents).where(and(eq(outgoingEvents.kind, "secrecy_changed"), eq(outgoingEvents.documentId, out)));
    expect(event).toMatchObject({ actorId: w.people.clerk.id, text: "Tối mật → Thường. Lý do: Giảm mật theo Quyết định 12/QĐ-SNV." });
    const [entry] = await auditRows(t.db, { action: "outgoing.changeSecrecy", objectId: out });
    expect(entry).toMatchObject({ actorId: w.people.clerk.id, objectType: "outgoing", outcome: "success" });
    expect(entry.payload).toMatchObject({ from: "secret", to: "normal", reason: "Giảm mật theo Quyết định 12/QĐ-SNV." });
    // A replay finds the level already changed.
    const again = await run(changeOutgoingSecrecy, w.people.clerk.id, { id: out, secrecy: "normal", reason: "Lặp lại" });
    expect(again).toMatchObject({ ok: false, code: "conflict", formError: "Văn bản đang có độ mật “Thường”; không có gì thay đổi." });
    expect(await auditRows(t.db, { action: "outgoing.changeSecrecy", objectId: out })).toHaveLength(1);

    const { id: inc } = await ok<{ id: string }>(run(registerPaper, w.people.clerk.id, paper({ secrecy: "normal" })));
    await ok(run(changeIncomingSecrecy, w.people.leader.id, { id: inc, secrecy: "top_secret", reason: "Nội dung thuộc bí mật nhà nước độ Tuyệt mật." }));
    expect(await incoming(inc)).toMatchObject({ secrecy: "top_secret", wasSecret: true });
    const trail = await t.db.select().from(incomingEvents).where(eq(incomingEvents.documentId, inc));
    expect(trail.map((e) => e.kind)).toEqual(["registered", "secrecy_changed"]);
    expect(trail[1].text).toBe("Thường → Tuyệt mật. Lý do: Nội dung thuộc bí mật nhà nước độ Tuyệt mật.");
    const [incEntry] = await auditRows(t.db, { action: "incoming.changeSecrecy", objectId: inc });
    expect(incEntry.payload).toMatchObject({ from: "normal", to: "top_secret", withheldFiles: 0 });
  });

  it("a downgraded document still refuses files: new versions, the issued PDF, paper scans; the database refuses them too", async () => {
    const out = await drafted({ secrecy: "confidential", recipients: [{ kind: "unit", targetId: w.divisionId }] });
    await ok(run(changeOutgoingSecrecy, w.people.leader.id, { id: out, secrecy: "normal", reason: "Giải mật." }));
    const withFile = await run(reviseDraft, w.people.staff.id, { ...draftInput(w.people.leader.id, { secrecy: "normal", fileIds: [await draftFile()] }), id: out });
    expect(withFile).toMatchObject({ ok: false, code: "validation", fieldErrors: { fileIds: [EVER_SECRET] } });
    expect(await t.db.$count(outgoingFiles, eq(outgoingFiles.documentId, out))).toBe(0);
    // It still goes through review without a file (the system checks do not ask for one) and is issued on paper.
    await ok(run(submitDraft, w.people.staff.id, { id: out }));
    await ok(run(approveDraft, w.people.unit_head.id, { id: out, comment: "" }));
    await ok(run(checkDraft, w.people.checker.id, { id: out, legal: true, format: true }));
    await ok(run(signDraft, w.people.leader.id, { id: out }));
    const issued = await run(issueDocument, w.people.clerk.id, { id: out, fileId: await storedFile(t.db, w.agencyId, w.people.clerk.id, MIME.pdf) });
    expect(issued).toMatchObject({ ok: false, code: "validation", fieldErrors: { fileId: [EVER_SECRET] } });
    await ok(run(issueDocument, w.people.clerk.id, { id: out }));
    expect(await outgoing(out)).toMatchObject({ status: "issued", finalFileId: null, wasSecret: true });
    const recipients = await t.db.select().from(outgoingRecipients).where(eq(outgoingRecipients.documentId, out));
    expect(recipients.map((r) => r.delivery)).toEqual(["paper"]);

    const { id: inc } = await ok<{ id: string }>(run(registerPaper, w.people.clerk.id, paper({ secrecy: "secret" })));
    await ok(run(changeIncomingSecrecy, w.people.clerk.id, { id: inc, secrecy: "normal", reason: "Cơ quan ban hành thông báo giải mật." }));
    const linked = await run(linkPaperCopy, w.people.clerk.id, { id: inc, fileIds: [await scan()] });
    expect(linked).toMatchObject({ ok: false, code: "validation", fieldErrors: { fileIds: [EVER_SECRET] } });
    expect(await t.db.$count(incomingFiles, eq(incomingFiles.documentId, inc))).toBe(0);

    // The backstop: the flag cannot be cleared, and no path can link a file.
    await t.db.update(incomingDocuments).set({ wasSecret: false }).where(eq(incomingDocuments.id, inc));
    expect((await incoming(inc)).wasSecret).toBe(true);
    const direct = await t.db.insert(incomingFiles).values({ documentId: inc, fileId: await scan() }).then(() => null, (e: unknown) => e);
    expect(pgCode(direct)).toBe("23514");
    const main = await t.db.update(incomingDocuments).set({ mainFileId: await scan() }).where(eq(incomingDocuments.id, inc)).then(() => null, (e: unknown) => e);
    expect(pgCode(main)).toBe("23514");
    const version = await t.db.insert(outgoingFiles).values({ documentId: out, fileId: await draftFile(), version: 1 }).then(() => null, (e: unknown) => e);
    expect(pgCode(version)).toBe("23514");
  });

  it("upgrading a document that has files withholds them for good: never served again, also after a downgrade", async () => {
    const file = await scan();
    const { id: inc } = await ok<{ id: string }>(run(registerPaper, w.people.clerk.id, paper({ fileIds: [file] })));
    expect(await reads(w.people.clerk.id, file)).toBe(true);
    await ok(run(changeIncomingSecrecy, w.people.leader.id, { id: inc, secrecy: "confidential", reason: "Phát hiện nội dung mật." }));
    const [event] = await t.db.select().from(incomingEvents).where(sql`${incomingEvents.documentId} = ${inc} and ${incomingEvents.kind} = 'secrecy_changed'`);
    expect(event.text).toBe("Thường → Mật. Lý do: Phát hiện nội dung mật. 1 tệp đã có trên hệ thống không còn được cung cấp (văn bản mật không lưu tệp trên hệ thống).");
    const [entry] = await auditRows(t.db, { action: "incoming.changeSecrecy", objectId: inc });
    expect(entry.payload).toMatchObject({ from: "normal", to: "confidential", withheldFiles: 1 });
    for (const k of ["clerk", "leader"] as const) expect(await reads(w.people[k].id, file), k).toBe(false);
    await ok(run(changeIncomingSecrecy, w.people.leader.id, { id: inc, secrecy: "normal", reason: "Giải mật." }));
    for (const k of ["clerk", "leader"] as const) expect(await reads(w.people[k].id, file), `${k} after the downgrade`).toBe(false);

    // An outgoing draft: its versions are withheld from the drafter, and its recipients move to paper.
    const v1 = await draftFile();
    const out = await drafted({ fileIds: [v1], recipients: [{ kind: "unit", targetId: w.divisionId }] });
    expect(await reads(w.people.staff.id, v1)).toBe(true);
    await ok(run(changeOutgoingSecrecy, w.people.leader.id, { id: out, secrecy: "secret", reason: "Nội dung thuộc bí mật nhà nước." }));
    expect(await reads(w.people.staff.id, v1)).toBe(false);
    expect(await reads(w.people.leader.id, v1)).toBe(false);
    const recipients = await t.db.select().from(outgoingRecipients).where(eq(outgoingRecipients.documentId, out));
    expect(recipients.map((r) => r.delivery)).toEqual(["paper"]);
  });

  it("is refused where it makes no sense: an issued outgoing document, a returned or withdrawn incoming one", async () => {
    const out = await drafted({ fileIds: [await draftFile()] });
    await t.db.update(outgoingDocuments).set({ status: "issued" }).where(eq(outgoingDocuments.id, out));
    const r = await run(changeOutgoingSecrecy, w.people.clerk.id, { id: out, secrecy: "confidential", reason: "x" });
    expect(r).toMatchObject({ ok: false, code: "conflict" });
    expect(r.ok ? "" : r.formError).toContain("Đã phát hành");
    for (const status of ["returned", "withdrawn"] as const) {
      const [doc] = await t.db
        .insert(incomingDocuments)
        .values({ agencyId: w.agencyId, status, source: "electronic", issuerName: "Sở Y tế", docType: "Công văn", subject: "Gửi nhầm" })
        .returning({ id: incomingDocuments.id });
      const s = await run(changeIncomingSecrecy, w.people.clerk.id, { id: doc.id, secrecy: "confidential", reason: "x" });
      expect(s, status).toMatchObject({ ok: false, code: "conflict" });
      expect((await incoming(doc.id)).secrecy).toBe("normal");
    }
  });
});

import "reflect-metadata";
import { createHash, createPrivateKey, webcrypto } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as x509 from "@peculiar/x509";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  agencies, agencyDirectory, exchangeIdentities, exchangeMessages, jobs, notifications, outgoingDocuments, outgoingEvents, outgoingRecipients, storedFiles,
  type ExchangeMessage,
} from "@/db/schema";
import { executeAction, type ActionDefinition } from "@/lib/actions/define";
import { createStatusMessage, parseEdxml, type EdxmlDocumentMessage, type EdxmlStatusMessage, type StatusCode } from "@/lib/edxml";
import { verifyEdxmlSignature } from "@/lib/edxml/signature";
import { SEND_QUEUE } from "@/lib/exchange/outbox";
import { requestRecall } from "@/lib/exchange/recall";
import { NO_KEY_MESSAGE, registerSendWorker } from "@/lib/exchange/send";
import { applyInboundStatus } from "@/lib/exchange/sender-status";
import { exchangePanelsOf, outgoingExchangeOf, recallOptionsOf } from "@/lib/exchange/outgoing-status";
import { seal } from "@/lib/secret-box";
import { TransportError, type OutboundPackage, type Partner, type Transport } from "@/lib/exchange/transport";
import { registerTransport } from "@/lib/exchange/transports";
import { JobRunner } from "@/lib/jobs";
import { approveDraft, checkDraft, createDraft, signDraft, submitDraft } from "@/lib/outgoing/actions";
import { issueDocument, withdrawDocument } from "@/lib/outgoing/issue";
import { getOutgoing } from "@/lib/outgoing/queries";
import { loadActor } from "@/lib/auth/actor";
import { blobPath } from "@/lib/storage/store";
import { buildWorld, callerOf, keyed, type World } from "../factories/org";
import { draftInput } from "../factories/outgoing";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Issue 13, the sending side of liên thông: the outbox written with the issue, the worker that builds,
// validates, signs and sends through the partner's transport (a fake one here), retries and order per
// receiver, secret documents never leaving, the statuses received, and Thu hồi / cập nhật / thay thế.

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const ALG = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
const DAY = 86_400_000;

async function selfSigned(subject: string) {
  const k = (await webcrypto.subtle.generateKey(ALG, true, ["sign", "verify"])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "0a1b2c", name: subject, notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + 365 * DAY), keys: k, signingAlgorithm: ALG,
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true)],
  });
  const der = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", k.privateKey));
  return { key: createPrivateKey({ key: der, format: "der", type: "pkcs8" }).export({ type: "pkcs8", format: "pem" }) as string, cert: cert.toString("pem") };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDef = ActionDefinition<any, any, any>;

/** The fake transport: records what it is given; `fail` decides per receiver. */
const sent: { partner: Partner; pkg: OutboundPackage }[] = [];
let fail: (p: Partner) => Error | null = () => null;
/** Runs while a package is on its way (a step taken meanwhile). */
let during: (() => Promise<void>) | null = null;
const fake: Transport = {
  name: "direct",
  async send(partner, pkg) {
    if (during) await during();
    const e = fail(partner);
    if (e) throw e;
    sent.push({ partner, pkg });
    return { packageId: `pkg-${sent.length}` };
  },
  async ping(p) {
    return { detail: p.name };
  },
};

const digits = (n: number) => String(Math.floor(Math.random() * 10 ** n)).padStart(n, "0");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

describe.each(DB_KINDS)("liên thông, sending, on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let ours: string;
  let keys: { key: string; cert: string };
  let stc: { id: string; organId: string };
  let sxd: { id: string; organId: string };
  let clock = Date.now();
  let runner: JobRunner;
  let filesRoot: string;

  const run = (def: AnyDef, userId: string, input: unknown) => executeAction(def, callerOf(userId), keyed(input), t.db);
  const ok = async <T,>(def: AnyDef, userId: string, input: unknown) => {
    const r = await run(def, userId, input);
    expect(r, def.name).toMatchObject({ ok: true });
    return (r as { data: T }).data;
  };
  const messagesOf = (outgoingId: string) =>
    t.db.select().from(exchangeMessages).where(eq(exchangeMessages.outgoingId, outgoingId)).orderBy(asc(exchangeMessages.createdAt), asc(exchangeMessages.receiverOrganId));
  const drain = async (advanceMs = 0) => {
    clock = Math.max(clock, Date.now()) + advanceMs;
    return runner.drain();
  };
  /** Runs the queue until nothing is due any more, letting waits for older messages pass. */
  const settle = async () => {
    for (let i = 0; i < 6; i++) if ((await drain(i ? 20_000 : 0)) === 0 && i) return;
  };

  async function pdfFile(world: World) {
    const sha256 = createHash("sha256").update(PDF).update(digits(8)).digest("hex");
    // Content-addressed by its own bytes: a distinct PDF per call.
    const bytes = Buffer.concat([PDF, Buffer.from(`%${sha256}\n`)]);
    const sha = createHash("sha256").update(bytes).digest("hex");
    const p = blobPath(filesRoot, sha);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, bytes);
    const [row] = await t.db
      .insert(storedFiles)
      .values({ agencyId: world.agencyId, uploadedBy: world.people.clerk.id, mime: "application/pdf", size: bytes.length, sha256: sha, name: "cong-van.pdf" })
      .returning({ id: storedFiles.id });
    return { id: row.id, bytes };
  }

  async function docxFile(world: World) {
    const [row] = await t.db
      .insert(storedFiles)
      .values({ agencyId: world.agencyId, uploadedBy: world.people.staff.id, mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", size: 10, sha256: createHash("sha256").update(digits(12)).digest("hex"), name: "du-thao.docx" })
      .returning({ id: storedFiles.id });
    return row.id;
  }

  /** A signed draft to the given directory agencies (and a paper recipient), ready to issue. */
  async function signed(world: World, dirIds: string[], over: Record<string, unknown> = {}) {
    const secret = over.secrecy && over.secrecy !== "normal";
    const recipients = [...dirIds.map((id) => ({ kind: "agency", targetId: id })), { kind: "text", name: "Lưu: VT, TCCB." }];
    const { id } = await ok<{ id: string }>(createDraft, world.people.staff.id, draftInput(world.people.leader.id, { fileIds: secret ? [] : [await docxFile(world)], recipients, urgency: "urgent", ...over }));
    await ok(submitDraft, world.people.staff.id, { id });
    await ok(approveDraft, world.people.unit_head.id, { id, comment: "" });
    await ok(checkDraft, world.people.checker.id, { id, legal: true, format: true });
    await ok(signDraft, world.people.leader.id, { id });
    return id;
  }
  async function issued(world: World, dirIds: string[], over: Record<string, unknown> = {}) {
    const id = await signed(world, dirIds, over);
    const secret = over.secrecy && over.secrecy !== "normal";
    const file = secret ? null : await pdfFile(world);
    await ok(issueDocument, world.people.clerk.id, { id, fileId: file?.id ?? null, pageCount: 2, issuedAmount: 5 });
    return { id, bytes: file?.bytes };
  }

  async function partnerOf(world: World, name: string) {
    const organId = `000.${digits(2)}.${digits(2)}.H${digits(2)}`;
    const [d] = await t.db.insert(agencyDirectory).values({ agencyId: world.agencyId, name, organId, transport: "direct", endpoint: "http://127.0.0.1:9" }).returning({ id: agencyDirectory.id });
    return { id: d.id, organId };
  }

  /** A status as the receive pipeline stores and applies it. */
  async function inbound(from: string, documentId: string, statusCode: StatusCode, description?: string, packageFrom = from) {
    const status: EdxmlStatusMessage = createStatusMessage({
      from: { organId: from, organName: "Cơ quan nhận" }, responseFor: { organId: ours, documentId }, statusCode, ...(description ? { description } : {}),
    });
    return t.db.transaction(async (tx) => {
      const [msg] = await tx
        .insert(exchangeMessages)
        .values({ agencyId: w.agencyId, direction: "in", kind: "status", statusCode, senderOrganId: packageFrom, receiverOrganId: ours, documentId, state: "received", description: description ?? "" })
        .returning();
      await applyInboundStatus(tx, msg, status);
      return msg.id;
    });
  }

  beforeAll(async () => {
    process.env.EXCHANGE_SECRET ??= "test-exchange-secret";
    filesRoot = fs.mkdtempSync(path.join(os.tmpdir(), "xsend-"));
    process.env.FILES_DIR = filesRoot;
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    ours = `000.00.${digits(2)}.H${digits(2)}`;
    await t.db.update(agencies).set({ organId: ours, placeName: "Bình Định", name: "Sở Nội vụ tỉnh Bình Định" }).where(eq(agencies.id, w.agencyId));
    keys = await selfSigned(`CN=Sở Nội vụ tỉnh Bình Định, O=${ours}, C=VN`);
    await t.db.insert(exchangeIdentities).values({ agencyId: w.agencyId, certPem: keys.cert, keyEnc: seal(keys.key), address: "Quy Nhơn" });
    stc = await partnerOf(w, "Sở Tài chính tỉnh Bình Định");
    sxd = await partnerOf(w, "Sở Xây dựng tỉnh Bình Định");
    registerTransport(fake);
    registerSendWorker();
    runner = new JobRunner({ db: t.db, queues: [SEND_QUEUE], now: () => new Date(clock), onError: () => {} });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("issuing queues one message per electronic recipient in the same transaction; a rolled-back issue queues nothing", async () => {
    const { id } = await issued(w, [stc.id, sxd.id]);
    const msgs = await messagesOf(id);
    expect(msgs).toHaveLength(2);
    const [doc] = await t.db.select().from(outgoingDocuments).where(eq(outgoingDocuments.id, id));
    const documentId = `${ours},${doc.issuedDate!.replaceAll("-", "/")},${doc.symbol}`;
    for (const m of msgs) {
      expect(m).toMatchObject({ direction: "out", kind: "document", businessDocType: 0, state: "queued", senderOrganId: ours, documentId });
      expect(await t.db.$count(jobs, and(eq(jobs.queue, SEND_QUEUE), eq(jobs.key, m.id)))).toBe(1);
    }
    expect(msgs.map((m) => m.receiverOrganId).sort()).toEqual([stc.organId, sxd.organId].sort());

    // The issue fails after the outbox rows were written: the messages and jobs go with it.
    const other = await signed(w, [stc.id]);
    await t.db.execute(sql.raw(`create or replace function xsend_fail() returns trigger language plpgsql as $$ begin
      if new.kind = 'issued' and new.document_id = '${other}' then raise exception 'issue failed'; end if; return new; end $$`));
    await t.db.execute(sql`create trigger xsend_fail before insert on outgoing_events for each row execute function xsend_fail()`);
    const jobsBefore = await t.db.$count(jobs);
    const r = await run(issueDocument, w.people.clerk.id, { id: other, fileId: (await pdfFile(w)).id });
    expect(r.ok).toBe(false);
    await t.db.execute(sql`drop trigger xsend_fail on outgoing_events`);
    expect(await messagesOf(other)).toHaveLength(0);
    expect(await t.db.$count(jobs)).toBe(jobsBefore);
    await drain();
  });

  it("the worker sends signed edXML that parses, validates and verifies, with the header from the document", async () => {
    sent.length = 0;
    const { id, bytes } = await issued(w, [stc.id, sxd.id], { replyDeadline: "" });
    await drain();
    const msgs = await messagesOf(id);
    expect(msgs.map((m) => m.state)).toEqual(["sent", "sent"]);
    expect(msgs.every((m) => m.sentAt && m.transport === "direct" && m.packageId?.startsWith("pkg-"))).toBe(true);
    const recipients = await t.db.select().from(outgoingRecipients).where(eq(outgoingRecipients.documentId, id)).orderBy(asc(outgoingRecipients.sortOrder));
    expect(recipients.filter((r) => r.delivery === "electronic").every((r) => r.sentAt)).toBe(true);
    const mine = sent.filter((s) => msgs.some((m) => m.id === s.pkg.messageId));
    expect(mine).toHaveLength(2);
    const toStc = mine.find((s) => s.partner.organId === stc.organId)!;
    expect(toStc.pkg).toMatchObject({ fromOrganId: ours, toOrganId: stc.organId });
    const v = verifyEdxmlSignature(toStc.pkg.xml, { certificates: [keys.cert] });
    expect(v, v.reason).toMatchObject({ status: "valid" });
    const { message } = parseEdxml(toStc.pkg.xml);
    const m = message as EdxmlDocumentMessage;
    const [doc] = await t.db.select().from(outgoingDocuments).where(eq(outgoingDocuments.id, id));
    const [num, ...notation] = doc.symbol!.split("/");
    expect(m.kind).toBe("document");
    expect(m.header.from).toMatchObject({ organId: ours, organName: "Sở Nội vụ tỉnh Bình Định", organAdd: "Quy Nhơn" });
    expect(m.header.to).toEqual([{ organId: stc.organId, organName: "Sở Tài chính tỉnh Bình Định" }]);
    expect(m.header.code).toEqual({ codeNumber: num, codeNotation: notation.join("/") });
    expect(m.header.documentId).toBe(msgs[0].documentId);
    expect(m.header.promulgationInfo).toEqual({ place: "Bình Định", promulgationDate: doc.issuedDate!.replaceAll("-", "/") });
    expect(m.header.documentType).toMatchObject({ type: 1, typeName: "Công văn" });
    expect(m.header.subject).toBe(doc.subject);
    expect(m.header.signerInfo?.fullName).toBe("Người leader");
    expect(m.header.otherInfo).toMatchObject({ priority: 1, promulgationAmount: 5, pageAmount: 2 });
    expect(m.header.toPlaces).toEqual(recipients.map((r) => r.name));
    expect(m.business.businessDocType).toBe(0);
    expect(m.attachments).toHaveLength(1);
    expect(m.attachments[0]).toMatchObject({ name: "cong-van.pdf", contentType: "application/pdf" });
    expect(Buffer.compare(m.attachments[0].data, bytes!)).toBe(0);
    // The connection state of the partner.
    const [dir] = await t.db.select().from(agencyDirectory).where(eq(agencyDirectory.id, stc.id));
    expect(dir.lastSuccessAt).not.toBeNull();
    // The outgoing page reads the real state.
    const clerk = (await loadActor(t.db, w.people.clerk.id))!;
    const page = await getOutgoing(clerk, id, t.db);
    expect(page!.recipients.find((r) => r.organId === stc.organId)!.statusText).toMatch(/^Đã gửi lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  });

  it("a transient error is written on the row and retried; a permanent one fails the message at once", async () => {
    sent.length = 0;
    fail = (p) => (p.organId === stc.organId ? new TransportError("unavailable", "Không kết nối được tới máy chủ nhận (ECONNREFUSED).") : null);
    const { id } = await issued(w, [stc.id]);
    await drain();
    let [m] = await messagesOf(id);
    expect(m).toMatchObject({ state: "queued", attempts: 1, errorCode: "unavailable", error: "Không kết nối được tới máy chủ nhận (ECONNREFUSED)." });
    const clerk = (await loadActor(t.db, w.people.clerk.id))!;
    expect((await getOutgoing(clerk, id, t.db))!.recipients.find((r) => r.organId === stc.organId)!.statusText).toBe(
      "Gửi lỗi (lần 1): Không kết nối được tới máy chủ nhận (ECONNREFUSED). — sẽ thử lại",
    );
    const [dir] = await t.db.select().from(agencyDirectory).where(eq(agencyDirectory.id, stc.id));
    expect(dir.lastError).toContain("ECONNREFUSED");
    fail = () => null;
    await drain(); // not due yet: the backoff
    expect((await messagesOf(id))[0].state).toBe("queued");
    await drain(60_000);
    [m] = await messagesOf(id);
    expect(m).toMatchObject({ state: "sent", attempts: 2, error: null });

    fail = () => new TransportError("bad_signature", "Cơ quan nhận từ chối: chữ ký không hợp lệ.", true);
    const second = await issued(w, [stc.id]);
    await drain();
    [m] = await messagesOf(second.id);
    expect(m).toMatchObject({ state: "failed", errorCode: "bad_signature", error: "Cơ quan nhận từ chối: chữ ký không hợp lệ." });
    expect((await getOutgoing(clerk, second.id, t.db))!.recipients.find((r) => r.organId === stc.organId)!.statusText).toBe(
      "Gửi không thành công: Cơ quan nhận từ chối: chữ ký không hợp lệ.",
    );
    fail = () => null;
  });

  it("messages to one receiver leave in order: a younger one waits while an older one is still queued", async () => {
    sent.length = 0;
    fail = (p) => (p.organId === sxd.organId ? new TransportError("timeout", "Hết thời gian chờ.") : null);
    const a = await issued(w, [sxd.id]);
    await drain();
    const b = await issued(w, [sxd.id, stc.id]);
    await drain();
    const [ma] = await messagesOf(a.id);
    const mb = (await messagesOf(b.id)).find((m) => m.receiverOrganId === sxd.organId)!;
    expect(ma.state).toBe("queued");
    expect(mb).toMatchObject({ state: "queued", attempts: 0 });
    // The other receiver is not held up.
    expect((await messagesOf(b.id)).find((m) => m.receiverOrganId === stc.organId)!.state).toBe("sent");
    fail = () => null;
    await drain(120_000);
    await drain(120_000);
    const order = sent.filter((s) => s.partner.organId === sxd.organId).map((s) => s.pkg.messageId);
    expect(order).toEqual([ma.id, mb.id]);
  });

  it("a queue to one receiver drains in order at once: each message wakes the next, no waiting for the fallback look", async () => {
    sent.length = 0;
    const docs = [];
    for (let i = 0; i < 4; i++) docs.push(await issued(w, [sxd.id]));
    await drain();
    const ids = [];
    for (const d of docs) ids.push((await messagesOf(d.id))[0]);
    expect(ids.map((m) => m.state)).toEqual(["sent", "sent", "sent", "sent"]);
    expect(sent.filter((x) => x.partner.organId === sxd.organId).map((x) => x.pkg.messageId)).toEqual(ids.map((m) => m.id));
  });

  it("a secret document is never queued, and the worker refuses one that became secret", async () => {
    sent.length = 0;
    const secret = await issued(w, [stc.id], { secrecy: "confidential" });
    expect(await messagesOf(secret.id)).toHaveLength(0);

    const { id } = await issued(w, [stc.id]);
    await t.db.update(outgoingDocuments).set({ secrecy: "secret" }).where(eq(outgoingDocuments.id, id));
    await t.db.update(outgoingDocuments).set({ secrecy: "normal" }).where(eq(outgoingDocuments.id, id)); // was secret: still never sent
    await drain();
    const [m] = await messagesOf(id);
    expect(m).toMatchObject({ state: "failed", errorCode: "secret" });
    expect(sent).toHaveLength(0);
  });

  it("without the agency's key the message fails with the administrator's step named", async () => {
    const bare = await buildWorld(t.db);
    await t.db.update(agencies).set({ organId: `000.00.${digits(2)}.K${digits(2)}` }).where(eq(agencies.id, bare.agencyId));
    const p = await partnerOf(bare, "Sở Tài chính");
    const { id } = await issued(bare, [p.id]);
    await drain();
    const [m] = await messagesOf(id);
    expect(m).toMatchObject({ state: "failed", errorCode: "no_key", error: NO_KEY_MESSAGE });
  });

  it("a message issued before the agency stopped still leaves: the issue was the agency's act while it was in use", async () => {
    sent.length = 0;
    fail = () => null;
    const { id } = await issued(w, [stc.id]);
    await t.db.update(agencies).set({ disabledAt: new Date(), disabledReason: "Sáp nhập" }).where(eq(agencies.id, w.agencyId));
    try {
      await drain();
    } finally {
      await t.db.update(agencies).set({ disabledAt: null, disabledReason: "" }).where(eq(agencies.id, w.agencyId));
    }
    const [m] = await messagesOf(id);
    expect(m).toMatchObject({ state: "sent", errorCode: null });
    expect(sent.map((x) => x.partner.organId)).toEqual([stc.organId]);
  });

  it("statuses received are linked, written on the trail and shown per recipient; 02 tells the drafter and the clerks", async () => {
    const { id } = await issued(w, [stc.id, sxd.id]);
    await settle();
    const [m] = await messagesOf(id);
    for (const code of ["01", "03", "04", "05", "06"] as const) await inbound(stc.organId, m.documentId, code);
    const rejected = await inbound(sxd.organId, m.documentId, "02", "Gửi nhầm cơ quan");
    const [row] = await t.db.select().from(exchangeMessages).where(eq(exchangeMessages.id, rejected));
    const rsxd = (await t.db.select().from(outgoingRecipients).where(and(eq(outgoingRecipients.documentId, id), eq(outgoingRecipients.organId, sxd.organId))))[0];
    expect(row).toMatchObject({ outgoingId: id, recipientId: rsxd.id });
    const trail = await t.db.select().from(outgoingEvents).where(and(eq(outgoingEvents.documentId, id), eq(outgoingEvents.kind, "exchange_status"))).orderBy(asc(outgoingEvents.id));
    expect(trail.map((e) => [e.actorName, e.text.replace(/ \(lúc .*\)$/, "")])).toEqual([
      ["Sở Tài chính tỉnh Bình Định", "Đã đến"],
      ["Sở Tài chính tỉnh Bình Định", "Đã tiếp nhận"],
      ["Sở Tài chính tỉnh Bình Định", "Đã phân công"],
      ["Sở Tài chính tỉnh Bình Định", "Đang xử lý"],
      ["Sở Tài chính tỉnh Bình Định", "Hoàn thành"],
      ["Sở Xây dựng tỉnh Bình Định", "Từ chối tiếp nhận: Gửi nhầm cơ quan"],
    ]);
    const told = await t.db.select().from(notifications).where(sql`${notifications.text} like ${"%từ chối tiếp nhận%Gửi nhầm cơ quan%"}`);
    expect(told.map((n) => n.userId).sort()).toEqual([w.people.staff.id, w.people.clerk.id].sort());
    const clerk = (await loadActor(t.db, w.people.clerk.id))!;
    const panel = await outgoingExchangeOf(clerk, id, t.db);
    const page = await getOutgoing(clerk, id, t.db);
    expect(page!.recipients.find((r) => r.organId === stc.organId)!.statusText).toMatch(/^Đã gửi lúc .*; Hoàn thành$/);
    expect(page!.recipients.find((r) => r.organId === sxd.organId)!.statusText).toMatch(/^Đã gửi lúc .*; Từ chối tiếp nhận$/);
    const stcPanel = panel!.find((p) => p.organId === stc.organId)!;
    expect(stcPanel.statuses.map((s) => s.label)).toEqual(["Đã đến", "Đã tiếp nhận", "Đã phân công", "Đang xử lý", "Hoàn thành"]);
    // The page's panels, from the document getOutgoing read, are the same as reading them on their own.
    expect(await exchangePanelsOf(clerk, page!, t.db)).toEqual({ exchange: panel, recall: await recallOptionsOf(clerk, id, t.db) });
    expect((await exchangePanelsOf(clerk, page!, t.db)).recall).toMatchObject({ allowed: true });
    const staff = (await loadActor(t.db, w.people.staff.id))!;
    expect((await exchangePanelsOf(staff, (await getOutgoing(staff, id, t.db))!, t.db)).recall).toBeNull();
    expect(panel!.find((p) => p.organId === sxd.organId)!.statuses).toMatchObject([{ code: "02", label: "Từ chối tiếp nhận", description: "Gửi nhầm cơ quan" }]);
    // A status about a document we never issued is refused with a reason (the receive part rejects the message).
    await expect(inbound(stc.organId, `${ours},2020/01/01,99/XX-YY`, "03")).rejects.toThrow(/không có văn bản đi nào/);
    await expect(inbound(`000.00.99.Z99`, m.documentId, "03")).rejects.toThrow(/không phải nơi nhận/);
    // One agency cannot speak for another.
    await expect(inbound(stc.organId, m.documentId, "05", undefined, sxd.organId)).rejects.toThrow(/khác cơ quan đã gửi gói tin/);
  });

  it("Thu hồi (13): requested for each agency sent to; refused while pending; 15 sends the recall; 16 is shown with its reason", async () => {
    sent.length = 0;
    const { id } = await issued(w, [stc.id, sxd.id]);
    await settle();
    // A position without the right, and a document of another agency.
    expect(await run(requestRecall, w.people.staff.id, { id, purpose: "recall", reason: "Sai sót" })).toMatchObject({ ok: false, code: "forbidden" });
    const data = await ok<{ requests: number }>(requestRecall, w.people.clerk.id, { id, purpose: "recall", reason: "Sai địa chỉ nơi nhận" });
    expect(data.requests).toBe(2);
    expect(await run(requestRecall, w.people.clerk.id, { id, purpose: "update", reason: "Lần nữa" })).toMatchObject({ ok: false, code: "conflict" });
    await settle();
    const thirteens = (await messagesOf(id)).filter((m) => m.statusCode === "13");
    expect(thirteens.map((m) => m.state)).toEqual(["sent", "sent"]);
    const x13 = sent.find((s) => s.pkg.messageId === thirteens[0].id)!;
    const s13 = parseEdxml(x13.pkg.xml).message as EdxmlStatusMessage;
    expect(s13).toMatchObject({ kind: "status", statusCode: "13", description: "Sai địa chỉ nơi nhận", responseFor: { organId: thirteens[0].receiverOrganId, documentId: thirteens[0].documentId } });
    expect(verifyEdxmlSignature(x13.pkg.xml, { certificates: [keys.cert] }).status).toBe("valid");

    await inbound(stc.organId, thirteens[0].documentId, "15");
    await inbound(sxd.organId, thirteens[0].documentId, "16", "Văn bản đã được xử lý xong");
    const recall = (await messagesOf(id)).filter((m) => m.kind === "document" && m.businessDocType === 1);
    expect(recall).toHaveLength(1);
    expect(recall[0]).toMatchObject({ receiverOrganId: stc.organId, state: "queued", description: "Sai địa chỉ nơi nhận" });
    await settle();
    const xr = sent.find((s) => s.pkg.messageId === recall[0].id)!;
    const r1 = parseEdxml(xr.pkg.xml).message as EdxmlDocumentMessage;
    expect(r1.business).toMatchObject({ businessDocType: 1, businessDocReason: "Sai địa chỉ nơi nhận" });
    expect(r1.header.documentId).toBe(thirteens[0].documentId);
    const told = await t.db.select().from(notifications).where(sql`${notifications.text} like ${"%từ chối thu hồi%Văn bản đã được xử lý xong%"}`);
    expect(told.length).toBeGreaterThan(0);
    const clerk = (await loadActor(t.db, w.people.clerk.id))!;
    const panel = await outgoingExchangeOf(clerk, id, t.db);
    expect(panel!.find((p) => p.organId === sxd.organId)!.statuses.at(-1)).toMatchObject({ code: "16", description: "Văn bản đã được xử lý xong" });
    // Answered: a new request may be made. An update (2) goes on the receiver's 15.
    // Only the agency that refused still has the document.
    expect(await ok(requestRecall, w.people.clerk.id, { id, purpose: "update", reason: "Cập nhật hạn trả lời" })).toEqual({ requests: 1 });
    await settle();
    await inbound(sxd.organId, thirteens[0].documentId, "15");
    const [update] = (await messagesOf(id)).filter((m) => m.businessDocType === 2);
    expect(update).toMatchObject({ receiverOrganId: sxd.organId, description: "Cập nhật hạn trả lời" });
    await settle();
    const u2 = parseEdxml(sent.find((s) => s.pkg.messageId === update.id)!.pkg.xml).message as EdxmlDocumentMessage;
    expect(u2.business).toMatchObject({ businessDocType: 2, businessDocReason: "Cập nhật hạn trả lời", businessDocumentInfo: { receivers: [{ organId: sxd.organId }] } });
    expect(u2.attachments).toHaveLength(1);
  });

  it("Thay thế: the replacing document must replace this one and be usable; on 15 the replacement leaves with ReplacementInfoList", async () => {
    sent.length = 0;
    const { id } = await issued(w, [stc.id]);
    await settle();
    const rep = await issued(w, [stc.id]);
    await settle();
    // Not (yet) a replacement of this document.
    expect(await run(requestRecall, w.people.clerk.id, { id, purpose: "replace", reason: "Thay thế", replacementId: rep.id })).toMatchObject({ ok: false, code: "validation" });
    expect(await run(requestRecall, w.people.clerk.id, { id, purpose: "replace", reason: "Thay thế" })).toMatchObject({ ok: false, code: "validation" });
    await t.db.update(outgoingDocuments).set({ replacesId: id }).where(eq(outgoingDocuments.id, rep.id));
    // Another agency's document is refused on its field.
    const other = await buildWorld(t.db);
    const theirs = await signed(other, []);
    const foreign = await run(requestRecall, w.people.clerk.id, { id, purpose: "replace", reason: "Thay thế", replacementId: theirs });
    expect(foreign).toMatchObject({ ok: false, code: "forbidden", fieldErrors: { replacementId: expect.any(Array) } });
    await ok(requestRecall, w.people.clerk.id, { id, purpose: "replace", reason: "Sai trích yếu", replacementId: rep.id });
    await settle();
    const [m13] = (await messagesOf(id)).filter((m) => m.statusCode === "13");
    await inbound(stc.organId, m13.documentId, "15");
    const [r3] = (await messagesOf(rep.id)).filter((m) => m.businessDocType === 3);
    expect(r3).toMatchObject({ receiverOrganId: stc.organId, replyToId: m13.id });
    await settle();
    const x = sent.find((s) => s.pkg.messageId === r3.id)!;
    const d3 = parseEdxml(x.pkg.xml).message as EdxmlDocumentMessage;
    expect(d3.business.businessDocType).toBe(3);
    expect(d3.business.replacementInfoList).toEqual([{ documentId: m13.documentId, organIds: [stc.organId] }]);
    expect(d3.header.documentId).not.toBe(m13.documentId);
    expect(d3.attachments).toHaveLength(1);
  });

  it("a replacement is not also sent as new to the agencies that had the replaced document: they get it on their 15", async () => {
    const { id } = await issued(w, [stc.id]);
    await settle();
    const repId = await signed(w, [stc.id, sxd.id]);
    await t.db.update(outgoingDocuments).set({ replacesId: id }).where(eq(outgoingDocuments.id, repId));
    await ok(issueDocument, w.people.clerk.id, { id: repId, fileId: (await pdfFile(w)).id, pageCount: 2, issuedAmount: 5 });
    const news = (await messagesOf(repId)).filter((m) => m.kind === "document" && m.businessDocType === 0);
    expect(news.map((m) => m.receiverOrganId)).toEqual([sxd.organId]);
  });

  it("withdrawing an issued document asks each agency it was sent to to recall it (13)", async () => {
    const { id } = await issued(w, [stc.id, sxd.id]);
    await settle();
    await ok(withdrawDocument, w.people.clerk.id, { id, reason: "Ban hành sai thẩm quyền" });
    const thirteens = (await messagesOf(id)).filter((m: ExchangeMessage) => m.statusCode === "13");
    expect(thirteens).toHaveLength(2);
    expect(thirteens.every((m) => m.description === "Ban hành sai thẩm quyền" && (m.details as { purpose: string }).purpose === "recall")).toBe(true);
    // The recall itself goes once the receiver agrees; the withdrawn document may still be recalled.
    await settle();
    await inbound(stc.organId, thirteens[0].documentId, "15");
    await settle();
    const recall = (await messagesOf(id)).find((m) => m.businessDocType === 1)!;
    expect(recall.state).toBe("sent");
  });

  it("a document withdrawn while its message was on the way is asked back once the message has left; one not yet sent is not sent", async () => {
    const { id } = await issued(w, [stc.id]);
    during = async () => {
      during = null;
      await ok(withdrawDocument, w.people.clerk.id, { id, reason: "Phát hành nhầm" });
    };
    await drain();
    const msgs = await messagesOf(id);
    expect(msgs.find((m) => m.kind === "document")!.state).toBe("sent");
    expect(msgs.filter((m) => m.statusCode === "13")).toMatchObject([{ description: "Phát hành nhầm", receiverOrganId: stc.organId }]);
    await settle();

    const late = await issued(w, [sxd.id]);
    await ok(withdrawDocument, w.people.clerk.id, { id: late.id, reason: "Phát hành nhầm" });
    await settle();
    const [m] = await messagesOf(late.id);
    expect(m).toMatchObject({ state: "failed", errorCode: "withdrawn" });
    expect((await messagesOf(late.id)).filter((x) => x.statusCode === "13")).toHaveLength(0);
  });
});

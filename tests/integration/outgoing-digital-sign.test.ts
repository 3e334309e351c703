import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications, outgoingDocuments, outgoingEvents, positions, signingSessions, users } from "@/db/schema";
import { executeAction, type ActionDefinition } from "@/lib/actions/define";
import { removeCertificate, setCertificate, setSignatureImage } from "@/lib/account/signing-profile";
import { approveDraft, checkDraft, createDraft, signDraft, submitDraft } from "@/lib/outgoing/actions";
import { completeDigitalSignature, prepareDigitalSignature } from "@/lib/outgoing/digital-sign";
import { signRemotely } from "@/lib/outgoing/remote-sign";
import { agentChain, agentSign } from "@/lib/signatures/adapters/agent";
import { signWithCryptoKey } from "@/lib/signatures/cms";
import { verifyPdf } from "@/lib/signatures/verify";
import { readStoredBytes, storeBytes } from "@/lib/storage/bytes";
import { MIME } from "../factories/outgoing";
import { addPerson, buildWorld, callerOf, keyed, type World } from "../factories/org";
import { draftInput } from "../factories/outgoing";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";
import { hasTool, poppler, ringPng } from "../signatures/sign";
import { testCa, type TestCa } from "../signatures/test-ca";
import { startTestAgent } from "../signing/agent";
import { startCscServer, type CscTestServer } from "../signing/csc-server";
import { draftPdf } from "../signing/draft-pdf";
import { createDelegation } from "@/lib/delegations/actions";
import { todayInVietnam } from "@/lib/dates";

// Issue 14, the signer's part: Ký số on the draft (prepare → the signer's side signs → complete) for the
// proposed signer only; a wrong position, another leader, another agency, a replay, a signature made for
// another document's hash, a certificate other than the registered one; remote signing through the
// reference CSC API v2 server; the local agent boundary. "Tài khoản của tôi": the image and the certificate.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDef = ActionDefinition<any, any, any>;
const b64 = (u: Uint8Array) => Buffer.from(u).toString("base64");
const fromB64 = (s: string) => new Uint8Array(Buffer.from(s, "base64"));

describe.each(DB_KINDS)("Ký số by the signer on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let other: World;
  let ca: TestCa;
  let secondLeader: { id: string };
  let csc: CscTestServer;
  const filesRoot = fs.mkdtempSync(path.join(os.tmpdir(), "sigsigner-"));
  const before = process.env.FILES_DIR;

  const run = (def: AnyDef, userId: string | null, input: unknown) => executeAction(def, userId ? callerOf(userId) : null, keyed(input), t.db);
  const ok = async <T,>(p: Promise<{ ok: boolean; data?: T }>) => {
    const r = await p;
    expect(r).toMatchObject({ ok: true });
    return (r as { data: T }).data;
  };
  const doc = async (id: string) => (await t.db.select().from(outgoingDocuments).where(eq(outgoingDocuments.id, id)))[0];
  const leaderName = async () => (await t.db.select({ n: users.fullName }).from(users).where(eq(users.id, w.people.leader.id)))[0].n;

  /** A draft with a real PDF ending in the leader's signature block, checked and waiting for the signature. */
  async function awaitingSignature(world = w, block?: { signerName: string; titles: string[] }) {
    const [signer] = await t.db.select({ n: users.fullName }).from(users).where(eq(users.id, world.people.leader.id));
    const bytes = await draftPdf(block ?? { signerName: signer.n });
    const file = await t.db.transaction((tx) =>
      storeBytes(tx, { agencyId: world.agencyId, uploadedBy: world.people.staff.id, name: "du-thao.pdf", mime: MIME.pdf, bytes }),
    );
    const { id } = await ok<{ id: string }>(run(createDraft, world.people.staff.id, draftInput(world.people.leader.id, { fileIds: [file.id] })));
    await ok(run(submitDraft, world.people.staff.id, { id }));
    await ok(run(approveDraft, world.people.unit_head.id, { id, comment: "" }));
    await ok(run(checkDraft, world.people.checker.id, { id, legal: true, format: true }));
    return id;
  }

  const prepare = (userId: string, id: string, chain = ca.leader.chain) =>
    run(prepareDigitalSignature, userId, { id, method: "pkcs12", chain: chain.map(b64) });
  const complete = (userId: string, id: string, sessionId: string, signature: Uint8Array) =>
    run(completeDigitalSignature, userId, { id, sessionId, method: "pkcs12", signature: b64(signature) });

  beforeAll(async () => {
    process.env.FILES_DIR = filesRoot;
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    other = await buildWorld(t.db);
    ca = await testCa();
    const [p] = await t.db.insert(positions).values({ unitId: w.officeId, kind: "leader", title: "Phó Giám đốc" }).returning({ id: positions.id });
    secondLeader = await addPerson(t.db, w, "leader", { positionId: p.id });
    // The leaders register their image and certificate on "Tài khoản của tôi".
    for (const [world, id] of [[w, w.people.leader.id], [other, other.people.leader.id]] as const) {
      void world;
      await ok(run(setSignatureImage, id, { image: b64(ringPng(160)) }));
      await ok(run(setCertificate, id, { certificate: b64(new TextEncoder().encode(ca.leader.certPem)) }));
    }
    csc = await startCscServer({ [w.people.leader.username]: [{ id: "cred-leader", key: ca.leader.keyPem, chain: ca.leader.chain, pin: "123456", otp: "654321" }] });
  });
  afterAll(async () => {
    await csc?.close();
    await t?.drop();
    process.env.FILES_DIR = before;
    fs.rmSync(filesRoot, { recursive: true, force: true });
  });

  it("Tài khoản của tôi: only a transparent PNG of a sensible size, only a certificate's public part", async () => {
    const me = secondLeader.id;
    const notPng = await run(setSignatureImage, me, { image: b64(new TextEncoder().encode("not an image at all, just text")) });
    expect(notPng).toMatchObject({ ok: false, code: "validation", fieldErrors: { image: ["Ảnh chữ ký phải là tệp PNG."] } });
    const tiny = await run(setSignatureImage, me, { image: b64(ringPng(20)) });
    expect(tiny).toMatchObject({ ok: false, fieldErrors: { image: [expect.stringContaining("quá nhỏ")] } });
    const withKey = await run(setCertificate, me, { certificate: b64(new TextEncoder().encode(ca.leader.keyPem + ca.leader.certPem)) });
    expect(withKey).toMatchObject({ ok: false, fieldErrors: { certificate: [expect.stringContaining("khóa bí mật")] } });
    const p12 = await run(setCertificate, me, { certificate: b64(ca.leader.p12("aes", "x")) });
    expect(p12).toMatchObject({ ok: false, fieldErrors: { certificate: [expect.stringContaining("Không đọc được")] } });
    // DER (.cer) is read like PEM; what the screen shows comes from the certificate itself.
    await ok(run(setCertificate, me, { certificate: b64(ca.deputy.certificate) }));
    const { signingProfiles } = await import("@/db/schema");
    const [row] = await t.db.select().from(signingProfiles).where(eq(signingProfiles.userId, me));
    expect(row.certificateSubject).toContain("CN=");
    expect(row.certificateNotAfter!.getTime()).toBeGreaterThan(Date.now());
    await ok(run(removeCertificate, me, {}));
    expect((await t.db.select().from(signingProfiles).where(eq(signingProfiles.userId, me)))[0].certificateDer).toBeNull();
    expect(await run(setSignatureImage, null, { image: b64(ringPng(160)) })).toMatchObject({ ok: false, code: "unauthenticated" });
  });

  it("the proposed signer signs in the browser's way: prepare, sign the bytes, complete → Chờ phát hành with a signed PDF", async () => {
    const id = await awaitingSignature();
    const prepared = await ok<{ sessionId: string; toBeSigned: string; hashToSign: string; previewFileId: string; page: number }>(prepare(w.people.leader.id, id));
    expect(prepared.page).toBe(0);
    // The preview is the prepared PDF with the image; the session holds what will be signed.
    const signature = await signWithCryptoKey(fromB64(prepared.toBeSigned), ca.leader.key);
    const { signedFileId } = await ok<{ signedFileId: string }>(complete(w.people.leader.id, id, prepared.sessionId, signature));
    const d = await doc(id);
    expect(d).toMatchObject({ status: "awaiting_issue", signedFileId });
    expect(d.signerLine).toContain(await leaderName());
    const events = await t.db.select().from(outgoingEvents).where(and(eq(outgoingEvents.documentId, id), eq(outgoingEvents.kind, "signed")));
    expect(events).toHaveLength(1);
    // The bell (issue 12): the drafter hears it was signed, the clerks that it waits for Phát hành; not the signer.
    const told = await t.db.select().from(notifications).where(eq(notifications.href, `/outgoing/${id}`));
    const signedBy = `đã được ${await leaderName()} ký duyệt`;
    expect(told.filter((n) => n.kind === "assigned" && n.text.includes("chờ phát hành")).map((n) => n.userId)).toEqual([w.people.clerk.id]);
    expect(told.filter((n) => n.kind === "approved" && n.text.includes(signedBy)).map((n) => n.userId)).toEqual([w.people.staff.id]);
    expect(told.filter((n) => n.userId === w.people.leader.id).map((n) => n.kind)).toEqual(["assigned"]);
    const signed = await t.db.transaction((tx) => readStoredBytes(tx, signedFileId));
    const report = await verifyPdf(signed.bytes, { trustAnchors: [ca.root.certificate] });
    expect(report.verdict).toBe("valid");
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]).toMatchObject({ coversWholeFile: true, integrity: "intact", trusted: true });
    if (hasTool("pdfsig")) expect(poppler("pdfsig", signed.bytes)).toMatch(/Signature Validation: Signature is Valid/);

    // A replayed completion changes nothing twice: the state has moved, the file and the trail stay.
    const again = await complete(w.people.leader.id, id, prepared.sessionId, signature);
    expect(again).toMatchObject({ ok: false, code: "conflict" });
    expect((await doc(id)).signedFileId).toBe(signedFileId);
    expect(await t.db.select().from(outgoingEvents).where(and(eq(outgoingEvents.documentId, id), eq(outgoingEvents.kind, "signed")))).toHaveLength(1);
  });

  it("only the proposed signer: a wrong position, another leader, another agency's leader, anonymous are refused", async () => {
    const id = await awaitingSignature();
    // No position alone grants signing (verb null, as Ký duyệt: TL./TUQ. signers are unit heads): who is neither the
    // proposed signer nor a covered delegate finds no draft to sign.
    expect(await prepare(w.people.staff.id, id)).toMatchObject({ ok: false, code: "not_found" });
    expect(await prepare(w.people.clerk.id, id)).toMatchObject({ ok: false, code: "not_found" });
    expect(await prepare(secondLeader.id, id)).toMatchObject({ ok: false, code: "not_found" });
    expect(await prepare(other.people.leader.id, id)).toMatchObject({ ok: false, code: "not_found" });
    expect(await run(prepareDigitalSignature, null, { id, method: "pkcs12", chain: [b64(ca.leader.certificate)] })).toMatchObject({ ok: false, code: "unauthenticated" });
    // A session started by the signer cannot be completed by someone else.
    const prepared = await ok<{ sessionId: string; toBeSigned: string }>(prepare(w.people.leader.id, id));
    const sig = await signWithCryptoKey(fromB64(prepared.toBeSigned), ca.leader.key);
    expect(await complete(secondLeader.id, id, prepared.sessionId, sig)).toMatchObject({ ok: false, code: "not_found" });
    expect(await complete(other.people.leader.id, id, prepared.sessionId, sig)).toMatchObject({ ok: false, code: "not_found" });
    expect((await doc(id)).status).toBe("awaiting_signature");
    // Once signed on paper (Ký duyệt), Ký số is refused by the machine: the draft waits for the clerk.
    const paper = await awaitingSignature();
    await ok(run(signDraft, w.people.leader.id, { id: paper }));
    expect(await prepare(w.people.leader.id, paper)).toMatchObject({ ok: false, code: "conflict" });
  });

  it("a certificate other than the registered one, and a signature made for another document's hash, are refused", async () => {
    const a = await awaitingSignature();
    const b = await awaitingSignature();
    const wrongCert = await prepare(w.people.leader.id, a, ca.deputy.chain);
    expect(wrongCert).toMatchObject({ ok: false, code: "conflict", formError: expect.stringContaining("không phải chứng thư số bạn đã đăng ký") });
    const pa = await ok<{ sessionId: string; toBeSigned: string }>(prepare(w.people.leader.id, a));
    const pb = await ok<{ sessionId: string; toBeSigned: string }>(prepare(w.people.leader.id, b));
    const sigA = await signWithCryptoKey(fromB64(pa.toBeSigned), ca.leader.key);
    // A's signature with B's session: it does not verify for B's bytes.
    expect(await complete(w.people.leader.id, b, pb.sessionId, sigA)).toMatchObject({ ok: false, code: "forbidden", formError: expect.stringContaining("Chữ ký không khớp") });
    // A's session on B's page: the session belongs to another document.
    expect(await complete(w.people.leader.id, b, pa.sessionId, sigA)).toMatchObject({ ok: false, code: "forbidden", formError: "Chữ ký này được tạo cho một văn bản khác." });
    expect(await doc(b)).toMatchObject({ status: "awaiting_signature", signedFileId: null });
    // A itself still signs with its own session.
    await ok(complete(w.people.leader.id, a, pa.sessionId, sigA));
    const [session] = await t.db.select().from(signingSessions).where(eq(signingSessions.id, pa.sessionId));
    expect(session.state).toBe("consumed");
  });

  it("remote signing through the reference CSC API v2 server: PIN and OTP, the registered credential, one signature", async () => {
    const id = await awaitingSignature();
    const config = { url: csc.url, clientId: csc.clientId, clientSecret: csc.clientSecret };
    const caller = callerOf(w.people.leader.id);
    const wrongPin = await signRemotely(caller, { id, pin: "000000", otp: "654321" }, { db: t.db, config });
    expect(wrongPin).toMatchObject({ ok: false, formError: "Mã PIN không đúng." });
    const wrongOtp = await signRemotely(caller, { id, pin: "123456", otp: "111111" }, { db: t.db, config });
    expect(wrongOtp).toMatchObject({ ok: false, formError: "Mã OTP không đúng." });
    expect((await doc(id)).status).toBe("awaiting_signature");
    // Someone else is refused before the service is asked anything.
    const calls = csc.calls.length;
    expect(await signRemotely(callerOf(secondLeader.id), { id, pin: "123456", otp: "654321" }, { db: t.db, config })).toMatchObject({ ok: false, code: "not_found" });
    expect(csc.calls.length).toBe(calls);
    expect(await signRemotely(caller, { id, pin: "123456" }, { db: t.db, config: null })).toMatchObject({ ok: false, formError: expect.stringContaining("CSC_URL") });

    const r = await signRemotely(caller, { id, pin: "123456", otp: "654321" }, { db: t.db, config });
    expect(r).toMatchObject({ ok: true });
    const d = await doc(id);
    expect(d.status).toBe("awaiting_issue");
    const signed = await t.db.transaction((tx) => readStoredBytes(tx, d.signedFileId!));
    expect((await verifyPdf(signed.bytes, { trustAnchors: [ca.root.certificate] })).verdict).toBe("valid");
    expect(csc.calls).toEqual(expect.arrayContaining(["/oauth2/token", "/csc/v2/credentials/list", "/csc/v2/credentials/info", "/csc/v2/credentials/authorize", "/csc/v2/signatures/signHash"]));
    // Signed once: a second request finds the state moved.
    expect(await signRemotely(caller, { id, pin: "123456", otp: "654321" }, { db: t.db, config })).toMatchObject({ ok: false, code: "conflict" });
  });

  it("the local signing agent boundary: the chain and the signature come from the agent, the server checks them", async () => {
    const agent = await startTestAgent({ key: ca.leader.keyPem, chain: ca.leader.chain, origin: "http://localhost:3000" });
    try {
      const id = await awaitingSignature();
      const chain = await agentChain(agent.url);
      const p = await ok<{ sessionId: string; hashToSign: string }>(run(prepareDigitalSignature, w.people.leader.id, { id, method: "agent", chain: chain.map(b64) }));
      const signature = await agentSign(agent.url, fromB64(p.hashToSign));
      await ok(run(completeDigitalSignature, w.people.leader.id, { id, sessionId: p.sessionId, method: "agent", signature: b64(signature) }));
      expect(agent.signed).toEqual([p.hashToSign]);
      expect((await doc(id)).status).toBe("awaiting_issue");
    } finally {
      await agent.close();
    }
  });

  it("a deputy covered by a KT. delegation signs digitally a draft proposed for the head; before it, refused", async () => {
    const [deputyName] = await t.db.select({ n: users.fullName }).from(users).where(eq(users.id, secondLeader.id));
    // The drafter's template already carries the block the deputy will sign under.
    const id = await awaitingSignature(w, { signerName: deputyName.n, titles: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] });
    await ok(run(setSignatureImage, secondLeader.id, { image: b64(ringPng(160)) }));
    await ok(run(setCertificate, secondLeader.id, { certificate: b64(new TextEncoder().encode(ca.deputy.certPem)) }));
    // Not yet delegated: the deputy finds no draft to sign.
    expect(await prepare(secondLeader.id, id, ca.deputy.chain)).toMatchObject({ ok: false, code: "not_found" });
    const today = todayInVietnam();
    await ok(run(createDelegation, w.people.leader.id, {
      delegatorId: w.people.leader.id, delegateId: secondLeader.id, form: "kt", allTypes: true, docTypes: [], validFrom: today, validTo: today, note: "",
    }));
    const prepared = await ok<{ sessionId: string; toBeSigned: string }>(prepare(secondLeader.id, id, ca.deputy.chain));
    const signature = await signWithCryptoKey(fromB64(prepared.toBeSigned), ca.deputy.key);
    const { signedFileId } = await ok<{ signedFileId: string }>(complete(secondLeader.id, id, prepared.sessionId, signature));
    const d = await doc(id);
    // The delegate becomes the signer, under KT., as with Ký duyệt.
    expect(d).toMatchObject({ status: "awaiting_issue", signerId: secondLeader.id, authority: "kt", signedFileId });
    expect(d.signerLine).toMatch(/^KT\. /);
    const signed = await t.db.transaction((tx) => readStoredBytes(tx, signedFileId));
    const report = await verifyPdf(signed.bytes, { trustAnchors: [ca.root.certificate] });
    expect(report.verdict).toBe("valid");
    expect(report.signatures.map((s) => s.signer)).toEqual([expect.stringContaining(ca.deputy.name)]);
    // The head is no longer its signer, and the deputy cannot sign it twice.
    expect(await prepare(w.people.leader.id, id)).toMatchObject({ ok: false, code: "not_found" });
    expect(await prepare(secondLeader.id, id, ca.deputy.chain)).toMatchObject({ ok: false, code: "conflict" });
  });
});

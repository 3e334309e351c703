import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pdfVerifications, signingSessions, trustAnchors } from "@/db/schema";
import { executeAction, type ActionDefinition } from "@/lib/actions/define";
import { signWithCryptoKey } from "@/lib/signatures/cms";
import { completeSigning, SIGNING_MESSAGES, startSigning } from "@/lib/signatures/deferred";
import { importAnchors, liveAnchors, removeAnchor, TRUST_MESSAGES } from "@/lib/signatures/trust";
import { verifyStoredFile, verifyStoredFiles } from "@/lib/signatures/stored";
import { verifyPdf } from "@/lib/signatures/verify";
import { loadActor } from "@/lib/auth/actor";
import { buildWorld, callerOf, keyed, type World } from "../factories/org";
import { auditRows, createTestDb, DB_KINDS, type TestDb } from "../helpers/db";
import { storedBlob } from "../factories/work-files";
import { samplePdf, signPdf } from "../signatures/sign";
import { testCa, type TestCa } from "../signatures/test-ca";

// Issue 14: trust anchors (Quản trị → Chứng thư tin cậy) and deferred signing sessions, on both
// databases. The action matrix (tests/integration/matrix/signatures.ts) covers positions and rows.

const b64 = (b: Uint8Array | string) => Buffer.from(b).toString("base64");

describe.each(DB_KINDS)("signatures on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let other: World;
  let ca: TestCa;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const as = (userId: string) => (def: ActionDefinition<any, any, any>, input: unknown) => executeAction(def, callerOf(userId), keyed(input), t.db);

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    other = await buildWorld(t.db);
    ca = await testCa();
  });
  afterAll(async () => t?.drop());

  it("imports a root from PEM, DER and a .p7b bundle, refuses a leaf and a duplicate, removes with an audit entry", async () => {
    const admin = as(w.people.admin.id);
    expect(await admin(importAnchors, { file: b64(ca.root.certPem) })).toEqual({ ok: true, data: { added: 1 } });
    expect(await admin(importAnchors, { file: b64(ca.root.certificate) })).toMatchObject({ ok: false, code: "validation", formError: TRUST_MESSAGES.allPresent });
    // A PKCS#7 certs-only bundle made by openssl with both roots: only the new one is added.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "p7b-"));
    fs.writeFileSync(path.join(dir, "certs.pem"), ca.root.certPem + ca.untrustedRoot.certPem);
    const p7b = execFileSync("openssl", ["crl2pkcs7", "-nocrl", "-certfile", path.join(dir, "certs.pem"), "-outform", "DER"]);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(await admin(importAnchors, { file: b64(p7b) })).toEqual({ ok: true, data: { added: 1 } });
    expect(await admin(importAnchors, { file: b64(ca.leader.certPem) })).toMatchObject({ ok: false, code: "validation", formError: TRUST_MESSAGES.notCa });
    expect(await admin(importAnchors, { file: b64("không phải chứng thư") })).toMatchObject({ ok: false, code: "validation", formError: TRUST_MESSAGES.noCertificate });
    expect(await liveAnchors(t.db, w.agencyId)).toHaveLength(2);
    expect(await liveAnchors(t.db, other.agencyId)).toHaveLength(0);

    const [untrusted] = await t.db.select().from(trustAnchors).where(eq(trustAnchors.subject, "CN=CA không được tin cậy, O=Tổ chức lạ, C=VN"));
    expect(untrusted, "subject shown with its Vietnamese letters").toBeTruthy();
    // Another agency's administrator cannot remove it (answered as not found).
    expect(await as(other.people.admin.id)(removeAnchor, { id: untrusted.id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await admin(removeAnchor, { id: untrusted.id })).toEqual({ ok: true, data: { ok: true } });
    expect(await admin(removeAnchor, { id: untrusted.id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await liveAnchors(t.db, w.agencyId)).toHaveLength(1);
    expect(await auditRows(t.db, { action: "signatures.trust.remove", objectId: untrusted.id })).toHaveLength(1);
    // Removed, it can be imported again.
    expect(await admin(importAnchors, { file: b64(ca.untrustedRoot.certPem) })).toEqual({ ok: true, data: { added: 1 } });
  });

  it("deferred signing: only the session's user, for its document, once; a signature for another hash is refused", async () => {
    const leader = w.people.leader.id;
    const documentId = crypto.randomUUID();
    const pdf = await samplePdf(1);
    const start = (bytes = pdf) =>
      t.db.transaction((tx) =>
        startSigning(tx, {
          agencyId: w.agencyId, purpose: "outgoing.sign", documentKind: "outgoing", documentId, userId: leader, chain: ca.leader.chain, pdf: bytes,
          placement: { page: 0, rect: [360, 220, 520, 300], lines: ["Nguyễn Văn Hùng"], signedAt: new Date() },
        }),
      );
    const s1 = await start();
    // Session 2: the same signer and document, another version of the PDF.
    const s2 = await start(await samplePdf(1, "BAN KHAC"));
    expect(createHash("sha256").update(s1.toBeSigned).digest("base64")).toBe(s1.hashToSign);
    const sig1 = await signWithCryptoKey(s1.toBeSigned, ca.leader.key);
    const complete = (over: Partial<Parameters<typeof completeSigning>[1]>) =>
      t.db.transaction((tx) => completeSigning(tx, { sessionId: s1.sessionId, userId: leader, documentKind: "outgoing", documentId, signature: sig1, ...over }));

    await expect(complete({ userId: w.people.clerk.id })).rejects.toMatchObject({ message: SIGNING_MESSAGES.notYours });
    await expect(complete({ documentId: crypto.randomUUID() })).rejects.toMatchObject({ message: SIGNING_MESSAGES.otherDocument });
    // A signature made for session 2's bytes (another version of the file) does not complete session 1.
    await expect(complete({ signature: await signWithCryptoKey(s2.toBeSigned, ca.leader.key) })).rejects.toMatchObject({ message: SIGNING_MESSAGES.badSignature });
    // Another person's key, even over the right bytes.
    await expect(complete({ signature: await signWithCryptoKey(s1.toBeSigned, ca.deputy.key) })).rejects.toMatchObject({ message: SIGNING_MESSAGES.badSignature });
    await expect(complete({ now: new Date(Date.now() + 3600_000) })).rejects.toMatchObject({ message: SIGNING_MESSAGES.expired });

    const done = await complete({});
    const check = await verifyPdf(done.signedPdf, { trustAnchors: [ca.root.certificate] });
    expect(check.verdict).toBe("valid");
    expect(check.signatures[0].signer).toBe("Nguyễn Văn Hùng");
    // A replay changes nothing twice.
    await expect(complete({})).rejects.toMatchObject({ message: SIGNING_MESSAGES.consumed });
    const [row] = await t.db.select().from(signingSessions).where(eq(signingSessions.id, s1.sessionId));
    expect(row).toMatchObject({ state: "consumed", resultSha256: done.sha256, prepared: null });
  });

  it("verifies a stored PDF once per content and trust set, only for someone who may read it", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "sig-files-"));
    try {
      const staff = w.people.staff.id;
      const signed = await signPdf(await samplePdf(1, "LUU TRU"), ca.leader);
      const pdfId = await storedBlob(t.db, root, w.agencyId, staff, signed, "application/pdf", "quyet-dinh.pdf");
      const docxId = await storedBlob(t.db, root, w.agencyId, staff, new TextEncoder().encode("PK docx"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "a.docx");
      const me = (await loadActor(t.db, staff))!;
      const first = await verifyStoredFile(me, pdfId, t.db, root);
      // The agency trusts the test root (imported above): valid.
      expect(first).toMatchObject({ verdict: "valid", signatures: [{ signer: "Nguyễn Văn Hùng", trusted: true }] });
      const again = await verifyStoredFile(me, pdfId, t.db, root);
      expect(again!.verifiedAt.getTime(), "served from the stored result").toBe(first!.verifiedAt.getTime());
      const rows = await t.db.select().from(pdfVerifications).where(eq(pdfVerifications.agencyId, w.agencyId));
      expect(rows).toHaveLength(1);
      // Not a PDF, and someone of another agency: nothing.
      expect((await verifyStoredFiles(me, [pdfId, docxId], t.db, root)).size).toBe(1);
      expect(await verifyStoredFile((await loadActor(t.db, other.people.admin.id))!, pdfId, t.db, root)).toBeNull();
      expect(await verifyStoredFile((await loadActor(t.db, other.people.leader.id))!, pdfId, t.db, root)).toBeNull();
      // Another agency with no trust anchors sees the same file as not trusted (its own result).
      const theirId = await storedBlob(t.db, root, other.agencyId, other.people.staff.id, signed, "application/pdf", "qd.pdf");
      const theirs = await verifyStoredFile((await loadActor(t.db, other.people.staff.id))!, theirId, t.db, root);
      expect(theirs).toMatchObject({ verdict: "invalid", signatures: [{ integrity: "intact", trusted: false }] });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

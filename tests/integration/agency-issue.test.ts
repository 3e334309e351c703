import { execFileSync } from "node:child_process";
import { createHash, X509Certificate } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  agencyDirectory, agencySigning, exchangeMessages, incomingDocuments, incomingFiles, outgoingCopies, outgoingDocuments, outgoingFiles, positions, registers, trustAnchors,
} from "@/db/schema";
import { executeAction, type ActionDefinition } from "@/lib/actions/define";
import { canReadFile } from "@/lib/access/files";
import { loadActor } from "@/lib/auth/actor";
import { buildOutboundMessage } from "@/lib/exchange/message-builder";
import { getOutgoing } from "@/lib/outgoing/queries";
import { loadEntries } from "@/lib/work-files/entries";
import { ATTACHMENT_NOT_PDF } from "@/lib/outgoing/draft-files";
import { attachmentNotPdf } from "@/lib/outgoing/issued-attachments";
import { seal } from "@/lib/secret-box";
import { approveDraft, checkDraft, createDraft, reviseDraft, signDraft, submitDraft } from "@/lib/outgoing/actions";
import { NOT_SIGNED, signAttachment } from "@/lib/outgoing/agency-seal";
import { makeCopy } from "@/lib/outgoing/copies";
import { issueDocument } from "@/lib/outgoing/issue";
import { closeAgencyKeys, signerOf } from "@/lib/signatures/agency-key";
import { demoSealPng } from "@/lib/signatures/seal-image";
import { readStoredFile, storeGeneratedFile, storeGeneratedPdf } from "@/lib/signatures/stored-pdf";
import { verifyPdf } from "@/lib/signatures/verify";
import { isoVietnam, pageSize } from "@/lib/signatures/agency-sign";
import { todayInVietnam } from "@/lib/dates";
import { addPerson, addUnit, buildWorld, callerOf, keyed, type World } from "../factories/org";
import { addEntry, buildPlan, buildWorkFile } from "../factories/work-files";
import { draftInput, MIME, storedFile } from "../factories/outgoing";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";
import { hasPdfsig, makeTestCa } from "../signatures/agency-fixtures";
import { draftPdf, signAsPerson } from "../signatures/draft-pdf";

// Issue 14 (sigagency): Phát hành of a document signed by the competent person — số, ký hiệu and ngày
// stamped in their places, the agency signature with the seal — refused without a valid signer
// signature, not repeated by a replay; the electronic copies; an attachment signed at the top right.
// Cross-checked with Debian's pdfsig and pdftotext (poppler-utils).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDef = ActionDefinition<any, any, any>;

process.env.EXCHANGE_SECRET ||= "agency-issue-test-secret";
process.env.FILES_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "agency-issue-files-"));
const ca = makeTestCa();
const leader = ca.issue("Nguyễn Văn Hùng");
const agencyKey = ca.issue("Sở Nội vụ tỉnh Bình Định");

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "agency-issue-"));
function poppler(cmd: "pdfsig" | "pdftotext", pdf: Uint8Array, args: string[] = []) {
  const file = path.join(tmp, `${createHash("sha256").update(pdf).digest("hex").slice(0, 16)}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync(cmd, [...args, file, ...(cmd === "pdftotext" ? ["-"] : [])], { encoding: "utf8" });
  } catch (e) {
    // pdfsig exits non-zero when a signature does not verify; its report is still on stdout.
    return String((e as { stdout?: string }).stdout ?? "");
  }
}

afterAll(() => {
  closeAgencyKeys();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe.each(DB_KINDS)("Phát hành with the agency signature on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let other: World;
  const run = (def: AnyDef, userId: string | null, input: unknown) => executeAction(def, userId ? callerOf(userId) : null, keyed(input), t.db);
  const doc = async (id: string) => (await t.db.select().from(outgoingDocuments).where(eq(outgoingDocuments.id, id)))[0];
  const copyOf = async (id: string) => (await t.db.select({ id: incomingDocuments.id }).from(incomingDocuments).where(eq(incomingDocuments.outgoingId, id)))[0]?.id;

  /**
   * A draft brought to Chờ phát hành by the real steps, then given the PDF its signer signed (sigsigner's column);
   * `attachments` are uploaded as phụ lục after the main file, `over` changes the draft form.
   */
  async function awaitingIssue(signedPdf: Uint8Array | null, world: World = w, attachments: Uint8Array[] = [], over: Record<string, unknown> = {}) {
    const p = world.people;
    const attachmentIds: string[] = [];
    for (const [i, pdf] of attachments.entries()) {
      attachmentIds.push(await t.db.transaction((tx) => storeGeneratedPdf(tx, world.agencyId, p.staff.id, pdf, `Phụ lục ${i + 1} - Danh sách.pdf`)));
    }
    const fileIds = [await storedFile(t.db, world.agencyId, p.staff.id, MIME.docx), ...attachmentIds];
    const created = await run(createDraft, p.staff.id, draftInput(p.leader.id, { fileIds, attachmentIds, ...over }));
    expect(created).toMatchObject({ ok: true });
    const id = (created as { data: { id: string } }).data.id;
    for (const [def, by, input] of [
      [submitDraft, p.staff.id, { id }], [approveDraft, p.unit_head.id, { id, comment: "" }],
      [checkDraft, p.checker.id, { id, legal: true, format: true }], [signDraft, p.leader.id, { id }],
    ] as const) expect(await run(def as AnyDef, by, input)).toMatchObject({ ok: true });
    if (signedPdf) {
      const signedFileId = await t.db.transaction((tx) => storeGeneratedPdf(tx, world.agencyId, p.leader.id, signedPdf, "du-thao-da-ky.pdf"));
      await t.db.update(outgoingDocuments).set({ signedFileId }).where(eq(outgoingDocuments.id, id));
    }
    return id;
  }

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    other = await buildWorld(t.db);
    const cert = new X509Certificate(ca.caPem);
    await t.db.insert(trustAnchors).values({
      agencyId: null, der: ca.caDer, subject: cert.subject, issuer: cert.issuer, fingerprint: createHash("sha256").update(ca.caDer).digest("hex"),
      notBefore: new Date(cert.validFrom), notAfter: new Date(cert.validTo),
    });
    for (const world of [w, other]) {
      await t.db.transaction(async (tx) => {
        const sealFileId = await storeGeneratedFile(tx, world.agencyId, null, demoSealPng(), "con-dau.png", "image/png");
        await tx.insert(agencySigning).values({ agencyId: world.agencyId, sealFileId, backend: "pkcs12", p12Enc: seal(agencyKey.p12), p12PasswordEnc: seal(agencyKey.password) });
      });
    }
  });
  afterAll(() => t.drop());

  it("refuses the agency signature on a document its signer has not signed, and takes no number", async () => {
    const unsigned = await draftPdf();
    const id = await awaitingIssue(unsigned.pdf);
    const before = await t.db.select().from(registers).where(eq(registers.agencyId, w.agencyId));
    const r = await run(issueDocument, w.people.clerk.id, { id });
    expect(r).toMatchObject({ ok: false, code: "conflict", formError: NOT_SIGNED });
    expect(await doc(id)).toMatchObject({ status: "awaiting_issue", number: null, finalFileId: null });
    expect(await t.db.select().from(registers).where(eq(registers.agencyId, w.agencyId))).toEqual(before);
    // A signed PDF changed after signing is refused alike.
    const signed = await signAsPerson(await draftPdf(), leader);
    const tampered = Uint8Array.from(signed);
    // The binary comment on the header's second line: inside the signed range, harmless to the parser.
    tampered[Buffer.from(tampered).indexOf("\n%") + 3] ^= 1;
    const id2 = await awaitingIssue(tampered);
    expect(await run(issueDocument, w.people.clerk.id, { id: id2 })).toMatchObject({ ok: false, code: "conflict" });
    // An upload beside a digitally signed document is refused: the system makes the final file.
    const id3 = await awaitingIssue(signed);
    const upload = await storedFile(t.db, w.agencyId, w.people.clerk.id, MIME.pdf);
    expect(await run(issueDocument, w.people.clerk.id, { id: id3, fileId: upload })).toMatchObject({ ok: false, code: "validation" });
  });

  it("stamps số, ký hiệu and ngày, applies the agency signature with the seal; pdfsig and verifyPdf agree; a replay changes nothing", async () => {
    const draft = await draftPdf({ pages: 2 });
    const signed = await signAsPerson(draft, leader);
    const id = await awaitingIssue(signed);
    const r = await run(issueDocument, w.people.clerk.id, { id, pageCount: 2 });
    expect(r).toMatchObject({ ok: true });
    const issued = await doc(id);
    expect(issued.status).toBe("issued");
    expect(issued.finalFileId).toBeTruthy();
    expect(issued.finalFileId).not.toBe(issued.signedFileId);
    const final = (await readStoredFile(t.db as never, w.agencyId, issued.finalFileId!)).bytes;
    // The signer's revision is kept byte for byte: the stamp and the agency signature are incremental updates.
    expect(Buffer.from(final.subarray(0, signed.length)).equals(Buffer.from(signed))).toBe(true);

    const v = await verifyPdf(final, { trustAnchors: [ca.caDer] });
    expect(v.verdict).toBe("valid");
    expect(v.signatures).toHaveLength(2);
    expect(v.signatures[0].signer).toContain("Nguyễn Văn Hùng");
    expect(v.signatures[1].signer).toContain("Sở Nội vụ tỉnh Bình Định");
    expect(v.signatures.every((s) => s.integrity === "intact" && s.trusted)).toBe(true);
    expect(v.signatures[1].coversWholeFile).toBe(true);

    if (hasPdfsig()) {
      const report = poppler("pdfsig", final);
      expect(report.match(/Signature #\d/g)).toHaveLength(2);
      expect(report.match(/Signature is Valid/g)).toHaveLength(2);
      const last = report.slice(report.indexOf("Signature #2"));
      expect(last).toContain("Total document signed");
      // Laid out by position, the stamped values sit in their blanks on the same lines.
      const text = poppler("pdftotext", final, ["-f", "1", "-l", "1", "-layout"]);
      const [yyyy, mm, dd] = todayInVietnam().split("-");
      expect(text).toMatch(new RegExp(`Số:\\s*${String(issued.number).padStart(2, "0")}\\s*/QĐ-SNV`));
      expect(text).toMatch(new RegExp(`ngày\\s+${dd}\\s+tháng\\s+${mm}\\s+năm\\s+${yyyy}`));
    }

    // Replay: the same submit again is refused by the state; nothing changes.
    const again = await run(issueDocument, w.people.clerk.id, { id, pageCount: 2 });
    expect(again).toMatchObject({ ok: false });
    expect(await doc(id)).toEqual(issued);
  });

  it("makes electronic copies: Sao y keeps the original signatures and adds the agency's; Trích sao takes the pages; a wrong position and a foreign document are refused", async () => {
    const id = await awaitingIssue(await signAsPerson(await draftPdf({ pages: 3 }), leader));
    expect(await run(issueDocument, w.people.clerk.id, { id })).toMatchObject({ ok: true });

    const copy = await run(makeCopy, w.people.clerk.id, { id, kind: "sao_y" });
    expect(copy).toMatchObject({ ok: true });
    const { fileId } = (copy as { data: { fileId: string } }).data;
    const bytes = (await readStoredFile(t.db as never, w.agencyId, fileId)).bytes;
    const v = await verifyPdf(bytes, { trustAnchors: [ca.caDer] });
    expect(v.verdict).toBe("valid");
    expect(v.signatures).toHaveLength(3);
    if (hasPdfsig()) {
      expect(poppler("pdftotext", bytes, ["-f", "1", "-l", "1"])).toContain("SAO Y");
      expect(poppler("pdfsig", bytes).match(/Signature is Valid/g)).toHaveLength(3);
    }

    const extract = await run(makeCopy, w.people.clerk.id, { id, kind: "trich_sao", pages: "2-3" });
    expect(extract).toMatchObject({ ok: true });
    const ex = (await readStoredFile(t.db as never, w.agencyId, (extract as { data: { fileId: string } }).data.fileId)).bytes;
    const ve = await verifyPdf(ex, { trustAnchors: [ca.caDer] });
    expect(ve, JSON.stringify(ve.signatures.map((s) => ({ ...s, signer: s.signer })))).toMatchObject({ verdict: "valid" });
    expect(ve.signatures).toHaveLength(1);
    expect(await run(makeCopy, w.people.clerk.id, { id, kind: "trich_sao", pages: "4" })).toMatchObject({ ok: false, code: "validation" });
    expect(await t.db.select().from(outgoingCopies).where(eq(outgoingCopies.documentId, id))).toHaveLength(2);

    // Wrong position, another agency's document, a document not issued: refused, nothing recorded.
    expect(await run(makeCopy, w.people.staff.id, { id, kind: "sao_y" })).toMatchObject({ ok: false, code: "forbidden" });
    const theirs = await awaitingIssue(await signAsPerson(await draftPdf(), leader), other);
    expect(await run(makeCopy, w.people.clerk.id, { id: theirs, kind: "sao_y" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await run(makeCopy, other.people.clerk.id, { id: theirs, kind: "sao_y" })).toMatchObject({ ok: false, code: "conflict" });
    expect(await t.db.select().from(outgoingCopies).where(eq(outgoingCopies.documentId, theirs))).toHaveLength(0);
  });

  it("signs each phụ lục with the agency key at Phát hành, in the number's transaction, and sends it with the issued PDF", async () => {
    const [organ] = [`000.00.${Math.floor(Math.random() * 90 + 10)}.H09`];
    const [dir] = await t.db.insert(agencyDirectory).values({ agencyId: w.agencyId, name: "Sở Tài chính", organId: organ, transport: "direct", endpoint: "https://stc.example.vn" }).returning();
    // An internal unit that took no part in drafting, and an agency reached by liên thông.
    const unit = await addUnit(t.db, w);
    const [{ id: positionId }] = await t.db.insert(positions).values({ unitId: unit.id, kind: "unit_head", title: "Trưởng phòng" }).returning({ id: positions.id });
    const head = await addPerson(t.db, w, "unit_head", { positionId });
    const recipients = [{ kind: "unit", targetId: unit.id }, { kind: "agency", targetId: dir.id }];
    const appendix = (await draftPdf({ pages: 2 })).pdf;
    const id = await awaitingIssue(await signAsPerson(await draftPdf(), leader), w, [appendix], { recipients });
    const [row] = await t.db.select().from(outgoingFiles).where(and(eq(outgoingFiles.documentId, id), eq(outgoingFiles.role, "attachment")));
    expect(row).toMatchObject({ sortOrder: 1, issuedFileId: null });

    const r = await run(issueDocument, w.people.clerk.id, { id });
    expect(r).toMatchObject({ ok: true });
    const issued = await doc(id);
    const [after] = await t.db.select().from(outgoingFiles).where(and(eq(outgoingFiles.documentId, id), eq(outgoingFiles.role, "attachment")));
    expect(after.issuedFileId).toBeTruthy();
    const signed = await readStoredFile(t.db as never, w.agencyId, after.issuedFileId!);
    expect(signed.name).toBe(`${issued.symbol!.replace("/", "-")} - Phụ lục 1 - Danh sách.pdf`);
    // The phụ lục itself is unchanged: same pages, same text (the first signature rewrites an unsigned PDF once).
    expect((await pageSize(signed.bytes, 0)).pages).toBe(2);
    const v = await verifyPdf(signed.bytes, { trustAnchors: [ca.caDer] });
    expect(v.verdict).toBe("valid");
    expect(v.signatures).toHaveLength(1);
    expect(v.signatures[0]).toMatchObject({ integrity: "intact", trusted: true, coversWholeFile: true });
    expect(v.signatures[0].signer).toContain("Sở Nội vụ tỉnh Bình Định");
    if (hasPdfsig()) {
      expect(poppler("pdfsig", signed.bytes).match(/Signature is Valid/g)).toHaveLength(1);
      // The top right of page 1 (points): the số, ký hiệu and the ISO 8601 time of the issue, in Vietnam time.
      const corner = poppler("pdftotext", signed.bytes, ["-f", "1", "-l", "1", "-x", "297", "-y", "0", "-W", "298", "-H", "70"]);
      expect(corner).toContain(issued.symbol!);
      expect(corner).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00/);
      expect(corner).toContain(isoVietnam(issued.issuedAt!));
    }

    // The internal copy carries the issued PDF, then the signed phụ lục; the draft's own file goes nowhere.
    const copyFiles = await t.db.select().from(incomingFiles).where(eq(incomingFiles.documentId, (await copyOf(id))!));
    expect(copyFiles.sort((a, b) => a.sortOrder - b.sortOrder).map((f) => f.fileId)).toEqual([issued.finalFileId, after.issuedFileId]);
    // The recipient reads the signed phụ lục through its copy, not the drafter's file; another agency reads neither.
    const recipient = (await loadActor(t.db, head.id))!;
    expect(await canReadFile(t.db, recipient, after.issuedFileId!)).toBe(true);
    expect(await canReadFile(t.db, recipient, after.fileId)).toBe(false);
    expect(await canReadFile(t.db, (await loadActor(t.db, other.people.clerk.id))!, after.issuedFileId!)).toBe(false);
    // The page shows it to the clerk and to the recipient.
    expect((await getOutgoing((await loadActor(t.db, w.people.clerk.id))!, id, t.db))?.issuedAttachments.map((f) => f.id)).toEqual([after.issuedFileId]);
    expect((await getOutgoing(recipient, id, t.db))?.issuedAttachments.map((f) => f.title)).toEqual(["Phụ lục 1 - Danh sách"]);
    // The liên thông package: the issued PDF and the phụ lục, which OtherInfo/Appendixes names.
    const [msg] = await t.db.select().from(exchangeMessages).where(and(eq(exchangeMessages.outgoingId, id), eq(exchangeMessages.kind, "document")));
    const m = await buildOutboundMessage(t.db, msg);
    if (m.kind !== "document") throw new Error("a document message was expected");
    expect(m.attachments.map((a) => a.contentId)).toEqual([`cid:${issued.finalFileId}`, `cid:${after.issuedFileId}`]);
    expect(m.header.otherInfo?.appendixes).toEqual(["Phụ lục 1 - Danh sách"]);

    // A work file keeps what was issued: the issued PDF and the signed phụ lục, not the draft's files.
    const plan = await buildPlan(t.db, w, 2090 + Math.floor(Math.random() * 9));
    const workFile = await buildWorkFile(t.db, w, { itemId: plan.items.unit, year: 2090, code: "02.TCCB", title: "Hồ sơ phụ lục" });
    await addEntry(t.db, workFile, 1, { kind: "outgoing", outgoingId: id });
    const [entry] = await loadEntries(t.db, workFile);
    expect(entry.files.map((f) => f.id)).toEqual([issued.finalFileId, after.issuedFileId]);

    // Replay: refused by the state, nothing signed or delivered twice.
    const filesBefore = await t.db.select().from(outgoingFiles).where(eq(outgoingFiles.documentId, id));
    expect(await run(issueDocument, w.people.clerk.id, { id })).toMatchObject({ ok: false, code: "conflict" });
    expect(await doc(id)).toEqual(issued);
    expect(await t.db.select().from(outgoingFiles).where(eq(outgoingFiles.documentId, id))).toEqual(filesBefore);
    expect(await t.db.select().from(incomingFiles).where(eq(incomingFiles.documentId, (await copyOf(id))!))).toHaveLength(2);
  });

  it("refuses a phụ lục that is not a PDF: in the draft form, and at Phát hành before any number", async () => {
    const p = w.people;
    const docx = await storedFile(t.db, w.agencyId, p.staff.id, MIME.docx);
    const main = await storedFile(t.db, w.agencyId, p.staff.id, MIME.docx);
    const bad = await run(createDraft, p.staff.id, draftInput(p.leader.id, { fileIds: [main, docx], attachmentIds: [docx] }));
    expect(bad).toMatchObject({ ok: false, code: "validation", fieldErrors: { attachmentIds: [ATTACHMENT_NOT_PDF] } });
    // The văn bản chính is never a phụ lục; a phụ lục must be one of the files sent.
    const first = await run(createDraft, p.staff.id, draftInput(p.leader.id, { fileIds: [main, docx], attachmentIds: [main] }));
    expect(first).toMatchObject({ ok: false, code: "validation" });
    expect((first as { fieldErrors: Record<string, unknown> }).fieldErrors.attachmentIds).toBeTruthy();

    // Each version records what its files are: the first the văn bản chính, the marked PDFs phụ lục, the rest supporting papers.
    const pdf = await storedFile(t.db, w.agencyId, p.staff.id, MIME.pdf);
    const made = await run(createDraft, p.staff.id, draftInput(p.leader.id, { fileIds: [main, pdf, docx], attachmentIds: [pdf] }));
    expect(made).toMatchObject({ ok: true });
    const draftId = (made as { data: { id: string } }).data.id;
    const roles = async (version: number) =>
      (await t.db.select().from(outgoingFiles).where(and(eq(outgoingFiles.documentId, draftId), eq(outgoingFiles.version, version))).orderBy(outgoingFiles.sortOrder)).map((f) => [f.fileId, f.role]);
    expect(await roles(1)).toEqual([[main, "main"], [pdf, "attachment"], [docx, "supporting"]]);
    const pdf2 = await storedFile(t.db, w.agencyId, p.staff.id, MIME.pdf);
    const revised = await run(reviseDraft, p.staff.id, { ...draftInput(p.leader.id, { fileIds: [pdf2, pdf], attachmentIds: [] }), id: draftId });
    expect(revised).toMatchObject({ ok: true, data: { version: 2 } });
    expect(await roles(2)).toEqual([[pdf2, "main"], [pdf, "supporting"]]);
    expect(await roles(1)).toEqual([[main, "main"], [pdf, "attachment"], [docx, "supporting"]]);
    const badRevise = await run(reviseDraft, p.staff.id, { ...draftInput(p.leader.id, { fileIds: [pdf2, docx], attachmentIds: [docx] }), id: draftId });
    expect(badRevise).toMatchObject({ ok: false, code: "validation", fieldErrors: { attachmentIds: [ATTACHMENT_NOT_PDF] } });
    expect((await doc(draftId)).version).toBe(2);

    // A phụ lục stored before the form checked it (or changed behind its back): Phát hành refuses, no number taken.
    const id = await awaitingIssue(await signAsPerson(await draftPdf(), leader), w, [(await draftPdf()).pdf]);
    const [a] = await t.db.select().from(outgoingFiles).where(and(eq(outgoingFiles.documentId, id), eq(outgoingFiles.role, "attachment")));
    await t.db.update(outgoingFiles).set({ fileId: docx }).where(and(eq(outgoingFiles.documentId, id), eq(outgoingFiles.fileId, a.fileId)));
    const before = await t.db.select().from(registers).where(eq(registers.agencyId, w.agencyId));
    const r = await run(issueDocument, w.people.clerk.id, { id });
    expect(r).toMatchObject({ ok: false, code: "conflict", formError: attachmentNotPdf("du-thao.docx") });
    expect(await doc(id)).toMatchObject({ status: "awaiting_issue", number: null, finalFileId: null });
    expect(await t.db.select().from(registers).where(eq(registers.agencyId, w.agencyId))).toEqual(before);
  });

  it("signs an attachment at the top right of page 1 with số, ký hiệu and the ISO 8601 time, no image", async () => {
    const signer = signerOf({ backend: "pkcs12", p12: agencyKey.p12, password: agencyKey.password });
    const at = new Date("2026-12-02T16:05:09Z");
    const { pdf } = await signAttachment(signer, (await draftPdf()).pdf, { symbol: "12/QĐ-SNV", agencyName: "Sở Nội vụ tỉnh Bình Định", now: at, index: 0 });
    const v = await verifyPdf(pdf, { trustAnchors: [ca.caDer] });
    expect(v).toMatchObject({ verdict: "valid" });
    if (hasPdfsig()) {
      const text = poppler("pdftotext", pdf, ["-f", "1", "-l", "1"]);
      expect(text).toContain("12/QĐ-SNV");
      expect(text).toContain("2026-12-02T23:05:09+07:00");
    }
  });
});

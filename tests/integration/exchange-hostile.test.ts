import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { SignedXml } from "xml-crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  agencyDirectory, auditEvents, exchangeMessages, incomingDocuments, incomingEvents, incomingFiles, jobs, notifications, storedFiles,
} from "@/db/schema";
import { buildEdxml, parseEdxml } from "@/lib/edxml";
import { signEdxml, verifyEdxmlSignature } from "@/lib/edxml/signature";
import { trustOf } from "@/lib/exchange/directory";
import { EVIDENCE_CAP, receiveMessage, type ReceiveResult } from "@/lib/exchange/receive";
import { countRows, createTestDb, DB_KINDS, type TestDb } from "../helpers/db";
import { documentMessage, makeParty, pdfAttachment, signed, signedDocument, type Party, type Setup, setupReceiver } from "./exchange-receive-kit";

// Hostile messages (security.md §5 rows 13–14; issue 13 Tests): each is refused with a machine code and a
// clear Vietnamese reason, on the rejected row (with the raw package kept as evidence) and in the audit;
// nothing else is written (no document, file, trail, job or notice); parsing and verifying it stay under
// 100 ms and 50 MB.

const DAY = 86_400_000;
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
const TRANSFORMS = ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"];

describe.each(DB_KINDS)("hostile liên thông messages on %s", (kind) => {
  let t: TestDb;
  let s: Setup;
  let root: string;
  let stranger: Party;
  let expired: Party;
  let expiredOrgan: string;
  let otherOrganCert: Party;
  let genuine: string;

  beforeAll(async () => {
    t = await createTestDb(kind);
    root = fs.mkdtempSync(path.join(os.tmpdir(), "xrecv-hostile-"));
    s = await setupReceiver(t.db);
    stranger = await makeParty(`CN=Kẻ giả mạo, OU=${s.them.organId}, O=Sở Tài chính tỉnh Bình Định, C=VN`);
    expiredOrgan = s.them.organId.replace(/H(\d\d)$/, (_, n) => `K${n}`);
    expired = await makeParty(`CN=Sở Xây dựng, OU=${expiredOrgan}, O=Sở Xây dựng, C=VN`, { from: -400 * DAY, to: -DAY });
    await t.db.insert(agencyDirectory).values({ agencyId: s.w.agencyId, name: "Sở Xây dựng", organId: expiredOrgan, transport: "direct", certPem: expired.cert });
    // A certificate that names another agency, pinned (by mistake) for the partner.
    otherOrganCert = await makeParty("CN=Sở Y tế, OU=000.00.77.H77, O=Sở Y tế, C=VN");
    genuine = signedDocument(s).raw.toString("utf8");
    // Warm up (module loading, first transaction) so the measured calls measure the message.
    await receiveMessage(t.db, signedDocument(s).raw, { transport: "direct", filesRoot: root });
  });
  afterAll(async () => {
    await t.drop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const signedBy = (party: Party, from = s.them) => signEdxml(buildEdxml(documentMessage({ ...s, them: from })), party);
  const sigOf = (xml: string) => xml.match(/<Signature xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">[\s\S]*<\/Signature>/)![0];
  const laughs = () =>
    '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE edXML [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' +
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>' +
    genuine.replace(/^<\?xml[^>]*>/, "").replace("V/v phối hợp", "&d;");

  const cases: [string, () => string | Buffer, string, { packageId?: string; transport?: "axis" }?][] = [
    ["DOCTYPE", () => genuine.replace(/^(<\?xml[^>]*>)/, "$1<!DOCTYPE edXML>"), "doctype"],
    ["billion laughs", laughs, "doctype"],
    ["external entities", () => genuine.replace(/^(<\?xml[^>]*>)/, '$1<!DOCTYPE edXML [<!ENTITY x SYSTEM "file:///etc/passwd">]>').replace("V/v phối hợp", "&x;"), "doctype"],
    ["tampered Subject", () => genuine.replace("V/v phối hợp triển khai", "V/v hủy phối hợp triển khai"), "signature_mismatch"],
    [
      "changed attachment",
      () => {
        const at = genuine.indexOf(">", genuine.indexOf("<edXML:ContentTransferEncoded")) + 60;
        return genuine.slice(0, at) + (genuine[at] === "A" ? "B" : "A") + genuine.slice(at + 1);
      },
      "signature_mismatch",
    ],
    [
      "wrapped signature",
      () => {
        const sig = sigOf(genuine);
        return genuine.replace(sig, "").replace(/<\/(\w+:)?edXMLBody>/, (m) => `${sig}${m}`);
      },
      "signature_misplaced",
    ],
    [
      "two references",
      () => {
        const x = new SignedXml({
          privateKey: s.party.key, publicCert: s.party.cert,
          signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
        });
        x.addReference({ xpath: "/*", isEmptyUri: true, transforms: [...TRANSFORMS], digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256" });
        x.addReference({ xpath: "//*[local-name()='MessageHeader']", transforms: [...TRANSFORMS], digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256" });
        x.computeSignature(buildEdxml(documentMessage(s)), { location: { reference: "//*[local-name()='edXMLHeader']", action: "append" } });
        return x.getSignedXml();
      },
      "signature_multiple_references",
    ],
    ["comment in DigestValue", () => genuine.replace(/<DigestValue>(.{10})/, "<DigestValue>$1<!---->"), "signature_value_not_single_text"],
    ["unknown sender", () => signedBy(stranger, { organId: "000.00.99.H99", organName: "Cơ quan lạ" }), "unknown_sender"],
    ["untrusted certificate", () => signedBy(stranger), "signature_certificate_unknown"],
    ["expired certificate", () => signedBy(expired, { organId: expiredOrgan, organName: "Sở Xây dựng" }), "signature_certificate_expired"],
    ["absent signature", () => buildEdxml(documentMessage(s)), "signature_absent"],
    ["not for us", () => signEdxml(buildEdxml(documentMessage({ ...s, us: { organId: "000.00.88.H88", organName: "Cơ quan khác" } })), s.party), "not_for_us"],
    ["malformed XML", () => genuine.replace("</edXML:edXMLHeader>", ""), "malformed"],
    // No DOCTYPE, but a million character references: refused by the parser's limits, fast.
    ["1M character references", () => genuine.replace("V/v phối hợp", "&#65;".repeat(1_000_000)), "too_large"],
    // XSW with an unsigned twin: a second Subject beside the signed one.
    ["unsigned twin element", () => genuine.replace(/(<edXML:Subject>[^<]*<\/edXML:Subject>)/, "$1<edXML:Subject>V/v giả mạo</edXML:Subject>"), "structure"],
    // Junk from nobody in the directory: refused, and only its first 256 KB kept as evidence.
    [
      "a large message from an unknown sender",
      () => signEdxml(buildEdxml(documentMessage({ ...s, them: { organId: "000.00.98.H98", organName: "Cơ quan lạ" } }, { attachments: [pdfAttachment("lon.pdf", "x".repeat(600 * 1024))] })), stranger),
      "unknown_sender",
    ],
  ];

  async function snapshot() {
    return {
      docs: await countRows(t.db, incomingDocuments),
      files: await countRows(t.db, incomingFiles),
      events: await countRows(t.db, incomingEvents),
      jobs: await countRows(t.db, jobs),
      notices: await countRows(t.db, notifications),
      stored: await countRows(t.db, storedFiles),
      messages: await countRows(t.db, exchangeMessages),
      audit: await countRows(t.db, auditEvents),
    };
  }

  async function expectRefused(r: ReceiveResult, code: string, before: Awaited<ReturnType<typeof snapshot>>, raw: Buffer) {
    expect(r.state, r.reason).toBe("rejected");
    expect(r.code).toBe(code);
    expect(r.reason).toMatch(VIETNAMESE);
    const [row] = await t.db.select().from(exchangeMessages).where(eq(exchangeMessages.id, r.messageId!));
    expect(row).toMatchObject({ direction: "in", state: "rejected", errorCode: code, error: r.reason, agencyId: s.w.agencyId, incomingId: null });
    const [evidence] = await t.db.select().from(storedFiles).where(eq(storedFiles.id, row.rawFileId!));
    // Refused before the sender was known to be a partner: only the first EVIDENCE_CAP bytes are kept.
    expect(evidence).toMatchObject({ mime: "application/xml", size: Math.min(raw.length, EVIDENCE_CAP), uploadedBy: null });
    if (raw.length > EVIDENCE_CAP) expect(row.details).toMatchObject({ evidence: { bytes: raw.length, kept: EVIDENCE_CAP } });
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, row.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "exchange.receive", outcome: "refused", chain: s.w.agencyId });
    expect(audit[0].payload).toMatchObject({ code, reason: r.reason });
    // Only the evidence, the row and the audit entry.
    expect(await snapshot()).toEqual({ ...before, stored: before.stored + 1, messages: before.messages + 1, audit: before.audit + 1 });
  }

  for (const [name, make, code, extra] of cases) {
    it(`${name}: refused (${code}) with its reason, nothing else written, parsed in < 100 ms and < 50 MB`, async () => {
      const made = make();
      const raw = Buffer.isBuffer(made) ? made : Buffer.from(made, "utf8");
      // Parsing and verifying, the steps that read the hostile bytes, measured on their own: memory on the
      // first run, time as the best of three (the test machine is shared; a slow run is the machine's).
      const trust = trustOf({ id: "", agencyId: "", organId: s.them.organId, name: "", transport: "direct", endpoint: "", certPem: s.party.cert, caPem: null });
      // As the pipeline reads it: parse, and only a message that parses has its signature checked.
      const readIt = () => {
        try {
          parseEdxml(raw);
        } catch {
          return null;
        }
        return verifyEdxmlSignature(raw.toString("utf8"), trust);
      };
      // Memory of one reading (no forced GC here: what it allocates, not only what it keeps), then time as the best of three.
      const heap0 = process.memoryUsage();
      readIt();
      const heap1 = process.memoryUsage();
      let ms = Infinity;
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        readIt();
        ms = Math.min(ms, performance.now() - t0);
      }
      expect(ms).toBeLessThan(100);
      expect(heap1.heapUsed - heap0.heapUsed).toBeLessThan(50 * 1024 * 1024);
      expect(heap1.rss - heap0.rss).toBeLessThan(50 * 1024 * 1024);

      const before = await snapshot();
      const r0 = process.memoryUsage().heapUsed;
      const r = await receiveMessage(t.db, raw, { transport: extra?.transport ?? "direct", packageId: extra?.packageId, filesRoot: root });
      expect(process.memoryUsage().heapUsed - r0).toBeLessThan(50 * 1024 * 1024);
      await expectRefused(r, code, before, raw);
    });
  }

  it("a signer certificate naming another OrganId than From: refused (signer_mismatch)", async () => {
    const [d] = await t.db.insert(agencyDirectory).values({ agencyId: s.w.agencyId, name: "Sở Công Thương", organId: "000.00.66.H66", transport: "direct", certPem: otherOrganCert.cert }).returning();
    const raw = Buffer.from(signedBy(otherOrganCert, { organId: "000.00.66.H66", organName: "Sở Công Thương" }), "utf8");
    const before = await snapshot();
    const r = await receiveMessage(t.db, raw, { transport: "direct", filesRoot: root });
    await expectRefused(r, "signer_mismatch", before, raw);
    expect(r.reason).toContain("000.00.77.H77");
    await t.db.delete(agencyDirectory).where(eq(agencyDirectory.id, d.id));
  });

  it("replay of an axis package id with other content: refused (package_replay); the same bytes again are a duplicate", async () => {
    const first = signedDocument(s).raw;
    const r1 = await receiveMessage(t.db, first, { transport: "axis", packageId: "pkg-replay", filesRoot: root });
    expect(r1.state).toBe("received");
    expect(await receiveMessage(t.db, first, { transport: "axis", packageId: "pkg-replay", filesRoot: root })).toEqual({ state: "duplicate", messageId: r1.messageId });
    const other = signedDocument(s).raw;
    const before = await snapshot();
    const r = await receiveMessage(t.db, other, { transport: "axis", packageId: "pkg-replay", filesRoot: root });
    await expectRefused(r, "package_replay", before, other);
    // A large refused package (only its beginning kept) delivered again by the axis: the same package, a duplicate.
    const junk = Buffer.from(signEdxml(buildEdxml(documentMessage({ ...s, them: { organId: "000.00.97.H97", organName: "Cơ quan lạ" } }, { attachments: [pdfAttachment("lon.pdf", "y".repeat(400 * 1024))] })), stranger));
    const j1 = await receiveMessage(t.db, junk, { transport: "axis", packageId: "pkg-junk", filesRoot: root });
    expect(j1.state).toBe("rejected");
    expect(await receiveMessage(t.db, junk, { transport: "axis", packageId: "pkg-junk", filesRoot: root })).toEqual({ state: "duplicate", messageId: j1.messageId });
  });

  it("a comment slipped into signed text is not a way to change what is read: the document is read from what was signed", async () => {
    const { message, raw } = signedDocument(s);
    const split = Buffer.from(raw.toString("utf8").replace("V/v phối hợp triển khai", "V/v phối hợp<!-- hủy --> triển khai"), "utf8");
    const r = await receiveMessage(t.db, split, { transport: "direct", filesRoot: root });
    expect(r.state, r.reason).toBe("received");
    const [row] = await t.db.select().from(exchangeMessages).where(eq(exchangeMessages.id, r.messageId!));
    const [d] = await t.db.select().from(incomingDocuments).where(eq(incomingDocuments.id, row.incomingId!));
    expect(d.subject).toBe(message.header.subject);
  });

  it("an inactive partner is an unknown sender", async () => {
    await t.db.update(agencyDirectory).set({ active: false }).where(eq(agencyDirectory.id, s.directoryId));
    try {
      const raw = signedDocument(s).raw;
      const before = await snapshot();
      await expectRefused(await receiveMessage(t.db, raw, { transport: "direct", filesRoot: root }), "unknown_sender", before, raw);
    } finally {
      await t.db.update(agencyDirectory).set({ active: true }).where(eq(agencyDirectory.id, s.directoryId));
    }
  });

  it("the refusals are what the clerk's view lists: state rejected, the claimed sender, the Vietnamese reason", async () => {
    const rows = await t.db.select().from(exchangeMessages).where(eq(exchangeMessages.state, "rejected"));
    expect(rows.length).toBeGreaterThanOrEqual(cases.length);
    for (const r of rows) expect(r.error, r.errorCode ?? "").toMatch(VIETNAMESE);
    expect(rows.find((r) => r.errorCode === "unknown_sender")?.senderOrganId).toBe("000.00.99.H99");
  });

  // (The signature of `signed` is used by the kit; keep the import honest.)
  void signed;
});

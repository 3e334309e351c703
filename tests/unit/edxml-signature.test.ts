import "reflect-metadata";
import { execFileSync } from "node:child_process";
import { X509Certificate, createPrivateKey, webcrypto } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as x509 from "@peculiar/x509";
import forge from "node-forge";
import { SignedXml } from "xml-crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signEdxml, verifyEdxmlSignature, type EdxmlTrust, type SigningKey } from "@/lib/edxml/signature";
import { loadPkcs12 } from "@/lib/edxml/signature-p12";

// XML-DSig for edXML (issue 13; security.md §5 rows 13–14): sign → verify on the real SDK sample and a status
// message, and each hostile variant refused with its machine code and a Vietnamese reason. Certificates are
// generated here (no committed keys).

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const ALG = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
const DAY = 86_400_000;

const fixture = (name: string) => readFileSync(path.join(__dirname, "../fixtures/edxml-dsig", name), "utf8");
const DOC = fixture("edoc_new_BussinessDocType0.edxml");
const STATUS = fixture("status_01_inbox.edxml");
/** The SDK sample with its non-standard <Signature> removed: an unsigned document to sign. */
const UNSIGNED_DOC = DOC.replace(/\s*<Signature>[\s\S]*<\/Signature>/, "");

type Party = SigningKey & { key: string; cert: string; x509: X509Certificate };

async function keys() {
  return (await webcrypto.subtle.generateKey(ALG, true, ["sign", "verify"])) as CryptoKeyPair;
}
async function pem(k: CryptoKey) {
  const der = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", k));
  return createPrivateKey({ key: der, format: "der", type: "pkcs8" }).export({ type: "pkcs8", format: "pem" }) as string;
}
async function makeCa(name: string) {
  const k = await keys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name,
    notBefore: new Date(Date.now() - 365 * DAY),
    notAfter: new Date(Date.now() + 3650 * DAY),
    keys: k,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  return { keys: k, cert };
}
async function makeParty(
  subject: string,
  issuer: Awaited<ReturnType<typeof makeCa>> | null,
  validity: { from: number; to: number } = { from: -30 * DAY, to: 365 * DAY },
): Promise<Party> {
  const k = await keys();
  const base = {
    serialNumber: Math.floor(Math.random() * 1e9).toString(16).padStart(8, "0"),
    notBefore: new Date(Date.now() + validity.from),
    notAfter: new Date(Date.now() + validity.to),
    signingAlgorithm: ALG,
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true)],
  };
  const cert = issuer
    ? await x509.X509CertificateGenerator.create({
        ...base,
        subject,
        issuer: issuer.cert.subject,
        signingKey: issuer.keys.privateKey,
        publicKey: k.publicKey,
      })
    : await x509.X509CertificateGenerator.createSelfSigned({ ...base, name: subject, keys: k });
  const certPem = cert.toString("pem");
  return { key: await pem(k.privateKey), cert: certPem, x509: new X509Certificate(certPem) };
}

let ca: Awaited<ReturnType<typeof makeCa>>;
let otherCa: Awaited<ReturnType<typeof makeCa>>;
let partner: Party; // issued by the trusted CA
let pinnedOnly: Party; // self-signed, trusted by pinning
let stranger: Party; // self-signed, unknown
let foreign: Party; // issued by an untrusted CA
let expired: Party; // issued by the trusted CA, expired
let future: Party; // issued by the trusted CA, not yet valid
let trust: EdxmlTrust;

beforeAll(async () => {
  ca = await makeCa("CN=CA thử nghiệm Ban Cơ yếu, O=Ban Cơ yếu Chính phủ, C=VN");
  otherCa = await makeCa("CN=CA lạ, O=Không tin cậy, C=VN");
  partner = await makeParty("CN=Văn phòng Chính phủ, OU=000.00.00.G22, O=Văn phòng Chính phủ, C=VN", ca);
  pinnedOnly = await makeParty("CN=Sở Tài chính tỉnh Bình Định, OU=000.00.31.H07, O=Sở Tài chính tỉnh Bình Định, C=VN", null);
  stranger = await makeParty("CN=Kẻ giả mạo, O=Văn phòng Chính phủ, C=VN", null);
  foreign = await makeParty("CN=Văn phòng Chính phủ, OU=000.00.00.G22, O=Văn phòng Chính phủ, C=VN", otherCa);
  expired = await makeParty("CN=Cũ, OU=000.00.00.G22, O=Văn phòng Chính phủ, C=VN", ca, { from: -400 * DAY, to: -DAY });
  future = await makeParty("CN=Mới, OU=000.00.00.G22, O=Văn phòng Chính phủ, C=VN", ca, { from: 10 * DAY, to: 400 * DAY });
  trust = { cas: [ca.cert.toString("pem")], certificates: [pinnedOnly.cert] };
}, 120_000);

function expectRefused(xml: string, code: string, t: EdxmlTrust = trust) {
  const r = verifyEdxmlSignature(xml, t);
  expect(r.status, r.reason).toBe(code === "absent" ? "absent" : "invalid");
  expect(r.code).toBe(code);
  expect(r.reason).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i);
  expect(r.signedXml).toBeUndefined();
  return r;
}

describe("signEdxml / verifyEdxmlSignature: genuine messages", () => {
  it("signs the real SDK document inside edXMLHeader and verifies it, reading from what was signed", () => {
    const signed = signEdxml(UNSIGNED_DOC, partner);
    const sigAt = signed.indexOf('<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"');
    expect(sigAt).toBeGreaterThan(signed.indexOf("</edXML:MessageHeader>"));
    expect(sigAt).toBeLessThan(signed.indexOf("</edXML:edXMLHeader>"));
    expect(signed).toContain("<X509Certificate>");
    expect(signed).toContain('URI=""');

    const r = verifyEdxmlSignature(signed, trust);
    expect(r.status, r.reason).toBe("valid");
    expect(r.code).toBe("valid");
    expect(r.reason).toBe("Chữ ký hợp lệ — Văn phòng Chính phủ.");
    expect(r.signer).toMatchObject({ organId: "000.00.00.G22", commonName: "Văn phòng Chính phủ", trustedBy: "ca" });
    expect(r.signer!.notAfter.getTime()).toBe(new Date(partner.x509.validTo).getTime());
    // The signed bytes: the whole message (attachments included), without the Signature itself.
    expect(r.signedXml).toContain("V/v kết nối, liên thông phần mềm quản lý văn bản");
    expect(r.signedXml).toContain("<AttachmentEncoded>");
    expect(r.signedXml).not.toContain("SignatureValue");
  });

  it("signs and verifies a status message; a pinned self-signed certificate is trusted as such", () => {
    const signed = signEdxml(STATUS, pinnedOnly);
    const r = verifyEdxmlSignature(signed, trust);
    expect(r.status, r.reason).toBe("valid");
    expect(r.signer).toMatchObject({ organId: "000.00.31.H07", trustedBy: "pinned", organization: "Sở Tài chính tỉnh Bình Định" });
    expect(r.signedXml).toContain("<edXML:StatusCode>01</edXML:StatusCode>");
  });

  it("refuses to sign with a key that does not match the certificate, or a message already signed", () => {
    expect(() => signEdxml(STATUS, { key: partner.key, cert: stranger.cert })).toThrow(/không khớp/);
    expect(() => signEdxml(signEdxml(STATUS, partner), partner)).toThrow(/đã có chữ ký/);
    expect(() => signEdxml('<!DOCTYPE x><edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"/>', partner)).toThrow(/DOCTYPE/);
  });
});

describe("verifyEdxmlSignature: hostile messages (each refused with its reason)", () => {
  let signedDoc: string;
  beforeAll(() => {
    signedDoc = signEdxml(UNSIGNED_DOC, partner);
  });

  it("tampered Subject", () => {
    const tampered = signedDoc.replace("V/v kết nối, liên thông", "V/v hủy kết nối, liên thông");
    expect(tampered).not.toBe(signedDoc);
    const r = expectRefused(tampered, "signature_mismatch");
    expect(r.reason).toContain("đã bị thay đổi sau khi ký");
  });

  it("a comment slipped into signed text: still the signed message, and signedXml carries the whole text", () => {
    // exc-c14n drops comments, so the digest still matches; a reader of the raw XML could see only part of
    // the Subject ("V/v kết nối"), which is why callers read signedXml.
    const split = signedDoc.replace("V/v kết nối, liên thông", "V/v kết nối<!--, không liên thông-->, liên thông");
    const r = verifyEdxmlSignature(split, trust);
    expect(r.status, r.reason).toBe("valid");
    expect(r.signedXml).toContain("<edXML:Subject>V/v kết nối, liên thông phần mềm quản lý văn bản</edXML:Subject>");
    expect(r.signedXml).not.toContain("<!--");
  });

  it("changed attachment bytes", () => {
    const i = signedDoc.indexOf("<edXML:ContentTransferEncoded");
    const at = signedDoc.indexOf(">", i) + 50;
    const c = signedDoc[at];
    const tampered = signedDoc.slice(0, at) + (c === "A" ? "B" : "A") + signedDoc.slice(at + 1);
    expectRefused(tampered, "signature_mismatch");
  });

  it("wrapped signature: the Signature moved out of edXMLHeader (content unchanged)", () => {
    const sig = signedDoc.match(/<Signature xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">[\s\S]*<\/Signature>/)![0];
    const moved = signedDoc.replace(sig, "").replace("</edXML:edXMLBody>", `${sig}</edXML:edXMLBody>`);
    expectRefused(moved, "signature_misplaced");
    const atRoot = signedDoc.replace(sig, "").replace("</edXML>", `${sig}</edXML>`);
    expectRefused(atRoot, "signature_misplaced");
  });

  it("wrapped signature: a valid signature over another element only", () => {
    const withId = UNSIGNED_DOC.replace("<edXML:edXMLBody>", '<edXML:edXMLBody Id="body">');
    const s = new SignedXml({
      privateKey: partner.key,
      publicCert: partner.cert,
      signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
      canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
    });
    s.addReference({
      xpath: "//*[local-name()='edXMLBody']",
      transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
      digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
    });
    s.computeSignature(withId, { location: { reference: "//*[local-name()='edXMLHeader']", action: "append" } });
    const overBody = s.getSignedXml();
    expect(overBody).toContain('URI="#body"');
    // The header (Subject, From, To) is not covered: changing it must not be accepted.
    expectRefused(overBody.replace("V/v kết nối", "V/v giả mạo"), "reference_uri");
  });

  it("two references", () => {
    const s = new SignedXml({
      privateKey: partner.key,
      publicCert: partner.cert,
      signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
      canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
    });
    const transforms = ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"] as const;
    s.addReference({ xpath: "/*", isEmptyUri: true, transforms: [...transforms], digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256" });
    s.addReference({ xpath: "//*[local-name()='MessageHeader']", transforms: [...transforms], digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256" });
    s.computeSignature(STATUS, { location: { reference: "//*[local-name()='edXMLHeader']", action: "append" } });
    const r = expectRefused(s.getSignedXml(), "multiple_references");
    expect(r.reason).toContain("đúng một lần");
  });

  it("second SignedInfo (inside the Signature, or hidden elsewhere)", () => {
    const si = signedDoc.match(/<SignedInfo>[\s\S]*?<\/SignedInfo>/)![0];
    expectRefused(signedDoc.replace(si, si + si), "multiple_signed_info");
    const hidden = signedDoc.replace(
      "</edXML:edXMLBody>",
      `<x xmlns="http://www.w3.org/2000/09/xmldsig#">${si}</x></edXML:edXMLBody>`,
    );
    expectRefused(hidden, "multiple_signed_info");
  });

  it("comment in DigestValue (and in SignatureValue)", () => {
    const withComment = signedDoc.replace(/<DigestValue>(.{10})/, "<DigestValue>$1<!---->");
    expect(withComment).toContain("<!---->");
    const r = expectRefused(withComment, "value_not_single_text");
    expect(r.reason).toContain("DigestValue");
    expectRefused(signedDoc.replace(/<SignatureValue>(.{10})/, "<SignatureValue>$1<!--x-->"), "value_not_single_text");
  });

  it("unknown certificate (self-signed, not in the directory), also when swapped into KeyInfo", () => {
    const r = expectRefused(signEdxml(UNSIGNED_DOC, stranger), "certificate_unknown");
    expect(r.reason).toContain("Kẻ giả mạo");
    expect(r.signer?.subject).toContain("Kẻ giả mạo");
    // A genuine signature whose KeyInfo certificate is replaced by another: the key is never taken from KeyInfo.
    const b64 = (p: Party) => p.x509.raw.toString("base64");
    const swapped = signedDoc.replace(b64(partner), b64(stranger));
    expect(swapped).not.toBe(signedDoc);
    expectRefused(swapped, "certificate_unknown");
  });

  it("a certificate from the directory that did not sign: signature does not verify", () => {
    const b64 = (p: Party) => p.x509.raw.toString("base64");
    const swapped = signEdxml(STATUS, stranger).replace(b64(stranger), b64(pinnedOnly));
    expectRefused(swapped, "signature_mismatch");
  });

  it("certificate issued by an untrusted CA", () => {
    const r = expectRefused(signEdxml(UNSIGNED_DOC, foreign), "certificate_untrusted_ca");
    expect(r.reason).toContain("CA lạ");
  });

  it("expired and not-yet-valid certificates", () => {
    const r = expectRefused(signEdxml(UNSIGNED_DOC, expired), "certificate_expired");
    expect(r.reason).toMatch(/Hết hạn ngày \d{2}\/\d{2}\/\d{4}/);
    expectRefused(signEdxml(UNSIGNED_DOC, future), "certificate_not_yet_valid");
    // A pinned certificate is refused too once the clock passes its end.
    const later = new Date(new Date(pinnedOnly.x509.validTo).getTime() + DAY);
    expectRefused(signEdxml(STATUS, pinnedOnly), "certificate_expired", { ...trust, now: later });
  });

  it("an RSA key under 2048 bits, even from a trusted CA", async () => {
    const small = { ...ALG, modulusLength: 1024 };
    const k = (await webcrypto.subtle.generateKey(small, true, ["sign", "verify"])) as CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: "7f",
      subject: "CN=Khóa yếu, C=VN",
      issuer: ca.cert.subject,
      notBefore: new Date(Date.now() - DAY),
      notAfter: new Date(Date.now() + DAY),
      signingKey: ca.keys.privateKey,
      publicKey: k.publicKey,
      signingAlgorithm: ALG,
    });
    expectRefused(signEdxml(STATUS, { key: await pem(k.privateKey), cert: cert.toString("pem") }), "weak_key");
  });

  it("DOCTYPE, billion laughs and external entities are refused before parsing", () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' +
      '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>' +
      signedDoc.replace(/^<\?xml[^>]*>/, "").replace("V/v kết nối", "&c;");
    const t0 = performance.now();
    expectRefused(laughs, "doctype");
    expect(performance.now() - t0).toBeLessThan(100);
    expectRefused(signedDoc.replace(/^(<\?xml[^>]*>)/, '$1<!DOCTYPE edXML SYSTEM "file:///etc/passwd">'), "doctype");
    expectRefused(signedDoc.replace(/^(<\?xml[^>]*>)/, "$1<!doctype edXML>"), "doctype");
  });

  it("absent signature, malformed XML, not edXML, over the size limit", () => {
    expectRefused(STATUS, "absent");
    expectRefused(UNSIGNED_DOC, "absent");
    expectRefused(signedDoc.slice(0, 500), "malformed");
    expectRefused("<a>b</a>", "not_edxml");
    expectRefused(signedDoc, "too_large", { ...trust, maxBytes: 1000 });
  });

  it("two signatures", () => {
    const sig = signedDoc.match(/<Signature xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">[\s\S]*<\/Signature>/)![0];
    expectRefused(signedDoc.replace(sig, sig + sig), "multiple_signatures");
  });

  it("weaker algorithms and extra transforms are refused", () => {
    expectRefused(
      signedDoc.replace("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2000/09/xmldsig#rsa-sha1"),
      "algorithm",
    );
    expectRefused(
      signedDoc.replace(
        '<Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>',
        '<Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"/>',
      ),
      "transforms",
    );
    expectRefused(signedDoc.replace("</KeyInfo>", "</KeyInfo><Object>x</Object>"), "bad_structure");
  });

  it("the public SDK sample's own non-standard <Signature> is reported invalid with a reason", () => {
    const r = expectRefused(DOC, "not_xmldsig");
    expect(r.reason).toContain("không theo chuẩn XML-DSig");
  });
});

describe("loadPkcs12", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "edxml-p12-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads an OpenSSL 3 (PBES2/AES) file with a Vietnamese issuer, keeping the certificate bytes", () => {
    writeFileSync(path.join(dir, "key.pem"), partner.key);
    writeFileSync(path.join(dir, "cert.pem"), partner.cert);
    writeFileSync(path.join(dir, "ca.pem"), ca.cert.toString("pem"));
    const p12Path = path.join(dir, "agency.p12");
    execFileSync("openssl", [
      "pkcs12", "-export", "-inkey", path.join(dir, "key.pem"), "-in", path.join(dir, "cert.pem"),
      "-certfile", path.join(dir, "ca.pem"), "-out", p12Path, "-passout", "pass:mật-khẩu",
    ]);
    const loaded = loadPkcs12(readFileSync(p12Path), "mật-khẩu");
    expect(new X509Certificate(loaded.cert).raw.equals(partner.x509.raw)).toBe(true);
    expect(loaded.chain).toHaveLength(1);
    expect(new X509Certificate(loaded.chain[0]).raw.equals(Buffer.from(ca.cert.rawData))).toBe(true);
    const r = verifyEdxmlSignature(signEdxml(STATUS, loaded), trust);
    expect(r.status, r.reason).toBe("valid");
    expect(() => loadPkcs12(readFileSync(p12Path), "sai")).toThrow("Mật khẩu của tệp PKCS#12 không đúng.");
    expect(() => loadPkcs12(Buffer.from("không phải p12"), "x")).toThrow(/Không đọc được tệp PKCS#12/);
  });

  it("reads every OpenSSL 3 file with a Vietnamese password, also one whose first decryption passes its padding", () => {
    // A throwaway self-signed test key (CN=Sở Nội vụ), exported by OpenSSL 3.0 with the password below. Decrypted
    // first with the password's BMPString bytes (forge's way), about one such file in 130 ends in valid padding and
    // failed as ASN.1 instead of "Failed to decrypt": 3 of 400 exports could not be imported.
    const loaded = loadPkcs12(readFileSync(path.join(__dirname, "../fixtures/pkcs12/utf8-password-valid-padding.p12")), "mật-khẩu-liên-thông");
    expect(new X509Certificate(loaded.cert).subject).toContain("CN=Sở Nội vụ");
    expect(createPrivateKey(loaded.key).asymmetricKeyType).toBe("rsa");
  });

  it("reads a legacy (3DES) file", () => {
    const p12 = forge.pkcs12.toPkcs12Asn1(
      forge.pki.privateKeyFromPem(pinnedOnly.key),
      [forge.pki.certificateFromPem(pinnedOnly.cert)],
      "cũ",
      { algorithm: "3des" },
    );
    const loaded = loadPkcs12(Buffer.from(forge.asn1.toDer(p12).getBytes(), "binary"), "cũ");
    expect(new X509Certificate(loaded.cert).raw.equals(pinnedOnly.x509.raw)).toBe(true);
    expect(verifyEdxmlSignature(signEdxml(STATUS, loaded), trust).status).toBe("valid");
  });
});

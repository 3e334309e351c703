import "server-only";
import { KeyObject, X509Certificate, createPrivateKey, createPublicKey } from "node:crypto";
import { DOMParser, type Document, type Element, type Node } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import { formatDate } from "@/lib/format";

/**
 * XML-DSig for edXML (QCVN 102:2016): enveloped RSA-SHA256 over the whole message (Reference URI=""),
 * exclusive c14n, the signer's certificate in KeyInfo/X509Data, the Signature appended inside
 * edXML:edXMLHeader.
 *
 * Verification applies a strict policy BEFORE the cryptographic check (xml-crypto alone accepts a moved
 * signature, a comment splitting DigestValue and extra references — stack-notes §7): no DOCTYPE, exactly one
 * Signature and it sits in edXMLHeader, one SignedInfo with fixed algorithms, one Reference URI="" with
 * exactly [enveloped, exc-c14n], single text nodes in the values, a certificate that is pinned or issued by a
 * trusted CA and valid now. The key used is the trusted certificate's (never KeyInfo alone), and callers read
 * the message from `signedXml` — the canonical bytes that were actually signed.
 */

export const DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";
export const EDXML_NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016";
const ALG = {
  c14n: "http://www.w3.org/2001/10/xml-exc-c14n#",
  rsaSha256: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  sha256: "http://www.w3.org/2001/04/xmlenc#sha256",
  enveloped: "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
} as const;

/** Default ceiling on a message (base64 attachments included). */
export const MAX_SIGNED_MESSAGE_BYTES = 64 * 1024 * 1024;
const MIN_RSA_BITS = 2048;

export type SignatureCode =
  | "absent"
  | "too_large"
  | "doctype"
  | "malformed"
  | "not_edxml"
  | "not_xmldsig"
  | "multiple_signatures"
  | "signature_misplaced"
  | "bad_structure"
  | "algorithm"
  | "multiple_signed_info"
  | "multiple_references"
  | "reference_uri"
  | "transforms"
  | "value_not_single_text"
  | "certificate_missing"
  | "certificate_malformed"
  | "certificate_unknown"
  | "certificate_untrusted_ca"
  | "certificate_expired"
  | "certificate_not_yet_valid"
  | "weak_key"
  | "signature_mismatch"
  | "valid";

export type SignerInfo = {
  subject: string;
  commonName?: string;
  organization?: string;
  /** A mã định danh (e.g. 000.00.00.G22) found in the certificate subject, if any. */
  organId?: string;
  issuer: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  fingerprint256: string;
  trustedBy?: "pinned" | "ca";
};

export type VerifyResult = {
  status: "valid" | "invalid" | "absent";
  code: SignatureCode;
  /** Vietnamese, for the clerk's view and the audit trail. */
  reason: string;
  signer?: SignerInfo;
  /** The exc-c14n bytes covered by the signature (enveloped Signature removed): read the message from this. */
  signedXml?: string;
};

type CertInput = string | Buffer | X509Certificate;

export type EdxmlTrust = {
  /** Certificates accepted as they are (e.g. a partner's certificate from the directory). */
  certificates?: CertInput[];
  /** CA certificates: a signer certificate issued directly by one of them is accepted. */
  cas?: CertInput[];
  /** Clock for validity checks (tests). */
  now?: Date;
  maxBytes?: number;
};

export class EdxmlSignatureError extends Error {
  constructor(
    public code: SignatureCode,
    message: string,
  ) {
    super(message);
    this.name = "EdxmlSignatureError";
  }
}

const REASONS: Record<Exclude<SignatureCode, "valid">, string> = {
  absent: "Thông điệp không có chữ ký số.",
  too_large: "Thông điệp vượt quá dung lượng cho phép.",
  doctype: "Thông điệp chứa khai báo DOCTYPE/ENTITY — bị từ chối vì lý do an toàn.",
  malformed: "Thông điệp không phải XML hợp lệ.",
  not_edxml: "Không phải thông điệp edXML (thiếu edXML/edXMLEnvelope/edXMLHeader).",
  not_xmldsig:
    "Chữ ký không theo chuẩn XML-DSig (phần tử Signature không thuộc không gian tên http://www.w3.org/2000/09/xmldsig#).",
  multiple_signatures: "Thông điệp có nhiều hơn một chữ ký số.",
  signature_misplaced: "Chữ ký số không nằm đúng vị trí (phải nằm trong edXMLHeader) — có dấu hiệu bọc/di chuyển chữ ký.",
  bad_structure: "Cấu trúc chữ ký số không hợp lệ.",
  algorithm: "Thuật toán của chữ ký số không được chấp nhận (yêu cầu RSA-SHA256, exc-c14n).",
  multiple_signed_info: "Chữ ký có nhiều hơn một phần SignedInfo.",
  multiple_references: "Chữ ký phải tham chiếu đúng một lần tới toàn bộ thông điệp (có nhiều tham chiếu).",
  reference_uri: 'Chữ ký phải tham chiếu tới toàn bộ thông điệp (Reference URI="").',
  transforms: "Các phép biến đổi của chữ ký không được chấp nhận (chỉ enveloped-signature và exc-c14n).",
  value_not_single_text:
    "Giá trị băm hoặc giá trị chữ ký không phải một chuỗi base64 liền mạch (có chú thích hoặc phần tử chen vào).",
  certificate_missing: "Chữ ký không kèm chứng thư số (X509Certificate).",
  certificate_malformed: "Chứng thư số kèm theo chữ ký không đọc được.",
  certificate_unknown: "Chứng thư số của người ký không có trong danh sách tin cậy.",
  certificate_untrusted_ca: "Chứng thư số do một tổ chức cấp không được tin cậy.",
  certificate_expired: "Chứng thư số của người ký đã hết hạn.",
  certificate_not_yet_valid: "Chứng thư số của người ký chưa có hiệu lực.",
  weak_key: "Khóa của chứng thư số không đạt yêu cầu (RSA tối thiểu 2048 bit).",
  signature_mismatch: "Chữ ký không khớp với nội dung: thông điệp đã bị thay đổi sau khi ký.",
};

function fail(code: Exclude<SignatureCode, "valid">, detail?: string, extra?: Partial<VerifyResult>): VerifyResult {
  const base = REASONS[code];
  return {
    status: code === "absent" ? "absent" : "invalid",
    code,
    reason: detail ? `${base} ${detail}` : base,
    ...extra,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Parsing

function refuseDoctype(xml: string) {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw new EdxmlSignatureError("doctype", REASONS.doctype);
  }
}

function parseStrict(xml: string): Document {
  const parser = new DOMParser({
    onError: (level: string, msg: string) => {
      if (level !== "warning") throw new EdxmlSignatureError("malformed", `${REASONS.malformed} (${msg})`);
    },
  });
  let doc: Document;
  try {
    doc = parser.parseFromString(xml, "text/xml");
  } catch (e) {
    if (e instanceof EdxmlSignatureError) throw e;
    throw new EdxmlSignatureError("malformed", `${REASONS.malformed} (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!doc.documentElement) throw new EdxmlSignatureError("malformed", REASONS.malformed);
  return doc;
}

function elementChildren(node: Node): Element[] {
  const out: Element[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push(c as Element);
  return out;
}

/** Children other than elements and whitespace-only text (comments, PIs, CDATA, stray text). */
function hasStrayNodes(node: Node): boolean {
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1) continue;
    if (c.nodeType === 3 && /^\s*$/.test(c.nodeValue ?? "")) continue;
    return true;
  }
  return false;
}

function isEl(e: Element | undefined | null, ns: string, local: string): e is Element {
  return !!e && e.namespaceURI === ns && e.localName === local;
}

function header(doc: Document): Element | null {
  const root = doc.documentElement;
  if (!isEl(root, EDXML_NS, "edXML")) return null;
  const envelopes = elementChildren(root).filter((e) => isEl(e, EDXML_NS, "edXMLEnvelope"));
  if (envelopes.length !== 1) return null;
  const headers = elementChildren(envelopes[0]).filter((e) => isEl(e, EDXML_NS, "edXMLHeader"));
  return headers.length === 1 ? headers[0] : null;
}

// ---------------------------------------------------------------------------------------------------------
// Certificates

function toX509(c: CertInput): X509Certificate {
  if (c instanceof X509Certificate) return c;
  return new X509Certificate(c);
}

function subjectField(subject: string, name: string): string | undefined {
  for (const line of subject.split("\n")) {
    const i = line.indexOf("=");
    if (i > 0 && line.slice(0, i).trim().toUpperCase() === name) return line.slice(i + 1).trim();
  }
  return undefined;
}

const ORGAN_ID = /\b([0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2})\b/;

export function signerInfo(cert: X509Certificate, trustedBy?: "pinned" | "ca"): SignerInfo {
  const organId = cert.subject.match(ORGAN_ID)?.[1];
  return {
    subject: cert.subject,
    commonName: subjectField(cert.subject, "CN"),
    organization: subjectField(cert.subject, "O"),
    ...(organId ? { organId } : {}),
    issuer: cert.issuer,
    serialNumber: cert.serialNumber,
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    fingerprint256: cert.fingerprint256,
    ...(trustedBy ? { trustedBy } : {}),
  };
}

function withinValidity(cert: X509Certificate, now: Date): "ok" | "expired" | "not_yet" {
  if (now.getTime() < new Date(cert.validFrom).getTime()) return "not_yet";
  if (now.getTime() > new Date(cert.validTo).getTime()) return "expired";
  return "ok";
}

/** Decides trust; returns the key to verify with (always the trusted certificate's key). */
function trustCertificate(
  cert: X509Certificate,
  trust: EdxmlTrust,
  now: Date,
): { ok: true; key: KeyObject; by: "pinned" | "ca" } | { ok: false; result: VerifyResult } {
  const signer = signerInfo(cert);
  const pinned = (trust.certificates ?? []).map(toX509).find((t) => t.raw.equals(cert.raw));
  let by: "pinned" | "ca" | undefined = pinned ? "pinned" : undefined;
  let key: KeyObject | undefined = pinned?.publicKey;
  if (!by) {
    for (const ca of (trust.cas ?? []).map(toX509)) {
      if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) continue;
      if (!ca.ca) continue;
      if (withinValidity(ca, now) !== "ok") {
        return {
          ok: false,
          result: fail("certificate_untrusted_ca", `CA cấp chứng thư đã hết hạn hoặc chưa có hiệu lực: ${ca.subject.replace(/\n/g, ", ")}.`, { signer }),
        };
      }
      by = "ca";
      key = cert.publicKey;
      break;
    }
  }
  if (!by || !key) {
    const selfSigned = cert.issuer === cert.subject;
    return {
      ok: false,
      result: selfSigned
        ? fail("certificate_unknown", `Người ký: ${cert.subject.replace(/\n/g, ", ")}.`, { signer })
        : fail("certificate_untrusted_ca", `Tổ chức cấp: ${cert.issuer.replace(/\n/g, ", ")}.`, { signer }),
    };
  }
  const validity = withinValidity(cert, now);
  if (validity === "expired") {
    return { ok: false, result: fail("certificate_expired", `Hết hạn ngày ${formatDate(new Date(cert.validTo))}.`, { signer }) };
  }
  if (validity === "not_yet") {
    return {
      ok: false,
      result: fail("certificate_not_yet_valid", `Có hiệu lực từ ngày ${formatDate(new Date(cert.validFrom))}.`, { signer }),
    };
  }
  if (key.asymmetricKeyType !== "rsa" || (key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS) {
    return { ok: false, result: fail("weak_key", undefined, { signer }) };
  }
  return { ok: true, key, by };
}

// ---------------------------------------------------------------------------------------------------------
// Signing

export type SigningKey = { key: string | Buffer | KeyObject; cert: string | Buffer | X509Certificate };

/** Signs an edXML message (enveloped, RSA-SHA256, exc-c14n, certificate in X509Data) inside edXMLHeader. */
export function signEdxml(xml: string, { key, cert }: SigningKey): string {
  refuseDoctype(xml);
  const doc = parseStrict(xml);
  if (!header(doc)) throw new EdxmlSignatureError("not_edxml", REASONS.not_edxml);
  if (doc.getElementsByTagNameNS(DSIG_NS, "Signature").length > 0) {
    throw new EdxmlSignatureError("multiple_signatures", "Thông điệp đã có chữ ký XML-DSig.");
  }
  const x509 = toX509(cert);
  const privateKey = key instanceof KeyObject ? key : createPrivateKey(key);
  const certKey = x509.publicKey.export({ type: "spki", format: "der" });
  if (!createPublicKey(privateKey).export({ type: "spki", format: "der" }).equals(certKey)) {
    throw new EdxmlSignatureError("bad_structure", "Khóa bí mật không khớp với chứng thư số.");
  }
  const sig = new SignedXml({
    privateKey: privateKey.export({ type: "pkcs8", format: "pem" }),
    publicCert: x509.toString(),
    signatureAlgorithm: ALG.rsaSha256,
    canonicalizationAlgorithm: ALG.c14n,
  });
  sig.addReference({
    xpath: "/*",
    isEmptyUri: true,
    transforms: [ALG.enveloped, ALG.c14n],
    digestAlgorithm: ALG.sha256,
  });
  sig.computeSignature(xml, {
    location: {
      reference: "/*[local-name()='edXML']/*[local-name()='edXMLEnvelope']/*[local-name()='edXMLHeader']",
      action: "append",
    },
  });
  return sig.getSignedXml();
}

// ---------------------------------------------------------------------------------------------------------
// Verifying

const B64 = /^[A-Za-z0-9+/=\s]+$/;

function singleText(e: Element): string | null {
  const c = e.firstChild;
  if (!c || c !== e.lastChild || c.nodeType !== 3) return null;
  const v = c.nodeValue ?? "";
  return B64.test(v) ? v : null;
}

function checkStructure(sig: Element): VerifyResult | { cert: string } {
  // Signature: SignedInfo, SignatureValue, KeyInfo — nothing else (no Object, no comments).
  if (hasStrayNodes(sig)) return fail("bad_structure", "Có nội dung lạ trong phần tử Signature.");
  const kids = elementChildren(sig);
  const names = kids.map((k) => (k.namespaceURI === DSIG_NS ? k.localName : `{${k.namespaceURI}}${k.localName}`));
  if (names.filter((n) => n === "SignedInfo").length > 1) return fail("multiple_signed_info");
  if (names.join(",") !== "SignedInfo,SignatureValue,KeyInfo") {
    return fail("bad_structure", `Thành phần: ${names.join(", ") || "(trống)"}.`);
  }
  const [signedInfo, signatureValue, keyInfo] = kids;

  if (hasStrayNodes(signedInfo)) return fail("bad_structure", "Có nội dung lạ trong SignedInfo.");
  const si = elementChildren(signedInfo);
  const refs = si.filter((e) => isEl(e, DSIG_NS, "Reference"));
  if (refs.length !== 1) return fail("multiple_references", `Số tham chiếu: ${refs.length}.`);
  if (si.length !== 3 || !isEl(si[0], DSIG_NS, "CanonicalizationMethod") || !isEl(si[1], DSIG_NS, "SignatureMethod") || si[2] !== refs[0]) {
    return fail("bad_structure", "SignedInfo phải gồm CanonicalizationMethod, SignatureMethod, Reference.");
  }
  for (const [el, alg] of [
    [si[0], ALG.c14n],
    [si[1], ALG.rsaSha256],
  ] as const) {
    if (el.getAttribute("Algorithm") !== alg) return fail("algorithm", `${el.localName}: ${el.getAttribute("Algorithm") ?? "(trống)"}.`);
    if (el.firstChild) return fail("bad_structure", `${el.localName} không được có nội dung.`);
  }

  const ref = refs[0];
  if (!ref.hasAttribute("URI") || ref.getAttribute("URI") !== "") return fail("reference_uri", `URI="${ref.getAttribute("URI") ?? ""}".`);
  if (hasStrayNodes(ref)) return fail("bad_structure", "Có nội dung lạ trong Reference.");
  const rk = elementChildren(ref);
  if (rk.length !== 3 || !isEl(rk[0], DSIG_NS, "Transforms") || !isEl(rk[1], DSIG_NS, "DigestMethod") || !isEl(rk[2], DSIG_NS, "DigestValue")) {
    return fail("bad_structure", "Reference phải gồm Transforms, DigestMethod, DigestValue.");
  }
  if (hasStrayNodes(rk[0])) return fail("transforms");
  const transforms = elementChildren(rk[0]);
  if (
    transforms.length !== 2 ||
    !transforms.every((t) => isEl(t, DSIG_NS, "Transform") && !t.firstChild) ||
    transforms[0].getAttribute("Algorithm") !== ALG.enveloped ||
    transforms[1].getAttribute("Algorithm") !== ALG.c14n
  ) {
    return fail("transforms", `Có: ${transforms.map((t) => t.getAttribute("Algorithm") ?? t.localName).join(", ") || "(trống)"}.`);
  }
  if (rk[1].getAttribute("Algorithm") !== ALG.sha256 || rk[1].firstChild) {
    return fail("algorithm", `DigestMethod: ${rk[1].getAttribute("Algorithm") ?? "(trống)"}.`);
  }
  if (singleText(rk[2]) === null) return fail("value_not_single_text", "(DigestValue)");
  if (singleText(signatureValue) === null) return fail("value_not_single_text", "(SignatureValue)");

  // KeyInfo: exactly one X509Data with exactly one X509Certificate (other X509Data children ignored).
  const x509Data = elementChildren(keyInfo).filter((e) => isEl(e, DSIG_NS, "X509Data"));
  if (x509Data.length !== 1) return fail("certificate_missing");
  const certs = elementChildren(x509Data[0]).filter((e) => isEl(e, DSIG_NS, "X509Certificate"));
  if (certs.length !== 1) return fail("certificate_missing", certs.length > 1 ? "(có nhiều chứng thư)" : undefined);
  const certText = singleText(certs[0]);
  if (certText === null) return fail("certificate_malformed");
  return { cert: certText.replace(/\s+/g, "") };
}

/** Verifies an edXML message's XML-DSig signature under the strict policy; never throws. */
export function verifyEdxmlSignature(xml: string, trust: EdxmlTrust): VerifyResult {
  try {
    return verifyInner(xml, trust);
  } catch (e) {
    if (e instanceof EdxmlSignatureError && e.code !== "valid") return fail(e.code as Exclude<SignatureCode, "valid">, undefined, { reason: e.message });
    return fail("signature_mismatch", `(${e instanceof Error ? e.message : String(e)})`);
  }
}

function verifyInner(xml: string, trust: EdxmlTrust): VerifyResult {
  const max = trust.maxBytes ?? MAX_SIGNED_MESSAGE_BYTES;
  if (Buffer.byteLength(xml, "utf8") > max) return fail("too_large");
  refuseDoctype(xml);
  const doc = parseStrict(xml);
  const head = header(doc);
  if (!head) return fail("not_edxml");

  const dsigSignatures = Array.from(doc.getElementsByTagNameNS(DSIG_NS, "Signature"));
  if (dsigSignatures.length === 0) {
    const foreign = elementChildren(head).find((e) => e.localName === "Signature");
    return foreign ? fail("not_xmldsig") : fail("absent");
  }
  if (dsigSignatures.length > 1) return fail("multiple_signatures", `Số chữ ký: ${dsigSignatures.length}.`);
  const sig = dsigSignatures[0];
  if (sig.parentNode !== head) return fail("signature_misplaced");
  // Elsewhere in the document: no other SignedInfo / Reference from the XML-DSig namespace.
  if (doc.getElementsByTagNameNS(DSIG_NS, "SignedInfo").length !== 1) return fail("multiple_signed_info");
  if (doc.getElementsByTagNameNS(DSIG_NS, "Reference").length !== 1) return fail("multiple_references");

  const structure = checkStructure(sig);
  if ("status" in structure) return structure;

  let cert: X509Certificate;
  try {
    cert = new X509Certificate(Buffer.from(structure.cert, "base64"));
  } catch {
    return fail("certificate_malformed");
  }
  const now = trust.now ?? new Date();
  const trusted = trustCertificate(cert, trust, now);
  if (!trusted.ok) return trusted.result;
  const signer = signerInfo(cert, trusted.by);

  const verifier = new SignedXml({
    publicCert: trusted.key.export({ type: "spki", format: "pem" }) as string,
    getCertFromKeyInfo: () => null,
  });
  verifier.loadSignature(sig.toString());
  let ok = false;
  try {
    ok = verifier.checkSignature(xml);
  } catch (e) {
    return fail("signature_mismatch", `(${e instanceof Error ? e.message : String(e)})`, { signer });
  }
  if (!ok) return fail("signature_mismatch", undefined, { signer });
  const refs = verifier.getSignedReferences();
  if (refs.length !== 1) return fail("multiple_references", undefined, { signer });
  return {
    status: "valid",
    code: "valid",
    reason: `Chữ ký hợp lệ — ${signer.organization ?? signer.commonName ?? signer.subject.replace(/\n/g, ", ")}.`,
    signer,
    signedXml: refs[0],
  };
}

import { createHash } from "node:crypto";
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from "pdf-lib";
import { certificateInfo, chainsToAnchor, OID, parseCms, verifyWithCertificate } from "./cms";
import { fromHex } from "./der";
import { verifyTimestampToken } from "./timestamp";

// Verification of the signatures in a PDF (security.md §"PDF signatures", row 15; stack-notes §7). The
// same code serves the screens (lib/signatures/stored.ts) and `npm run pdf:verify`. For each signature:
// the /ByteRange starts at 0; the gap is exactly the /Contents hex string of that signature dictionary
// (no wrapping); the /ByteRange written in the signed bytes is the one used; the range ends at an
// %%EOF (a revision); messageDigest = SHA-256 of the covered bytes; the CMS signature verifies with the
// signer's certificate; the certificate was valid and chains to an administrator's trust anchor. The
// last signature must cover the whole file, else the file was "modified after signing" (incremental
// save, an annotation added, a shadow attack's revealing update).

export interface SignatureReport {
  fieldName: string;
  signer: string;
  issuer: string;
  /** ISO 8601: the time-stamp's time when there is a valid one, else the /M the signer's software wrote. */
  signedAt: string | null;
  timestamped: boolean;
  coversWholeFile: boolean;
  /** Bytes after this signature's revision, or false. */
  modifiedAfter: number | false;
  /** The signer's certificate was within its validity (at the time-stamp if any, else now). */
  certificateValid: boolean;
  /** The certificate chains to one of the trust anchors. */
  trusted: boolean;
  integrity: "intact" | "broken";
  /** Why integrity is broken, for operators (English). */
  problem?: string;
  reason?: string;
  certificate?: { subject: string; serial: string; fingerprint: string; notBefore: string; notAfter: string };
}

export type Verdict = "valid" | "modified" | "invalid" | "unsigned";

export interface VerifyResult {
  signatures: SignatureReport[];
  verdict: Verdict;
  /** Set when the file could not be read as a PDF. */
  error?: string;
}

const decode = (o: PDFObject | undefined) => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined);

function pdfDateToIso(s: string | undefined): string | null {
  const m = s && /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?/.exec(s);
  if (!m) return null;
  const [, y, mo = "01", d = "01", h = "00", mi = "00", se = "00", sign, oh = "00", om = "00"] = m;
  const offset = sign === "+" || sign === "-" ? `${sign}${oh}:${om}` : "Z";
  const t = new Date(`${y}-${mo}-${d}T${h}:${mi}:${se}${offset}`);
  return Number.isNaN(t.getTime()) ? null : t.toISOString();
}

interface SigDict {
  fieldName: string;
  dict: PDFDict;
}

/** The signature dictionaries the document's form points at (/FT /Sig fields with a /V). */
function signatureDicts(doc: PDFDocument): SigDict[] {
  const ctx = doc.context;
  const out: SigDict[] = [];
  const seen = new Set<PDFDict>();
  const visit = (o: PDFObject | undefined, prefix: string, depth: number) => {
    const field = o instanceof PDFRef ? ctx.lookup(o) : o;
    if (!(field instanceof PDFDict) || depth > 20) return;
    const t = decode(field.lookup(PDFName.of("T")));
    const name = t ? (prefix ? `${prefix}.${t}` : t) : prefix;
    const ft = field.lookup(PDFName.of("FT"));
    const v = field.lookup(PDFName.of("V"));
    if (ft === PDFName.of("Sig") && v instanceof PDFDict && !seen.has(v)) {
      seen.add(v);
      out.push({ fieldName: name, dict: v });
    }
    const kids = field.lookup(PDFName.of("Kids"));
    if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) visit(kids.get(i), name, depth + 1);
  };
  const form = doc.catalog.lookup(PDFName.of("AcroForm"));
  const fields = form instanceof PDFDict ? form.lookup(PDFName.of("Fields")) : undefined;
  if (fields instanceof PDFArray) for (let i = 0; i < fields.size(); i++) visit(fields.get(i), "", 0);
  // Signature dictionaries not reachable from the form still count (a viewer may show them).
  for (const [, obj] of ctx.enumerateIndirectObjects())
    if (obj instanceof PDFDict && !seen.has(obj) && obj.get(PDFName.of("ByteRange")) && obj.get(PDFName.of("Contents"))) {
      const type = obj.lookup(PDFName.of("Type"));
      if (type === undefined || type === PDFName.of("Sig") || type === PDFName.of("DocTimeStamp")) {
        seen.add(obj);
        out.push({ fieldName: "", dict: obj });
      }
    }
  return out;
}

const isHex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;

/** Every /ByteRange literal [n n n n] in a byte window, with the numbers. */
function byteRangeLiterals(bytes: Uint8Array, from: number, to: number): number[][] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + Math.max(0, from), Math.max(0, Math.min(bytes.length, to) - Math.max(0, from))).toString("latin1");
  return [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].map((m) => m.slice(1, 5).map(Number));
}

/** Whether the bytes just before `end` are an %%EOF marker (with its end-of-line). */
function endsRevision(bytes: Uint8Array, end: number): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + Math.max(0, end - 12), Math.min(12, end)).toString("latin1");
  return /%%EOF[\r\n]{0,2}$/.test(text);
}

async function checkOne(bytes: Uint8Array, sig: SigDict, anchors: Uint8Array[], now: Date): Promise<SignatureReport> {
  const report: SignatureReport = {
    fieldName: sig.fieldName,
    signer: "",
    issuer: "",
    signedAt: pdfDateToIso(decode(sig.dict.lookup(PDFName.of("M")))),
    timestamped: false,
    coversWholeFile: false,
    modifiedAfter: false,
    certificateValid: false,
    trusted: false,
    integrity: "broken",
    reason: decode(sig.dict.lookup(PDFName.of("Reason"))),
  };
  const fail = (problem: string) => ({ ...report, problem });
  const br = sig.dict.lookup(PDFName.of("ByteRange"));
  const range = br instanceof PDFArray && br.size() === 4 ? br.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : NaN)) : [];
  if (range.length !== 4 || range.some((n) => !Number.isSafeInteger(n) || n < 0)) return fail("malformed /ByteRange");
  const [start, a, b, c] = range;
  const end = b + c;
  if (start !== 0 || a <= 0 || b <= a || end > bytes.length) return fail("/ByteRange does not start at 0 or goes beyond the file");
  report.coversWholeFile = end === bytes.length;
  report.modifiedAfter = report.coversWholeFile ? false : bytes.length - end;
  // The gap is exactly one hex string, and it is this dictionary's /Contents.
  if (bytes[a] !== 0x3c || bytes[b - 1] !== 0x3e) return fail("the unsigned gap is not the /Contents string");
  for (let i = a + 1; i < b - 1; i++) if (!isHex(bytes[i])) return fail("the unsigned gap holds more than the /Contents string (wrapping)");
  const contents = sig.dict.lookup(PDFName.of("Contents"));
  const gapHex = Buffer.from(bytes.subarray(a + 1, b - 1)).toString("latin1").toUpperCase();
  const contentsHex = contents instanceof PDFHexString ? contents.asString().replace(/\s/g, "").toUpperCase() : contents instanceof PDFString ? Buffer.from(contents.asBytes()).toString("hex").toUpperCase() : "";
  if (contentsHex !== gapHex && contentsHex.replace(/0+$/, "") !== gapHex.replace(/0+$/, "")) return fail("/Contents is not the signed gap (wrapping)");
  // The /ByteRange used must be the one written inside the signed bytes, next to the gap.
  const near = [...byteRangeLiterals(bytes, a - 4096, a), ...byteRangeLiterals(bytes, b, b + 4096)];
  if (!near.some((r) => r.every((n, i) => n === range[i]))) return fail("the /ByteRange used is not the signed one (wrapping)");
  if (!endsRevision(bytes, end)) return fail("the signed range does not end at a revision (%%EOF)");

  let cms;
  try {
    cms = parseCms(fromHex(gapHex));
  } catch (e) {
    return fail(`unreadable CMS: ${(e as Error).message}`);
  }
  if (!cms.signer) return fail("the signer's certificate is not in the signature");
  const info = await certificateInfo(cms.signer);
  report.signer = info.commonName;
  report.issuer = /CN=([^,]+)/.exec(info.issuer)?.[1] ?? info.issuer;
  report.certificate = { subject: info.subject, serial: info.serial, fingerprint: info.fingerprint, notBefore: info.notBefore.toISOString(), notAfter: info.notAfter.toISOString() };

  let validAt = now;
  if (cms.timestampToken) {
    const ts = await verifyTimestampToken(cms.timestampToken, cms.signature, anchors);
    if (ts) {
      report.timestamped = true;
      report.signedAt = ts.genTime.toISOString();
      validAt = ts.genTime;
    }
  }
  report.certificateValid = validAt >= info.notBefore && validAt <= info.notAfter;
  const checkAt = new Date(Math.min(Math.max(validAt.getTime(), info.notBefore.getTime()), info.notAfter.getTime()));
  report.trusted = await chainsToAnchor(cms.signer, cms.certificates, anchors, checkAt);

  if (cms.digestAlgorithm !== OID.sha256) return fail("digest algorithm is not SHA-256");
  const digest = createHash("sha256").update(bytes.subarray(0, a)).update(bytes.subarray(b, end)).digest();
  if (!cms.messageDigest || !digest.equals(Buffer.from(cms.messageDigest))) return fail("the signed bytes were changed (message digest mismatch)");
  if (!(await verifyWithCertificate(cms.signer, cms.signedAttributes, cms.signature, cms.signatureAlgorithm))) return fail("the signature does not verify");
  report.integrity = "intact";
  return report;
}

export async function verifyPdf(bytes: Uint8Array, opts: { trustAnchors: Uint8Array[]; now?: Date }): Promise<VerifyResult> {
  const now = opts.now ?? new Date();
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
  } catch (e) {
    const hasSig = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes("/ByteRange");
    return { signatures: [], verdict: hasSig ? "invalid" : "unsigned", error: (e as Error).message };
  }
  const dicts = signatureDicts(doc);
  const signatures: SignatureReport[] = [];
  for (const d of dicts) signatures.push(await checkOne(bytes, d, opts.trustAnchors, now));
  // Every distinct /ByteRange written in the file must belong to a signature read above: a second,
  // unreadable or shadowed signature dictionary (wrapping) makes the file invalid.
  const literals = new Set(byteRangeLiterals(bytes, 0, bytes.length).map((r) => r.join(" ")));
  const used = new Set(
    dicts.map((d) => {
      const br = d.dict.lookup(PDFName.of("ByteRange"));
      return br instanceof PDFArray ? br.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : NaN)).join(" ") : "";
    }),
  );
  const stray = [...literals].filter((l) => !used.has(l));
  if (stray.length)
    signatures.push({
      fieldName: "", signer: "", issuer: "", signedAt: null, timestamped: false, coversWholeFile: false, modifiedAfter: false, certificateValid: false, trusted: false,
      integrity: "broken", problem: `a /ByteRange [${stray[0]}] belongs to no readable signature (wrapping or a damaged signature)`,
    });
  // In file order (the order of their revisions).
  signatures.sort((x, y) => (x.modifiedAfter === false ? 0 : x.modifiedAfter) > (y.modifiedAfter === false ? 0 : y.modifiedAfter) ? -1 : 1);
  return { signatures, verdict: verdictOf(signatures) };
}

export function verdictOf(signatures: SignatureReport[]): Verdict {
  if (!signatures.length) return "unsigned";
  if (signatures.some((s) => s.integrity !== "intact" || !s.certificateValid || !s.trusted)) return "invalid";
  if (!signatures.some((s) => s.coversWholeFile)) return "modified";
  return "valid";
}

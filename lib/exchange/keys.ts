import "server-only";
import { createPrivateKey, createPublicKey, generateKeyPairSync, X509Certificate } from "node:crypto";
import forge from "node-forge";
import { loadPkcs12 } from "@/lib/edxml/signature-p12";

// The agency's exchange key and certificate (issue 13, administration): a new RSA key with its
// PKCS#10 request for the CA, the certificate the CA returns (PEM or DER), or both from a PKCS#12
// file. The private key leaves this module only as PKCS#8 PEM to be sealed (secret-box.ts).

/** A key-or-certificate problem, with the Vietnamese message the form shows. */
export class KeyMaterialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyMaterialError";
  }
}

/** The user id attribute (RFC 4519 uid) that carries the agency's mã định danh in the request's subject. */
export const UID_OID = "0.9.2342.19200300.100.1.1";

export interface KeyAndRequest {
  /** PKCS#8 PEM. */
  keyPem: string;
  csrPem: string;
}

/**
 * RSA 2048 (node:crypto) and a PKCS#10 request signed with it (SHA-256), the subject naming the
 * agency: CN and O its name (O its parent when it has one), UID its mã định danh, C=VN. The
 * Vietnamese names are written as UTF8String (forge UTF-8-encodes a value of that tag itself: pass
 * the JavaScript string, not its bytes, or it is encoded twice).
 */
export function generateKeyAndRequest(agency: { name: string; organId: string; parentName?: string }): KeyAndRequest {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, publicExponent: 0x10001 });
  const keyPem = privateKey.export({ type: "pkcs8", format: "pem" }) as string;
  const forgeKey = forge.pki.privateKeyFromPem(privateKey.export({ type: "pkcs1", format: "pem" }) as string) as forge.pki.rsa.PrivateKey;
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  const utf8 = (v: string) => ({ value: v.normalize("NFC"), valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class });
  const attrs: forge.pki.CertificateField[] = [
    { shortName: "C", value: "VN" },
    { name: "organizationName", ...utf8(agency.parentName?.trim() || agency.name) },
    { name: "commonName", ...utf8(agency.name) },
    { type: UID_OID, value: agency.organId, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class },
  ];
  csr.setSubject(attrs);
  csr.sign(forgeKey, forge.md.sha256.create());
  return { keyPem, csrPem: forge.pki.certificationRequestToPem(csr) };
}

/** A certificate as PEM from PEM text or DER bytes (base64 of a .cer/.crt file). */
export function certificateFromUpload(bytes: Buffer): X509Certificate {
  const text = bytes.toString("latin1");
  const pem = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/);
  try {
    return new X509Certificate(pem ? Buffer.from(pem[0], "latin1") : bytes);
  } catch {
    throw new KeyMaterialError("Không đọc được chứng thư số (cần tệp PEM hoặc DER của một chứng thư X.509).");
  }
}

/** Whether the certificate is for this private key (PKCS#8 PEM). */
export function certificateMatchesKey(cert: X509Certificate, keyPem: string): boolean {
  try {
    const spki = (k: Parameters<typeof createPublicKey>[0]) => createPublicKey(k).export({ type: "spki", format: "der" });
    return spki(createPrivateKey(keyPem)).equals(cert.publicKey.export({ type: "spki", format: "der" }));
  } catch {
    return false;
  }
}

/** The key and certificate of a PKCS#12 file, or a Vietnamese reason. */
export function keyFromPkcs12(bytes: Buffer, password: string): { keyPem: string; certPem: string } {
  try {
    const { key, cert } = loadPkcs12(bytes, password);
    return { keyPem: key, certPem: cert };
  } catch (e) {
    const msg = e instanceof Error ? e.message : "";
    if (/Mật khẩu/.test(msg)) throw new KeyMaterialError("Mật khẩu của tệp PKCS#12 không đúng.");
    if (/không chứa|nhiều khóa/.test(msg)) throw new KeyMaterialError(msg);
    throw new KeyMaterialError("Không đọc được tệp PKCS#12 (.p12/.pfx). Kiểm tra lại tệp và mật khẩu.");
  }
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  validFrom: Date;
  validTo: Date;
  /** SHA-256 of the DER, as AA:BB:… */
  fingerprint: string;
  /** "expired", "expiring" (within 30 days), or "ok". */
  state: "expired" | "expiring" | "ok" | "not_yet_valid";
  daysLeft: number;
}

export const EXPIRY_WARNING_DAYS = 30;
const DAY = 86_400_000;

/** A distinguished name as one line, most specific first ("CN=…, O=…, C=VN"). */
function dnLine(dn: string): string {
  return dn
    .split("\n")
    .filter(Boolean)
    .reverse()
    .join(", ");
}

export function certificateInfo(pem: string | X509Certificate, now = new Date()): CertificateInfo {
  const c = typeof pem === "string" ? new X509Certificate(pem) : pem;
  const validFrom = new Date(c.validFrom);
  const validTo = new Date(c.validTo);
  const daysLeft = Math.floor((validTo.getTime() - now.getTime()) / DAY);
  const state =
    validTo.getTime() < now.getTime() ? "expired" : validFrom.getTime() > now.getTime() ? "not_yet_valid" : daysLeft < EXPIRY_WARNING_DAYS ? "expiring" : "ok";
  return { subject: dnLine(c.subject), issuer: dnLine(c.issuer), validFrom, validTo, fingerprint: c.fingerprint256, state, daysLeft };
}

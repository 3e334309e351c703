import "server-only";
import { X509Certificate } from "node:crypto";
import { invalid } from "@/lib/errors";

export interface CertificateInfo {
  der: Uint8Array;
  subject: string;
  issuer: string;
  serial: string;
  fingerprint: string;
  notBefore: Date;
  notAfter: Date;
}

const PEM = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/;
const field = (msg: string) => invalid({ certificate: [msg] });

/** "CN=Nguyễn Văn Hùng\nO=Sở Nội vụ" → "CN=Nguyễn Văn Hùng, O=Sở Nội vụ". */
const oneLine = (dn: string) => dn.split("\n").filter(Boolean).join(", ");

/**
 * Reads an uploaded certificate file (.cer/.crt DER, or PEM): the public part only. A file that carries a
 * private key or is a PKCS#12 container is refused, so a key never lands on the server by mistake.
 */
export function readCertificate(bytes: Uint8Array): CertificateInfo {
  const text = new TextDecoder("latin1").decode(bytes);
  if (/PRIVATE KEY-----/.test(text)) throw field("Tệp có chứa khóa bí mật. Chỉ tải lên chứng thư số (phần công khai: .cer, .crt, .pem).");
  const pem = PEM.exec(text);
  const der = pem ? Uint8Array.from(Buffer.from(pem[1].replace(/\s+/g, ""), "base64")) : bytes;
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(der);
  } catch {
    throw field("Không đọc được chứng thư số. Hãy chọn tệp .cer, .crt hoặc .pem (không chọn tệp .p12/.pfx).");
  }
  return {
    der: Uint8Array.from(cert.raw),
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    serial: cert.serialNumber,
    fingerprint: cert.fingerprint256.replaceAll(":", "").toLowerCase(),
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
  };
}

/** The common name of a distinguished name, for short labels. */
export const commonName = (dn: string) => /(?:^|, )CN=([^,]+)/.exec(dn)?.[1] ?? dn;

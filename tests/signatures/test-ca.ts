import "reflect-metadata";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

// A test certification authority with Vietnamese letters in its names (the case that broke
// node-forge's CMS), issuing certificates for two leaders and the agency, an expired certificate,
// and a certificate from a second CA nobody trusts. Keys are RSA 2048 (what Vietnamese public CAs
// issue). PKCS#12 files are written by openssl in the legacy (3DES, SHA-1 MAC, what Windows
// exports) and modern (PBES2/AES-256, SHA-256 MAC) forms.

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALG = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };

export interface TestIdentity {
  name: string;
  certificate: Uint8Array;
  certPem: string;
  key: CryptoKey;
  pkcs8: Uint8Array;
  keyPem: string;
  /** Signer first, then the CA. */
  chain: Uint8Array[];
  /** A PKCS#12 of key + chain. */
  p12(kind: "legacy" | "aes", password: string): Uint8Array;
}

export interface TestCa {
  root: TestIdentity;
  leader: TestIdentity;
  deputy: TestIdentity;
  agency: TestIdentity;
  expired: TestIdentity;
  untrustedRoot: TestIdentity;
  untrusted: TestIdentity;
  /** A time-stamp authority (extended key usage timeStamping, critical). */
  tsa: TestIdentity;
}

const pem = (label: string, der: Uint8Array) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n").replace(/\n?$/, "\n")}-----END ${label}-----\n`;

function p12Of(keyPem: string, chainPem: string[], kind: "legacy" | "aes", password: string): Uint8Array {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "test-ca-"));
  try {
    fs.writeFileSync(path.join(dir, "key.pem"), keyPem);
    fs.writeFileSync(path.join(dir, "cert.pem"), chainPem[0]);
    fs.writeFileSync(path.join(dir, "ca.pem"), chainPem.slice(1).join(""));
    const args = ["pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-passout", `pass:${password}`, "-out", "out.p12"];
    if (chainPem.length > 1) args.push("-certfile", "ca.pem");
    if (kind === "legacy") args.push("-keypbe", "PBE-SHA1-3DES", "-certpbe", "PBE-SHA1-3DES", "-macalg", "sha1");
    else args.push("-keypbe", "AES-256-CBC", "-certpbe", "AES-256-CBC", "-macalg", "sha256");
    execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
    return new Uint8Array(fs.readFileSync(path.join(dir, "out.p12")));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function identity(
  name: string,
  subject: string,
  issuer: { subject: string; key: CryptoKey; chain: Uint8Array[] } | null,
  opts: { ca?: boolean; tsa?: boolean; notBefore?: Date; notAfter?: Date; serial: string },
): Promise<TestIdentity> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ["sign", "verify"])) as CryptoKeyPair;
  const notBefore = opts.notBefore ?? new Date(Date.UTC(2025, 0, 1));
  const notAfter = opts.notAfter ?? new Date(Date.UTC(2045, 0, 1));
  const extensions = opts.ca
    ? [new x509.BasicConstraintsExtension(true, 1, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)]
    : [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
        ...(opts.tsa ? [new x509.ExtendedKeyUsageExtension(["1.3.6.1.5.5.7.3.8"], true)] : []),
      ];
  const cert = issuer
    ? await x509.X509CertificateGenerator.create({
        serialNumber: opts.serial,
        subject,
        issuer: issuer.subject,
        notBefore,
        notAfter,
        signingKey: issuer.key,
        publicKey: keys.publicKey,
        signingAlgorithm: ALG,
        extensions,
      })
    : await x509.X509CertificateGenerator.createSelfSigned({ serialNumber: opts.serial, name: subject, notBefore, notAfter, keys, signingAlgorithm: ALG, extensions });
  const certificate = new Uint8Array(cert.rawData);
  const pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey));
  const key = await webcrypto.subtle.importKey("pkcs8", pkcs8, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
  const chain = [certificate, ...(issuer?.chain ?? [])];
  const keyPem = pem("PRIVATE KEY", pkcs8);
  return {
    name,
    certificate,
    certPem: pem("CERTIFICATE", certificate),
    key: key as CryptoKey,
    pkcs8,
    keyPem,
    chain,
    p12: (kind, password) => p12Of(keyPem, chain.map((c) => pem("CERTIFICATE", c)), kind, password),
  };
}

async function build(): Promise<TestCa> {
  const rootSubject = "C=VN, O=Ban Cơ yếu Chính phủ (thử nghiệm), CN=Cơ quan chứng thực số chuyên dùng thử nghiệm";
  const root = await identity(rootSubject, rootSubject, null, { ca: true, serial: "01", notBefore: new Date(Date.UTC(2019, 0, 1)) });
  const rootKey = (await webcrypto.subtle.importKey("pkcs8", root.pkcs8, ALG, false, ["sign"])) as CryptoKey;
  const by = { subject: rootSubject, key: rootKey, chain: [root.certificate] };
  const leaf = (name: string, subject: string, serial: string, o: { notBefore?: Date; notAfter?: Date } = {}) =>
    identity(name, `C=VN, ST=Tỉnh Thử nghiệm, O=Sở Nội vụ, ${subject}`, by, { serial, ...o });
  const [leader, deputy, agency, expired, tsa] = await Promise.all([
    leaf("Nguyễn Văn Hùng", "T=Giám đốc, CN=Nguyễn Văn Hùng", "1001"),
    leaf("Trần Thị Thu Hà", "T=Phó Giám đốc, CN=Trần Thị Thu Hà", "1002"),
    leaf("Sở Nội vụ tỉnh Thử nghiệm", "CN=Sở Nội vụ tỉnh Thử nghiệm", "1003"),
    leaf("Lê Văn Cũ", "CN=Lê Văn Cũ", "1004", { notBefore: new Date(Date.UTC(2020, 0, 1)), notAfter: new Date(Date.UTC(2021, 0, 1)) }),
    identity("Dịch vụ cấp dấu thời gian thử nghiệm", "C=VN, O=Ban Cơ yếu Chính phủ (thử nghiệm), CN=Dịch vụ cấp dấu thời gian thử nghiệm", by, { serial: "1005", tsa: true }),
  ]);
  const otherSubject = "C=VN, O=Tổ chức lạ, CN=CA không được tin cậy";
  const untrustedRoot = await identity(otherSubject, otherSubject, null, { ca: true, serial: "02" });
  const otherKey = (await webcrypto.subtle.importKey("pkcs8", untrustedRoot.pkcs8, ALG, false, ["sign"])) as CryptoKey;
  const untrusted = await identity("Phạm Giả Mạo", "C=VN, CN=Phạm Giả Mạo", { subject: otherSubject, key: otherKey, chain: [untrustedRoot.certificate] }, { serial: "2001" });
  return { root, leader, deputy, agency, expired, untrustedRoot, untrusted, tsa };
}

let cached: Promise<TestCa> | null = null;
/** One test CA per process. */
export const testCa = () => (cached ??= build());

export { pem };

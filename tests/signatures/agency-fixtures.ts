import { execFileSync } from "node:child_process";
import { createPrivateKey, generateKeyPairSync, X509Certificate } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import forge from "node-forge";

// The agency's key for the tests and the benchmark of issue 14 (sigagency): a root CA and the agency's
// certificate with Vietnamese names (UTF8String), as PEM, DER and a PKCS#12 (3DES), and the same key in a
// SoftHSM2 token created in a temporary folder (SOFTHSM2_CONF) with softhsm2-util and pkcs11-tool.

export const SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so";
export const hasSoftHsm = () => fs.existsSync(SOFTHSM_MODULE) && hasCommand("softhsm2-util") && hasCommand("pkcs11-tool");
export const hasPdfsig = () => hasCommand("pdfsig");
function hasCommand(name: string) {
  try {
    execFileSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const utf8 = (value: string) => ({ value, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class });
const toForgeKey = (pem: string) => forge.pki.privateKeyFromPem(createPrivateKey(pem).export({ type: "pkcs1", format: "pem" }) as string) as forge.pki.rsa.PrivateKey;
function rsa() {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return privateKey.export({ type: "pkcs8", format: "pem" }) as string;
}

export interface AgencyKeyFixture {
  caPem: string;
  caDer: Uint8Array;
  keyPem: string;
  certPem: string;
  certDer: Uint8Array;
  p12: Buffer;
  password: string;
}

export interface TestCa {
  caPem: string;
  caDer: Uint8Array;
  /** A key and certificate issued by this CA to `name`. */
  issue(name: string): AgencyKeyFixture;
}

/** A test CA (Vietnamese names, UTF8String) that issues signing certificates valid from yesterday for a year. */
export function makeTestCa(): TestCa {
  const caKey = rsa();
  const caF = toForgeKey(caKey);
  const caName = [{ shortName: "C", value: "VN" }, { name: "organizationName", ...utf8("Ban Cơ yếu Chính phủ (thử nghiệm)") }, { name: "commonName", ...utf8("CA thử nghiệm chuyên dùng Chính phủ") }];
  const from = new Date(Date.now() - 86_400_000);
  const cert = (pub: forge.pki.PublicKey, subject: forge.pki.CertificateField[], ca: boolean) => {
    const c = forge.pki.createCertificate();
    c.publicKey = pub;
    c.serialNumber = "0" + Math.floor(Math.random() * 1e12).toString(16);
    c.validity.notBefore = from;
    c.validity.notAfter = new Date(from.getTime() + 366 * 86_400_000);
    c.setSubject(subject);
    c.setIssuer(caName);
    c.setExtensions(ca ? [{ name: "basicConstraints", cA: true, critical: true }, { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true }]
      : [{ name: "basicConstraints", cA: false }, { name: "keyUsage", digitalSignature: true, nonRepudiation: true, critical: true }]);
    c.sign(caF, forge.md.sha256.create());
    return forge.pki.certificateToPem(c);
  };
  const caPem = cert(forge.pki.setRsaPublicKey(caF.n, caF.e), caName, true);
  const der = (pem: string) => new Uint8Array(new X509Certificate(pem).raw);
  return {
    caPem,
    caDer: der(caPem),
    issue(name) {
      const keyPem = rsa();
      const kF = toForgeKey(keyPem);
      const certPem = cert(forge.pki.setRsaPublicKey(kF.n, kF.e), [{ shortName: "C", value: "VN" }, { name: "localityName", ...utf8("Bình Định") }, { name: "commonName", ...utf8(name) }], false);
      const password = "mat-khau-p12";
      const asn1 = forge.pkcs12.toPkcs12Asn1(kF, [forge.pki.certificateFromPem(certPem), forge.pki.certificateFromPem(caPem)], password, { algorithm: "3des" });
      return { caPem, caDer: der(caPem), keyPem, certPem, certDer: der(certPem), p12: Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary"), password };
    },
  };
}

/** A test CA and the agency's key and certificate. */
export function makeAgencyKey(name = "Sở Nội vụ tỉnh Bình Định", ca: TestCa = makeTestCa()): AgencyKeyFixture {
  return ca.issue(name);
}

export interface SoftHsmToken {
  dir: string;
  conf: string;
  token: string;
  keyLabel: string;
  pin: string;
  cleanup(): void;
}

/**
 * A SoftHSM2 token in a temporary folder holding the agency key and certificate (label `keyLabel`) and
 * the CA certificate. Sets SOFTHSM2_CONF for this process (read by the module at C_Initialize).
 */
export function makeSoftHsmToken(fx: AgencyKeyFixture, token = "VanThu-SNV", keyLabel = "agency-signing"): SoftHsmToken {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "softhsm-"));
  fs.mkdirSync(path.join(dir, "tokens"));
  const conf = path.join(dir, "softhsm2.conf");
  fs.writeFileSync(conf, `directories.tokendir = ${path.join(dir, "tokens")}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  const pin = "123456";
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  run("softhsm2-util", ["--init-token", "--free", "--label", token, "--pin", pin, "--so-pin", "87654321"]);
  fs.writeFileSync(path.join(dir, "key.pem"), fx.keyPem);
  run("softhsm2-util", ["--import", path.join(dir, "key.pem"), "--token", token, "--label", keyLabel, "--id", "01", "--pin", pin]);
  fs.rmSync(path.join(dir, "key.pem"));
  const write = (der: Uint8Array, label: string, id: string) => {
    const file = path.join(dir, `${label}.der`);
    fs.writeFileSync(file, der);
    run("pkcs11-tool", ["--module", SOFTHSM_MODULE, "--token-label", token, "--login", "--pin", pin, "--write-object", file, "--type", "cert", "--label", label, "--id", id]);
  };
  write(fx.certDer, keyLabel, "01");
  write(fx.caDer, "ca", "02");
  process.env.SOFTHSM2_CONF = conf;
  return { dir, conf, token, keyLabel, pin, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

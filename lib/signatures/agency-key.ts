import "server-only";
import { createPrivateKey, sign as nodeSign, X509Certificate, type KeyObject } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { agencySigning } from "@/db/schema";
import { loadPkcs12 } from "@/lib/edxml/signature-p12";
import { open } from "@/lib/secret-box";

// The agency key (issue 14, NĐ 30/2020 Phụ lục I §8): the Văn thư's signature of the agency, made on the
// server behind one interface with two backends, a PKCS#12 file and a PKCS#11 module (an HSM; SoftHSM2
// in the tests). The key never leaves this module: callers get the certificate chain and signatures of
// the bytes they pass. The settings come from the administrator's row (agency_signing, secrets sealed)
// or, when that row names no backend, from the server configuration:
//   AGENCY_SIGNING_P12 (path), AGENCY_SIGNING_P12_PASSWORD
//   AGENCY_PKCS11_MODULE (path of the .so), AGENCY_PKCS11_TOKEN (token label), AGENCY_PKCS11_KEY_LABEL, AGENCY_PKCS11_PIN

export type AgencySignatureAlgorithm = "RSASSA-PKCS1-v1_5" | "ECDSA";

export interface AgencySigner {
  backend: "pkcs12" | "pkcs11";
  algorithm: AgencySignatureAlgorithm;
  /** DER certificates, the agency's first, then its issuers as far as known. */
  chain(): Promise<Uint8Array[]>;
  /**
   * The signature of `toBeSigned` (the DER signed attributes) with SHA-256: PKCS#1 v1.5 for RSA, and for
   * ECDSA the raw r‖s of WebCrypto (what signWithCryptoKey returns; assembleCms encodes it).
   */
  sign(toBeSigned: Uint8Array): Promise<Uint8Array>;
}

/** The agency signature cannot be made: the message says why, in Vietnamese. */
export class AgencyKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AgencyKeyError";
  }
}

export type AgencyKeyConfig =
  | { backend: "pkcs12"; p12: Uint8Array; password: string }
  | { backend: "pkcs11"; module: string; token: string; keyLabel: string; pin: string };

const NOT_CONFIGURED =
  "Chưa cấu hình khóa ký số của cơ quan. Quản trị hệ thống cần nhập tệp PKCS#12 hoặc khai báo thiết bị HSM (PKCS#11).";

/** The settings of the agency's key: its own row, else the server configuration; null when none. */
export async function agencyKeyConfig(tx: Db | Tx, agencyId: string, env: NodeJS.ProcessEnv = process.env): Promise<AgencyKeyConfig | null> {
  const [row] = await tx.select().from(agencySigning).where(eq(agencySigning.agencyId, agencyId));
  if (row?.backend === "pkcs12" && row.p12Enc) {
    return { backend: "pkcs12", p12: open(row.p12Enc), password: row.p12PasswordEnc ? open(row.p12PasswordEnc).toString("utf8") : "" };
  }
  if (row?.backend === "pkcs11" && row.pkcs11Module && row.pkcs11Token && row.pkcs11KeyLabel) {
    return {
      backend: "pkcs11", module: row.pkcs11Module, token: row.pkcs11Token, keyLabel: row.pkcs11KeyLabel,
      pin: row.pkcs11PinEnc ? open(row.pkcs11PinEnc).toString("utf8") : "",
    };
  }
  return configFromEnv(env);
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AgencyKeyConfig | null {
  if (env.AGENCY_PKCS11_MODULE && env.AGENCY_PKCS11_TOKEN && env.AGENCY_PKCS11_KEY_LABEL) {
    return { backend: "pkcs11", module: env.AGENCY_PKCS11_MODULE, token: env.AGENCY_PKCS11_TOKEN, keyLabel: env.AGENCY_PKCS11_KEY_LABEL, pin: env.AGENCY_PKCS11_PIN ?? "" };
  }
  if (env.AGENCY_SIGNING_P12) {
    let p12: Buffer;
    try {
      p12 = fs.readFileSync(env.AGENCY_SIGNING_P12);
    } catch {
      throw new AgencyKeyError("Không đọc được tệp khóa của cơ quan (AGENCY_SIGNING_P12).");
    }
    return { backend: "pkcs12", p12, password: env.AGENCY_SIGNING_P12_PASSWORD ?? "" };
  }
  return null;
}

/** The signer of the agency's key; refuses with a Vietnamese message when none is configured or it cannot be opened. */
export async function getAgencySigner(tx: Db | Tx, agencyId: string): Promise<AgencySigner> {
  const config = await agencyKeyConfig(tx, agencyId);
  if (!config) throw new AgencyKeyError(NOT_CONFIGURED);
  return signerOf(config);
}

export function signerOf(config: AgencyKeyConfig): AgencySigner {
  return config.backend === "pkcs12" ? pkcs12Signer(config.p12, config.password) : pkcs11Signer(config);
}

/** Orders certificates leaf first, each followed by its issuer when present (the rest dropped). */
function orderChain(leaf: X509Certificate, others: X509Certificate[]): Uint8Array[] {
  const out = [leaf];
  let current = leaf;
  for (let i = 0; i < others.length; i++) {
    const issuer = others.find((c) => !out.includes(c) && current.checkIssued(c) && c.subject !== current.subject);
    if (!issuer) break;
    out.push(issuer);
    current = issuer;
  }
  return out.map((c) => new Uint8Array(c.raw));
}

const algorithmOf = (key: KeyObject): AgencySignatureAlgorithm => {
  if (key.asymmetricKeyType === "rsa") return "RSASSA-PKCS1-v1_5";
  if (key.asymmetricKeyType === "ec") return "ECDSA";
  throw new AgencyKeyError("Khóa của cơ quan phải là RSA hoặc ECDSA.");
};

// ── PKCS#12 ────────────────────────────────────────────────────────────────────────────────────
function pkcs12Signer(p12: Uint8Array, password: string): AgencySigner {
  let contents: ReturnType<typeof loadPkcs12>;
  try {
    contents = loadPkcs12(p12, password);
  } catch (e) {
    throw new AgencyKeyError(e instanceof Error && /Mật khẩu/.test(e.message) ? "Mật khẩu của tệp khóa cơ quan (PKCS#12) không đúng." : "Không đọc được tệp khóa của cơ quan (PKCS#12).");
  }
  const key = createPrivateKey(contents.key);
  const algorithm = algorithmOf(key);
  const chain = orderChain(new X509Certificate(contents.cert), contents.chain.map((pem) => new X509Certificate(pem)));
  return {
    backend: "pkcs12",
    algorithm,
    chain: async () => chain,
    sign: async (tbs) => new Uint8Array(nodeSign("sha256", tbs, algorithm === "ECDSA" ? { key, dsaEncoding: "ieee-p1363" } : key)),
  };
}

// ── PKCS#11 ────────────────────────────────────────────────────────────────────────────────────
// pkcs11js is an optional dependency (a native module built at install); without it only PKCS#12 works.
type Pkcs11Module = typeof import("pkcs11js");
let pkcs11Lib: Pkcs11Module | null | undefined;
function pkcs11js(): Pkcs11Module {
  if (pkcs11Lib === undefined) {
    try {
      pkcs11Lib = createRequire(import.meta.url)("pkcs11js") as Pkcs11Module;
    } catch {
      pkcs11Lib = null;
    }
  }
  if (!pkcs11Lib) throw new AgencyKeyError("Máy chủ chưa có thư viện PKCS#11 (gói pkcs11js): chưa dùng được thiết bị HSM.");
  return pkcs11Lib;
}

/** One loaded module per path and one logged-in session per token for the whole process (PKCS#11 login is per application). */
const modules = new Map<string, InstanceType<Pkcs11Module["PKCS11"]>>();
const sessions = new Map<string, Buffer>();

function moduleAt(path: string) {
  let m = modules.get(path);
  if (!m) {
    const lib = pkcs11js();
    m = new lib.PKCS11();
    try {
      m.load(path);
      m.C_Initialize();
    } catch (e) {
      throw new AgencyKeyError(`Không nạp được thư viện PKCS#11 của thiết bị (${path}): ${(e as Error).message}`);
    }
    modules.set(path, m);
  }
  return m;
}

function sessionFor(config: Extract<AgencyKeyConfig, { backend: "pkcs11" }>) {
  const lib = pkcs11js();
  const m = moduleAt(config.module);
  const id = `${config.module}\0${config.token}`;
  let s = sessions.get(id);
  if (s) return { m, s, lib };
  const slot = m.C_GetSlotList(true).find((sl) => m.C_GetTokenInfo(sl).label.trim() === config.token);
  if (!slot) throw new AgencyKeyError(`Không tìm thấy thiết bị ký có nhãn "${config.token}".`);
  s = m.C_OpenSession(slot, lib.CKF_SERIAL_SESSION | lib.CKF_RW_SESSION);
  try {
    m.C_Login(s, lib.CKU_USER, config.pin);
  } catch (e) {
    const msg = (e as Error).message;
    if (!/CKR_USER_ALREADY_LOGGED_IN/.test(msg)) {
      m.C_CloseSession(s);
      throw new AgencyKeyError(/PIN_INCORRECT|PIN_LEN/.test(msg) ? "Mã PIN của thiết bị ký không đúng." : `Không đăng nhập được thiết bị ký: ${msg}`);
    }
  }
  sessions.set(id, s);
  return { m, s, lib };
}

function findObjects(m: InstanceType<Pkcs11Module["PKCS11"]>, s: Buffer, template: { type: number; value: unknown }[]) {
  m.C_FindObjectsInit(s, template as never);
  const found: Buffer[] = [];
  for (;;) {
    const h = m.C_FindObjects(s);
    if (!h) break;
    found.push(h);
  }
  m.C_FindObjectsFinal(s);
  return found;
}

function pkcs11Signer(config: Extract<AgencyKeyConfig, { backend: "pkcs11" }>): AgencySigner {
  const { m, s, lib } = sessionFor(config);
  const [keyHandle] = findObjects(m, s, [
    { type: lib.CKA_CLASS, value: lib.CKO_PRIVATE_KEY },
    { type: lib.CKA_LABEL, value: config.keyLabel },
  ]);
  if (!keyHandle) throw new AgencyKeyError(`Thiết bị ký không có khóa "${config.keyLabel}".`);
  const certs = findObjects(m, s, [{ type: lib.CKA_CLASS, value: lib.CKO_CERTIFICATE }]).map((h) => {
    const [label, value] = m.C_GetAttributeValue(s, h, [{ type: lib.CKA_LABEL }, { type: lib.CKA_VALUE }]);
    return { label: String(label.value ?? ""), cert: new X509Certificate(value.value as Buffer) };
  });
  const leaf = certs.find((c) => c.label === config.keyLabel);
  if (!leaf) throw new AgencyKeyError(`Thiết bị ký không có chứng thư số "${config.keyLabel}" đi kèm khóa.`);
  const [keyType] = m.C_GetAttributeValue(s, keyHandle, [{ type: lib.CKA_KEY_TYPE }]);
  const raw = keyType.value as Buffer;
  const type = raw.length === 8 ? Number(raw.readBigUInt64LE(0)) : raw.readUInt32LE(0);
  const algorithm: AgencySignatureAlgorithm = type === lib.CKK_EC ? "ECDSA" : "RSASSA-PKCS1-v1_5";
  const chain = orderChain(leaf.cert, certs.filter((c) => c !== leaf).map((c) => c.cert));
  return {
    backend: "pkcs11",
    algorithm,
    chain: async () => chain,
    sign: async (tbs) => {
      const data = Buffer.from(tbs);
      if (algorithm === "ECDSA") {
        // CKM_ECDSA signs a digest: hash first; the token answers r‖s.
        const digest = Buffer.from(await crypto.subtle.digest("SHA-256", data));
        m.C_SignInit(s, { mechanism: lib.CKM_ECDSA }, keyHandle);
        return new Uint8Array(m.C_Sign(s, digest, Buffer.alloc(132)));
      }
      m.C_SignInit(s, { mechanism: lib.CKM_SHA256_RSA_PKCS }, keyHandle);
      return new Uint8Array(m.C_Sign(s, data, Buffer.alloc(1024)));
    },
  };
}

/** Closes the PKCS#11 sessions and modules of this process (tests, the benchmark). */
export function closeAgencyKeys() {
  for (const [id, s] of sessions) {
    const m = modules.get(id.split("\0")[0]);
    try {
      m?.C_CloseSession(s);
    } catch {
      // already closed with its module
    }
  }
  sessions.clear();
  for (const m of modules.values()) {
    try {
      m.C_Finalize();
      m.close();
    } catch {
      // finalized already
    }
  }
  modules.clear();
}

/** What the administrator's screen shows of the agency key: never the key, the file, the password or the PIN. */
export interface AgencyKeyStatus {
  configured: boolean;
  /** Where the settings come from: the administrator's (settings) or the server's environment (configuration). */
  source: "settings" | "configuration" | null;
  backend: "pkcs12" | "pkcs11" | null;
  /** PKCS#11: the token label and key label (not secret). */
  token?: string;
  keyLabel?: string;
  subject?: string;
  issuer?: string;
  notBefore?: Date;
  notAfter?: Date;
  /** Why the key cannot be used now (Vietnamese). */
  error?: string;
}

export async function agencyKeyStatus(tx: Db | Tx, agencyId: string): Promise<AgencyKeyStatus> {
  const [row] = await tx.select({ backend: agencySigning.backend }).from(agencySigning).where(eq(agencySigning.agencyId, agencyId));
  let config: AgencyKeyConfig | null;
  try {
    config = await agencyKeyConfig(tx, agencyId);
  } catch (e) {
    return { configured: false, source: null, backend: null, error: e instanceof AgencyKeyError ? e.message : "Không mở được khóa của cơ quan." };
  }
  if (!config) return { configured: false, source: null, backend: null };
  const base: AgencyKeyStatus = {
    configured: true, source: row?.backend ? "settings" : "configuration", backend: config.backend,
    ...(config.backend === "pkcs11" ? { token: config.token, keyLabel: config.keyLabel } : {}),
  };
  try {
    const [leaf] = await signerOf(config).chain();
    const cert = new X509Certificate(leaf);
    return { ...base, subject: cert.subject, issuer: cert.issuer, notBefore: new Date(cert.validFrom), notAfter: new Date(cert.validTo) };
  } catch (e) {
    return { ...base, error: e instanceof AgencyKeyError ? e.message : "Không mở được khóa của cơ quan." };
  }
}

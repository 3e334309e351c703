import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type * as Forge from "node-forge";
import { ab, bytesOf, children, concat, contentOf, ctx, int, issuerAndSerial, nul, octets, oid, readNode, seq, setOf, set, tlv } from "./der";

// CMS (PKCS#7) detached signatures for PAdES B-B, built by hand so the certificate's names are copied
// byte-for-byte (stack-notes §7: node-forge double-encodes Vietnamese issuers). Isomorphic: runs in
// the browser (WebCrypto) and on the server (globalThis.crypto). Deferred signing: the server makes
// `signedAttributes`, the signer's side signs it, the server `assembleCms` and embeds it.

export const OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  timeStampToken: "1.2.840.113549.1.9.16.2.14",
  sha256: "2.16.840.1.101.3.4.2.1",
  rsaEncryption: "1.2.840.113549.1.1.1",
  sha256WithRSA: "1.2.840.113549.1.1.11",
  rsaPss: "1.2.840.113549.1.1.10",
  mgf1: "1.2.840.113549.1.1.8",
  ecPublicKey: "1.2.840.10045.2.1",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  ecdsaWithSha384: "1.2.840.10045.4.3.3",
  ecdsaWithSha512: "1.2.840.10045.4.3.4",
} as const;

export type SignatureAlgorithm = "RSASSA-PKCS1-v1_5" | "ECDSA" | "RSA-PSS";

const subtle = () => globalThis.crypto.subtle;
pkijs.setEngine("webcrypto", new pkijs.CryptoEngine({ name: "webcrypto", crypto: globalThis.crypto }));

export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest("SHA-256", data as Uint8Array<ArrayBuffer>));
}

const algId = (o: string, params?: Uint8Array) => seq(oid(o), ...(params ? [params] : []));
const attribute = (type: string, value: Uint8Array) => seq(oid(type), set(value));

/**
 * DER of the SET OF signed attributes (contentType, messageDigest, ESS signingCertificateV2; no
 * signingTime, as PAdES B-B requires): the bytes the key signs.
 */
export async function signedAttributes({ digest, certificate }: { digest: Uint8Array; certificate: Uint8Array }): Promise<Uint8Array> {
  const { issuer, serial } = issuerAndSerial(certificate);
  // ESSCertIDv2 { hashAlgorithm DEFAULT sha256 (omitted), certHash, issuerSerial { GeneralNames { [4] Name }, serial } }
  const essCertId = seq(octets(await sha256(certificate)), seq(seq(ctx(4, issuer)), serial));
  return setOf([
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(digest)),
    attribute(OID.signingCertificateV2, seq(seq(essCertId))),
  ]);
}

function signatureAlgorithmId(algorithm: SignatureAlgorithm): Uint8Array {
  if (algorithm === "ECDSA") return algId(OID.ecdsaWithSha256);
  if (algorithm === "RSA-PSS") {
    const sha = algId(OID.sha256);
    return algId(OID.rsaPss, seq(ctx(0, sha), ctx(1, algId(OID.mgf1, sha)), ctx(2, int(32))));
  }
  return algId(OID.sha256WithRSA, nul());
}

/** WebCrypto's ECDSA signature is r‖s (IEEE P1363); CMS wants DER SEQUENCE { r, s }. */
export function ecdsaToDer(sig: Uint8Array): Uint8Array {
  if (sig[0] === 0x30 && ![64, 96, 132].includes(sig.length)) return sig;
  const half = sig.length / 2;
  const integer = (b: Uint8Array) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    const v = b.subarray(i);
    return tlv(0x02, v[0] & 0x80 ? concat(Uint8Array.of(0), v) : v);
  };
  return seq(integer(sig.subarray(0, half)), integer(sig.subarray(half)));
}

/** The CMS SignedData (DER) around a signature made over `signedAttributes`. */
export function assembleCms({
  signedAttributes: attrs,
  signature,
  chain,
  algorithm,
  timestampToken,
}: {
  signedAttributes: Uint8Array;
  signature: Uint8Array;
  chain: Uint8Array[];
  algorithm: SignatureAlgorithm;
  timestampToken?: Uint8Array;
}): Uint8Array {
  if (attrs[0] !== 0x31) throw new Error("signedAttributes must be a DER SET");
  if (!chain.length) throw new Error("the certificate chain is empty");
  const { issuer, serial } = issuerAndSerial(chain[0]);
  const sig = algorithm === "ECDSA" ? ecdsaToDer(signature) : signature;
  const signerInfo = seq(
    int(1),
    seq(issuer, serial),
    algId(OID.sha256),
    concat(Uint8Array.of(0xa0), attrs.subarray(1)), // [0] IMPLICIT SET OF Attribute
    signatureAlgorithmId(algorithm),
    octets(sig),
    ...(timestampToken ? [ctx(1, attribute(OID.timeStampToken, timestampToken))] : []),
  );
  const signedData = seq(int(1), set(algId(OID.sha256)), seq(oid(OID.data)), ctx(0, ...chain), set(signerInfo));
  return seq(oid(OID.signedData), ctx(0, signedData));
}

function webCryptoParams(key: CryptoKey): AlgorithmIdentifier | EcdsaParams | RsaPssParams {
  const name = key.algorithm.name;
  if (name === "ECDSA") return { name, hash: "SHA-256" };
  if (name === "RSA-PSS") return { name, saltLength: 32 };
  return { name: "RSASSA-PKCS1-v1_5" };
}

/** Signs the DER signed attributes with a WebCrypto private key (SHA-256). */
export async function signWithCryptoKey(toBeSigned: Uint8Array, key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await subtle().sign(webCryptoParams(key), key, toBeSigned as Uint8Array<ArrayBuffer>));
}

/** The CMS algorithm name for a WebCrypto key. */
export function algorithmOfKey(key: CryptoKey): SignatureAlgorithm {
  const n = key.algorithm.name;
  return n === "ECDSA" || n === "RSA-PSS" ? n : "RSASSA-PKCS1-v1_5";
}

const EC_CURVES: Record<string, string> = {
  "1.2.840.10045.3.1.7": "P-256",
  "1.3.132.0.34": "P-384",
  "1.3.132.0.35": "P-521",
};

/** WebCrypto import parameters for the key in this certificate (RSA → PKCS#1 v1.5 SHA-256). */
export function keyParamsOf(certificate: Uint8Array): RsaHashedImportParams | EcKeyImportParams {
  const cert = pkijs.Certificate.fromBER(ab(certificate));
  const alg = cert.subjectPublicKeyInfo.algorithm;
  if (alg.algorithmId === OID.ecPublicKey) {
    const curve = EC_CURVES[(alg.algorithmParams as asn1js.ObjectIdentifier).valueBlock.toString()];
    if (!curve) throw new Error("unsupported elliptic curve");
    return { name: "ECDSA", namedCurve: curve };
  }
  return { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
}

/** The SubjectPublicKeyInfo (DER) of a certificate. */
export function spkiOf(certificate: Uint8Array): Uint8Array {
  const cert = readNode(certificate, 0);
  const tbs = children(certificate, cert)[0];
  const fields = children(certificate, tbs);
  const i = fields[0].tag === 0xa0 ? 1 : 0;
  return bytesOf(certificate, fields[i + 5]);
}

/** Whether `signature` over `data` verifies with the certificate's public key. */
export async function verifyWithCertificate(
  certificate: Uint8Array,
  data: Uint8Array,
  signature: Uint8Array,
  signatureAlgorithmOid: string,
): Promise<boolean> {
  const params = keyParamsOf(certificate);
  try {
    if (params.name === "ECDSA") {
      const hash = signatureAlgorithmOid === OID.ecdsaWithSha384 ? "SHA-384" : signatureAlgorithmOid === OID.ecdsaWithSha512 ? "SHA-512" : "SHA-256";
      const key = await subtle().importKey("spki", spkiOf(certificate) as Uint8Array<ArrayBuffer>, params, false, ["verify"]);
      return await subtle().verify({ name: "ECDSA", hash }, key, derToEcdsaRaw(signature, (params as EcKeyImportParams).namedCurve) as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>);
    }
    if (signatureAlgorithmOid === OID.rsaPss) {
      const key = await subtle().importKey("spki", spkiOf(certificate) as Uint8Array<ArrayBuffer>, { name: "RSA-PSS", hash: "SHA-256" }, false, ["verify"]);
      return await subtle().verify({ name: "RSA-PSS", saltLength: 32 }, key, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>);
    }
    // sha256WithRSA, or rsaEncryption used as the signature algorithm (common in PDF signers).
    if (signatureAlgorithmOid !== OID.sha256WithRSA && signatureAlgorithmOid !== OID.rsaEncryption) return false;
    const key = await subtle().importKey("spki", spkiOf(certificate) as Uint8Array<ArrayBuffer>, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["verify"]);
    return await subtle().verify("RSASSA-PKCS1-v1_5", key, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>);
  } catch {
    return false;
  }
}

function derToEcdsaRaw(sig: Uint8Array, curve: string): Uint8Array {
  const size = curve === "P-256" ? 32 : curve === "P-384" ? 48 : 66;
  const root = readNode(sig, 0);
  const [r, s] = children(sig, root).map((n) => contentOf(sig, n));
  const fit = (v: Uint8Array) => {
    const t = v.subarray(Math.max(0, v.length - size));
    const out = new Uint8Array(size);
    out.set(t, size - t.length);
    return out;
  };
  return concat(fit(r), fit(s));
}

export interface ParsedCms {
  certificates: Uint8Array[];
  /** The signer's certificate (matched by issuer and serial), if present. */
  signer: Uint8Array | null;
  /** DER SET OF signed attributes (tag 0x31), what was signed. */
  signedAttributes: Uint8Array;
  messageDigest: Uint8Array | null;
  digestAlgorithm: string;
  signatureAlgorithm: string;
  signature: Uint8Array;
  timestampToken: Uint8Array | null;
  /** The encapsulated content (a time-stamp token's TSTInfo); null when detached. */
  content: Uint8Array | null;
}

function oidText(buf: Uint8Array, n: { contentStart: number; end: number }): string {
  const b = buf.subarray(n.contentStart, n.end);
  const arcs = [Math.floor(b[0] / 40), b[0] % 40];
  let v = 0;
  for (const x of b.subarray(1)) {
    v = v * 128 + (x & 0x7f);
    if (!(x & 0x80)) {
      arcs.push(v);
      v = 0;
    }
  }
  return arcs.join(".");
}

const equalBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Reads a CMS SignedData with one SignerInfo (what a PDF signature holds). Throws on anything else. */
export function parseCms(der: Uint8Array): ParsedCms {
  const root = readNode(der, 0);
  const [type, explicit] = children(der, root);
  if (oidText(der, type) !== OID.signedData) throw new Error("not a CMS SignedData");
  const sd = children(der, children(der, explicit)[0]);
  let content: Uint8Array | null = null;
  const encap = children(der, sd[2]);
  if (encap[1]?.tag === 0xa0) {
    const octet = children(der, encap[1])[0];
    content = octet.tag === 0x04 ? contentOf(der, octet) : concat(...children(der, octet).map((c) => contentOf(der, c)));
  }
  let i = 3;
  const certificates: Uint8Array[] = [];
  if (sd[i].tag === 0xa0) {
    for (const c of children(der, sd[i])) if (c.tag === 0x30) certificates.push(bytesOf(der, c));
    i++;
  }
  if (sd[i].tag === 0xa1) i++; // crls
  const signerInfos = children(der, sd[i]);
  if (signerInfos.length !== 1) throw new Error("expected exactly one SignerInfo");
  const si = children(der, signerInfos[0]);
  const sid = si[1];
  const digestAlgorithm = oidText(der, children(der, si[2])[0]);
  let j = 3;
  let signedAttrs: Uint8Array | null = null;
  let messageDigest: Uint8Array | null = null;
  if (si[j].tag === 0xa0) {
    const raw = bytesOf(der, si[j]);
    signedAttrs = concat(Uint8Array.of(0x31), raw.subarray(1));
    for (const a of children(der, si[j])) {
      const [t, vals] = children(der, a);
      if (oidText(der, t) === OID.messageDigest) messageDigest = contentOf(der, children(der, vals)[0]);
    }
    j++;
  }
  if (!signedAttrs) throw new Error("no signed attributes");
  const signatureAlgorithm = oidText(der, children(der, si[j])[0]);
  const signature = contentOf(der, si[j + 1]);
  let timestampToken: Uint8Array | null = null;
  if (si[j + 2]?.tag === 0xa1) {
    for (const a of children(der, si[j + 2])) {
      const [t, vals] = children(der, a);
      if (oidText(der, t) === OID.timeStampToken) timestampToken = bytesOf(der, children(der, vals)[0]);
    }
  }
  let signer: Uint8Array | null = null;
  if (sid.tag === 0x30) {
    const want = bytesOf(der, sid);
    signer =
      certificates.find((c) => {
        const { issuer, serial } = issuerAndSerial(c);
        return equalBytes(seq(issuer, serial), want);
      }) ?? null;
  }
  return { certificates, signer, signedAttributes: signedAttrs, messageDigest, digestAlgorithm, signatureAlgorithm, signature, timestampToken, content };
}

/** Certificate fields shown to people. */
export interface CertificateInfo {
  subject: string;
  /** The common name (CN) of the subject, or the whole subject. */
  commonName: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  serial: string;
  /** SHA-256 of the DER, hex. */
  fingerprint: string;
}

const NAME_LABELS: Record<string, string> = {
  "2.5.4.3": "CN",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.12": "T",
  "0.9.2342.19200300.100.1.1": "UID",
};

function nameText(name: pkijs.RelativeDistinguishedNames): { text: string; cn: string | null } {
  let cn: string | null = null;
  const parts = name.typesAndValues.map((tv) => {
    const v = (tv.value.valueBlock as { value?: unknown }).value;
    const value = typeof v === "string" ? v : "";
    if (tv.type === "2.5.4.3") cn = value;
    return `${NAME_LABELS[tv.type] ?? tv.type}=${value}`;
  });
  return { text: parts.reverse().join(", "), cn };
}

export async function certificateInfo(der: Uint8Array): Promise<CertificateInfo> {
  const cert = pkijs.Certificate.fromBER(ab(der));
  const subject = nameText(cert.subject);
  return {
    subject: subject.text,
    commonName: subject.cn ?? subject.text,
    issuer: nameText(cert.issuer).text,
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
    serial: Array.from(cert.serialNumber.valueBlock.valueHexView, (x) => x.toString(16).padStart(2, "0")).join(""),
    fingerprint: Array.from(await sha256(der), (x) => x.toString(16).padStart(2, "0")).join(""),
  };
}

/**
 * Whether the certificate chains to one of the trust anchors, checked at `at` (validity of every
 * certificate in the path at that time). Returns false on any error.
 */
export async function chainsToAnchor(signer: Uint8Array, intermediates: Uint8Array[], anchors: Uint8Array[], at: Date): Promise<boolean> {
  if (!anchors.length) return false;
  try {
    const engine = new pkijs.CertificateChainValidationEngine({
      trustedCerts: anchors.map((a) => pkijs.Certificate.fromBER(ab(a))),
      certs: [signer, ...intermediates.filter((c) => !equalBytes(c, signer))].map((c) => pkijs.Certificate.fromBER(ab(c))),
      checkDate: at,
    });
    const result = await engine.verify();
    return result.result;
  } catch {
    return false;
  }
}

/**
 * Reads a PKCS#12 (.p12/.pfx) with its password: the private key as a WebCrypto key (non-extractable)
 * and the certificate chain (signer first). Legacy PBE (3DES, RC2) and PBES2/AES are both read
 * (node-forge decrypts; certificates are kept byte-exact). RSA and EC keys.
 */
export async function readPkcs12(bytes: Uint8Array, password: string): Promise<{ key: CryptoKey; chain: Uint8Array[]; pkcs8: Uint8Array }> {
  const forge = (await import("node-forge")).default;
  const binary = Array.from(bytes, (b) => String.fromCharCode(b)).join("");
  const pki = forge.pki as typeof forge.pki & { certificateFromAsn1: unknown };
  const original = pki.certificateFromAsn1;
  const pbe = (forge.pki as unknown as { pbe: { getCipherForPBES2: (oid: string, params: unknown, password: string) => unknown } }).pbe;
  const originalPbes2 = pbe.getCipherForPBES2;
  let p12: ReturnType<typeof forge.pkcs12.pkcs12FromAsn1>;
  // Keep certificates as parsed ASN.1 (re-encoding a forge certificate changes its names).
  pki.certificateFromAsn1 = () => {
    throw new Error("keep raw");
  };
  // PBES2 (AES) keys are derived from the UTF-8 bytes of the password (what OpenSSL and Windows do);
  // forge would use the UTF-16 code units, which breaks Vietnamese passwords. The MAC keeps BMPString.
  pbe.getCipherForPBES2 = (oid, params, pw) => originalPbes2(oid, params, forge.util.encodeUtf8(pw));
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(binary), password);
  } catch (e) {
    throw new Pkcs12Error(/password|mac|decrypt|invalid/i.test(String(e)) ? "password" : "format");
  } finally {
    pki.certificateFromAsn1 = original;
    pbe.getCipherForPBES2 = originalPbes2;
  }
  const toBytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
  const certs: Uint8Array[] = [];
  let pkcs8: Uint8Array | null = null;
  for (const sc of p12.safeContents)
    for (const bag of sc.safeBags as Array<{ type: string; key?: Forge.pki.PrivateKey | null; asn1?: Forge.asn1.Asn1 }>) {
      if (bag.type === forge.pki.oids.certBag && bag.asn1) certs.push(toBytes(forge.asn1.toDer(bag.asn1).getBytes()));
      if ((bag.type === forge.pki.oids.pkcs8ShroudedKeyBag || bag.type === forge.pki.oids.keyBag) && !pkcs8) {
        if (bag.key) pkcs8 = toBytes(forge.asn1.toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key as Forge.pki.rsa.PrivateKey))).getBytes());
        else if (bag.asn1) pkcs8 = toBytes(forge.asn1.toDer(bag.asn1).getBytes());
      }
    }
  if (!pkcs8 || !certs.length) throw new Pkcs12Error("format");
  // The signer is the certificate whose public key matches the private key.
  for (const cert of certs) {
    const params = keyParamsOf(cert);
    let key: CryptoKey;
    try {
      key = await subtle().importKey("pkcs8", pkcs8 as Uint8Array<ArrayBuffer>, params, false, ["sign"]);
    } catch {
      continue;
    }
    const probe = new TextEncoder().encode("probe");
    const sig = await signWithCryptoKey(probe, key);
    const oidOfSig = params.name === "ECDSA" ? OID.ecdsaWithSha256 : OID.sha256WithRSA;
    if (await verifyWithCertificate(cert, probe, params.name === "ECDSA" ? ecdsaToDer(sig) : sig, oidOfSig))
      return { key, chain: orderChain(cert, certs), pkcs8 };
  }
  throw new Pkcs12Error("format");
}

/** The signer first, then each issuer found among the others. */
function orderChain(signer: Uint8Array, all: Uint8Array[]): Uint8Array[] {
  const chain = [signer];
  const rest = all.filter((c) => c !== signer);
  for (;;) {
    const last = pkijs.Certificate.fromBER(ab(chain[chain.length - 1]));
    const issuerDer = new Uint8Array(last.issuer.toSchema().toBER());
    const next = rest.findIndex((c) => equalBytes(new Uint8Array(pkijs.Certificate.fromBER(ab(c)).subject.toSchema().toBER()), issuerDer));
    if (next < 0 || equalBytes(issuerDer, new Uint8Array(last.subject.toSchema().toBER()))) break;
    chain.push(rest.splice(next, 1)[0]);
  }
  return [...chain, ...rest];
}

export class Pkcs12Error extends Error {
  constructor(readonly reason: "password" | "format") {
    super(reason === "password" ? "Sai mật khẩu của tệp chứng thư số." : "Tệp không phải PKCS#12 (.p12/.pfx) có khóa và chứng thư số.");
  }
}

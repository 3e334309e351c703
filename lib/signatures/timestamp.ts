import * as pkijs from "pkijs";
import { ab } from "./der";
import { chainsToAnchor, OID, parseCms, sha256, verifyWithCertificate } from "./cms";

// RFC 3161 signature time-stamps (PAdES B-T): the token's message imprint is the SHA-256 of the CMS
// signature value. A token counts only when its own signature verifies and the TSA's certificate
// chains to a trust anchor.

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

export async function verifyTimestampToken(token: Uint8Array, signatureValue: Uint8Array, anchors: Uint8Array[]): Promise<{ genTime: Date } | null> {
  try {
    const cms = parseCms(token);
    if (!cms.content || !cms.signer || !cms.messageDigest || cms.digestAlgorithm !== OID.sha256) return null;
    const tst = pkijs.TSTInfo.fromBER(ab(cms.content));
    if (tst.messageImprint.hashAlgorithm.algorithmId !== OID.sha256) return null;
    if (!equal(new Uint8Array(tst.messageImprint.hashedMessage.getValue()), await sha256(signatureValue))) return null;
    if (!equal(cms.messageDigest, await sha256(cms.content))) return null;
    if (!(await verifyWithCertificate(cms.signer, cms.signedAttributes, cms.signature, cms.signatureAlgorithm))) return null;
    // The TSA's certificate is for time-stamping (extended key usage) and chains to a trust anchor.
    const cert = pkijs.Certificate.fromBER(ab(cms.signer));
    const eku = cert.extensions?.find((e) => e.extnID === "2.5.29.37")?.parsedValue as { keyPurposes?: string[] } | undefined;
    if (!eku?.keyPurposes?.includes("1.3.6.1.5.5.7.3.8")) return null;
    if (!(await chainsToAnchor(cms.signer, cms.certificates, anchors, tst.genTime))) return null;
    return { genTime: tst.genTime };
  } catch {
    return null;
  }
}

/** TSA_URL: the RFC 3161 time-stamp authority to use when signing; unset = no time-stamp. */
export const configuredTsaUrl = () => process.env.TSA_URL?.trim() || null;

export class TimestampError extends Error {}

/**
 * Asks the TSA for a time-stamp token over the CMS signature value (PAdES B-T). Returns the token
 * (DER ContentInfo) after checking the response's status and that it covers this signature.
 */
export async function requestTimestamp(signatureValue: Uint8Array, url: string, opts: { timeoutMs?: number } = {}): Promise<Uint8Array> {
  const imprint = await sha256(signatureValue);
  const nonce = globalThis.crypto.getRandomValues(new Uint8Array(8));
  nonce[0] = (nonce[0] & 0x7f) | 0x01; // positive, minimal DER
  const asn1js = await import("asn1js");
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: imprint }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce }),
    certReq: true,
  });
  const body = new Uint8Array(req.toSchema().toBER());
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/timestamp-query" },
      body,
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
    });
  } catch (e) {
    throw new TimestampError(`TSA unreachable: ${(e as Error).message}`);
  }
  if (!res.ok) throw new TimestampError(`TSA answered HTTP ${res.status}`);
  const resp = pkijs.TimeStampResp.fromBER(new Uint8Array(await res.arrayBuffer()));
  if (resp.status.status !== 0 && resp.status.status !== 1) throw new TimestampError(`TSA refused (status ${resp.status.status})`);
  if (!resp.timeStampToken) throw new TimestampError("TSA returned no token");
  const token = new Uint8Array(resp.timeStampToken.toSchema().toBER());
  const sd = new pkijs.SignedData({ schema: resp.timeStampToken.content });
  const tst = pkijs.TSTInfo.fromBER(sd.encapContentInfo.eContent!.getValue());
  if (!equal(new Uint8Array(tst.messageImprint.hashedMessage.getValue()), imprint)) throw new TimestampError("the token covers another signature");
  if (!tst.nonce || !equal(new Uint8Array(tst.nonce.valueBlock.valueHexView), nonce)) throw new TimestampError("nonce mismatch");
  return token;
}

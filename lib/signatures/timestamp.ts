import * as pkijs from "pkijs";
import { ab } from "./der";
import { chainsToAnchor, OID, sha256 } from "./cms";

// RFC 3161 signature time-stamps (PAdES B-T): the token's message imprint is the SHA-256 of the CMS
// signature value. A token counts only when its own signature verifies and the TSA's certificate
// chains to a trust anchor.

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

export async function verifyTimestampToken(token: Uint8Array, signatureValue: Uint8Array, anchors: Uint8Array[]): Promise<{ genTime: Date } | null> {
  try {
    const ci = pkijs.ContentInfo.fromBER(ab(token));
    const sd = new pkijs.SignedData({ schema: ci.content });
    const econtent = sd.encapContentInfo.eContent;
    if (!econtent) return null;
    const tst = pkijs.TSTInfo.fromBER(econtent.getValue());
    if (tst.messageImprint.hashAlgorithm.algorithmId !== OID.sha256) return null;
    if (!equal(new Uint8Array(tst.messageImprint.hashedMessage.getValue()), await sha256(signatureValue))) return null;
    const ok = await sd.verify({ signer: 0, checkChain: false });
    if (!ok) return null;
    const certs = (sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate).map((c) => new Uint8Array(c.toSchema().toBER()));
    if (!certs.length || !(await chainsToAnchor(certs[0], certs, anchors, tst.genTime))) return null;
    return { genTime: tst.genTime };
  } catch {
    return null;
  }
}

import "server-only";
import { X509Certificate, createPrivateKey, createPublicKey } from "node:crypto";
import forge from "node-forge";
import { EdxmlSignatureError } from "./signature";

/**
 * Reads a PKCS#12 (.p12/.pfx) file into a PEM private key and certificate for signEdxml.
 *
 * node-forge reads both the legacy PBE algorithms (3DES/RC2, still what many CA tools and tokens export) and
 * PBES2/AES with an HMAC-SHA256 MAC (OpenSSL 3's default); node:crypto cannot read PKCS#12 and pkijs does
 * not decrypt the legacy algorithms. Only RSA keys (edXML uses RSA-SHA256). The certificates are written
 * from their ORIGINAL TBSCertificate bytes (forge reuses the parsed ASN.1), so Vietnamese names are not
 * re-encoded (stack-notes §7: forge's own re-encoding double-encodes them).
 */
export type Pkcs12Contents = {
  key: string;
  cert: string;
  /** Other certificates in the file (e.g. the issuing CA), PEM. */
  chain: string[];
};

export function loadPkcs12(data: Buffer | Uint8Array, password: string): Pkcs12Contents {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const der = Buffer.from(data).toString("binary");
    try {
      p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(der), true), true, password);
    } catch (e) {
      // A non-ASCII password: the MAC (checked first, and passed if we get here) takes it as BMPString, but
      // PBES2 (OpenSSL 3) keys are derived from its UTF-8 bytes, which forge does not do. Decrypt again with
      // the UTF-8 bytes, the MAC already verified, and the MAC removed so forge does not check it twice.
      // Whatever the first decryption's error: with the wrong key it usually fails its padding ("Failed to
      // decrypt"), but about one file in 130 decrypts to bytes with valid padding and fails as ASN.1 instead.
      if (/mac could not be verified|invalid password/i.test(String((e as Error)?.message)) || /^[\x00-\x7f]*$/.test(password)) throw e;
      const pfx = forge.asn1.fromDer(forge.util.createBuffer(der), true);
      (pfx.value as forge.asn1.Asn1[]).splice(2);
      p12 = forge.pkcs12.pkcs12FromAsn1(pfx, true, Buffer.from(password, "utf8").toString("binary"));
    }
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/mac could not be verified|invalid password/i.test(msg)) {
      throw new EdxmlSignatureError("certificate_malformed", "Mật khẩu của tệp PKCS#12 không đúng.");
    }
    throw new EdxmlSignatureError("certificate_malformed", `Không đọc được tệp PKCS#12 (${msg}).`);
  }

  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const keys = keyBags.filter((b) => b.key);
  if (keys.length !== 1) {
    throw new EdxmlSignatureError(
      "certificate_malformed",
      keys.length === 0 ? "Tệp PKCS#12 không chứa khóa bí mật RSA." : "Tệp PKCS#12 chứa nhiều khóa bí mật.",
    );
  }
  const keyPem = forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keys[0].key!)));
  const privateKey = createPrivateKey(keyPem);
  const spki = createPublicKey(privateKey).export({ type: "spki", format: "der" });

  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  const certs = certBags
    .filter((b) => b.cert)
    .map((b) => new X509Certificate(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(b.cert!)).getBytes(), "binary")));
  const own = certs.find((c) => c.publicKey.export({ type: "spki", format: "der" }).equals(spki));
  if (!own) throw new EdxmlSignatureError("certificate_missing", "Tệp PKCS#12 không chứa chứng thư số của khóa bí mật.");
  return {
    key: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    cert: own.toString(),
    chain: certs.filter((c) => c !== own).map((c) => c.toString()),
  };
}

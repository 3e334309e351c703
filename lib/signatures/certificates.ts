import { bytesOf, children, fromBase64, readNode } from "./der";

// Reading certificates an administrator imports: PEM (one or many), DER (.cer/.crt), and PKCS#7
// certificate bundles (.p7b/.p7c, DER or PEM). Isomorphic.

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** The certificates in a PKCS#7 SignedData (certs-only bundle), DER each. */
function fromPkcs7(der: Uint8Array): Uint8Array[] {
  const root = readNode(der, 0);
  const [, explicit] = children(der, root);
  const sd = children(der, children(der, explicit)[0]);
  const certs = sd.find((n) => n.tag === 0xa0);
  return certs ? children(der, certs).filter((c) => c.tag === 0x30).map((c) => bytesOf(der, c)) : [];
}

const PKCS7_OID = Uint8Array.of(0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02);

function fromDer(der: Uint8Array): Uint8Array[] {
  const root = readNode(der, 0);
  if (root.tag !== 0x30) throw new Error("not DER");
  const first = children(der, root)[0];
  const head = der.subarray(first.start, first.end);
  if (head.length === PKCS7_OID.length && head.every((b, i) => b === PKCS7_OID[i])) return fromPkcs7(der);
  return [bytesOf(der, root)];
}

/** All certificates in the file; [] when none could be read. */
export function readCertificates(bytes: Uint8Array): Uint8Array[] {
  try {
    const text = new TextDecoder("latin1").decode(bytes);
    const blocks = [...text.matchAll(PEM_BLOCK)];
    if (blocks.length)
      return blocks.flatMap(([, label, body]) => {
        const der = fromBase64(body.replace(/[^A-Za-z0-9+/=]/g, ""));
        return label === "CERTIFICATE" || label === "X509 CERTIFICATE" ? [der] : label === "PKCS7" ? fromPkcs7(der) : [];
      });
    return fromDer(bytes);
  } catch {
    return [];
  }
}

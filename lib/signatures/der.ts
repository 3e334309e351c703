// A minimal DER writer and reader for the CMS structures of PDF signatures. Writing by hand keeps the
// certificate's issuer and serial byte-identical (re-encoding names is what broke node-forge on
// Vietnamese issuers, stack-notes §7). Isomorphic: no Node-only imports.

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function length(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

export const tlv = (tag: number, ...parts: Uint8Array[]) => {
  const body = concat(...parts);
  return concat(Uint8Array.of(tag), length(body.length), body);
};
export const seq = (...parts: Uint8Array[]) => tlv(0x30, ...parts);
export const set = (...parts: Uint8Array[]) => tlv(0x31, ...parts);
export const octets = (b: Uint8Array) => tlv(0x04, b);
export const nul = () => Uint8Array.of(0x05, 0x00);
export const int = (n: number) => {
  const bytes: number[] = [];
  do {
    bytes.unshift(n & 0xff);
    n = Math.floor(n / 256);
  } while (n > 0);
  if (bytes[0] & 0x80) bytes.unshift(0);
  return tlv(0x02, Uint8Array.from(bytes));
};
/** Context-specific tag: constructed [n] (explicit, or implicit over a constructed type). */
export const ctx = (n: number, ...parts: Uint8Array[]) => tlv(0xa0 | n, ...parts);

export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split(".").map(Number);
  const out: number[] = [40 * arcs[0] + arcs[1]];
  for (const arc of arcs.slice(2)) {
    const stack: number[] = [];
    let v = arc;
    do {
      stack.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    for (let i = 0; i < stack.length - 1; i++) stack[i] |= 0x80;
    out.push(...stack);
  }
  return tlv(0x06, Uint8Array.from(out));
}

/** DER SET OF: the elements sorted by their encodings (X.690 11.6). */
export function setOf(elements: Uint8Array[]): Uint8Array {
  const sorted = [...elements].sort((a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  });
  return set(...sorted);
}

export interface Node {
  tag: number;
  /** Offset of the tag, of the contents, and the end, in the buffer read. */
  start: number;
  contentStart: number;
  end: number;
}

/** Reads the TLV at `offset`. */
export function readNode(buf: Uint8Array, offset: number): Node {
  const tag = buf[offset];
  let p = offset + 1;
  let len = buf[p++];
  if (len === 0x80) throw new Error("indefinite length not supported");
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p++];
  }
  if (p + len > buf.length) throw new Error("DER length beyond the buffer");
  return { tag, start: offset, contentStart: p, end: p + len };
}

/** The children of a constructed node. */
export function children(buf: Uint8Array, node: Node): Node[] {
  const out: Node[] = [];
  let p = node.contentStart;
  while (p < node.end) {
    const c = readNode(buf, p);
    out.push(c);
    p = c.end;
  }
  return out;
}

export const bytesOf = (buf: Uint8Array, n: Node) => buf.subarray(n.start, n.end);
export const contentOf = (buf: Uint8Array, n: Node) => buf.subarray(n.contentStart, n.end);

/** tbsCertificate's issuer Name and serialNumber INTEGER, byte-exact. */
export function issuerAndSerial(certificate: Uint8Array): { issuer: Uint8Array; serial: Uint8Array } {
  const cert = readNode(certificate, 0);
  const tbs = children(certificate, cert)[0];
  const fields = children(certificate, tbs);
  const i = fields[0].tag === 0xa0 ? 1 : 0; // [0] version
  return { serial: bytesOf(certificate, fields[i]), issuer: bytesOf(certificate, fields[i + 2]) };
}

export const toHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
export function fromHex(hex: string): Uint8Array {
  const clean = hex.length % 2 ? hex + "0" : hex;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.substr(i * 2, 2), 16);
  return out;
}
export const toBase64 = (b: Uint8Array) => {
  let s = "";
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
};
export const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** A Uint8Array typed for WebCrypto / pkijs (which want an ArrayBuffer-backed view). */
export const ab = (b: Uint8Array) => b as Uint8Array<ArrayBuffer>;

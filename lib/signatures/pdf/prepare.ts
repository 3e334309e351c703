import "server-only";
import { createHash } from "node:crypto";
import { PDFHexString, PDFName, PDFString, type PDFRef } from "pdf-lib";
import {
  addAnnotation,
  addSignatureField,
  beginUpdate,
  embedAppearance,
  fieldNames,
  finishUpdate,
  hasSignature,
  latin1,
  normalize,
  pdfDate,
  renderAppearance,
  textWidth,
  utf16Hex,
  type Drawing,
} from "./incremental";

// PAdES signature preparation (deferred signing): the PDF with a signature field and a /Contents
// placeholder, the /ByteRange and the SHA-256 of the covered bytes. The first signature on an
// unsigned PDF rewrites it once (classic cross-reference table); any PDF already signed only gets an
// incremental update, earlier bytes byte-identical. See ./incremental.ts.

export interface PrepareOptions {
  /** 0-based page. */
  page: number;
  /** [x1, y1, x2, y2] in PDF points, or null for an invisible signature. */
  rect: [number, number, number, number] | null;
  /** PNG (transparent) drawn in the appearance. */
  image?: Uint8Array;
  /** Text lines drawn in the appearance (under the image, or alone). Vietnamese OK. */
  lines?: string[];
  font?: "serif" | "sans";
  fontSize?: number;
  reason?: string;
  name?: string;
  location?: string;
  contactInfo?: string;
  /** Unique among the form's fields; default "Chữ ký số N". */
  fieldName?: string;
  signedAt: Date;
  /** Bytes reserved for the CMS (default 16 KiB; more with a time-stamp). */
  placeholderSize?: number;
}

export interface Prepared {
  prepared: Uint8Array;
  byteRange: [number, number, number, number];
  digest: Uint8Array;
}

export const DEFAULT_PLACEHOLDER = 16384;
const BYTE_RANGE_PLACEHOLDER = "/ByteRange [0 0000000000 0000000000 0000000000]";

function appearanceDrawings(w: number, h: number, opts: PrepareOptions): Drawing[] {
  const font = opts.font ?? "serif";
  const size = opts.fontSize ?? 10;
  const lines = opts.lines ?? [];
  const textHeight = lines.length * size * 1.25;
  const drawings: Drawing[] = [];
  if (opts.image) drawings.push({ image: opts.image, rect: [0, textHeight, w, h] });
  lines.forEach((text, i) => {
    const width = textWidth(text, font, size);
    drawings.push({ text, font, size, x: Math.max(0, (w - width) / 2), y: textHeight - (i + 1) * size * 1.25 + size * 0.3 });
  });
  return drawings;
}

export async function preparePdfSignature(pdf: Uint8Array, opts: PrepareOptions): Promise<Prepared> {
  const base = hasSignature(pdf) ? pdf : await normalize(pdf);
  const u = await beginUpdate(base);
  const ctx = u.doc.context;
  if (opts.page < 0 || opts.page >= u.doc.getPageCount()) throw new Error(`page ${opts.page} does not exist`);

  const taken = fieldNames(u);
  let fieldName = opts.fieldName;
  if (!fieldName || taken.has(fieldName)) {
    const stem = fieldName ?? "Chữ ký số";
    let n = 1;
    while (taken.has(`${stem} ${n}`)) n++;
    fieldName = `${stem} ${n}`;
  }

  const sigRef = ctx.nextRef();
  const rect = opts.rect ?? [0, 0, 0, 0];
  const widget = ctx.obj({
    Type: "Annot",
    Subtype: "Widget",
    FT: "Sig",
    Rect: rect,
    V: sigRef,
    T: PDFHexString.fromText(fieldName),
    F: 132, // Print + Locked
    P: u.doc.getPage(opts.page).ref,
  });
  if (opts.rect) {
    const [x1, y1, x2, y2] = opts.rect;
    const w = Math.abs(x2 - x1);
    const h = Math.abs(y2 - y1);
    const ap = await embedAppearance(u, await renderAppearance(w, h, appearanceDrawings(w, h, opts)));
    widget.set(PDFName.of("AP"), ctx.obj({ N: ap }));
  }
  const widgetRef = ctx.register(widget);
  addAnnotation(u, opts.page, widgetRef);
  addSignatureField(u, widgetRef);

  const size = opts.placeholderSize ?? DEFAULT_PLACEHOLDER;
  const optional = (key: string, v?: string) => (v ? ` /${key} ${utf16Hex(v)}` : "");
  const head =
    `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached ${BYTE_RANGE_PLACEHOLDER} /Contents <`;
  const tail =
    `> /M (${pdfDate(opts.signedAt)})${optional("Name", opts.name)}${optional("Reason", opts.reason)}` +
    `${optional("Location", opts.location)}${optional("ContactInfo", opts.contactInfo)} >>`;
  u.raw.set(sigRef, latin1(head + "0".repeat(size * 2) + tail));
  const { bytes, offsets } = await finishUpdate(u);

  const objStart = offsets.get(sigRef as PDFRef)!;
  const headerLen = `${sigRef.objectNumber} ${sigRef.generationNumber} obj\n`.length;
  const a = objStart + headerLen + head.length - 1; // offset of '<'
  const b = a + size * 2 + 2; // just after '>'
  const byteRange: [number, number, number, number] = [0, a, b, bytes.length - b];
  const text = `/ByteRange [0 ${a} ${b} ${bytes.length - b}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, " ");
  const at = objStart + headerLen + head.indexOf("/ByteRange");
  bytes.set(latin1(text.replace(/\]( +)$/, "$1]")), at);
  const hash = createHash("sha256");
  hash.update(bytes.subarray(0, a));
  hash.update(bytes.subarray(b));
  return { prepared: bytes, byteRange, digest: new Uint8Array(hash.digest()) };
}

/** The /ByteRange of the last signature in a prepared file (the one with the empty placeholder). */
function lastByteRange(prepared: Uint8Array): [number, number, number, number] {
  const tail = Buffer.from(prepared.buffer, prepared.byteOffset, prepared.byteLength);
  const at = tail.lastIndexOf("/ByteRange");
  if (at < 0) throw new Error("no signature placeholder");
  const m = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(tail.subarray(at, at + 80).toString("latin1"));
  if (!m) throw new Error("malformed /ByteRange");
  return [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
}

/** Writes the CMS into the placeholder (hex, zero-padded). Refuses a CMS larger than the placeholder. */
export function embedCms(prepared: Uint8Array, cms: Uint8Array): Uint8Array {
  const [, a, b] = lastByteRange(prepared);
  if (prepared[a] !== 0x3c || prepared[b - 1] !== 0x3e) throw new Error("the placeholder is not where /ByteRange says");
  const room = b - a - 2;
  for (let i = a + 1; i < b - 1; i++) if (prepared[i] !== 0x30) throw new Error("the placeholder is already filled");
  const hex = Buffer.from(cms).toString("hex").toUpperCase();
  if (hex.length > room) throw new Error(`the signature (${cms.length} bytes) is larger than the placeholder (${room / 2} bytes)`);
  const out = new Uint8Array(prepared);
  out.set(latin1(hex), a + 1);
  return out;
}

export interface IncrementalOptions {
  /** 0-based page. */
  page: number;
  drawings: Drawing[];
  /** Stamp (default) or FreeText; both carry the drawings as their appearance. */
  subtype?: "Stamp" | "FreeText";
  /** Plain text of the annotation (screen readers, the viewer's comment list). */
  contents?: string;
  /** Padding around the drawings, in points. */
  padding?: number;
}

/**
 * Adds content to a page as one annotation with an appearance stream, in an incremental update:
 * earlier bytes (and so earlier signatures) stay intact. Text `y` is the baseline; coordinates in PDF
 * points from the page's bottom-left. Used to stamp số, ký hiệu and ngày before the agency signature.
 */
export async function appendIncrementalUpdate(pdf: Uint8Array, opts: IncrementalOptions): Promise<Uint8Array> {
  if (!opts.drawings.length) throw new Error("nothing to draw");
  const u = await beginUpdate(pdf);
  if (opts.page < 0 || opts.page >= u.doc.getPageCount()) throw new Error(`page ${opts.page} does not exist`);
  const pad = opts.padding ?? 1;
  const boxes = opts.drawings.map((d): [number, number, number, number] => {
    if ("image" in d) return d.rect;
    const w = textWidth(d.text, d.font, d.size);
    return [d.x, d.y - d.size * 0.3, d.x + w, d.y + d.size];
  });
  const x1 = Math.min(...boxes.map((b) => b[0])) - pad;
  const y1 = Math.min(...boxes.map((b) => b[1])) - pad;
  const x2 = Math.max(...boxes.map((b) => b[2])) + pad;
  const y2 = Math.max(...boxes.map((b) => b[3])) + pad;
  const ap = await embedAppearance(u, await renderAppearance(x2 - x1, y2 - y1, opts.drawings, [x1, y1]));
  const ctx = u.doc.context;
  const contents = opts.contents ?? opts.drawings.flatMap((d) => ("text" in d ? [d.text] : [])).join(" ");
  const annot = ctx.obj({
    Type: "Annot",
    Subtype: opts.subtype ?? "Stamp",
    Rect: [x1, y1, x2, y2],
    F: 4 + 128, // Print + Locked
    P: u.doc.getPage(opts.page).ref,
    AP: { N: ap },
    M: PDFString.of(pdfDate(new Date())),
  });
  if (contents) annot.set(PDFName.of("Contents"), PDFHexString.fromText(contents));
  if ((opts.subtype ?? "Stamp") === "FreeText") annot.set(PDFName.of("DA"), PDFString.of("/Helv 0 Tf 0 g"));
  addAnnotation(u, opts.page, ctx.register(annot));
  return (await finishUpdate(u)).bytes;
}
export type { Drawing } from "./incremental";

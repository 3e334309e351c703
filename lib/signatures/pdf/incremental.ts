import "server-only";
import path from "node:path";
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from "pdf-lib";
import PDFKit from "pdfkit";

// Our own incremental-update writer (ISO 32000-1 §7.5.6): pdf-lib only reads the file and builds the
// new objects; the earlier bytes are never rewritten, so earlier signatures stay intact. (pdf-lib's
// save() rewrites the whole file, and @signpdf's placeholder-plain drops earlier form fields and reuses
// field names: stack-notes §7.)

const FONT_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
export const FONTS = { serif: path.join(FONT_DIR, "DejaVuSerif.ttf"), sans: path.join(FONT_DIR, "DejaVuSans.ttf") } as const;

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
const enc = new TextEncoder();

/** Whether the PDF already carries a signature (any /ByteRange): then only incremental updates. */
export function hasSignature(pdf: Uint8Array): boolean {
  return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).includes("/ByteRange");
}

/** The offset of the last cross-reference section (the last `startxref`). */
export function lastStartXref(pdf: Uint8Array): number {
  const tail = Buffer.from(pdf.subarray(Math.max(0, pdf.length - 2048))).toString("latin1");
  const m = [...tail.matchAll(/startxref\s+(\d+)/g)].pop();
  if (!m) throw new Error("no startxref");
  return Number(m[1]);
}

export async function loadForUpdate(pdf: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(pdf, { updateMetadata: false, throwOnInvalidObject: false });
}

/** Rewrites an unsigned PDF once with a classic cross-reference table (no object streams). */
export async function normalize(pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await loadForUpdate(pdf);
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}

export interface Update {
  doc: PDFDocument;
  base: Uint8Array;
  /** Object numbers up to this existed before the update. */
  before: number;
  /** Existing objects changed by the update (written again). */
  changed: Set<PDFRef>;
  /** Objects whose bytes we write ourselves (the signature dictionary). */
  raw: Map<PDFRef, Uint8Array>;
}

export async function beginUpdate(base: Uint8Array): Promise<Update> {
  const doc = await loadForUpdate(base);
  return { doc, base, before: doc.context.largestObjectNumber, changed: new Set(), raw: new Map() };
}

const objectBytes = (o: PDFObject) => {
  const buf = new Uint8Array(o.sizeInBytes());
  o.copyBytesInto(buf, 0);
  return buf;
};

/**
 * Appends the new and changed objects, a cross-reference section and a trailer with /Prev. Returns
 * the file and the offset of each raw object.
 */
export async function finishUpdate(u: Update): Promise<{ bytes: Uint8Array; offsets: Map<PDFRef, number> }> {
  await u.doc.flush();
  const ctx = u.doc.context;
  const objects: Array<[PDFRef, Uint8Array]> = [];
  for (const [ref, obj] of ctx.enumerateIndirectObjects())
    if (ref.objectNumber > u.before || u.changed.has(ref)) objects.push([ref, objectBytes(obj)]);
  for (const [ref, bytes] of u.raw) objects.push([ref, bytes]);
  objects.sort((a, b) => a[0].objectNumber - b[0].objectNumber);

  const parts: Uint8Array[] = [];
  let offset = u.base.length;
  const push = (b: Uint8Array) => {
    parts.push(b);
    offset += b.length;
  };
  const last = u.base[u.base.length - 1];
  if (last !== 0x0a && last !== 0x0d) push(latin1("\n"));
  const entries: Array<[PDFRef, number]> = [];
  const offsets = new Map<PDFRef, number>();
  for (const [ref, bytes] of objects) {
    entries.push([ref, offset]);
    if (u.raw.has(ref)) offsets.set(ref, offset);
    push(latin1(`${ref.objectNumber} ${ref.generationNumber} obj\n`));
    push(bytes);
    push(latin1("\nendobj\n"));
  }
  const xrefOffset = offset;
  let xref = "xref\n";
  for (const [ref, at] of entries) xref += `${ref.objectNumber} 1\n${String(at).padStart(10, "0")} ${String(ref.generationNumber).padStart(5, "0")} n\r\n`;
  push(latin1(xref));
  const info = ctx.trailerInfo;
  const trailer = ctx.obj({ Size: ctx.largestObjectNumber + 1, Root: info.Root, Prev: PDFNumber.of(lastStartXref(u.base)) });
  if (info.Info) trailer.set(PDFName.of("Info"), info.Info);
  if (info.ID) trailer.set(PDFName.of("ID"), info.ID);
  if (info.Encrypt) throw new Error("encrypted PDFs are not supported");
  push(latin1("trailer\n"));
  push(objectBytes(trailer));
  push(latin1(`\nstartxref\n${xrefOffset}\n%%EOF\n`));
  const bytes = new Uint8Array(offset);
  bytes.set(u.base, 0);
  let o = u.base.length;
  for (const p of parts) {
    bytes.set(p, o);
    o += p.length;
  }
  return { bytes, offsets };
}

/** The dictionary behind a value (following a reference). */
function lookupDict(u: Update, v: PDFObject | undefined): PDFDict | undefined {
  const o = v instanceof PDFRef ? u.doc.context.lookup(v) : v;
  return o instanceof PDFDict ? o : undefined;
}

/**
 * Adds an annotation to a page: the page's /Annots (inline or an indirect array) is updated and the
 * changed object recorded.
 */
export function addAnnotation(u: Update, pageIndex: number, annot: PDFRef) {
  const page = u.doc.getPage(pageIndex);
  const raw = page.node.get(PDFName.of("Annots"));
  if (raw instanceof PDFRef) {
    const arr = u.doc.context.lookup(raw);
    if (arr instanceof PDFArray) {
      arr.push(annot);
      u.changed.add(raw);
      return;
    }
  }
  const arr = raw instanceof PDFArray ? raw : u.doc.context.obj([]);
  arr.push(annot);
  page.node.set(PDFName.of("Annots"), arr);
  u.changed.add(page.ref);
}

/** The names of the existing form fields (their /T), to pick a new unique one. */
export function fieldNames(u: Update): Set<string> {
  const names = new Set<string>();
  const form = lookupDict(u, u.doc.catalog.get(PDFName.of("AcroForm")));
  const fields = form?.lookup(PDFName.of("Fields"));
  if (fields instanceof PDFArray)
    for (let i = 0; i < fields.size(); i++) {
      const t = lookupDict(u, fields.get(i))?.lookup(PDFName.of("T"));
      if (t instanceof PDFString || t instanceof PDFHexString) names.add(t.decodeText());
    }
  return names;
}

/** Adds a field to /AcroForm /Fields (created if missing), keeping the earlier ones; SigFlags 3. */
export function addSignatureField(u: Update, field: PDFRef) {
  const ctx = u.doc.context;
  const catalog = u.doc.catalog;
  const formRaw = catalog.get(PDFName.of("AcroForm"));
  let form: PDFDict;
  if (formRaw instanceof PDFRef) {
    form = ctx.lookup(formRaw) as PDFDict;
    u.changed.add(formRaw);
  } else {
    form = formRaw instanceof PDFDict ? formRaw : ctx.obj({});
    catalog.set(PDFName.of("AcroForm"), form);
    u.changed.add(ctx.trailerInfo.Root as PDFRef);
  }
  const fieldsRaw = form.get(PDFName.of("Fields"));
  if (fieldsRaw instanceof PDFRef) {
    (ctx.lookup(fieldsRaw) as PDFArray).push(field);
    u.changed.add(fieldsRaw);
  } else {
    const fields = fieldsRaw instanceof PDFArray ? fieldsRaw : ctx.obj([]);
    fields.push(field);
    form.set(PDFName.of("Fields"), fields);
  }
  form.set(PDFName.of("SigFlags"), PDFNumber.of(3));
}

export type Drawing =
  | { text: string; x: number; y: number; font: "serif" | "sans"; size: number; color?: string; bold?: boolean }
  | { image: Uint8Array; rect: [number, number, number, number] };

/**
 * A one-page PDF of `width`×`height` points with the drawings (coordinates in PDF points from the
 * bottom-left, as in the target page; `y` of a text is its baseline), made with pdfkit and an
 * embedded DejaVu subset so Vietnamese letters show everywhere.
 */
export function renderAppearance(width: number, height: number, drawings: Drawing[], origin: [number, number] = [0, 0]): Promise<Uint8Array> {
  const doc = new PDFKit({ size: [Math.max(width, 1), Math.max(height, 1)], margin: 0, compress: true });
  doc.registerFont("serif", FONTS.serif);
  doc.registerFont("sans", FONTS.sans);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });
  for (const d of drawings) {
    if ("image" in d) {
      const [x1, y1, x2, y2] = d.rect;
      doc.image(Buffer.from(d.image), x1 - origin[0], height - (y2 - origin[1]), { fit: [x2 - x1, y2 - y1], align: "center", valign: "center" });
    } else {
      doc.font(d.font).fontSize(d.size).fillColor(d.color ?? "black");
      // pdfkit places the top of the line box; move up by the ascender to put the baseline at y.
      const ascent = (doc as unknown as { _font: { ascender: number } })._font.ascender / 1000 * d.size;
      doc.text(d.text, d.x - origin[0], height - (d.y - origin[1]) - ascent, { lineBreak: false });
    }
  }
  doc.end();
  return done;
}

/** Width of a text line in points, for layout. */
export function textWidth(text: string, font: "serif" | "sans", size: number): number {
  const doc = new PDFKit({ autoFirstPage: false });
  doc.registerFont(font, FONTS[font]);
  return doc.font(font).fontSize(size).widthOfString(text);
}

/** The appearance PDF embedded as a Form XObject in the update; returns its reference. */
export async function embedAppearance(u: Update, appearancePdf: Uint8Array): Promise<PDFRef> {
  const [page] = await u.doc.embedPdf(appearancePdf, [0]);
  await u.doc.flush();
  return page.ref;
}

/** A PDF date string for a Date: D:YYYYMMDDHHmmSS+07'00' in Asia/Ho_Chi_Minh. */
export function pdfDate(d: Date): string {
  const t = new Date(d.getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `D:${t.getUTCFullYear()}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}${p(t.getUTCHours())}${p(t.getUTCMinutes())}${p(t.getUTCSeconds())}+07'00'`;
}

/** A PDF text string as UTF-16BE hex (Vietnamese letters survive every reader). */
export function utf16Hex(s: string): string {
  let hex = "FEFF";
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, "0").toUpperCase();
  return `<${hex}>`;
}

export { enc, latin1 };

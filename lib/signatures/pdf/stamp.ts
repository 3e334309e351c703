import "server-only";
import { PDFHexString, PDFString } from "pdf-lib";
import PDFKit from "pdfkit";
import { addAnnotation, beginUpdate, embedAppearance, finishUpdate, FONTS, hasSignature, normalize, renderAppearance, type Drawing } from "./incremental";

// Content added to a signed PDF without breaking its signatures (issue 14): số, ký hiệu and ngày
// stamped by the Văn thư's Phát hành after the competent person signed. The drawings become one
// annotation (FreeText with texts, Stamp for images only) with one appearance stream, printed and
// locked, written in an incremental update: the earlier bytes stay byte-identical, and the next
// signature (the agency's) covers the stamp. (The design names it appendIncrementalUpdate in
// prepare.ts; it lives here until sigcore provides one, with the same signature.)

// One measuring document for the process: loading the DejaVu font for each measure (incremental.ts
// textWidth) cost 40–70 ms a call, most of the stamping time.
let measurer: PDFKit.PDFDocument | null = null;
/** Width of a line of text in points (DejaVu, as the appearance draws it). */
export function measureText(text: string, font: "serif" | "sans", size: number): number {
  if (!measurer) {
    measurer = new PDFKit({ autoFirstPage: false });
    measurer.registerFont("serif", FONTS.serif);
    measurer.registerFont("sans", FONTS.sans);
  }
  return measurer.font(font).fontSize(size).widthOfString(text);
}

/** The box of a drawing in page coordinates. */
function boxOf(d: Drawing): [number, number, number, number] {
  if ("image" in d) return d.rect;
  const w = measureText(d.text, d.font, d.size);
  return [d.x - 1, d.y - d.size * 0.3, d.x + w + 1, d.y + d.size * 0.95];
}

export async function appendIncrementalUpdate(pdf: Uint8Array, opts: { page: number; drawings: Drawing[] }): Promise<Uint8Array> {
  const base = hasSignature(pdf) ? pdf : await normalize(pdf);
  const u = await beginUpdate(base);
  if (opts.page < 0 || opts.page >= u.doc.getPageCount()) throw new Error(`page ${opts.page} does not exist`);
  if (!opts.drawings.length) return base;
  const ctx = u.doc.context;
  // One annotation over all the drawings (one appearance to render and embed).
  const boxes = opts.drawings.map(boxOf);
  const rect: [number, number, number, number] = [
    Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3])),
  ];
  const [x1, y1, x2, y2] = rect;
  const ap = await embedAppearance(u, await renderAppearance(x2 - x1, y2 - y1, opts.drawings, [x1, y1]));
  const texts = opts.drawings.flatMap((d) => ("image" in d ? [] : [d.text]));
  const annot = ctx.obj({
    Type: "Annot",
    Subtype: texts.length ? "FreeText" : "Stamp",
    Rect: rect,
    F: 4 | 64 | 128, // Print, ReadOnly, Locked
    P: u.doc.getPage(opts.page).ref,
    ...(texts.length ? { DA: PDFString.of("/Helv 13 Tf 0 g"), Contents: PDFHexString.fromText(texts.join(" ")) } : {}),
    AP: ctx.obj({ N: ap }),
  });
  addAnnotation(u, opts.page, ctx.register(annot));
  return (await finishUpdate(u)).bytes;
}

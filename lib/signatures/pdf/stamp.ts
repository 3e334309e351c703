import "server-only";
import { PDFHexString, PDFString } from "pdf-lib";
import { addAnnotation, beginUpdate, embedAppearance, finishUpdate, hasSignature, normalize, renderAppearance, textWidth, type Drawing } from "./incremental";

// Content added to a signed PDF without breaking its signatures (issue 14): số, ký hiệu and ngày
// stamped by the Văn thư's Phát hành after the competent person signed. Each drawing becomes an
// annotation (FreeText for a text, Stamp for an image) with its own appearance stream, printed and
// locked, written in an incremental update: the earlier bytes stay byte-identical, and the next
// signature (the agency's) covers the stamp. (The design names it appendIncrementalUpdate in
// prepare.ts; it lives here until sigcore provides one, with the same signature.)

/** The box of a drawing in page coordinates. */
function boxOf(d: Drawing): [number, number, number, number] {
  if ("image" in d) return d.rect;
  const w = textWidth(d.text, d.font, d.size);
  return [d.x - 1, d.y - d.size * 0.3, d.x + w + 1, d.y + d.size * 0.95];
}

export async function appendIncrementalUpdate(pdf: Uint8Array, opts: { page: number; drawings: Drawing[] }): Promise<Uint8Array> {
  const base = hasSignature(pdf) ? pdf : await normalize(pdf);
  const u = await beginUpdate(base);
  if (opts.page < 0 || opts.page >= u.doc.getPageCount()) throw new Error(`page ${opts.page} does not exist`);
  const ctx = u.doc.context;
  for (const d of opts.drawings) {
    const rect = boxOf(d);
    const [x1, y1, x2, y2] = rect;
    const ap = await embedAppearance(u, await renderAppearance(x2 - x1, y2 - y1, [d], [x1, y1]));
    const text = "image" in d ? null : d.text;
    const annot = ctx.obj({
      Type: "Annot",
      Subtype: text !== null ? "FreeText" : "Stamp",
      Rect: rect,
      F: 4 | 64 | 128, // Print, ReadOnly, Locked
      P: u.doc.getPage(opts.page).ref,
      ...(text !== null ? { DA: PDFString.of("/Helv 13 Tf 0 g"), Contents: PDFHexString.fromText(text) } : {}),
      AP: ctx.obj({ N: ap }),
    });
    addAnnotation(u, opts.page, ctx.register(annot));
  }
  return (await finishUpdate(u)).bytes;
}

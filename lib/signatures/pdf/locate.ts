import "server-only";

// Finding text on a PDF page with pdf.js (the same text layer a viewer shows), so the signature image
// can be placed between the title line ("GIÁM ĐỐC", "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC") and the signer's
// name, and số / ký hiệu / ngày in their reserved places. Coordinates are PDF points from the page's
// bottom-left; `y` is the baseline.

export interface TextHit {
  /** 0-based page. */
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The matched text. */
  str: string;
}

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjs: Promise<PdfJs> | null = null;
const load = () => (pdfjs ??= import("pdfjs-dist/legacy/build/pdf.mjs"));

/** Lines of text on a page: items on the same baseline, left to right. */
function linesOf(items: Item[]): Item[][] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Item[][] = [];
  for (const it of sorted) {
    const line = lines.find((l) => Math.abs(l[0].y - it.y) < Math.max(1, it.height * 0.3));
    if (line) line.push(it);
    else lines.push([it]);
  }
  for (const l of lines) l.sort((a, b) => a.x - b.x);
  return lines;
}

/** NFC-normalised, so "Đ" typed one way matches the same letter extracted another way. */
const norm = (s: string) => s.normalize("NFC");

/**
 * Every match of `matcher` on the chosen pages (all pages by default; 'last' = the last page), one
 * hit per match with the bounding box of the items it spans.
 */
export async function findText(pdf: Uint8Array, matcher: string | RegExp, opts: { page?: "last" | number } = {}): Promise<TextHit[]> {
  const { getDocument } = await load();
  const task = getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  const doc = await task.promise;
  try {
    const pages =
      opts.page === "last" ? [doc.numPages - 1] : typeof opts.page === "number" ? [opts.page] : Array.from({ length: doc.numPages }, (_, i) => i);
    const hits: TextHit[] = [];
    for (const p of pages) {
      if (p < 0 || p >= doc.numPages) continue;
      const page = await doc.getPage(p + 1);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const it of content.items)
        if ("str" in it && it.str.trim())
          items.push({ str: norm(it.str), x: it.transform[4], y: it.transform[5], width: it.width, height: it.height || Math.hypot(it.transform[2], it.transform[3]) });
      for (const line of linesOf(items)) {
        // The line's text with each item's start offset; a gap between items becomes a space.
        let text = "";
        const starts: number[] = [];
        line.forEach((it, i) => {
          if (i > 0 && it.x - (line[i - 1].x + line[i - 1].width) > it.height * 0.15 && !text.endsWith(" ")) text += " ";
          starts.push(text.length);
          text += it.str;
        });
        const re = typeof matcher === "string" ? new RegExp(norm(matcher).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g") : new RegExp(matcher.source, matcher.flags.includes("g") ? matcher.flags : matcher.flags + "g");
        for (const m of text.matchAll(re)) {
          const from = m.index;
          const to = from + m[0].length;
          const spanned = line.filter((_, i) => starts[i] < to && starts[i] + line[i].str.length > from);
          if (!spanned.length) continue;
          // Narrow the first and last item to the matched characters (proportionally).
          const first = spanned[0];
          const last = spanned[spanned.length - 1];
          const fi = line.indexOf(first);
          const li = line.indexOf(last);
          const x1 = first.x + (first.width * Math.max(0, from - starts[fi])) / Math.max(1, first.str.length);
          const x2 = last.x + (last.width * Math.min(last.str.length, to - starts[li])) / Math.max(1, last.str.length);
          hits.push({ page: p, x: x1, y: first.y, width: x2 - x1, height: Math.max(...spanned.map((s) => s.height)), str: m[0] });
        }
      }
      page.cleanup();
    }
    return hits;
  } finally {
    await doc.destroy();
  }
}

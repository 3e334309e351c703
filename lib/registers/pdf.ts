import "server-only";
import path from "node:path";
import PDFDocument from "pdfkit";
import { bookInfo, bookLines, hasCover, shownCell, type Book, type PrintBook, type TitledBook } from "./book";

// A full Unicode TrueType font shipped as an npm package (dejavu-fonts-ttf), never a system font:
// Vietnamese needs the precomposed letters (ế, ự, ỗ …) in one font, and pdfkit embeds only the
// glyphs used. The condensed cut keeps ten columns readable on A4 landscape.
const FONT_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
export const REGULAR = path.join(FONT_DIR, "DejaVuSansCondensed.ttf");
export const BOLD = path.join(FONT_DIR, "DejaVuSansCondensed-Bold.ttf");

const MM = 72 / 25.4;
const MARGIN = 12 * MM;
const FONT_SIZE = 8;
const PAD = 2.5;
const FOOTER = 14;

/**
 * The book as a PDF: A4 landscape, the cover page of a register (or the title block of another
 * form on its first page), the header row repeated on every page, page numbers.
 */
export function renderBookPdf(book: PrintBook): Promise<Buffer> {
  const info = bookInfo(book);
  return pdfDocument({ size: "A4", layout: "landscape", margin: MARGIN, info: { Title: info.title, Author: info.author } }, (doc) => {
    if (hasCover(book)) drawCover(doc, book);
    else drawTitle(doc, book);
    drawTable(doc, book, !hasCover(book));
    numberPages(doc, hasCover(book) ? 1 : 0);
  });
}

/**
 * A PDF of the printouts: the DejaVu fonts as "regular" and "bold", pages buffered (for page
 * numbers), Vietnamese as its language; `draw` lays it out and the bytes come back when it ends.
 */
export function pdfDocument(
  options: Omit<PDFKit.PDFDocumentOptions, "info"> & { info: { Title: string; Author: string } },
  draw: (doc: PDFKit.PDFDocument) => void,
): Promise<Buffer> {
  const doc = new PDFDocument({ ...options, font: REGULAR, bufferPages: true, lang: "vi", info: { ...options.info, Creator: "Văn phòng điện tử" } });
  doc.registerFont("regular", REGULAR);
  doc.registerFont("bold", BOLD);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  draw(doc);
  doc.end();
  return done;
}

function drawCover(doc: PDFKit.PDFDocument, book: Book) {
  const { cover } = book;
  const width = doc.page.width - 2 * MARGIN;
  const line = (text: string, font: "regular" | "bold", size: number, gap = 6) => {
    doc.font(font).fontSize(size).text(text, MARGIN, doc.y, { width, align: "center" });
    doc.y += gap;
  };
  doc.y = MARGIN + 20;
  line(cover.parentName.toUpperCase(), "regular", 13, 2);
  line(cover.agencyName.toUpperCase(), "bold", 13, 120);
  line(cover.title, "bold", 26, 24);
  line(`Năm: ${cover.year}`, "bold", 15, 14);
  line(`Từ ngày ${cover.fromDate || "……"} đến ngày ${cover.toDate || "……"}`, "regular", 13);
  line(`Từ số ${cover.fromNo || "……"} đến số ${cover.toNo || "……"}`, "regular", 13);
  line(`Quyển số: ${cover.bookNo}`, "regular", 13);
}

/** The title block of a form, centred above its table on the first page. */
function drawTitle(doc: PDFKit.PDFDocument, book: TitledBook) {
  const width = doc.page.width - 2 * MARGIN;
  doc.y = MARGIN;
  for (const l of book.title) {
    doc.font(l.bold ? "bold" : "regular").fontSize(l.size ?? 11).text(l.text, MARGIN, doc.y, { width, align: "center" });
    doc.y += 2;
  }
  doc.y += 10;
}

/** pdfkit's embedded font, of which the table writer uses the public-by-convention members. */
interface EmbeddedFont {
  id: string;
  ascender: number;
  ref(): unknown;
  encode(text: string): [string[], Array<{ advanceWidth: number }>];
  lineHeight(size: number, includeGap?: boolean): number;
}
type DocInternals = PDFKit.PDFDocument & { _font: EmbeddedFont; page: PDFKit.PDFPage & { fonts: Record<string, unknown> } };

/**
 * Lays out and writes table text directly as content-stream operators. pdfkit's text() runs its
 * whole layout pipeline per call; a 20,000-row book has 200,000 cells, so words are encoded once
 * per document (cached), lines are wrapped here, and each row is one addContent call.
 */
class CellWriter {
  private cache = new Map<string, { hex: string; width: number }>();
  readonly lineHeight: number;
  private readonly space: { hex: string; width: number };
  private readonly ascent: number;

  constructor(private doc: DocInternals, readonly font: EmbeddedFont, readonly size: number) {
    this.lineHeight = font.lineHeight(size, true);
    this.ascent = (font.ascender / 1000) * size;
    this.space = this.word(" ");
  }

  private chars = new Map<string, { hex: string; width: number }>();

  /**
   * A word's glyphs, from glyphs encoded one character at a time: no shaping run per new word
   * (numbers and symbols are mostly unique), no kerning, and text NFC-normalised first so every
   * Vietnamese letter is one precomposed glyph of the font.
   */
  private word(w: string) {
    let e = this.cache.get(w);
    if (!e) {
      let hex = "";
      let width = 0;
      for (const ch of w) {
        let c = this.chars.get(ch);
        if (!c) {
          const [h, pos] = this.font.encode(ch);
          let cw = 0;
          for (const p of pos) cw += p.advanceWidth;
          c = { hex: h.join(""), width: (cw * this.size) / 1000 };
          this.chars.set(ch, c);
        }
        hex += c.hex;
        width += c.width;
      }
      e = { hex, width };
      this.cache.set(w, e);
    }
    return e;
  }

  /** Pieces of a word too long for the column (a symbol or a link with no spaces). */
  private split(w: string, width: number): string[] {
    const out: string[] = [];
    let cur = "";
    for (const ch of w) {
      if (cur && this.word(cur + ch).width > width) {
        out.push(cur);
        cur = ch;
      } else cur += ch;
    }
    if (cur) out.push(cur);
    return out;
  }

  /** Wrapped lines of a cell: each line's glyph hex and width. */
  wrap(text: string, width: number): Array<{ hex: string; width: number }> {
    const lines: Array<{ hex: string; width: number }> = [];
    if (!text) return lines;
    for (const para of text.normalize("NFC").split("\n")) {
      let hex = "";
      let lw = 0;
      let empty = true;
      for (const raw of para.split(/[ \t]+/)) {
        if (!raw) continue;
        const parts = this.word(raw).width > width ? this.split(raw, width) : [raw];
        for (const part of parts) {
          const e = this.word(part);
          if (!empty && lw + this.space.width + e.width > width) {
            lines.push({ hex, width: lw });
            hex = "";
            lw = 0;
            empty = true;
          }
          if (!empty) {
            hex += this.space.hex;
            lw += this.space.width;
          }
          hex += e.hex;
          lw += e.width;
          empty = false;
        }
      }
      if (!empty) lines.push({ hex, width: lw });
    }
    return lines;
  }

  /** Text operators for lines in a box at (x, y) from the top-left, in pdfkit's flipped page space. */
  ops(lines: Array<{ hex: string; width: number }>, x: number, y: number, width: number, centre: boolean): string {
    if (!lines.length) return "";
    const H = this.doc.page.height;
    let s = `BT /${this.font.id} ${this.size} Tf\n`;
    let ly = y;
    for (const l of lines) {
      const lx = centre ? x + (width - l.width) / 2 : x;
      s += `1 0 0 1 ${lx.toFixed(2)} ${(H - ly - this.ascent).toFixed(2)} Tm <${l.hex}> Tj\n`;
      ly += this.lineHeight;
    }
    return s + "ET\n";
  }

  /** Marks the font as used on the current page (its resource dictionary). */
  use() {
    this.doc.page.fonts[this.font.id] ??= this.font.ref();
  }
}

function drawTable(pdf: PDFKit.PDFDocument, book: PrintBook, onFirstPage: boolean) {
  const doc = pdf as DocInternals;
  const innerWidth = doc.page.width - 2 * MARGIN;
  const widths = book.columns.map((c) => (innerWidth * c.width) / 100);
  const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const bottom = doc.page.height - MARGIN - FOOTER;
  const right = MARGIN + innerWidth;
  const centred = book.columns.map((c) => !!c.centre);
  doc.font("bold").fontSize(FONT_SIZE);
  const bold = new CellWriter(doc, doc._font, FONT_SIZE);
  doc.font("regular").fontSize(FONT_SIZE);
  const regular = new CellWriter(doc, doc._font, FONT_SIZE);

  type Lines = ReturnType<CellWriter["wrap"]>;
  const wrapRow = (w: CellWriter, cells: string[]): Lines[] => cells.map((c, i) => w.wrap(c, widths[i] - 2 * PAD));
  const heightOf = (w: CellWriter, lines: number) => Math.max(1, lines) * w.lineHeight + 2 * PAD;
  const flip = "q 1 0 0 -1 0 " + doc.page.height.toFixed(2) + " cm\n";
  // Rows are drawn in pdfkit's flipped space (origin top-left); the text matrix flips back.
  const rowOps = (w: CellWriter, wrapped: Lines[], y: number, centreAll = false): [string, number] => {
    const h = heightOf(w, Math.max(...wrapped.map((l) => l.length)));
    // The row's bottom rule; the vertical rules are drawn once per page, in closePage().
    let s = `${MARGIN.toFixed(2)} ${(y + h).toFixed(2)} m ${right.toFixed(2)} ${(y + h).toFixed(2)} l S\n`;
    s += flip;
    for (let i = 0; i < wrapped.length; i++) s += w.ops(wrapped[i], xs[i] + PAD, y + PAD, widths[i] - 2 * PAD, centreAll || centred[i]);
    return [s + "Q\n", h];
  };
  /** A heading row across the whole table: bold, with no inner rules (closePage leaves them out). */
  const headingOps = (lines: Lines, y: number): [string, number] => {
    const h = heightOf(bold, lines.length);
    const s = `${MARGIN.toFixed(2)} ${(y + h).toFixed(2)} m ${right.toFixed(2)} ${(y + h).toFixed(2)} l S\n`;
    return [s + flip + bold.ops(lines, MARGIN + PAD, y + PAD, innerWidth - 2 * PAD, false) + "Q\n", h];
  };

  const header = book.columns.map((c) => c.title);
  const numbers = book.columns.map((_, i) => `(${i + 1})`);
  let pageTop = MARGIN;
  /** Heading rows of the page, where the inner vertical rules stop. */
  let gaps: Array<[number, number]> = [];
  /** The vertical rules of the page's table, from the top rule down to the last row. */
  const closePage = (to: number) => {
    let s = `${MARGIN.toFixed(2)} ${pageTop.toFixed(2)} m ${right.toFixed(2)} ${pageTop.toFixed(2)} l\n`;
    for (const x of [MARGIN, right]) s += `${x.toFixed(2)} ${pageTop.toFixed(2)} m ${x.toFixed(2)} ${to.toFixed(2)} l\n`;
    for (const x of xs.slice(1)) {
      let from = pageTop;
      for (const [a, b] of gaps) {
        if (a > from) s += `${x.toFixed(2)} ${from.toFixed(2)} m ${x.toFixed(2)} ${a.toFixed(2)} l\n`;
        from = b;
      }
      if (to > from) s += `${x.toFixed(2)} ${from.toFixed(2)} m ${x.toFixed(2)} ${to.toFixed(2)} l\n`;
    }
    doc.addContent(s + "S");
    gaps = [];
  };
  const newPage = (prevBottom?: number, sameSheet = false) => {
    if (prevBottom != null) closePage(prevBottom);
    if (!sameSheet) doc.addPage();
    pageTop = sameSheet ? doc.y : MARGIN;
    bold.use();
    regular.use();
    doc.addContent("0.5 w 0 G 0 g");
    const [hs, hh] = rowOps(bold, wrapRow(bold, header), pageTop, true);
    const [ns, nh] = rowOps(regular, wrapRow(regular, numbers), pageTop + hh, true);
    doc.addContent(hs + ns);
    return pageTop + hh + nh;
  };

  let y = newPage(undefined, onFirstPage);
  const top = MARGIN + (y - pageTop);
  if (book.rows.length === 0 && !book.headings?.length) {
    closePage(y);
    const empty = hasCover(book) ? "Không có văn bản nào trong phạm vi đã chọn." : book.emptyText;
    doc.font("regular").fontSize(FONT_SIZE).text(empty, MARGIN, y + 8, { width: innerWidth, align: "center" });
    return;
  }
  const lh = regular.lineHeight;
  const counted = book.columns.some((c) => c.count);
  for (const line of bookLines(book)) {
    if ("heading" in line) {
      const lines = bold.wrap(line.heading, innerWidth - 2 * PAD);
      // A heading is kept with at least one line of the row after it.
      if (y + heightOf(bold, lines.length) + heightOf(regular, 1) > bottom) y = newPage(y);
      const [s, h] = headingOps(lines, y);
      doc.addContent(s);
      gaps.push([y, y + h]);
      y += h;
      continue;
    }
    let wrapped = wrapRow(regular, counted ? line.cells.map((v, i) => shownCell(book.columns[i], v)) : line.cells);
    for (;;) {
      const lines = Math.max(...wrapped.map((l) => l.length));
      if (y + heightOf(regular, lines) <= bottom) {
        const [s, h] = rowOps(regular, wrapped, y);
        doc.addContent(s);
        y += h;
        break;
      }
      const fitsFresh = top + heightOf(regular, lines) <= bottom;
      const room = Math.floor((bottom - y - 2 * PAD) / lh);
      if (fitsFresh || room < 1) {
        y = newPage(y);
        continue;
      }
      // Taller than a page (e.g. a very long list of recipients): continue it on the next page.
      const [s, h] = rowOps(regular, wrapped.map((l) => l.slice(0, room)), y);
      doc.addContent(s);
      wrapped = wrapped.map((l) => l.slice(room));
      y = newPage(y + h);
    }
  }
  closePage(y);
}

/** "Trang i/n" under the table pages; a register's cover (the first `skip` pages) is not numbered. */
export function numberPages(doc: PDFKit.PDFDocument, skip: number) {
  const range = doc.bufferedPageRange();
  const total = range.count - skip;
  doc.font("regular").fontSize(FONT_SIZE);
  for (let i = skip; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Writing below the bottom margin would otherwise start a new page.
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.text(`Trang ${i - skip + 1}/${total}`, MARGIN, doc.page.height - MARGIN - FOOTER + 4, { width: doc.page.width - 2 * MARGIN, align: "right", lineBreak: false });
    doc.page.margins.bottom = saved;
  }
}

import "server-only";
import { numberPages, pdfDocument } from "./pdf";
import type { RecordDoc } from "./record";

const MM = 72 / 25.4;

/**
 * A prose record as a PDF. Portrait A4 with the margins of an administrative document
 * (NĐ 30/2020 Phụ lục I: văn bản trình bày theo chiều dài khổ A4; lề trên, dưới 20 mm, trái 30 mm, phải 15 mm).
 */
export function renderRecordPdf(rec: RecordDoc): Promise<Buffer> {
  const margins = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
  return pdfDocument({ size: "A4", layout: "portrait", margins, info: { Title: rec.info.title, Author: rec.info.author } }, (doc) => {
    const width = doc.page.width - margins.left - margins.right;
    const half = width / 2 - 6;
    const x0 = margins.left;
    const x1 = margins.left + width / 2 + 6;
    const column = (lines: string[], x: number, y: number, boldFrom: number) => {
      doc.y = y;
      lines.forEach((l, i) => doc.font(i >= boldFrom ? "bold" : "regular").fontSize(11).text(l, x, doc.y, { width: half, align: "center" }));
      return doc.y;
    };
    const top = margins.top;
    const leftEnd = column(rec.header.left.map((l) => l.toUpperCase()), x0, top, rec.header.left.length - 1);
    const rightEnd = column(rec.header.right, x1, top, 0);
    doc.y = Math.max(leftEnd, rightEnd) + 4;
    doc.font("regular").fontSize(11).text(rec.placeDate, x1, doc.y, { width: half, align: "center", oblique: true });
    doc.y += 16;
    rec.title.forEach((t, i) => doc.font("bold").fontSize(i === 0 ? 14 : 12).text(t, x0, doc.y, { width, align: "center" }));
    doc.y += 12;
    for (const p of rec.paragraphs) {
      doc.font(p.bold ? "bold" : "regular").fontSize(12).text(p.text, x0 + (p.indent ? 8 * MM : 0), doc.y, {
        width: width - (p.indent ? 8 * MM : 0), align: "justify", paragraphGap: 4,
      });
    }
    doc.y += 16;
    // The signature blocks side by side, kept together on one page.
    if (doc.y + 120 > doc.page.height - margins.bottom) doc.addPage();
    const sy = doc.y;
    rec.signatures.forEach((s, i) => {
      const x = i % 2 === 0 ? x0 : x1;
      doc.y = sy;
      doc.font("bold").fontSize(12).text(s.title, x, doc.y, { width: half, align: "center" });
      doc.font("regular").fontSize(11).text(s.hint, x, doc.y, { width: half, align: "center", oblique: true });
      doc.font("bold").fontSize(12).text(s.name, x, doc.y + 70, { width: half, align: "center" });
    });
    if (doc.bufferedPageRange().count > 1) numberPages(doc, 0);
  });
}

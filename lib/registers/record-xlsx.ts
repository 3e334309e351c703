import "server-only";
import ExcelJS from "exceljs";
import type { RecordDoc } from "./record";
import { setText } from "./xlsx";

const COLS = 8;

/**
 * A prose record as a workbook on portrait A4: eight equal columns, the header and the
 * signature blocks in two halves, each paragraph one merged, wrapped row. Text is written as
 * string cells, never formulas (security.md §5 row 11).
 */
export async function renderRecordXlsx(rec: RecordDoc): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Văn phòng điện tử";
  wb.title = rec.info.title;
  const ws = wb.addWorksheet(rec.sheetName, {
    pageSetup: {
      paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0,
      margins: { left: 1.18, right: 0.59, top: 0.79, bottom: 0.79, header: 0.3, footer: 0.3 },
    },
  });
  ws.columns = Array.from({ length: COLS }, () => ({ width: 11 }));
  let r = 1;
  const put = (text: string, from: number, to: number, style: { bold?: boolean; italic?: boolean; size?: number; align?: "center" | "justify" | "left" }) => {
    ws.mergeCells(r, from, r, to);
    const cell = ws.getCell(r, from);
    setText(cell, text);
    cell.font = { bold: !!style.bold, italic: !!style.italic, size: style.size ?? 12 };
    cell.alignment = { horizontal: style.align ?? "center", vertical: "top", wrapText: true };
  };
  const rows = Math.max(rec.header.left.length, rec.header.right.length);
  for (let i = 0; i < rows; i++, r++) {
    const left = rec.header.left[i];
    const right = rec.header.right[i];
    if (left != null) put(left.toUpperCase(), 1, COLS / 2, { bold: i === rec.header.left.length - 1, size: 11 });
    if (right != null) put(right, COLS / 2 + 1, COLS, { bold: true, size: 11 });
  }
  put(rec.placeDate, COLS / 2 + 1, COLS, { italic: true, size: 11 });
  r += 2;
  rec.title.forEach((t, i) => {
    put(t, 1, COLS, { bold: true, size: i === 0 ? 14 : 12 });
    r++;
  });
  r++;
  for (const p of rec.paragraphs) {
    put(p.indent ? `    ${p.text}` : p.text, 1, COLS, { bold: p.bold, align: "justify" });
    // A rough height for the wrapped text: about 90 characters a line at this width.
    ws.getRow(r).height = Math.max(1, Math.ceil(p.text.length / 90)) * 16;
    r++;
  }
  r++;
  const sig = (f: (s: RecordDoc["signatures"][number]) => string, style: Parameters<typeof put>[3]) => {
    rec.signatures.forEach((s, i) => put(f(s), i % 2 === 0 ? 1 : COLS / 2 + 1, i % 2 === 0 ? COLS / 2 : COLS, style));
    r++;
  };
  sig((s) => s.title, { bold: true });
  sig((s) => s.hint, { italic: true, size: 11 });
  r += 4;
  sig((s) => s.name, { bold: true });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

import "server-only";
import ExcelJS from "exceljs";
import type { Book } from "./book";

const COVER_ROWS = 8;
/** Characters across an A4 landscape page at the default width unit, shared out by the columns' %. */
const PAGE_CHARS = 190;

const thin = { style: "thin" as const, color: { argb: "FF000000" } };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * The book as a workbook: the cover lines first, then a bold header row repeated on every printed
 * page, A4 landscape fitted to the page width. Every text cell is written as a plain string value,
 * never as a formula: a trích yếu such as `=HYPERLINK(…)` stays text (security.md §5 row 11).
 */
export async function renderBookXlsx(book: Book): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Văn phòng điện tử";
  wb.title = `${book.cover.title} năm ${book.cover.year}`;
  const ws = wb.addWorksheet(book.sheetName, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.47, right: 0.47, top: 0.47, bottom: 0.6, header: 0.2, footer: 0.3 },
      printTitlesRow: `${COVER_ROWS + 1}:${COVER_ROWS + 1}`,
    },
    headerFooter: { oddFooter: "&RTrang &P/&N" },
    views: [{ state: "frozen", ySplit: COVER_ROWS + 1 }],
  });
  const n = book.columns.length;
  ws.columns = book.columns.map((c) => ({ width: Math.max(8, Math.round((PAGE_CHARS * c.width) / 100)) }));

  const { cover } = book;
  const coverLines: Array<[string, boolean, number]> = [
    [cover.parentName.toUpperCase(), false, 12],
    [cover.agencyName.toUpperCase(), true, 12],
    [cover.title, true, 16],
    [`Năm: ${cover.year}`, true, 12],
    [`Từ ngày ${cover.fromDate || "……"} đến ngày ${cover.toDate || "……"}`, false, 11],
    [`Từ số ${cover.fromNo || "……"} đến số ${cover.toNo || "……"}`, false, 11],
    [`Quyển số: ${cover.bookNo}`, false, 11],
  ];
  coverLines.forEach(([text, bold, size], i) => {
    const r = i + 1;
    ws.mergeCells(r, 1, r, n);
    const cell = ws.getCell(r, 1);
    setText(cell, text);
    cell.font = { bold, size };
    cell.alignment = { horizontal: "center" };
  });

  const header = ws.getRow(COVER_ROWS + 1);
  book.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    setText(cell, c.title);
    cell.font = { bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = border;
  });

  // One style object shared by every body cell: setting alignment and border one by one copies
  // the style per cell, which dominates the time of a 20,000-row book.
  const body: Partial<ExcelJS.Style> = { alignment: { vertical: "top", wrapText: true }, border };
  const numeric = book.columns.map((c) => !!c.numeric);
  for (const cells of book.rows) {
    const row = ws.addRow(cells.map((v, i) => (numeric[i] && /^\d+$/.test(v) ? Number(v) : v === "" ? null : v)));
    for (let i = 1; i <= n; i++) row.getCell(i).style = body;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A string value as such; exceljs stores it as a shared string, which Excel never evaluates. */
function setText(cell: ExcelJS.Cell, text: string) {
  cell.value = text === "" ? null : text;
}

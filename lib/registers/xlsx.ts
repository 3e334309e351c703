import "server-only";
import ExcelJS from "exceljs";
import { bookInfo, bookLines, hasCover, type Book, type PrintBook, type TitleLine } from "./book";

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
export async function renderBookXlsx(book: PrintBook): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Văn phòng điện tử";
  wb.title = bookInfo(book).title;
  const titleLines: TitleLine[] = hasCover(book) ? coverLines(book.cover) : book.title;
  // A register's cover takes eight rows; another form's title block its lines and one blank row.
  const top = hasCover(book) ? COVER_ROWS : titleLines.length + 1;
  const ws = wb.addWorksheet(book.sheetName, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.47, right: 0.47, top: 0.47, bottom: 0.6, header: 0.2, footer: 0.3 },
      printTitlesRow: `${top + 1}:${top + 1}`,
    },
    headerFooter: { oddFooter: "&RTrang &P/&N" },
    views: [{ state: "frozen", ySplit: top + 1 }],
  });
  const n = book.columns.length;
  ws.columns = book.columns.map((c) => ({ width: Math.max(8, Math.round((PAGE_CHARS * c.width) / 100)) }));

  titleLines.forEach(({ text, bold, size }, i) => {
    const r = i + 1;
    ws.mergeCells(r, 1, r, n);
    const cell = ws.getCell(r, 1);
    setText(cell, text);
    cell.font = { bold: !!bold, size: size ?? 11 };
    cell.alignment = { horizontal: "center", wrapText: true };
  });

  const header = ws.getRow(top + 1);
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
  const dateBody: Partial<ExcelJS.Style> = { ...body, numFmt: DATE_FORMAT };
  const countBody: Partial<ExcelJS.Style> = { ...body, numFmt: "#,##0" };
  // A count is a number in the spreadsheet, whether or not its column also says `numeric`.
  const counted = book.columns.map((c) => !!c.count);
  const numeric = book.columns.map((c, i) => !!c.numeric || counted[i]);
  const dated = book.columns.map((c) => !!c.date);
  const headingStyle: Partial<ExcelJS.Style> = { font: { bold: true }, alignment: { vertical: "top", wrapText: true }, border };
  for (const line of bookLines(book)) {
    if ("heading" in line) {
      const row = ws.addRow([line.heading]);
      ws.mergeCells(row.number, 1, row.number, n);
      row.getCell(1).style = headingStyle;
      continue;
    }
    const row = ws.addRow(line.cells.map((v, i) => (numeric[i] && /^\d+$/.test(v) ? Number(v) : dated[i] ? (dateCell(v) ?? (v || null)) : v === "" ? null : v)));
    for (let i = 1; i <= n; i++) {
      const value = row.getCell(i).value;
      row.getCell(i).style = value instanceof Date ? dateBody : counted[i - 1] && typeof value === "number" ? countBody : body;
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** How a date cell shows, whatever the language of the spreadsheet program. */
export const DATE_FORMAT = "dd/mm/yyyy";

/** "05/10/2026" → the day as a date cell (midnight UTC: exceljs writes the serial day number from UTC); other text → null. */
export function dateCell(text: string): Date | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])));
  return d.getUTCDate() === Number(m[1]) ? d : null;
}

/** The seven lines of a register's cover (NĐ 30/2020 Phụ lục IV). */
function coverLines(cover: Book["cover"]): TitleLine[] {
  return [
    { text: cover.parentName.toUpperCase(), size: 12 },
    { text: cover.agencyName.toUpperCase(), bold: true, size: 12 },
    { text: cover.title, bold: true, size: 16 },
    { text: `Năm: ${cover.year}`, bold: true, size: 12 },
    { text: `Từ ngày ${cover.fromDate || "……"} đến ngày ${cover.toDate || "……"}`, size: 11 },
    { text: `Từ số ${cover.fromNo || "……"} đến số ${cover.toNo || "……"}`, size: 11 },
    { text: `Quyển số: ${cover.bookNo}`, size: 11 },
  ];
}

/** A string value as such; exceljs stores it as a shared string, which Excel never evaluates. */
export function setText(cell: ExcelJS.Cell, text: string) {
  cell.value = text === "" ? null : text;
}

import { can, type HasPositions } from "@/lib/auth/permissions";
import { formatCount } from "@/lib/format";
import type { BookKind } from "./schemas";

// What every register book is, whatever it lists: the renderers (print view, PDF, XLSX) take a
// Book and know nothing of incoming or outgoing documents.

export interface BookColumn {
  title: string;
  /** Share of the page width, in %; the widths of a book add up to 100. */
  width: number;
  /** Written as a number in the spreadsheet (số đến, số lượng bản). */
  numeric?: boolean;
  /** A dd/mm/yyyy value is written as a date cell shown dd/mm/yyyy in the spreadsheet (anything else stays text). */
  date?: boolean;
  /** Dates and numbers are centred in the printed book. */
  centre?: boolean;
  /** A count (not a number that names, like a số đến): printed with a dot between thousands, "#,##0" in the spreadsheet. */
  count?: boolean;
}

/** A cell as the print view and the PDF show it: a count grouped ("24.874"), anything else as it is. */
export const shownCell = (column: BookColumn, v: string) => (column.count && /^\d+$/.test(v) ? formatCount(Number(v)) : v);

export interface BookCover {
  parentName: string;
  agencyName: string;
  title: string;
  year: number;
  fromDate: string;
  toDate: string;
  fromNo: string;
  toNo: string;
  bookNo: string;
}

/** One line of a title block: centred, bold or not, in points. */
export interface TitleLine {
  text: string;
  bold?: boolean;
  size?: number;
}

/** A section heading spanning every column, printed before `rows[at]` (Danh mục hồ sơ: "I. TỔ CHỨC, CÁN BỘ"). */
export interface BookHeading {
  at: number;
  text: string;
}

interface BookBody {
  columns: BookColumn[];
  /** One row per entry, by number; every cell is plain text. */
  rows: string[][];
  /** Section headings between the rows, in order; several may share one `at` (a heading with no rows). */
  headings?: BookHeading[];
  /** Download name without extension, e.g. so-den-2026. */
  fileBase: string;
  /** Worksheet name of the XLSX (ASCII, at most 31 characters). */
  sheetName: string;
}

/** A register book (NĐ 30/2020 Phụ lục IV): a cover page, then the table. */
export interface Book extends BookBody {
  kind: BookKind;
  secret: boolean;
  cover: BookCover;
}

/** Another form printed as a table under a title block on its first page (Danh mục hồ sơ, Mục lục …). */
export interface TitledBook extends BookBody {
  kind: "plan" | "handover-list" | "file-index" | "monitoring" | "report";
  secret: false;
  /** The document's title and author for the PDF metadata. */
  info: { title: string; author: string };
  title: TitleLine[];
  /** What the table says when it has no rows. */
  emptyText: string;
}

/** Anything the table renderers (print view, PDF, XLSX) print. */
export type PrintBook = Book | TitledBook;

export const hasCover = (b: PrintBook): b is Book => "cover" in b;

/** The PDF/XLSX title of a book. */
export const bookInfo = (b: PrintBook) =>
  hasCover(b) ? { title: `${b.cover.title} năm ${b.cover.year}`, author: b.cover.agencyName } : b.info;

/** The table body interleaved with its headings, in print order. */
export function bookLines(b: Pick<BookBody, "rows" | "headings">): Array<{ heading: string } | { cells: string[]; index: number }> {
  const out: Array<{ heading: string } | { cells: string[]; index: number }> = [];
  const hs = [...(b.headings ?? [])].sort((x, y) => x.at - y.at);
  let h = 0;
  b.rows.forEach((cells, index) => {
    while (h < hs.length && hs[h].at <= index) out.push({ heading: hs[h++].text });
    out.push({ cells, index });
  });
  while (h < hs.length) out.push({ heading: hs[h++].text });
  return out;
}

/** Who may print which series: registers.print; the secret series also needs documents.readAgency (the clerk). */
export function canPrintBook(actor: HasPositions, secret: boolean): boolean {
  return can(actor, "registers.print") && (!secret || can(actor, "documents.readAgency"));
}

/** The series the actor may choose on the registers page. */
export function printableSeries(actor: HasPositions): Array<"normal" | "secret"> {
  return [false, true].filter((s) => canPrintBook(actor, s)).map((s) => (s ? "secret" : "normal"));
}

/** Midnight in Vietnam (UTC+7, no daylight saving) of an ISO date, plus `days`. */
export function vnMidnight(iso: string, days = 0): Date {
  return new Date(Date.parse(`${iso}T00:00:00+07:00`) + days * 86_400_000);
}

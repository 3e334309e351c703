import { can, type HasPositions } from "@/lib/auth/permissions";
import type { BookKind } from "./schemas";

// What every register book is, whatever it lists: the renderers (print view, PDF, XLSX) take a
// Book and know nothing of incoming or outgoing documents.

export interface BookColumn {
  title: string;
  /** Share of the page width, in %; the widths of a book add up to 100. */
  width: number;
  /** Written as a number in the spreadsheet (số đến, số lượng bản). */
  numeric?: boolean;
  /** Dates and numbers are centred in the printed book. */
  centre?: boolean;
}

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

export interface Book {
  kind: BookKind;
  secret: boolean;
  cover: BookCover;
  columns: BookColumn[];
  /** One row per entry, by number; every cell is plain text. */
  rows: string[][];
  /** Download name without extension, e.g. so-den-2026. */
  fileBase: string;
  /** Worksheet name of the XLSX (ASCII, at most 31 characters). */
  sheetName: string;
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

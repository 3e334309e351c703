import "./book-print.css";
import Link from "next/link";
import { bookLines, hasCover, shownCell, type Book, type PrintBook } from "@/lib/registers/book";
import { BookTable } from "./book-table";
import { PrintButton } from "./print-button";

// NĐ 30/2020 Điều 16.2.b, 22.3.b: the book is printed, signed for and bound. A4 landscape; the
// header row repeats on every printed page; fixed column widths (in %) with wrapping text.

/**
 * The print view: a register's cover (or another form's title block), then the table with its
 * heading rows (components/registers/book-table.tsx, drawn from the lines as data). Every value is rendered
 * as text (React escapes it).
 */
export function BookPrint({
  book, pdfHref, xlsxHref, backHref = "/registers", backLabel = "← Chọn sổ khác",
}: { book: PrintBook; pdfHref: string; xlsxHref: string; backHref?: string; backLabel?: string }) {
  const label = hasCover(book) ? book.cover.title : book.info.title;
  const empty = hasCover(book) ? "Không có văn bản nào trong phạm vi đã chọn." : book.emptyText;
  return (
    <div>
      <PrintActions pdfHref={pdfHref} xlsxHref={xlsxHref} backHref={backHref} backLabel={backLabel} printLabel={hasCover(book) ? "In sổ" : "In"} />
      {hasCover(book) ? (
        <Cover cover={book.cover} />
      ) : (
        <section aria-label="Tiêu đề" className="book-title">
          {book.title.map((l, i) => (
            <p key={i} className={l.bold ? "font-bold" : undefined} style={{ fontSize: `${l.size ?? 11}pt` }}>
              {l.text}
            </p>
          ))}
        </section>
      )}

      <BookTable
        label={label}
        columns={book.columns.map((c) => ({ title: c.title, width: c.width, centre: !!c.centre }))}
        lines={bookLines(book).map((line) => ("heading" in line ? line.heading : line.cells.map((v, i) => shownCell(book.columns[i], v))))}
        empty={empty}
      />
    </div>
  );
}

/** Back link, In, Tải PDF, Tải Excel: hidden when printing. */
export function PrintActions({
  pdfHref, xlsxHref, backHref, backLabel, printLabel,
}: { pdfHref: string; xlsxHref: string; backHref: string; backLabel: string; printLabel: string }) {
  return (
    <div className="no-print mb-4 flex flex-wrap items-center justify-between gap-3">
      <Link href={backHref} className="text-sm text-brand-700 hover:underline">
        {backLabel}
      </Link>
      <div className="flex flex-wrap items-center gap-2">
        <PrintButton label={printLabel} />
        <a href={pdfHref} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50" download>
          Tải PDF
        </a>
        <a href={xlsxHref} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50" download>
          Tải Excel
        </a>
      </div>
    </div>
  );
}

function Cover({ cover }: { cover: Book["cover"] }) {
  return (
    <section aria-label="Trang bìa" className="book-cover mb-6 rounded-lg border border-slate-200 bg-white px-6 py-10">
      <p className="uppercase">{cover.parentName}</p>
      <p className="font-bold uppercase">{cover.agencyName}</p>
      <h1 className="mt-16 text-3xl font-bold">{cover.title}</h1>
      <p className="mt-6 text-lg font-bold">Năm: {cover.year}</p>
      <p className="mt-4">
        Từ ngày {cover.fromDate || "……"} đến ngày {cover.toDate || "……"}
      </p>
      <p>
        Từ số {cover.fromNo || "……"} đến số {cover.toNo || "……"}
      </p>
      <p>Quyển số: {cover.bookNo}</p>
    </section>
  );
}

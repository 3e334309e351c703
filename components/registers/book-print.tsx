import Link from "next/link";
import type { Book } from "@/lib/registers/book";
import { PrintButton } from "./print-button";

// NĐ 30/2020 Điều 16.2.b, 22.3.b: the book is printed, signed for and bound. A4 landscape; the
// header row repeats on every printed page; fixed column widths (in %) with wrapping text.
const PRINT_CSS = `
@page { size: A4 landscape; margin: 12mm; }
.book-cover { text-align: center; }
.book-table { width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 9pt; line-height: 1.3; background: #fff; }
.book-table th, .book-table td { border: 1px solid #000; padding: 2px 3px; vertical-align: top; overflow-wrap: anywhere; white-space: pre-line; }
.book-table th { font-weight: 600; text-align: center; vertical-align: middle; }
.book-table thead { display: table-header-group; }
.book-table tr { break-inside: avoid; page-break-inside: avoid; }
.book-table .c { text-align: center; overflow-wrap: normal; }
@media print {
  html, body { background: #fff !important; }
  main { padding: 0 !important; }
  .book-cover { break-after: page; page-break-after: always; min-height: 170mm; display: flex; flex-direction: column; justify-content: center; border: 0 !important; box-shadow: none !important; }
  .book-table { font-size: 8pt; }
}
`;

/** The print view: the cover, then the table. Every value is rendered as text (React escapes it). */
export function BookPrint({ book, pdfHref, xlsxHref }: { book: Book; pdfHref: string; xlsxHref: string }) {
  const { cover } = book;
  return (
    <div>
      <style>{PRINT_CSS}</style>
      <div className="no-print mb-4 flex flex-wrap items-center justify-between gap-3">
        <Link href="/registers" className="text-sm text-brand-700 hover:underline">
          ← Chọn sổ khác
        </Link>
        <div className="flex flex-wrap items-center gap-2">
          <PrintButton />
          <a href={pdfHref} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50" download>
            Tải PDF
          </a>
          <a href={xlsxHref} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50" download>
            Tải Excel
          </a>
        </div>
      </div>

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

      <table className="book-table" aria-label={cover.title}>
        <colgroup>
          {book.columns.map((c) => (
            <col key={c.title} style={{ width: `${c.width}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {book.columns.map((c) => (
              <th key={c.title} scope="col">
                {c.title}
              </th>
            ))}
          </tr>
          <tr>
            {book.columns.map((c, i) => (
              <th key={c.title} scope="col" className="c" style={{ fontWeight: 400 }}>
                ({i + 1})
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {book.rows.length === 0 ? (
            <tr>
              <td colSpan={book.columns.length} className="c">
                Không có văn bản nào trong phạm vi đã chọn.
              </td>
            </tr>
          ) : (
            book.rows.map((cells, r) => (
              <tr key={r}>
                {cells.map((v, i) => (
                  <td key={i} className={book.columns[i].centre ? "c" : undefined}>
                    {v}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

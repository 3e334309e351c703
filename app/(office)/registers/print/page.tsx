import { notFound } from "next/navigation";
import { BookForm } from "@/components/registers/book-form";
import { BookPrint } from "@/components/registers/book-print";
import { Card, PageHeader } from "@/components/ui/page";
import { requireVerb } from "@/lib/auth/current";
import { bookFormOptions, loadBook } from "@/lib/register-books";
import { bookQuerySchema, bookSearch } from "@/lib/registers/schemas";
import { parseParams, type RawParams } from "@/lib/search-params";

export const metadata = { title: "In sổ văn bản" };

/** The print view of every book (đến, theo dõi giải quyết, đi); the downloads render the same rows. */
export default async function BookPrintPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const { actor } = await requireVerb("registers.print");
  // A book cannot be printed from half a query: a bad value answers the form with its message.
  const parsed = parseParams(await searchParams, bookQuerySchema);
  if (!parsed.success) {
    const { year, ...options } = await bookFormOptions(actor);
    const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
    return (
      <div>
        <PageHeader title="Sổ văn bản" />
        <Card>
          <BookForm values={{ book: "incoming", year, series: "normal" }} {...options} errors={errors} />
        </Card>
      </div>
    );
  }
  const book = await loadBook(actor, parsed.data);
  if (!book) notFound();
  const q = { ...parsed.data, year: book.cover.year };
  return (
    <BookPrint book={book} pdfHref={`/api/registers?${bookSearch(q, { format: "pdf" })}`} xlsxHref={`/api/registers?${bookSearch(q, { format: "xlsx" })}`} />
  );
}

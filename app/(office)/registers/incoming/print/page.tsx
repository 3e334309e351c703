import { notFound } from "next/navigation";
import { BookForm } from "@/components/registers/book-form";
import { BookPrint } from "@/components/registers/book-print";
import { Card, PageHeader } from "@/components/ui/page";
import { requireVerb } from "@/lib/auth/current";
import { loadIncomingBook, printableSeries } from "@/lib/registers/incoming-book";
import { vietnamYear } from "@/lib/registers/numbering";
import { bookQuerySchema, bookSearch, firstValues } from "@/lib/registers/schemas";

export const metadata = { title: "In sổ văn bản đến" };

type Search = Record<string, string | string[] | undefined>;

export default async function IncomingBookPrintPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { actor } = await requireVerb("registers.print");
  const raw = firstValues(await searchParams);
  const parsed = bookQuerySchema.safeParse(raw);
  const thisYear = vietnamYear(new Date());
  if (!parsed.success) {
    const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
    return (
      <div>
        <PageHeader title="Sổ văn bản" />
        <Card>
          <BookForm
            values={{ book: "register", year: thisYear, series: "normal" }}
            years={Array.from({ length: 6 }, (_, i) => thisYear - i)}
            series={printableSeries(actor)}
            errors={errors}
          />
        </Card>
      </div>
    );
  }
  const q = { ...parsed.data, year: parsed.data.year ?? thisYear };
  const book = await loadIncomingBook(actor, q);
  if (!book) notFound();
  return (
    <BookPrint
      book={book}
      pdfHref={`/api/registers/incoming?${bookSearch(q, { format: "pdf" })}`}
      xlsxHref={`/api/registers/incoming?${bookSearch(q, { format: "xlsx" })}`}
    />
  );
}

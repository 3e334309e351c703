import { BookForm } from "@/components/registers/book-form";
import { Card, PageHeader } from "@/components/ui/page";
import { requireVerb } from "@/lib/auth/current";
import { printableSeries } from "@/lib/registers/incoming-book";
import { vietnamYear } from "@/lib/registers/numbering";

export const metadata = { title: "Sổ văn bản" };

/** Sổ văn bản: choose the book, the year, the series and a range, then print or download it. */
export default async function RegistersPage() {
  const { actor } = await requireVerb("registers.print");
  const year = vietnamYear(new Date());
  const years = Array.from({ length: 6 }, (_, i) => year - i);
  return (
    <div>
      <PageHeader title="Sổ văn bản" description="In sổ đăng ký văn bản đến và sổ theo dõi giải quyết văn bản đến theo mẫu Nghị định 30/2020/NĐ-CP." />
      <Card>
        <BookForm values={{ book: "register", year, series: "normal" }} years={years} series={printableSeries(actor)} />
      </Card>
    </div>
  );
}

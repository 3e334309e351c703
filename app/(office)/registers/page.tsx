import { BookForm } from "@/components/registers/book-form";
import { Card, PageHeader } from "@/components/ui/page";
import { requireVerb } from "@/lib/auth/current";
import { bookFormOptions } from "@/lib/registers/load";

export const metadata = { title: "Sổ văn bản" };

/** Sổ văn bản: choose the book, the year, the series or register and a range, then print or download it. */
export default async function RegistersPage() {
  const { actor } = await requireVerb("registers.print");
  const { year, ...options } = await bookFormOptions(actor);
  return (
    <div>
      <PageHeader
        title="Sổ văn bản"
        description="In sổ đăng ký văn bản đến, sổ theo dõi giải quyết văn bản đến và sổ đăng ký văn bản đi theo mẫu Nghị định 30/2020/NĐ-CP."
      />
      <Card>
        <BookForm values={{ book: "incoming", year, series: "normal" }} {...options} />
      </Card>
    </div>
  );
}

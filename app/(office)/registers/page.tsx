import { BookForm } from "@/components/registers/book-form";
import { Card, PageHeader } from "@/components/ui/page";
import Link from "next/link";
import { requireVerb } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { bookFormOptions } from "@/lib/register-books";

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
      {can(actor, "documents.readAgency") ? (
        <div className="mt-4">
          <Card title="Báo cáo giải quyết văn bản">
            <ul className="list-disc space-y-1 pl-5 text-sm">
              <li><Link href="/monitoring/reports?kind=incoming" className="text-brand-700 hover:underline">Báo cáo giải quyết văn bản đến</Link></li>
              <li><Link href="/monitoring/reports?kind=outgoing" className="text-brand-700 hover:underline">Báo cáo giải quyết văn bản đi</Link></li>
            </ul>
          </Card>
        </div>
      ) : null}
    </div>
  );
}

import "server-only";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { agencies } from "@/db/schema";
import { formatDate } from "@/lib/format";
import type { BookCover } from "./book";
import type { BookQuery } from "./schemas";

type Entry = { date: Date | string | null; no: number | null } | undefined;

/**
 * The cover of a book (NĐ 30/2020 Phụ lục IV): the agency and its parent, the title (MẬT for a
 * secret series), the year, and the range asked for or else the first and last entries printed.
 */
export async function bookCover(
  db: Db | Tx,
  agencyId: string,
  o: { title: string; secret: boolean; year: number; q: BookQuery; first: Entry; last: Entry; bookNo: string },
): Promise<BookCover> {
  const [agency] = await db.select({ name: agencies.name, parentName: agencies.parentName }).from(agencies).where(eq(agencies.id, agencyId));
  const { q } = o;
  return {
    parentName: agency?.parentName ?? "",
    agencyName: agency?.name ?? "",
    title: o.secret ? `${o.title} MẬT` : o.title,
    year: o.year,
    fromDate: formatDate(q.from ?? o.first?.date),
    toDate: formatDate(q.to ?? o.last?.date),
    fromNo: String(q.fromNo ?? o.first?.no ?? ""),
    toNo: String(q.toNo ?? o.last?.no ?? ""),
    bookNo: o.bookNo,
  };
}

import { permanentRedirect } from "next/navigation";
import { firstValues, searchRecord, type RawParams } from "@/lib/search-params";

export const metadata = { title: "In sổ văn bản đến" };

/** The print view's first address (incoming books only): kept so that bookmarks still open the book. */
export default async function OldIncomingPrintPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const params = new URLSearchParams(searchRecord(firstValues(await searchParams)));
  permanentRedirect(`/registers/print?${params.toString()}`);
}

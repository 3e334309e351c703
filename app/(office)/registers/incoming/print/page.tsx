import { permanentRedirect } from "next/navigation";

type Search = Record<string, string | string[] | undefined>;

/** The print view's first address (incoming books only): kept so that bookmarks still open the book. */
export default async function OldIncomingPrintPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) for (const one of [v ?? []].flat()) params.append(k, one);
  permanentRedirect(`/registers/print?${params.toString()}`);
}

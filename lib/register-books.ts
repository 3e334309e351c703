import "server-only";
import type { Db, Tx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { printableSeries, type Book } from "@/lib/registers/book";
import { loadIncomingBook } from "@/lib/incoming/register-book";
import { vietnamYear } from "@/lib/registers/numbering";
import { loadOutgoingBook, outgoingRegisterChoices } from "@/lib/outgoing/register-book";
import type { BookQuery } from "@/lib/registers/schemas";

/** The book a query asks for, or null when the actor may not print it (the print view and the downloads). */
export function loadBook(actor: Actor, q: BookQuery, db?: Db | Tx): Promise<Book | null> {
  return q.book === "outgoing" ? loadOutgoingBook(actor, { ...q, book: q.book }, db) : loadIncomingBook(actor, { ...q, book: q.book }, db);
}

/** What the form offers the actor: the last six years, the incoming series, the outgoing registers. */
export async function bookFormOptions(actor: Actor, db?: Db | Tx) {
  const year = vietnamYear(new Date());
  const years = Array.from({ length: 6 }, (_, i) => year - i);
  return { year, years, series: printableSeries(actor), registers: await outgoingRegisterChoices(actor, years, db) };
}

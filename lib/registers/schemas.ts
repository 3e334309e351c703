import { z } from "zod";
import { MAX_YEAR, MIN_YEAR } from "@/lib/dates";
import { normalizeDate } from "@/lib/validation";

/** Sổ đăng ký văn bản đến, Sổ theo dõi giải quyết văn bản đến, Sổ đăng ký văn bản đi (NĐ 30/2020 Phụ lục IV). */
export const BOOK_KINDS = ["incoming", "tracking", "outgoing"] as const;
export type BookKind = (typeof BOOK_KINDS)[number];

const blank = (v: unknown) => (v === "" || v == null ? undefined : v);
// Links printed before the outgoing register existed said book=register for the incoming one.
const bookKind = (v: unknown) => (v === "register" ? "incoming" : blank(v));
const isoDate = (label: string) =>
  z
    .preprocess((v) => normalizeDate(blank(v)) ?? undefined, z.iso.date(`${label} không hợp lệ, nhập theo dạng dd/mm/yyyy.`).optional())
    .refine((v) => !v || !/^\d{4}-/.test(v) || (Number(v.slice(0, 4)) >= MIN_YEAR && Number(v.slice(0, 4)) <= MAX_YEAR), `${label} có năm không hợp lệ.`);
const arrivalNo = (label: string) =>
  z.preprocess(blank, z.coerce.number(`${label} phải là số.`).int(`${label} phải là số nguyên.`).min(1).max(9_999_999).optional());

/**
 * Which book to print (NĐ 30/2020 Phụ lục IV), a year, and a range of dates (arrival dates for the
 * incoming books, issue dates for the outgoing one) or of numbers (số đến, số đi). The incoming
 * books choose the normal or the secret series; the outgoing book one register of the year by its
 * code (DI, QĐ, DI-MAT …; the register's own flag says whether it is secret). Read from the URL of
 * the print view and of the downloads, so every field is optional text.
 */
export const bookQuerySchema = z
  .object({
    book: z.preprocess(bookKind, z.enum(BOOK_KINDS, "Sổ không hợp lệ.").default("incoming")),
    year: z.preprocess(blank, z.coerce.number("Năm phải là số.").int().min(2000, "Năm không hợp lệ.").max(2100, "Năm không hợp lệ.").optional()),
    series: z.preprocess(blank, z.enum(["normal", "secret"], "Loại sổ không hợp lệ.").default("normal")),
    register: z.preprocess(blank, z.string().regex(/^[\p{L}\p{N}_-]{1,30}$/u, "Sổ văn bản đi không hợp lệ.").optional()),
    from: isoDate("Từ ngày"),
    to: isoDate("Đến ngày"),
    fromNo: arrivalNo("Từ số"),
    toNo: arrivalNo("Đến số"),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "Từ ngày phải trước hoặc bằng đến ngày.", path: ["to"] })
  .refine((q) => q.fromNo == null || q.toNo == null || q.fromNo <= q.toNo, { message: "Từ số phải nhỏ hơn hoặc bằng đến số.", path: ["toNo"] });

export type BookQuery = z.output<typeof bookQuerySchema>;

/** Tải PDF / Tải Excel of a book: the same query and the format (GET /api/registers). */
export const bookDownloadSearchSchema = bookQuerySchema.and(z.object({ format: z.enum(["pdf", "xlsx"]) }));

/** The query string of a book, for links between the print view and the downloads. */
export function bookSearch(q: BookQuery & { year: number }, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  p.set("book", q.book);
  p.set("year", String(q.year));
  p.set("series", q.series);
  if (q.book === "outgoing" && q.register) p.set("register", q.register);
  if (q.from) p.set("from", q.from);
  if (q.to) p.set("to", q.to);
  if (q.fromNo != null) p.set("fromNo", String(q.fromNo));
  if (q.toNo != null) p.set("toNo", String(q.toNo));
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}

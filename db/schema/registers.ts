import { boolean, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { agencies } from "./org";

export const registerKind = pgEnum("register_kind", ["incoming", "outgoing"]);

// A numbered book per agency, kind, year and series (NĐ 30/2020 Điều 15, 22): its row is also the
// counter, taken FOR UPDATE in the same transaction as the entry, so numbers are gapless and unique.
export const registers = pgTable(
  "registers",
  {
    id: id(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    kind: registerKind("kind").notNull(),
    year: integer("year").notNull(),
    /** Mật, Tối mật, Tuyệt mật documents have their own series (Điều 15.2, 22.4). */
    secret: boolean("secret").notNull().default(false),
    code: text("code").notNull(),
    name: text("name").notNull(),
    bookNo: integer("book_no").notNull().default(1),
    lastNo: integer("last_no").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("registers_agency_kind_year_code_uq").on(t.agencyId, t.kind, t.year, t.code)],
);

export type Register = typeof registers.$inferSelect;

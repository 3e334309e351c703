import "server-only";
import { z } from "zod";
import type { Db, Tx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import type { TitledBook } from "@/lib/registers/book";
import type { RecordDoc } from "@/lib/registers/record";
import { isUuid } from "@/lib/validation";
import { loadFileIndexBook, loadHandoverListBook, loadHandoverRecord, loadPlanBook } from "./books";

// The one query of the print view and the downloads of the work files (lib/work-files/links.ts).

const uuid = z.string().refine(isUuid, "Thiếu hoặc sai mã hồ sơ, đợt nộp lưu trong địa chỉ.");
export const workFilePrintSchema = z.discriminatedUnion("book", [
  z.object({ book: z.literal("plan"), year: z.coerce.number().int().min(2000).max(2100) }),
  z.object({ book: z.literal("handover-list"), batch: uuid }),
  z.object({ book: z.literal("handover-record"), batch: uuid }),
  z.object({ book: z.literal("file-index"), file: uuid }),
]);
export type WorkFilePrintQuery = z.output<typeof workFilePrintSchema>;
/** Tải PDF / Tải Excel of a printout: the same query and the format (GET /api/work-files/books). */
export const workFilePrintDownloadSchema = workFilePrintSchema.and(z.object({ format: z.enum(["pdf", "xlsx"]) }));

export type Printout = { kind: "book"; book: TitledBook } | { kind: "record"; record: RecordDoc };

/** The printout a query asks for, or null when it is missing or the actor may not read it. */
export async function loadPrintout(actor: Actor, q: WorkFilePrintQuery, db?: Db | Tx): Promise<Printout | null> {
  if (q.book === "handover-record") {
    const record = await loadHandoverRecord(actor, q.batch, db);
    return record && { kind: "record", record };
  }
  const book =
    q.book === "plan" ? await loadPlanBook(actor, q.year, db)
    : q.book === "handover-list" ? await loadHandoverListBook(actor, q.batch, db)
    : await loadFileIndexBook(actor, q.file, db);
  return book && { kind: "book", book };
}

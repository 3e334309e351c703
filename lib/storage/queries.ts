import "server-only";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { storedFiles, type StoredFile } from "@/db/schema";

import { isUuid } from "@/lib/validation";

export { isUuid };

/** The file row, or null for a missing or malformed id. */
export async function findFile(db: Db | Tx, id: string): Promise<StoredFile | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(storedFiles).where(eq(storedFiles.id, id));
  return row ?? null;
}

export interface NewFile {
  agencyId: string;
  sha256: string;
  size: number;
  mime: string;
  name: string;
  uploadedBy: string;
  /** Flags of a PDF (lib/pdf/risks.ts); null for other types. */
  pdfRisks: string[] | null;
}

export async function insertFile(tx: Tx, file: NewFile): Promise<string> {
  const [row] = await tx.insert(storedFiles).values(file).returning({ id: storedFiles.id });
  return row.id;
}

import "server-only";
import type { Tx } from "@/db/client";
import { storedFiles } from "@/db/schema";

export interface NewFile {
  agencyId: string;
  sha256: string;
  size: number;
  mime: string;
  name: string;
  uploadedBy: string | null;
  /** Flags of a PDF (lib/pdf/risks.ts); null for other types. */
  pdfRisks: string[] | null;
}

export async function insertFile(tx: Tx, file: NewFile): Promise<string> {
  const [row] = await tx.insert(storedFiles).values(file).returning({ id: storedFiles.id });
  return row.id;
}

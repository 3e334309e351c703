import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { oncePerHandle } from "@/db/named";
import { agencyDirectory, registers, units } from "@/db/schema";
import { agencyRecipientOptions } from "@/lib/incoming/options";
import { vietnamYear } from "@/lib/registers/numbering";

export interface OutgoingRecipientOption {
  kind: "unit" | "user" | "agency";
  id: string;
  label: string;
  /** Directory agencies: whether they receive electronically (a mã định danh is on file). */
  electronic?: boolean;
}

// The directory of other agencies, read by every draft form: made once per handle (db/named.ts).
const directoryStatement = oncePerHandle((db: Db) =>
  db
    .select({ id: agencyDirectory.id, name: agencyDirectory.name, organId: agencyDirectory.organId })
    .from(agencyDirectory)
    .where(and(eq(agencyDirectory.agencyId, sql.placeholder("agencyId")), eq(agencyDirectory.active, true)))
    .orderBy(asc(agencyDirectory.sortOrder), asc(agencyDirectory.name))
    .prepare("directory_options"),
);

/**
 * Nơi nhận to choose from: the agency's units and people, and the directory of other agencies. `people`: only
 * these people — the draft form shows the chosen ones and asks for the others when it opens
 * (/api/outgoing/recipient-options): two thousand people of a province's department made the form's page
 * 341 KB and 37 ms of server time (README Benchmarks).
 */
export async function outgoingRecipientOptions(agencyId: string, o: { people?: readonly string[] } = {}): Promise<OutgoingRecipientOption[]> {
  const db = await getDb();
  const [internal, directory] = await Promise.all([
    agencyRecipientOptions(agencyId, o),
    directoryStatement(db).execute({ agencyId }),
  ]);
  return [...internal, ...directory.map((a) => ({ kind: "agency" as const, id: a.id, label: a.name, electronic: !!a.organId }))];
}

/** Units that may be asked for comments: every active unit of the agency but the drafting one. */
export async function consultUnitOptions(agencyId: string, exceptUnitId: string) {
  const db = await getDb();
  const rows = await db.select({ id: units.id, name: units.name }).from(units).where(and(eq(units.agencyId, agencyId), eq(units.active, true))).orderBy(asc(units.sortOrder));
  return rows.filter((u) => u.id !== exceptUnitId);
}

/** The outgoing registers of this year in the document's series; empty means the default book is created at issue. */
export async function issueRegisterOptions(agencyId: string, secret: boolean) {
  const db = await getDb();
  return db
    .select({ id: registers.id, name: registers.name, code: registers.code, lastNo: registers.lastNo })
    .from(registers)
    .where(and(eq(registers.agencyId, agencyId), eq(registers.kind, "outgoing"), eq(registers.year, vietnamYear(new Date())), eq(registers.secret, secret)))
    .orderBy(asc(registers.code));
}

import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { incomingDocuments, registers, type Register } from "@/db/schema";

type Kind = Register["kind"];

const NAMES: Record<Kind, [string, string]> = {
  incoming: ["Sổ đăng ký văn bản đến", "Sổ đăng ký văn bản đến mật"],
  outgoing: ["Sổ đăng ký văn bản đi", "Sổ đăng ký văn bản đi mật"],
};

/** The year of a moment in Vietnam time: numbering restarts on 1 January (NĐ 30/2020 Điều 15, 22). */
export function vietnamYear(at: Date): number {
  return Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric" }).format(at));
}

/** The default register of a kind, year and series, created on first use. */
export async function ensureRegister(tx: Tx, agencyId: string, kind: Kind, year: number, secret: boolean): Promise<string> {
  const code = `${kind === "incoming" ? "DEN" : "DI"}${secret ? "-MAT" : ""}`;
  await tx
    .insert(registers)
    .values({ agencyId, kind, year, secret, code, name: NAMES[kind][secret ? 1 : 0] })
    .onConflictDoNothing();
  const [r] = await tx
    .select({ id: registers.id })
    .from(registers)
    .where(and(eq(registers.agencyId, agencyId), eq(registers.kind, kind), eq(registers.year, year), eq(registers.code, code)));
  return r.id;
}

/**
 * The next number of a register. The UPDATE locks the register row until the transaction ends,
 * so concurrent callers queue and a rollback gives the number back: gapless and unique
 * (security.md §3). Call it last in the transaction, after everything that may fail.
 */
export async function takeNumber(tx: Tx, registerId: string): Promise<number> {
  const [r] = await tx
    .update(registers)
    .set({ lastNo: sql`${registers.lastNo} + 1` })
    .where(eq(registers.id, registerId))
    .returning({ no: registers.lastNo });
  return r.no;
}

/**
 * Vào sổ an incoming document already inserted without a number: takes the register's next number and
 * writes it on the document in one statement. The register row stays locked until the commit, so
 * callers insert the document, its files and everything else that does not need the number first and
 * call this last (issue 15 item 5: the lock is held for this statement, the steps after it and the
 * audit entry, not for the whole step).
 */
export async function numberIncoming(tx: Tx, registerId: string, documentId: string): Promise<number> {
  const { rows } = await tx.execute(sql`
    with n as (update ${registers} set last_no = last_no + 1 where id = ${registerId} returning last_no)
    update ${incomingDocuments} d set arrival_no = n.last_no from n where d.id = ${documentId}
    returning d.arrival_no as no`);
  return Number((rows[0] as { no: number }).no);
}

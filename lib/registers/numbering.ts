import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { incomingDocuments, incomingEvents, registers, type Register } from "@/db/schema";

type Kind = Register["kind"];

const NAMES: Record<Kind, [string, string]> = {
  incoming: ["Sổ đăng ký văn bản đến", "Sổ đăng ký văn bản đến mật"],
  outgoing: ["Sổ đăng ký văn bản đi", "Sổ đăng ký văn bản đi mật"],
};

/** The year of a moment in Vietnam time: numbering restarts on 1 January (NĐ 30/2020 Điều 15, 22). */
const VN_YEAR = new Intl.DateTimeFormat("en", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric" });

export function vietnamYear(at: Date): number {
  return Number(VN_YEAR.format(at));
}

/** The default register of a kind, year and series, created on first use. */
export async function ensureRegister(tx: Tx, agencyId: string, kind: Kind, year: number, secret: boolean): Promise<string> {
  const code = `${kind === "incoming" ? "DEN" : "DI"}${secret ? "-MAT" : ""}`;
  const find = async () =>
    (
      await tx
        .select({ id: registers.id })
        .from(registers)
        .where(and(eq(registers.agencyId, agencyId), eq(registers.kind, kind), eq(registers.year, year), eq(registers.code, code)))
    )[0]?.id;
  // Look first: INSERT … ON CONFLICT DO NOTHING on an existing register waits for the transaction
  // holding its row (the one numbering) to end, which queued every step at its start.
  const found = await find();
  if (found) return found;
  await tx
    .insert(registers)
    .values({ agencyId, kind, year, secret, code, name: NAMES[kind][secret ? 1 : 0] })
    .onConflictDoNothing();
  return (await find())!;
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
 * Vào sổ an incoming document already inserted without a number: takes the register's next number,
 * writes it on the document and adds the document's "registered" event (`text` followed by the
 * number; payload { arrivalNo, year }), in one statement. The register row stays locked until the
 * commit, so callers insert the document, its files and everything else that does not need the number
 * first and call this last: the lock is held for this statement and the audit entry (issue 15 item 5).
 */
export async function numberIncoming(
  tx: Tx,
  registerId: string,
  documentId: string,
  event: { actorId: string; actorName: string; text: string; year: number },
): Promise<number> {
  const { rows } = await tx.execute(sql`
    with n as (update ${registers} set last_no = last_no + 1 where id = ${registerId} returning last_no),
    d as (update ${incomingDocuments} d set arrival_no = n.last_no from n where d.id = ${documentId} returning d.arrival_no),
    e as (
      insert into ${incomingEvents} (document_id, actor_id, actor_name, kind, text, payload)
      select ${documentId}::uuid, ${event.actorId}::uuid, ${event.actorName}, 'registered', ${event.text}::text || d.arrival_no,
        jsonb_build_object('arrivalNo', d.arrival_no, 'year', ${event.year}::int)
      from d)
    select arrival_no as no from d`);
  return Number((rows[0] as { no: number }).no);
}

import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { incomingDocuments, incomingEvents, registers, type Register } from "@/db/schema";
import type { LateNumber } from "@/lib/audit";

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

const registerCode = (kind: Kind, secret: boolean) => `${kind === "incoming" ? "DEN" : "DI"}${secret ? "-MAT" : ""}`;

/** The id of the default register of a kind, year and series, as a sub-select (null before its first use). */
export function registerIdSql(agencyId: string, kind: Kind, year: number, secret: boolean): SQL<string | null> {
  return sql<string | null>`(select ${registers.id} from ${registers} where ${and(
    eq(registers.agencyId, agencyId), eq(registers.kind, kind), eq(registers.year, year), eq(registers.code, registerCode(kind, secret)),
  )})`;
}

/** The default register of a kind, year and series, created on first use. */
export async function ensureRegister(tx: Tx, agencyId: string, kind: Kind, year: number, secret: boolean): Promise<string> {
  const find = async () => ((await tx.execute(sql`select ${registerIdSql(agencyId, kind, year, secret)} as id`)).rows[0] as { id: string | null }).id;
  // Look first: INSERT … ON CONFLICT DO NOTHING on an existing register waits for the transaction
  // holding its row (the one numbering) to end, which queued every step at its start.
  const found = await find();
  if (found) return found;
  await tx
    .insert(registers)
    .values({ agencyId, kind, year, secret, code: registerCode(kind, secret), name: NAMES[kind][secret ? 1 : 0] })
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
 * Vào sổ an incoming document already inserted without a number: the register's next number, written on
 * the document with the document's "registered" event (`text` followed by the number; payload
 * { arrivalNo, year }), all taken in the action wrapper's last statement with the audit entry and, on
 * PostgreSQL, the commit (lib/audit LateNumber): the register row is locked inside the server only, from
 * that statement to its commit (issue 15 item 5). `no` stands for the number in the step's data and audit
 * payload until then (the wrapper writes the number in its place); it is not a number yet.
 */
export function lateIncomingNumber(
  registerId: string,
  documentId: string,
  event: { actorId: string; actorName: string; text: string; year: number },
): { no: number; number: LateNumber } {
  const placeholder = `#no:${randomUUID()}`;
  const ctes = sql`
    n as (update ${registers} set last_no = last_no + 1 where id = ${registerId}::uuid returning last_no),
    d as (update ${incomingDocuments} d set arrival_no = n.last_no from n where d.id = ${documentId}::uuid returning d.arrival_no),
    e as (
      insert into ${incomingEvents} (document_id, actor_id, actor_name, kind, text, payload)
      select ${documentId}::uuid, ${event.actorId}::uuid, ${event.actorName}::text, 'registered', ${event.text}::text || d.arrival_no,
        jsonb_build_object('arrivalNo', d.arrival_no, 'year', ${event.year}::int)
      from d),
    num as (select arrival_no as no from d)`;
  return { no: placeholder as unknown as number, number: { placeholder, ctes } };
}

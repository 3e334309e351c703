import "server-only";
import { and, asc, desc, eq, gt, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { auditChainHeads, auditEvents } from "@/db/schema";
import { preparedCall } from "@/db/named";
import { entryBody, entryHash, GENESIS_HASH, normalizePayload } from "./chain";

export type AuditOutcome = "success" | "refused" | "failure";

export interface AuditInput {
  /** The agency whose chain records this; null goes to the system chain (e.g. an unknown username). */
  agencyId: string | null;
  actorId?: string | null;
  actorName?: string;
  action: string;
  outcome?: AuditOutcome;
  objectType?: string;
  objectId?: string;
  ip?: string;
  payload?: Record<string, unknown>;
}

export const SYSTEM_CHAIN = "system";

/**
 * A number taken in the audit entry's own statement (a register's next number, lib/registers/numbering.ts):
 * `ctes` are WITH items, run first, that take it, write it and end with one named `num` with its column
 * `no`. Until the statement returns it, the step's data and audit payload carry `placeholder` in its place
 * (a string that only this step knows): the statement writes the number there in the entry, its hash and
 * the idempotency result.
 */
export interface LateNumber {
  placeholder: string;
  ctes: SQL;
}

function entryFields(input: AuditInput) {
  return {
    chain: input.agencyId ?? SYSTEM_CHAIN,
    at: new Date(),
    actorId: input.actorId ?? null,
    actorName: input.actorName ?? "",
    action: input.action,
    outcome: input.outcome ?? "success",
    objectType: input.objectType ?? "",
    objectId: input.objectId ?? "",
    ip: input.ip ?? "",
    payload: normalizePayload(input.payload),
  };
}

/**
 * The statement appending one entry: it takes the chain head's lock, inserts the entry with hash =
 * sha256(prev ‖ "\n" ‖ body) computed in SQL from the head it locked, and moves the head. With a late
 * number, its CTEs come first and the head is locked only once the number is taken (the head's
 * one-time filter reads `num`): every registration locks the register row, then the chain head, in
 * that order. `also` may read `num` too. `create`: a missing head is created by this statement
 * (a concurrent first entry fails on the head's primary key instead of forking the chain).
 */
function appendStatement(fields: ReturnType<typeof entryFields>, o: { also?: SQL | SQL[]; number?: LateNumber; create?: boolean }) {
  const { chain } = fields;
  const number = o.number;
  const late = (text: string) =>
    number ? sql`replace(${text}::text, ${JSON.stringify(number.placeholder)}::text, (select no from num)::text)` : sql`${text}::text`;
  const body = entryBody(fields);
  // The entry's FROM is the locked head (or, when it may be missing, one materialized row made from it):
  // its id is drawn from the sequence after the head's lock, so ids follow the chain.
  const prev = o.create ? sql`prev.last_hash` : sql`head.last_hash`;
  // Each data-modifying CTE runs whether or not it is read.
  const also = o.also === undefined ? [] : Array.isArray(o.also) ? o.also : [o.also];
  return sql`
    with ${number ? sql`${number.ctes},` : sql``} ${sql.join(also.map((a, i) => sql`${sql.raw(i ? `also${i}` : "also")} as (${a}),`), sql` `)}
    head as (select last_hash from ${auditChainHeads} where chain = ${chain} ${number ? sql`and (select no from num) is not null` : sql``} for update),
    ${o.create ? sql`prev as materialized (select coalesce((select last_hash from head), ${GENESIS_HASH}::text) as last_hash),` : sql``}
    entry as (
      insert into ${auditEvents} (chain, at, actor_id, actor_name, action, outcome, object_type, object_id, ip, payload, prev_hash, hash)
      select ${chain}, ${fields.at.toISOString()}::timestamptz, ${fields.actorId}::uuid, ${fields.actorName}, ${fields.action}, ${fields.outcome},
        ${fields.objectType}, ${fields.objectId}, ${fields.ip}, ${late(JSON.stringify(fields.payload))}::jsonb, ${prev},
        encode(sha256(convert_to(${prev} || chr(10) || ${late(body)}, 'UTF8')), 'hex')
      from ${o.create ? sql`prev` : sql`head`}
      returning id, hash),
    moved as (update ${auditChainHeads} h set last_id = entry.id, last_hash = entry.hash from entry where h.chain = ${chain} returning entry.id)
    ${o.create ? sql`, created as (insert into ${auditChainHeads} (chain, last_id, last_hash) select ${chain}, entry.id, entry.hash from entry where not exists (select 1 from head) returning last_id)` : sql``}
    select coalesce((select id from moved)${o.create ? sql`, (select last_id from created)` : sql``}) as id${number ? sql`, (select no from num) as no` : sql``}`;
}

/**
 * Appends one entry in the caller's transaction; the chain head row lock keeps the chain linear.
 * A transaction is required: outside one the lock ends with its statement and the chain forks.
 *
 * One statement: the head's lock is held for that statement and the commit, not for round trips
 * (issue 15 item 5). `also`: one more data-modifying statement run in the same round trip.
 */
export async function appendAudit(tx: Tx, input: AuditInput, also?: SQL): Promise<number> {
  const fields = entryFields(input);
  const append = () => tx.execute(appendStatement(fields, { also }));
  let { rows } = await append();
  if ((rows[0] as { id: unknown } | undefined)?.id == null) {
    // The chain's first entry: create its head (a concurrent first writer may win the race), then append.
    await tx.insert(auditChainHeads).values({ chain: fields.chain, lastId: 0, lastHash: GENESIS_HASH }).onConflictDoNothing();
    ({ rows } = await append());
  }
  return Number((rows[0] as { id: number | string }).id);
}

/**
 * The action wrapper's last statement (lib/actions/define.ts): the audit entry, `also` (the idempotency
 * result) and a late number in one statement. On PostgreSQL its COMMIT goes in the same message (the
 * simple query protocol: `execute` of the statement prepared on the connection, db/named.ts, its parameters
 * written in as literals), followed by a BEGIN that the transaction's own COMMIT then ends empty: the register row and the chain head are locked from this
 * statement to its commit inside the server, never across a round trip to this process. Nothing may be
 * written in the transaction after it. Returns the entry's id and the number taken (null without one).
 */
export async function appendAuditAndCommit(
  tx: Tx,
  input: AuditInput,
  o: { also?: SQL | SQL[]; number?: LateNumber; commit: boolean },
): Promise<{ id: number; no: number | null }> {
  const fields = entryFields(input);
  const statement = appendStatement(fields, { also: o.also, number: o.number, create: true });
  const result = o.commit ? await tx.execute(sql.raw(`${await preparedCall(tx, statement)}; commit; begin`)) : await tx.execute(statement);
  // Several statements in one simple query answer one result each.
  const { rows } = (Array.isArray(result) ? result[0] : result) as { rows: { id: number | string | null; no?: number | string | null }[] };
  const r = rows[0];
  if (r?.id == null) throw new Error(`audit: no entry appended to chain ${fields.chain}`);
  return { id: Number(r.id), no: r.no == null ? null : Number(r.no) };
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first entry whose hash or link does not match, or the head that does not match the last entry. */
  firstBrokenId?: number;
  reason?: string;
}

/** Recomputes the whole chain in id order, in pages, and names the first broken entry. */
export async function verifyChain(db: Db, chain: string): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.chain, chain), gt(auditEvents.id, lastId)))
      .orderBy(asc(auditEvents.id))
      .limit(1000);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.prevHash !== prev) return { ok: false, checked, firstBrokenId: r.id, reason: "Liên kết với bản ghi trước bị sai" };
      if (entryHash(prev, { ...r, payload: r.payload ?? {} }) !== r.hash)
        return { ok: false, checked, firstBrokenId: r.id, reason: "Nội dung bản ghi đã bị thay đổi" };
      prev = r.hash;
      lastId = r.id;
      checked++;
    }
  }
  const [head] = await db.select().from(auditChainHeads).where(eq(auditChainHeads.chain, chain));
  if (head && (head.lastHash !== prev || head.lastId !== lastId))
    return { ok: false, checked, firstBrokenId: head.lastId, reason: "Thiếu bản ghi ở cuối chuỗi" };
  return { ok: true, checked };
}

export async function listChains(db: Db): Promise<string[]> {
  const rows = await db.select({ chain: auditChainHeads.chain }).from(auditChainHeads);
  return rows.map((r) => r.chain);
}

export const SECURITY_ACTIONS = ["auth.login", "auth.lockout", "auth.sso", "action.refused"] as const;

export interface SecurityEventFilter {
  agencyId: string;
  kind?: "all" | "failed" | "lockout" | "refused";
  beforeId?: number;
  pageSize?: number;
}

/** Failed logins, lockouts and refused actions of an agency (and of unknown usernames). */
export async function listSecurityEvents(db: Db, f: SecurityEventFilter) {
  const pageSize = f.pageSize ?? 50;
  const conds = [inArray(auditEvents.chain, [f.agencyId, SYSTEM_CHAIN]), sql`${auditEvents.outcome} <> 'success'`];
  if (f.kind === "failed") conds.push(inArray(auditEvents.action, ["auth.login", "auth.sso"]));
  if (f.kind === "lockout") conds.push(eq(auditEvents.action, "auth.lockout"));
  if (f.kind === "refused") conds.push(eq(auditEvents.action, "action.refused"));
  if (f.beforeId) conds.push(lt(auditEvents.id, f.beforeId));
  const rows = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorName: auditEvents.actorName,
      action: auditEvents.action,
      outcome: auditEvents.outcome,
      objectType: auditEvents.objectType,
      objectId: auditEvents.objectId,
      ip: auditEvents.ip,
      payload: auditEvents.payload,
    })
    .from(auditEvents)
    .where(and(...conds))
    .orderBy(desc(auditEvents.id))
    .limit(pageSize + 1);
  return { rows: rows.slice(0, pageSize), nextBeforeId: rows.length > pageSize ? rows[pageSize - 1].id : undefined };
}

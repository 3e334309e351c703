import "server-only";
import { and, asc, desc, eq, gt, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { auditChainHeads, auditEvents } from "@/db/schema";
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
 * Appends one entry in the caller's transaction; the chain head row lock keeps the chain linear.
 * A transaction is required: outside one the lock ends with its statement and the chain forks.
 *
 * One statement takes the head's lock, inserts the entry with hash = sha256(prev ‖ "\n" ‖ body)
 * computed in SQL from the head it locked, and moves the head: the lock is held for that statement
 * and the commit, not for round trips (issue 15 item 5). The action wrapper calls this last. `also`: one
 * more data-modifying statement run in the same round trip (the wrapper's idempotency result).
 */
export async function appendAudit(tx: Tx, input: AuditInput, also?: SQL): Promise<number> {
  const chain = input.agencyId ?? SYSTEM_CHAIN;
  const fields = {
    chain,
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
  const body = entryBody(fields);
  const append = () =>
    tx.execute(sql`
      with ${also ? sql`also as (${also}),` : sql``} head as (select last_hash from ${auditChainHeads} where chain = ${chain} for update),
      entry as (
        insert into ${auditEvents} (chain, at, actor_id, actor_name, action, outcome, object_type, object_id, ip, payload, prev_hash, hash)
        select ${chain}, ${fields.at.toISOString()}::timestamptz, ${fields.actorId}::uuid, ${fields.actorName}, ${fields.action}, ${fields.outcome},
          ${fields.objectType}, ${fields.objectId}, ${fields.ip}, ${JSON.stringify(fields.payload)}::jsonb, head.last_hash,
          encode(sha256(convert_to(head.last_hash || chr(10) || ${body}::text, 'UTF8')), 'hex')
        from head
        returning id, hash)
      update ${auditChainHeads} h set last_id = entry.id, last_hash = entry.hash from entry where h.chain = ${chain}
      returning entry.id as id`);
  let { rows } = await append();
  if (!rows.length) {
    // The chain's first entry: create its head (a concurrent first writer may win the race), then append.
    await tx.insert(auditChainHeads).values({ chain, lastId: 0, lastHash: GENESIS_HASH }).onConflictDoNothing();
    ({ rows } = await append());
  }
  return Number((rows[0] as { id: number | string }).id);
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

import "server-only";
import { randomUUID } from "node:crypto";
import type { SQL } from "drizzle-orm";
import type { z } from "zod";
import { getDb, isPostgres, type Db, type Tx } from "@/db/client";
import { appendAudit, appendAuditAndCommit, type LateNumber } from "@/lib/audit";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { can, type Verb } from "@/lib/auth/permissions";
import { markSeenSql, noticeHrefOf } from "./answered";
import type { RequestMeta } from "@/lib/auth/sessions";
import { AppError, forbidden, GENERIC_ERROR, isAppError, notFound, unauthenticated } from "@/lib/errors";
import { claimKey, rememberResultSql, requireKey, takeIdempotencyKey } from "./idempotency";
import type { ActionResult } from "./result";

export interface ActionCaller {
  userId: string;
  sessionId?: string;
  meta: RequestMeta;
}

export interface LoadContext<I> {
  actor: Actor;
  input: I;
  tx: Tx;
}

export interface RunContext<I, T> extends LoadContext<I> {
  target: T;
  caller: ActionCaller;
}

export interface AuditRecord {
  objectType: string;
  objectId: string;
  payload?: Record<string, unknown>;
}

export interface ActionDefinition<S extends z.ZodType, T, R> {
  /** Audit action name, e.g. `org.user.create`. */
  name: string;
  schema: S;
  /** Function-level check: a position granting this verb; null = any signed-in person (own data). */
  verb: Verb | null;
  /** Loads the row(s) the action changes, inside the transaction (throw notFound when missing). */
  load: (ctx: LoadContext<z.output<S>>) => Promise<T>;
  /** Data-level check on the loaded row, never on ids from the form (style.md rule 3). */
  authorize: (ctx: { actor: Actor; input: z.output<S>; target: T }) => boolean;
  /**
   * The step itself; returns the data for the caller and what the audit entry records. `number`: a
   * register's number taken in the wrapper's last statement, with the audit entry and the commit
   * (lib/registers/numbering.ts); data and audit payload carry its placeholder, replaced by the number.
   */
  run: (ctx: RunContext<z.output<S>, T>) => Promise<{ data: R; audit: AuditRecord; number?: LateNumber }>;
  /** Paths to revalidate after a successful step. */
  revalidate?: string[];
  /**
   * A creating step (inserts a new row rather than moving a row's state): the input must carry the
   * form's idempotency key, and a replay of that key returns the first result (lib/actions/idempotency.ts).
   * The data returned must be plain JSON.
   */
  idempotent?: boolean;
}

/** The row check of a step whose row only has to be the actor's agency's (the verb says who may act). */
export const sameAgency = ({ actor, target }: { actor: Actor; target: { agencyId: string } }) => target.agencyId === actor.agencyId;

/** The row exists but is not this user's to change: audited as a refusal, answered as not found. */
class RowRefused extends AppError {
  constructor() {
    super("forbidden", "Bạn không có quyền với dữ liệu này.");
  }
}

export function defineAction<S extends z.ZodType, T, R>(def: ActionDefinition<S, T, R>) {
  return def;
}

// PostgreSQL serialization failures and deadlocks are retried as a whole (security.md §1.4), and so is a
// step that lost the race to write the first entry of a new audit chain (its head's primary key).
const RETRYABLE = new Set(["40001", "40P01"]);
const pgField = (e: unknown, field: "code" | "constraint"): string | undefined => {
  const c = (e as Record<string, unknown>)?.[field] ?? ((e as { cause?: Record<string, unknown> })?.cause ?? {})[field];
  return typeof c === "string" ? c : undefined;
};
const retryable = (e: unknown) =>
  RETRYABLE.has(pgField(e, "code") ?? "") || (pgField(e, "code") === "23505" && pgField(e, "constraint") === "audit_chain_heads_pkey");

/** The step's data with a late number's placeholder replaced by the number (plain objects and arrays). */
function withNumber<R>(data: R, placeholder: string, no: number): R {
  const put = (v: unknown): unknown =>
    v === placeholder ? no
    : Array.isArray(v) ? v.map(put)
    : v && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, put(x)]))
    : v;
  return put(data) as R;
}

function toObject(raw: unknown): unknown {
  if (typeof FormData !== "undefined" && raw instanceof FormData) {
    const out: Record<string, unknown> = {};
    for (const key of new Set(raw.keys())) {
      if (key.startsWith("$ACTION")) continue;
      const all = raw.getAll(key);
      out[key] = all.length > 1 ? all : all[0];
    }
    return out;
  }
  return raw;
}

/**
 * The one write path: caller → reload user and positions → zod → verb → load row → authorize
 * row → run + audit entry in one transaction → typed result. Refusals are themselves audited.
 */
export async function executeAction<S extends z.ZodType, T, R>(
  def: ActionDefinition<S, T, R>,
  caller: ActionCaller | null,
  raw: unknown,
  db?: Db,
): Promise<ActionResult<R>> {
  const database = db ?? (await getDb());
  let actor: Actor | null = null;
  try {
    if (!caller) throw unauthenticated();
    actor = await loadActor(database, caller.userId);
    if (!actor) throw unauthenticated();
    const { key: rawKey, rest } = takeIdempotencyKey(toObject(raw));
    const parsed = def.schema.safeParse(rest);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.join(".") || "_";
        (fieldErrors[key] ??= []).push(issue.message);
      }
      return { ok: false, code: "validation", formError: "Dữ liệu chưa hợp lệ, vui lòng kiểm tra lại.", fieldErrors };
    }
    const input = parsed.data as z.output<S>;
    if (def.verb && !can(actor, def.verb)) throw forbidden();
    // After the verb: a caller without the right is refused (and audited) whatever key they send.
    const key = def.idempotent ? requireKey(rawKey) : null;
    const a = actor;
    const commit = isPostgres(database);
    for (let attempt = 1; ; attempt++) {
      try {
        const data = await database.transaction(async (tx) => {
          if (key) {
            const prior = await claimKey(tx, { key, userId: a.userId, action: def.name });
            if (prior) return prior.replay.data as R;
          }
          const target = await def.load({ actor: a, input, tx });
          if (!def.authorize({ actor: a, input, target })) throw new RowRefused();
          const out = await def.run({ actor: a, input, tx, target, caller });
          // Last, one statement: the audit entry, the idempotency result and a late number, and on
          // PostgreSQL the commit in the same message: the agency's chain head (and the register) are
          // locked from there to the commit inside the server, not across a round trip to this process.
          const { no } = await appendAuditAndCommit(
            tx,
            {
              agencyId: a.agencyId, actorId: a.userId, actorName: a.fullName, action: def.name, outcome: "success",
              objectType: out.audit.objectType, objectId: out.audit.objectId, ip: caller.meta.ip, payload: out.audit.payload,
            },
            { also: alsoSql(key, a.userId, out), number: out.number, commit },
          );
          return out.number ? withNumber(out.data, out.number.placeholder, no!) : out.data;
        });
        return { ok: true, data };
      } catch (e) {
        if (attempt < 3 && retryable(e)) continue;
        throw e;
      }
    }
  } catch (e) {
    if (isAppError(e)) {
      if (e.code === "forbidden" && actor) await auditRefusal(database, def.name, actor, caller, raw);
      // Someone else's row answers exactly like a missing one (security.md §5 row 1): no probing ids.
      if (e instanceof RowRefused) return { ok: false, code: "not_found", formError: notFound().message };
      return { ok: false, code: e.code, formError: e.message, fieldErrors: e.fieldErrors, ...(e.details ? { details: e.details } : {}) };
    }
    const errorId = randomUUID().slice(0, 8);
    console.error(`[action ${def.name}] error ${errorId}`, e);
    return { ok: false, code: "internal", formError: `${GENERIC_ERROR} ${errorId}.` };
  }
}

/**
 * What the last statement also writes: the idempotency result, and the actor's unread notices about the
 * item of this step marked read (lib/actions/answered.ts).
 */
function alsoSql(key: string | null, userId: string, out: { data: unknown; audit: AuditRecord; number?: LateNumber }): SQL[] {
  const also: SQL[] = [];
  if (key) also.push(rememberResultSql(key, out.data, out.number?.placeholder));
  const href = noticeHrefOf(out.audit.objectType, out.audit.objectId);
  if (href) also.push(markSeenSql(userId, href));
  return also;
}

async function auditRefusal(db: Db, name: string, actor: Actor, caller: ActionCaller | null, raw: unknown) {
  // ASVS 16.3.2: failed authorization is logged, in its own transaction since the step rolled back.
  const input = toObject(raw);
  const id = input && typeof input === "object" && "id" in input ? String((input as { id: unknown }).id).slice(0, 100) : "";
  try {
    // In a transaction of its own: the chain head lock only holds until the end of a transaction.
    await db.transaction((tx) =>
      appendAudit(tx, {
        agencyId: actor.agencyId, actorId: actor.userId, actorName: actor.fullName, action: "action.refused", outcome: "refused",
        objectType: name, objectId: id, ip: caller?.meta.ip ?? "", payload: { action: name },
      }),
    );
  } catch (err) {
    console.error("[audit] could not record a refusal", err);
  }
}

export { AppError };

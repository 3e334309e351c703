import "server-only";
import { eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";
import { conflict, invalid } from "@/lib/errors";
import { IDEMPOTENCY_FIELD } from "./idempotency-field";

// A creating step (a new document, draft, file, plan item, batch, user…) runs once per form: the
// form sends the key it minted when it was rendered, and a replay of the same key — a double click,
// a retried request, twenty parallel posts — gets the first result back instead of a second row,
// a second number and a second audit entry (house rule 2). State moves need none of this: their
// state machine already refuses a second move.

/** Keys older than this are removed when their user next creates something; a form left open longer gets a fresh run. */
export const KEY_RETENTION_DAYS = 30;

const keySchema = z.uuid();

/** Splits the form's key off the raw input, so that no action schema ever sees it. */
export function takeIdempotencyKey(input: unknown): { key: unknown; rest: unknown } {
  if (!input || typeof input !== "object" || Array.isArray(input) || !(IDEMPOTENCY_FIELD in input)) return { key: undefined, rest: input };
  const { [IDEMPOTENCY_FIELD]: key, ...rest } = input as Record<string, unknown>;
  return { key, rest };
}

/** The key of an idempotent step: a missing or malformed one is refused (the app's forms always send one). */
export function requireKey(key: unknown): string {
  const parsed = keySchema.safeParse(key);
  if (!parsed.success) {
    throw invalid({ [IDEMPOTENCY_FIELD]: ["Thiếu mã lần gửi của biểu mẫu."] }, "Biểu mẫu đã cũ hoặc không hợp lệ. Vui lòng tải lại trang rồi gửi lại.");
  }
  return parsed.data.toLowerCase();
}

/**
 * Claims the key inside the step's transaction, before anything else is read or locked. The first
 * caller inserts it and runs the step; a concurrent replay waits on the primary key until that
 * transaction ends (PostgreSQL) or runs after it (PGlite, one session), then reads the stored
 * result. If the first run failed, its row rolled back with it and the replay runs the step itself.
 */
export async function claimKey(tx: Tx, o: { key: string; userId: string; action: string }): Promise<{ replay: { data?: unknown } } | null> {
  // One statement: the claim and, when it is new, this user's old keys going (bounded: they go as they create new ones).
  const { rows } = await tx.execute(sql`
    with claimed as (
      insert into ${idempotencyKeys} (key, user_id, action) values (${o.key}::uuid, ${o.userId}::uuid, ${o.action}::text)
      on conflict (key) do nothing returning key),
    purged as (
      delete from ${idempotencyKeys} where user_id = ${o.userId}::uuid and created_at < now() - make_interval(days => ${KEY_RETENTION_DAYS}::int)
      and exists (select 1 from claimed))
    select key from claimed`);
  if (rows.length) return null;
  const [prior] = await tx.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, o.key));
  if (!prior || prior.result == null) throw conflict("Biểu mẫu này đang được xử lý. Vui lòng tải lại trang để xem kết quả.");
  // Never someone else's result, nor the result of another step under a reused key.
  if (prior.userId !== o.userId || prior.action !== o.action) {
    throw conflict("Mã lần gửi của biểu mẫu đã được dùng cho một thao tác khác. Vui lòng tải lại trang rồi gửi lại.");
  }
  return { replay: prior.result };
}

/**
 * Stores the step's result under its key, in the same transaction, so that it commits with the step or
 * not at all: a statement the wrapper sends with the audit entry (one round trip). `late`: the placeholder
 * of a number taken in that statement (`num`, lib/audit LateNumber), written in its place.
 */
export function rememberResultSql(key: string, data: unknown, late?: string): SQL {
  const json = JSON.stringify({ data });
  const result = late ? sql`replace(${json}::text, ${JSON.stringify(late)}::text, (select no from num)::text)` : sql`${json}::text`;
  return sql`update ${idempotencyKeys} set result = ${result}::jsonb where key = ${key}`;
}

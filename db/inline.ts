import { randomBytes } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";

const dialect = new PgDialect();

/** A dollar-quoted literal: no escape processing whatever the server's settings; the tag is random and absent from the text. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error("inlineSql: not a finite number");
    return String(value);
  }
  if (typeof value === "boolean") return String(value);
  if (typeof value !== "string") throw new Error(`inlineSql: unsupported value of type ${typeof value}`);
  // PostgreSQL text holds no NUL, and the simple query protocol ends the text at one.
  if (value.includes("\0")) throw new Error("inlineSql: NUL in a value");
  let tag: string;
  do tag = `$v${randomBytes(6).toString("hex")}$`;
  while (value.includes(tag));
  return `${tag}${value}${tag}`;
}

/**
 * The text of a statement with its parameters written in as literals, for the simple query protocol,
 * which carries no parameters but may carry several statements (the action wrapper's last statement and
 * its COMMIT in one message). Only for statements built here with `sql` from strings, numbers, booleans
 * and nulls; the parameters' casts stay in the text (`${x}::uuid`).
 */
export function inlineSql(query: SQL): string {
  const { sql: text, params } = dialect.sqlToQuery(query);
  // One pass over the built text: a literal written in is never scanned again.
  return text.replace(/\$(\d+)/g, (_, n: string) => literal(params[Number(n) - 1]));
}

import { createHash } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { connectionOf, type Tx } from "./client";
import { inlineSql, literal } from "./inline";

const dialect = new PgDialect();

/**
 * A statement made once per database handle by `build`: drizzle builds and renders it once, and on PostgreSQL
 * a statement made with `.prepare(name)` is a named prepared statement, planned once per connection. For the
 * queries every request runs (the session, the actor, the incoming list's units).
 */
export function oncePerHandle<H extends object, T>(build: (db: H) => T): (db: H) => T {
  const made = new WeakMap<H, T>();
  return (db) => {
    let statement = made.get(db);
    if (!statement) made.set(db, (statement = build(db)));
    return statement;
  };
}

// The statements prepared by SQL PREPARE on each PostgreSQL connection, by name: the hash of the statement's
// text, so one text always has one name and a text built from data gets a name of its own. A prepared
// statement belongs to its server session and survives a rollback; a lost connection takes its client
// object, and this record of it, away.
const preparedOn = new WeakMap<object, Set<string>>();
/** More distinct statements than this on one connection are sent written out (a text built from data would grow the set). */
const MAX_PREPARED_PER_CONNECTION = 64;

/**
 * The simple-query text of a statement as `execute <name>(literals)`, prepared on the transaction's
 * connection the first time by a round trip of its own (`prepare <name> as <text>`: its parameters' types
 * are inferred as for a parameterized query). For a statement that must travel with others in one simple
 * query (the action wrapper's last statement and its COMMIT, lib/audit): written out in full, the server
 * parsed and planned it at every step. On PGlite, the statement written out.
 */
export async function preparedCall(tx: Tx, query: SQL): Promise<string> {
  const connection = connectionOf(tx);
  if (!connection) return inlineSql(query);
  const { sql: text, params } = dialect.sqlToQuery(query);
  let names = preparedOn.get(connection);
  if (!names) preparedOn.set(connection, (names = new Set()));
  const name = `vpdt_p_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
  if (!names.has(name)) {
    if (names.size >= MAX_PREPARED_PER_CONNECTION) return inlineSql(query);
    await tx.execute(sql.raw(`prepare ${name} as ${text}`));
    names.add(name);
  }
  return params.length ? `execute ${name}(${params.map(literal).join(", ")})` : `execute ${name}`;
}

/** A drizzle query that can be prepared: a select built with `sql.placeholder` for the values that vary. */
interface Preparable<T> {
  toSQL(): { sql: string };
  prepare(name: string): { execute(placeholders?: Record<string, unknown>): Promise<T> };
}
export type Statement<T> = { execute(placeholders?: Record<string, unknown>): Promise<T> };

/**
 * Statements kept by what they are built of: `key` names everything the text depends on (the actor with
 * their positions, which filters are set, values written into the text); what varies from one request to
 * the next (the page's offset, the search words) is a `sql.placeholder`. A request whose key was seen runs
 * the kept statement: drizzle builds nothing. On PostgreSQL the statement is named by the hash of its text,
 * so it is parsed once per connection and shared by every key of the same text (PostgreSQL still plans it
 * for its values: a generic plan forced on every named statement made the navigation counts of a staff
 * member thirty times slower). At most `max` keys per database handle; the oldest goes first.
 */
export function statementCache(prefix: string, max = 2000) {
  const byDb = new WeakMap<object, Map<string, Statement<unknown>>>();
  return function statement<T>(db: object, key: string, build: () => Preparable<T>): Statement<T> {
    let byKey = byDb.get(db);
    if (!byKey) byDb.set(db, (byKey = new Map()));
    let made = byKey.get(key) as Statement<T> | undefined;
    if (!made) {
      const query = build();
      const name = `${prefix}_${createHash("sha256").update(query.toSQL().sql).digest("hex").slice(0, 20)}`;
      made = query.prepare(name);
      if (byKey.size >= max) byKey.delete(byKey.keys().next().value!);
      byKey.set(key, made);
    }
    return made;
  };
}

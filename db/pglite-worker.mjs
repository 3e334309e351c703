// The embedded PostgreSQL (PGlite) on its own thread, for the server (db/pglite-remote.ts).
// PGlite runs PostgreSQL as WebAssembly on the thread that calls it: in the server's process that
// is the thread that also renders every page, so each query stopped all rendering for its length.
// Here the queries run on a second thread (the machine's second core) while pages render.
//
// Messages in:  { id, op: "query", sql, params, rowMode, parsers: number[], tx? }
//               { id, op: "begin" }  → answered once BEGIN ran; later queries carry tx = id
//               { id, op: "end", tx, commit }
//               { id, op: "close" }
// Messages out: { id, ok: true, value } or { id, ok: false, error: { message, ...fields } }
// PGlite's own locks order everything: a query outside a transaction waits for an open one to end,
// exactly as when PGlite runs in the server's thread.
import { parentPort, workerData } from "node:worker_threads";
import { parse, PGlite, protocol } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";

const same = (value) => value;
/** drizzle asks for some types as the text PostgreSQL sent; functions cannot cross threads, type ids can. */
const parsersOf = (types) => (types?.length ? Object.fromEntries(types.map((t) => [t, same])) : undefined);

/** An error as plain data: its message and PostgreSQL's fields (code, constraint, detail…). */
function plain(e) {
  if (!(e instanceof Error)) return { message: String(e) };
  const out = { name: e.name, message: e.message };
  for (const [k, v] of Object.entries(e)) if (v === null || ["string", "number", "boolean"].includes(typeof v)) out[k] = v;
  return out;
}

const reply = (id, value) => parentPort.postMessage({ id, ok: true, value });
const fail = (id, e) => parentPort.postMessage({ id, ok: false, error: plain(e) });

let db;
try {
  db = await PGlite.create({ dataDir: workerData.dataDir, extensions: { unaccent, pg_trgm } });
  parentPort.postMessage({ id: 0, ok: true, value: "ready" });
} catch (e) {
  parentPort.postMessage({ id: 0, ok: false, error: plain(e) });
  process.exit(1);
}

/** Open transactions: PGlite's transaction object, and how to end it. */
const open = new Map();

function begin(id) {
  let started = false;
  let end;
  const ending = new Promise((resolve, reject) => (end = { resolve, reject }));
  const done = db.transaction(async (tx) => {
    started = true;
    open.set(id, { tx, end, done });
    reply(id, id);
    await ending;
  });
  // PGlite rolls back when the callback throws; the thrown value is ours (a rollback), not an error.
  done.catch((e) => {
    if (!started) fail(id, e);
  });
}

const ROLLBACK = new Error("rollback");

async function end(id, msg) {
  const t = open.get(msg.tx);
  if (!t) return fail(id, new Error("Giao dịch không còn mở."));
  open.delete(msg.tx);
  if (msg.commit) {
    t.end.resolve();
    try {
      await t.done;
      reply(id, true);
    } catch (e) {
      fail(id, e);
    }
  } else {
    t.end.reject(ROLLBACK);
    await t.done.catch(() => {});
    reply(id, false);
  }
}
// Statements parsed once by name. PGlite's query() sends every statement unnamed: PostgreSQL parses, analyses
// and plans it again at every call, and PGlite describes it twice, all on this thread (0.2-0.4 ms a small
// statement, 4 ms the session's seven-table join). A named statement is parsed and described once; from its
// sixth run PostgreSQL keeps a generic plan when it costs no more than the custom ones (its own rule, as for
// any client that prepares). The least recently used go first past MAX_NAMED; PGLITE_NAMED=0 turns this off.
const MAX_NAMED = 500;
const NAMEABLE = /^\s*(select|insert|update|delete|with)\b/i;
const naming = process.env.PGLITE_NAMED !== "0";
/** By statement text: its name, its parameters' type ids and its row description (null: no rows). */
const named = new Map();
let lastName = 0;
const { serialize } = protocol;
const step = (message) => db.execProtocolStream(message, { syncToFs: false });

async function prepared(text) {
  const known = named.get(text);
  if (known) {
    named.delete(text);
    named.set(text, known);
    return known;
  }
  const name = `vpdt_${++lastName}`;
  await step(serialize.parse({ name, text }));
  const described = await step(serialize.describe({ type: "S", name }));
  const statement = { name, types: parse.parseDescribeStatementResults(described), fields: described.find((m) => m.name === "rowDescription") ?? null };
  named.set(text, statement);
  if (named.size > MAX_NAMED) {
    const [oldest, old] = named.entries().next().value;
    named.delete(oldest);
    // Inside a failed transaction the close may be refused: the statement then stays prepared, unused.
    await step(serialize.close({ type: "S", name: old.name })).catch(() => {});
  }
  return statement;
}

/** What PGlite's query() answers, from a named statement: bind, execute, sync (after an error too). */
async function namedQuery(msg, options) {
  const messages = [];
  let statement;
  try {
    statement = await prepared(msg.sql);
    const values = msg.params.map((v, i) => {
      if (v == null) return null;
      const serializer = db.serializers[statement.types[i]];
      return serializer ? serializer(v) : v.toString();
    });
    messages.push(...(await step(serialize.bind({ statement: statement.name, values }))));
    messages.push(...(await step(serialize.execute({}))));
  } finally {
    await step(serialize.sync());
  }
  return parse.parseResults(statement.fields ? [statement.fields, ...messages] : messages, db.parsers, options)[0];
}

/**
 * A statement of a transaction or on its own. With a name it takes PGlite's locks as its query() does: the
 * statement's turn (`runExclusive`), and outside a transaction first the wait for any open one (PGlite has no
 * public name for that lock; its version is pinned in package.json).
 */
async function query(msg) {
  const options = { rowMode: msg.rowMode, parsers: parsersOf(msg.parsers) };
  const t = msg.tx ? open.get(msg.tx) : null;
  if (msg.tx && !t) throw new Error("Giao dịch không còn mở.");
  if (!naming || !NAMEABLE.test(msg.sql)) return (t ? t.tx : db).query(msg.sql, msg.params, options);
  const run = () => db.runExclusive(() => namedQuery(msg, options));
  return t ? run() : db._runExclusiveTransaction(run);
}

parentPort.on("message", async (msg) => {
  const { id } = msg;
  try {
    if (msg.op === "query") {
      reply(id, await query(msg));
    } else if (msg.op === "begin") {
      begin(id);
    } else if (msg.op === "end") {
      await end(id, msg);
    } else if (msg.op === "close") {
      await db.close();
      reply(id, true);
      parentPort.close();
    } else {
      throw new Error(`unknown op ${msg.op}`);
    }
  } catch (e) {
    fail(id, e);
  }
});

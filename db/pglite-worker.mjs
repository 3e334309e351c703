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
import { PGlite } from "@electric-sql/pglite";
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
parentPort.on("message", async (msg) => {
  const { id } = msg;
  try {
    if (msg.op === "query") {
      const target = msg.tx ? open.get(msg.tx)?.tx : db;
      if (!target) throw new Error("Giao dịch không còn mở.");
      reply(id, await target.query(msg.sql, msg.params, { rowMode: msg.rowMode, parsers: parsersOf(msg.parsers) }));
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

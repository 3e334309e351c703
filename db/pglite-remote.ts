import path from "node:path";
import { Worker } from "node:worker_threads";

/** What drizzle's PGlite driver calls on a client: `query`, and `transaction` whose client has `query`. */
interface QueryOptions {
  rowMode?: "array" | "object";
  parsers?: Record<number, (value: string) => unknown>;
}
type Results = { rows: unknown[]; affectedRows?: number; fields: { name: string; dataTypeID: number }[] };

interface Pending {
  resolve: (value: unknown) => void;
  reject: (e: Error) => void;
}

/** An error with the fields PostgreSQL gave it (code, constraint, detail…), as the in-thread PGlite throws. */
function errorOf(data: { message: string; name?: string } & Record<string, unknown>): Error {
  const e = new Error(data.message);
  for (const [k, v] of Object.entries(data)) if (k !== "message" && k !== "name") (e as unknown as Record<string, unknown>)[k] = v;
  if (data.name && data.name !== "Error") Object.defineProperty(e, "name", { value: data.name });
  return e;
}

/**
 * PGlite on a worker thread (db/pglite-worker.mjs), with the part of PGlite's interface drizzle uses.
 * The server renders pages on its one JavaScript thread; an in-thread PGlite ran every query there too.
 */
export class PgliteRemote {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #next = 1;
  #failed: Error | null = null;
  #closing = false;

  private constructor(dataDir: string) {
    const file = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "pglite-worker.mjs");
    this.#worker = new Worker(file, { workerData: { dataDir } });
    this.#worker.unref();
    this.#worker.on("message", (msg: { id: number; ok: boolean; value?: unknown; error?: { message: string } }) => {
      const p = this.#pending.get(msg.id);
      if (!p) return;
      this.#pending.delete(msg.id);
      if (this.#pending.size === 0) this.#worker.unref();
      if (msg.ok) p.resolve(msg.value);
      else p.reject(errorOf(msg.error!));
    });
    const lost = (e: Error) => {
      if (!this.#failed && !this.#closing) console.error(`PGlite: ${e.message}`);
      this.#failed = e;
      for (const p of this.#pending.values()) p.reject(e);
      this.#pending.clear();
    };
    this.#worker.on("error", (e) => lost(e));
    this.#worker.on("exit", (code) => lost(new Error(`PGlite: luồng cơ sở dữ liệu đã dừng (mã ${code}).`)));
  }

  /** Opens the data folder on a new thread; resolves once PGlite is ready. */
  static async open(dataDir: string): Promise<PgliteRemote> {
    const remote = new PgliteRemote(dataDir);
    await remote.#call(0, null);
    return remote;
  }

  #call<T>(id: number, msg: Record<string, unknown> | null): Promise<T> {
    if (this.#failed) return Promise.reject(this.#failed);
    return new Promise<T>((resolve, reject) => {
      if (this.#pending.size === 0) this.#worker.ref();
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      if (msg) this.#worker.postMessage({ id, ...msg });
    });
  }

  #send<T>(msg: Record<string, unknown>): Promise<T> {
    return this.#call<T>(this.#next++, msg);
  }

  #query(tx: number | undefined, sql: string, params: unknown[] | undefined, options?: QueryOptions) {
    const parsers = options?.parsers ? Object.keys(options.parsers).map(Number) : undefined;
    return this.#send<Results>({ op: "query", sql, params: params ?? [], rowMode: options?.rowMode, parsers, tx });
  }

  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results> {
    return this.#query(undefined, sql, params, options);
  }

  async transaction<T>(fn: (tx: { query: PgliteRemote["query"] }) => Promise<T>): Promise<T> {
    const tx = await this.#send<number>({ op: "begin" });
    let result: T;
    try {
      result = await fn({ query: (sql, params, options) => this.#query(tx, sql, params, options) });
    } catch (e) {
      await this.#send({ op: "end", tx, commit: false }).catch(() => {});
      throw e;
    }
    await this.#send({ op: "end", tx, commit: true });
    return result;
  }

  async close(): Promise<void> {
    if (this.#failed) return;
    this.#closing = true;
    await this.#send({ op: "close" });
    await this.#worker.terminate();
  }
}

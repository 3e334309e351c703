// One flush of a compressed response per turn of the event loop (scripts/serve.mjs). Plain JavaScript so that
// the server needs no TypeScript loader.
//
// When the client accepts gzip, Next.js compresses a page with the `compression` middleware and, after every
// chunk it writes, calls the `res.flush()` that middleware adds, so that each streamed part reaches the browser
// at once. Each flush closes a deflate block and sends it in a write of its own: the chunks of a page written
// in the same turn went out as several small blocks. Here the flushes asked for during one turn are made once,
// after it (setImmediate): the parts written together are compressed together, and a part that streams in a
// later turn still goes out in that turn.

/** Makes `res.flush`, once the compression middleware sets it, flush at most once per turn of the event loop. */
export function coalesceFlushes(res) {
  let flush;
  let queued = false;
  const run = () => {
    queued = false;
    if (!res.writableEnded && !res.destroyed) flush.call(res);
  };
  const coalesced = () => {
    if (queued) return;
    queued = true;
    setImmediate(run);
  };
  Object.defineProperty(res, "flush", {
    configurable: true,
    enumerable: true,
    // Until the middleware sets it there is nothing to flush (Next.js checks for a function first).
    get: () => (flush ? coalesced : undefined),
    set: (fn) => {
      flush = fn;
    },
  });
}

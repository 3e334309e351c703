import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import zlib from "node:zlib";
import { afterEach, describe, expect, it, vi } from "vitest";
import { coalesceFlushes } from "@/lib/http/flush.mjs";

// scripts/serve.mjs: Next.js flushes its compressor after every chunk; the flushes of one turn become one.

type Middleware = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;
// The middleware Next.js compresses with (its own copy of `compression`).
const compression = createRequire(import.meta.url)("next/dist/compiled/compression") as () => Middleware;

const turn = () => new Promise((r) => setImmediate(r));

describe("coalesceFlushes", () => {
  it("has no flush until the compression middleware sets one, then flushes once per turn", async () => {
    const res = { writableEnded: false, destroyed: false } as unknown as http.ServerResponse & { flush?: () => void };
    coalesceFlushes(res);
    expect(typeof res.flush).toBe("undefined");
    const real = vi.fn();
    res.flush = real;
    for (let i = 0; i < 5; i++) res.flush!();
    expect(real).not.toHaveBeenCalled();
    await turn();
    expect(real).toHaveBeenCalledTimes(1);
    res.flush!();
    res.flush!();
    await turn();
    expect(real).toHaveBeenCalledTimes(2);
    // A response already ended is not flushed again.
    res.flush!();
    (res as { writableEnded: boolean }).writableEnded = true;
    await turn();
    expect(real).toHaveBeenCalledTimes(2);
  });

  let server: http.Server | undefined;
  afterEach(() => server?.close());

  it("keeps a gzip response streaming and whole, in fewer flushed blocks", async () => {
    const blocks = { plain: 0, coalesced: 0 };
    const text = (i: number) => `<p>${"Văn bản đến: Quyết định về việc điều động công chức. ".repeat(20)}${i}</p>`;
    let firstSeen!: () => void;
    const seen = () => new Promise<void>((r) => (firstSeen = r));
    server = http.createServer((req, res) => {
      const coalesce = req.url === "/coalesced";
      if (coalesce) coalesceFlushes(res);
      // What the compressor sends: each of its outputs is a write of the response as the middleware found it.
      const socketWrite = res.write;
      res.write = function (this: http.ServerResponse, ...args: Parameters<typeof socketWrite>) {
        blocks[coalesce ? "coalesced" : "plain"]++;
        return socketWrite.apply(this, args);
      } as typeof socketWrite;
      compression()(req, res, async () => {
        res.setHeader("content-type", "text/html; charset=utf-8");
        const written = seen();
        // As Next.js's pipe-readable writes a page: each chunk, then a flush.
        const flushing = res as http.ServerResponse & { flush?: () => void };
        for (let i = 0; i < 10; i++) {
          flushing.write(text(i));
          flushing.flush?.();
        }
        // The first part reaches the client before the rest is written: the response still streams.
        await written;
        flushing.write("<p>phần sau</p>");
        flushing.flush?.();
        res.end();
      });
    });
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    const get = (path: string) =>
      new Promise<string>((resolve, reject) => {
        http.get({ port, host: "127.0.0.1", path, headers: { "accept-encoding": "gzip" } }, (res) => {
          expect(res.headers["content-encoding"]).toBe("gzip");
          const gunzip = zlib.createGunzip();
          let body = "";
          gunzip.on("data", (d: Buffer) => {
            body += d.toString();
            if (body.includes(text(9))) firstSeen();
          });
          gunzip.on("end", () => resolve(body));
          gunzip.on("error", reject);
          res.pipe(gunzip);
        }).on("error", reject);
      });
    const expected = Array.from({ length: 10 }, (_, i) => text(i)).join("") + "<p>phần sau</p>";
    expect(await get("/plain")).toBe(expected);
    expect(await get("/coalesced")).toBe(expected);
    // The compressor's output reaches the response in fewer writes: a block for each of the ten chunks, or one
    // for the first turn's ten, one for the later part and the end's.
    expect(blocks.plain).toBeGreaterThanOrEqual(11);
    expect(blocks.coalesced).toBeLessThanOrEqual(3);
  });
});

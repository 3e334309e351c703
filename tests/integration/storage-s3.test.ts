import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { assertLocalFiles, BackupError, S3_BACKUP_REFUSED } from "@/lib/backup";
import { blobStore } from "@/lib/storage/blob-store";
import { openFileFor, openPreviewFor } from "@/lib/storage/download";
import { S3BlobStore } from "@/lib/storage/s3-store";
import { s3Config } from "@/lib/storage/s3-config";
import { saveUpload } from "@/lib/storage/store";
import { buildWorld, type World } from "../factories/org";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";
import { startS3, storeHarness, tree, type TestS3 } from "../helpers/s3";
import { docx, pdf } from "../unit/storage-fixtures";

// What only the bucket does (issue 15 item 3): instances share files through it (nothing correct
// depends on one process's disk), the configured store follows FILES_S3_URL, a transfer whose bytes
// do not hash to their address never appears under it, and backup refuses rather than miss the files.
// The shared behaviour (checks, refusals, downloads) runs against both stores in storage-save/-access.

const meta = { ip: "10.5.5.5", userAgent: "vitest" };

async function* once(buf: Buffer) {
  yield buf;
}

describe.each(DB_KINDS)("files in an S3 bucket on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let clerk: Actor;
  let s3: TestS3;
  let dir: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    s3 = await startS3();
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    clerk = (await loadActor(t.db, w.people.clerk.id))!;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpdt-s3-"));
  });
  afterEach(() => {
    process.env = { ...saved };
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await t?.drop();
    await s3?.close();
  });

  it("lets a second instance, with a disk of its own, serve what the first one stored", async () => {
    const prefix = `chung-${randomUUID()}/`;
    const config = { ...s3Config({ FILES_S3_URL: s3.url })!, prefix };
    const first = new S3BlobStore(config, path.join(dir, "may-1"));
    const second = new S3BlobStore(config, path.join(dir, "may-2"));
    const bytes = pdf("dung chung");
    const file = await saveUpload(t.db, clerk, meta, { body: once(bytes), name: "Công văn.pdf" }, { store: first });
    const opened = await openFileFor(t.db, clerk, meta, file.id, second);
    expect(Buffer.from(await new Response(opened!.stream).arrayBuffer()).equals(bytes)).toBe(true);
    // Neither instance's spool keeps anything.
    expect([...tree(path.join(dir, "may-1")), ...tree(path.join(dir, "may-2"))]).toEqual([]);
  });

  it("uses the bucket named by FILES_S3_URL, with the spool in DATA_DIR", async () => {
    const prefix = `cau-hinh-${randomUUID()}`;
    process.env.FILES_S3_URL = s3.url.replace("?", `/${prefix}?`);
    process.env.DATA_DIR = path.join(dir, "data");
    const store = blobStore();
    expect(store).toMatchObject({ kind: "s3", spoolDir: path.join(dir, "data", "spool"), config: { prefix: `${prefix}/`, endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:/) } });
    const bytes = pdf("theo cau hinh");
    const file = await saveUpload(t.db, clerk, meta, { body: once(bytes), name: "a.pdf" });
    expect(Buffer.from(await store.read(file.sha256)).equals(bytes)).toBe(true);
    // Nothing went to the local folder.
    expect(tree(path.join(dir, "data"))).toEqual([]);
  });

  it("makes the DOCX preview from the blob in the bucket, cached on the instance's own disk", async () => {
    const config = { ...s3Config({ FILES_S3_URL: s3.url })!, prefix: `xem-truoc-${randomUUID()}/` };
    const store = new S3BlobStore(config, path.join(dir, "spool-xem"));
    // A stand-in for soffice that writes "%PDF-" followed by the DOCX it was given.
    const bin = fs.mkdtempSync(path.join(dir, "bin-"));
    fs.writeFileSync(
      path.join(bin, "soffice"),
      `#!/bin/sh\nout=""; prev=""; last=""; for a in "$@"; do if [ "$prev" = "--outdir" ]; then out="$a"; fi; prev="$a"; last="$a"; done\n` +
        `{ printf '%%PDF-'; cat "$last"; } > "$out/draft.pdf"\n`,
      { mode: 0o755 },
    );
    const staff = (await loadActor(t.db, w.people.staff.id))!;
    const bytes = await docx();
    const file = await saveUpload(t.db, staff, meta, { body: once(bytes), name: "Dự thảo.docx" }, { store });
    const cache = path.join(dir, "cache");
    const opened = await openPreviewFor(t.db, staff, meta, file.id, { root: cache, store, pathEnv: bin, waitMs: 10_000 });
    expect(opened?.kind).toBe("ready");
    if (opened?.kind !== "ready") return;
    expect(Buffer.from(await new Response(opened.stream).arrayBuffer()).equals(Buffer.concat([Buffer.from("%PDF-"), bytes]))).toBe(true);
    expect(tree(cache)).toEqual([`.previews/${file.sha256}.pdf`]);
  });

  /** A store of its own under a fresh prefix, with `bytes` waiting in its spool as a checked upload would. */
  const spooled = (name: string, bytes: Buffer) => {
    const h = storeHarness("s3", path.join(dir, `spool-${name}`), s3);
    fs.mkdirSync(h.store.spoolDir, { recursive: true });
    const temp = path.join(h.store.spoolDir, `${name}.part`);
    fs.writeFileSync(temp, bytes);
    return { h, temp };
  };

  it("never places bytes under an address they do not hash to, and leaves no temporary object", async () => {
    const bytes = pdf("that");
    const { h, temp } = spooled("hong", bytes);
    const claimed = createHash("sha256").update("something else").digest("hex");
    await expect(h.store.place(temp, claimed, bytes.length)).rejects.toThrow(/S3 stored/);
    expect(await h.contents()).toEqual([]);
    expect(await h.store.stat(claimed)).toBeNull();
  });

  it("sends a transfer again when its read-back differs once, and places the true bytes", async () => {
    const bytes = pdf("read back short once");
    const { h, temp } = spooled("short", bytes);
    const sha = createHash("sha256").update(bytes).digest("hex");
    // The first read of a temporary object comes back empty, as from a server that answered the PUT early.
    const store = h.store as S3BlobStore;
    let shortened = 0;
    store.client.middlewareStack.add(
      (next, context) => async (args) => {
        const out = await next(args);
        if (context.commandName === "GetObjectCommand" && shortened === 0) {
          shortened++;
          const output = out.output as { Body: { transformToByteArray(): Promise<Uint8Array> } | Readable };
          await (output.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(); // drain the real answer
          output.Body = Readable.from([]);
        }
        return out;
      },
      { step: "initialize", name: "shortReadOnce" },
    );
    await h.store.place(temp, sha, bytes.length);
    expect(shortened).toBe(1);
    expect((await h.bytes(sha)).equals(bytes)).toBe(true);
    expect(await h.contents()).toEqual([`${sha.slice(0, 2)}/${sha}`]);
  });

  it("makes backup and restore refuse, with a clear message, while the files are in a bucket", () => {
    expect(() => assertLocalFiles({ FILES_S3_URL: s3.url })).toThrow(BackupError);
    expect(() => assertLocalFiles({ S3_BUCKET: "vpdt" })).toThrow(S3_BACKUP_REFUSED);
    expect(() => assertLocalFiles({})).not.toThrow();
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash, randomUUID } from "node:crypto";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import type { BlobStore } from "@/lib/storage/blob-store";
import { LocalBlobStore } from "@/lib/storage/local-store";
import { S3BlobStore } from "@/lib/storage/s3-store";
import { s3Config, type S3Config } from "@/lib/storage/s3-config";

// A local S3-compatible server (s3rver, npm) on 127.0.0.1 with a temporary folder and one bucket,
// so the storage tests run against the bucket exactly as against the local folder.

export const STORE_KINDS = ["local", "s3"] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export interface TestS3 {
  /** FILES_S3_URL for this server (s3rver accepts the key S3RVER / S3RVER). */
  url: string;
  bucket: string;
  close(): Promise<void>;
}

export async function startS3(): Promise<TestS3> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpdt-s3rver-"));
  const bucket = "vpdt-test";
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: dir, configureBuckets: [{ name: bucket }] });
  answerPutsOnceWritten(server);
  const { port } = await server.run();
  return {
    url: `s3://S3RVER:S3RVER@127.0.0.1:${port}/${bucket}?tls=0&region=us-east-1`,
    bucket,
    close: async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * s3rver 3.7.1 answers a PUT once its hashing stream has seen the body, before the file's write stream
 * has flushed it, so a GET right after can read 0 bytes; the store's read-back check then refuses the
 * file, as it should (seen in CI: two instances seeding at once). A real S3 or MinIO answers only once
 * the object is stored; this makes the test server do the same: the answer waits for the file.
 */
function answerPutsOnceWritten(server: S3rver) {
  interface FsStore {
    getResourcePath(bucket: string, key: string, kind: string): string;
    putMetadata(bucket: string, key: string, metadata: unknown, md5: string): Promise<void>;
    putObject(object: { bucket: string; key: string; content: NodeJS.ReadableStream | Buffer; metadata: unknown }): Promise<{ size: number; md5: string }>;
  }
  const store = (server as unknown as { store: FsStore }).store;
  store.putObject = async (object) => {
    const objectPath = store.getResourcePath(object.bucket, object.key, "object");
    await fs.promises.mkdir(path.dirname(objectPath), { recursive: true });
    const md5 = createHash("md5");
    let size = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _enc, done) {
        md5.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    const source = Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content;
    await pipeline(source, counted, fs.createWriteStream(objectPath));
    const digest = md5.digest("hex");
    await store.putMetadata(object.bucket, object.key, object.metadata, digest);
    return { size, md5: digest };
  };
}

/** Every file below `dir`, relative, sorted. */
export function tree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((p) => fs.statSync(path.join(dir, p)).isFile())
    .map((p) => p.split(path.sep).join("/"))
    .sort();
}

export interface StoreHarness {
  store: BlobStore;
  /** Everything the store holds, temporaries included: local files below the root, or the keys under the prefix plus the spool. */
  contents(): Promise<string[]>;
  bytes(sha256: string): Promise<Buffer>;
}

/**
 * A store of the kind with `root` as its local folder: the blobs' folder (local), or the spool (S3,
 * under a fresh key prefix so tests in one bucket do not see each other).
 */
export function storeHarness(kind: StoreKind, root: string, s3?: TestS3): StoreHarness {
  if (kind === "local") {
    const store = new LocalBlobStore(root);
    return { store, contents: async () => tree(root), bytes: async (sha) => Buffer.from(await store.read(sha)) };
  }
  if (!s3) throw new Error("startS3() first");
  const config: S3Config = { ...s3Config({ FILES_S3_URL: s3.url })!, prefix: `t-${randomUUID()}/` };
  const store = new S3BlobStore(config, root);
  return {
    store,
    contents: async () => {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await store.client.send(new ListObjectsV2Command({ Bucket: config.bucket, Prefix: config.prefix, ContinuationToken: token }));
        for (const o of page.Contents ?? []) keys.push(o.Key!.slice(config.prefix.length));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return [...keys, ...tree(root).map((p) => `spool:${p}`)].sort();
    },
    bytes: async (sha) => Buffer.from(await store.read(sha)),
  };
}

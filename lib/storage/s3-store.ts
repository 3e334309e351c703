import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import { Readable } from "node:stream";
import {
  CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { blobKey, type BlobInfo, type BlobStore, type OpenedBlob } from "./blob";
import type { S3Config } from "./s3-config";

// Blobs in an S3-compatible bucket: <prefix><first two hex digits>/<sha256>, the local layout as keys.
// A checked spool file is uploaded (streamed, multipart above 5 MB) to <prefix>.tmp/<uuid>, read back
// and hashed, and only then copied to its hash key inside the bucket: an object under a hash always
// has those bytes, and a failed or corrupted transfer never appears under one (it is sent again, at
// most three times in all, then refused). The temporary key is
// deleted whatever happens; keys of a crashed process are swept after a day.
//
// Checksums are left to our own SHA-256: with the SDK's default (WHEN_SUPPORTED) a streamed PUT is
// sent aws-chunked, and an S3-compatible server that does not understand it (s3rver, older MinIO)
// stores the framing as data while answering 200.

const TEMP_PREFIX = ".tmp/";
const STALE_TEMP_MS = 24 * 3600_000;

const READ_BACK_ATTEMPTS = 3;

class ReadBackMismatch extends Error {
  constructor(back: { sha256: string; size: number }, sha256: string, size: number) {
    super(`S3 stored ${back.size} bytes with SHA-256 ${back.sha256} for blob ${sha256} (${size} bytes)`);
  }
}

const notFound = (e: unknown) => {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === "NotFound" || err?.name === "NoSuchKey" || err?.$metadata?.httpStatusCode === 404;
};

export class S3BlobStore implements BlobStore {
  readonly kind = "s3" as const;
  readonly client: S3Client;
  readonly bucket: string;
  private swept = false;

  constructor(
    readonly config: S3Config,
    readonly spoolDir: string,
  ) {
    this.bucket = config.bucket;
    this.client = new S3Client({
      endpoint: config.endpoint,
      region: config.region,
      credentials: config.credentials,
      forcePathStyle: config.forcePathStyle,
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      // A bucket that stopped answering fails the request instead of holding it forever.
      requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000 },
    });
  }

  key(sha256: string): string {
    return `${this.config.prefix}${blobKey(sha256)}`;
  }

  async place(tempPath: string, sha256: string, size: number) {
    const key = this.key(sha256);
    try {
      if ((await this.stat(sha256))?.size === size) return;
      await this.sweepStaleTemps();
      // A read-back that differs is sent again (a fresh temporary key) before the upload is refused.
      for (let attempt = 1; ; attempt++) {
        try {
          await this.placeOnce(tempPath, key, sha256, size);
          return;
        } catch (e) {
          if (!(e instanceof ReadBackMismatch) || attempt >= READ_BACK_ATTEMPTS) throw e;
          console.error(`[storage] ${e.message}; sending it again (${attempt + 1}/${READ_BACK_ATTEMPTS})`);
        }
      }
    } finally {
      await fs.rm(tempPath, { force: true });
    }
  }

  private async placeOnce(tempPath: string, key: string, sha256: string, size: number) {
    const tempKey = `${this.config.prefix}${TEMP_PREFIX}${randomUUID()}`;
    try {
      await new Upload({
        client: this.client,
        params: { Bucket: this.bucket, Key: tempKey, Body: createReadStream(tempPath), ContentType: "application/octet-stream" },
      }).done();
      const back = await this.hashOf(tempKey);
      if (back.sha256 !== sha256 || back.size !== size) throw new ReadBackMismatch(back, sha256, size);
      await this.client.send(new CopyObjectCommand({ Bucket: this.bucket, Key: key, CopySource: `${this.bucket}/${encodeURI(tempKey)}` }));
    } finally {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: tempKey })).catch((e) => {
        console.error(`[storage] could not delete the temporary object ${tempKey}`, e);
      });
    }
  }

  private async hashOf(key: string) {
    const got = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    const hash = createHash("sha256");
    let size = 0;
    for await (const chunk of got.Body as Readable) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    return { sha256: hash.digest("hex"), size };
  }

  /** Temporary objects of a crashed process, removed once per process. */
  private async sweepStaleTemps() {
    if (this.swept) return;
    this.swept = true;
    try {
      let token: string | undefined;
      do {
        const page = await this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: `${this.config.prefix}${TEMP_PREFIX}`, ContinuationToken: token }),
        );
        for (const o of page.Contents ?? []) {
          if (o.Key && o.LastModified && Date.now() - o.LastModified.getTime() > STALE_TEMP_MS) {
            await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: o.Key }));
          }
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    } catch (e) {
      console.error("[storage] could not sweep temporary objects", e);
    }
  }

  async stat(sha256: string): Promise<BlobInfo | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(sha256) }));
      return { size: head.ContentLength ?? 0 };
    } catch (e) {
      if (notFound(e)) return null;
      throw e;
    }
  }

  async open(sha256: string): Promise<OpenedBlob | null> {
    try {
      const got = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(sha256) }));
      const body = got.Body as Readable;
      return { size: got.ContentLength ?? 0, stream: Readable.toWeb(body) as unknown as ReadableStream<Uint8Array> };
    } catch (e) {
      if (notFound(e)) return null;
      throw e;
    }
  }

  async read(sha256: string): Promise<Uint8Array> {
    const got = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(sha256) }));
    return got.Body!.transformToByteArray();
  }

  async delete(sha256: string) {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(sha256) }));
  }
}

import "server-only";
import path from "node:path";
import { dataDir } from "@/db/client";
import { filesDir } from "./config";
import { LocalBlobStore } from "./local-store";
import { S3BlobStore } from "./s3-store";
import { s3Config } from "./s3-config";

// One interface for where blob bytes live: the local folder (the default, today's layout) or an
// S3-compatible bucket (lib/storage/s3-config.ts). Blobs are content-addressed by SHA-256 in both.
// Received bytes always wait in a private local spool file first: the content checks (zip central
// directory, PDF trailer) need random access to them, and only checked bytes are ever placed.

export interface BlobInfo {
  size: number;
}

export interface OpenedBlob extends BlobInfo {
  stream: ReadableStream<Uint8Array>;
}

export interface BlobStore {
  readonly kind: "local" | "s3";
  /** The local folder where received bytes are spooled (private, removed after placing or refusing). */
  readonly spoolDir: string;
  /**
   * Moves a complete, checked spool file under its hash (the spool file is consumed). An existing
   * blob of the same size is kept. Whatever fails, nothing is left under a temporary name.
   */
  place(tempPath: string, sha256: string, size: number): Promise<void>;
  /** The blob's size, or null when it is missing. */
  stat(sha256: string): Promise<BlobInfo | null>;
  /** The blob as a stream, or null when it is missing. */
  open(sha256: string): Promise<OpenedBlob | null>;
  /** The whole blob in memory (PDF signing, exports, edXML); throws when it is missing. */
  read(sha256: string): Promise<Uint8Array>;
  delete(sha256: string): Promise<void>;
}

/** A store, or the path of a local folder (tests and scripts point the local store elsewhere). */
export type StoreRef = BlobStore | string;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The address of a blob below a root or prefix: <first two hex digits>/<sha256>. */
export function blobKey(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error("not a SHA-256 hex digest");
  return `${sha256.slice(0, 2)}/${sha256}`;
}

const cache = new Map<string, BlobStore>();

/** The configured store, read per call (tests and scripts change the environment); one client per setting. */
export function blobStore(): BlobStore {
  const s3 = s3Config();
  const key = s3 ? `s3:${JSON.stringify(s3)}` : `local:${filesDir()}`;
  let store = cache.get(key);
  if (!store) {
    store = s3 ? new S3BlobStore(s3, path.join(dataDir(), "spool")) : new LocalBlobStore(filesDir());
    cache.set(key, store);
  }
  return store;
}

export const asStore = (ref: StoreRef | undefined): BlobStore =>
  ref === undefined ? blobStore() : typeof ref === "string" ? new LocalBlobStore(ref) : ref;

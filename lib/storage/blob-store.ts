import "server-only";
import path from "node:path";
import { dataDir } from "@/db/client";
import { filesDir } from "./config";
import { LocalBlobStore } from "./local-store";
import { S3BlobStore } from "./s3-store";
import { s3Config } from "./s3-config";
import type { BlobStore, StoreRef } from "./blob";

export type { BlobInfo, BlobStore, OpenedBlob, StoreRef } from "./blob";

// The configured place for blob bytes (lib/storage/blob.ts): the local folder (the default, today's layout) or an
// S3-compatible bucket (lib/storage/s3-config.ts). Blobs are content-addressed by SHA-256 in both.
// Received bytes always wait in a private local spool file first: the content checks (zip central
// directory, PDF trailer) need random access to them, and only checked bytes are ever placed.

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

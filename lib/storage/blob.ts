import "server-only";

// What a place for blob bytes is (lib/storage/blob-store.ts picks the configured one): the local folder or an
// S3-compatible bucket, both addressing a blob by its SHA-256.

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

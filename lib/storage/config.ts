import path from "node:path";
import { dataDir } from "@/db/client";

/** Where blobs live: FILES_DIR, else DATA_DIR/files. Read per call so tests and scripts can point elsewhere. */
export function filesDir(): string {
  const configured = process.env.FILES_DIR;
  return configured ? path.resolve(/*turbopackIgnore: true*/ configured) : path.join(dataDir(), "files");
}

export const DEFAULT_UPLOAD_MAX_BYTES = 50 * 1024 * 1024;

/** UPLOAD_MAX_BYTES (default 50 MB); a value that is not a positive whole number falls back to the default. */
export function uploadMaxBytes(): number {
  const n = Number(process.env.UPLOAD_MAX_BYTES);
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_UPLOAD_MAX_BYTES;
}

import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { blobKey, type BlobInfo, type BlobStore, type OpenedBlob } from "./blob";

// The local folder (FILES_DIR, else DATA_DIR/files): <root>/<first two hex digits>/<sha256>, the
// layout since the first release. Received bytes wait in <root>/.tmp (same file system, so the
// rename into place is atomic) and are fsynced with their folder.

export const TEMP_DIR = ".tmp";

export function blobPath(root: string, sha256: string): string {
  return path.join(root, ...blobKey(sha256).split("/"));
}

async function syncDir(dir: string) {
  const h = await fs.open(dir, "r");
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

export class LocalBlobStore implements BlobStore {
  readonly kind = "local" as const;
  readonly spoolDir: string;

  constructor(readonly root: string) {
    this.spoolDir = path.join(root, TEMP_DIR);
  }

  async place(tempPath: string, sha256: string, size: number) {
    const target = blobPath(this.root, sha256);
    const dir = path.dirname(target);
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const existing = await fs.stat(target).catch(() => null);
    if (existing?.size === size) {
      await fs.rm(tempPath, { force: true });
      return;
    }
    await fs.rename(tempPath, target);
    await syncDir(dir);
  }

  async stat(sha256: string): Promise<BlobInfo | null> {
    const st = await fs.stat(blobPath(this.root, sha256)).catch(() => null);
    return st ? { size: st.size } : null;
  }

  async open(sha256: string): Promise<OpenedBlob | null> {
    const target = blobPath(this.root, sha256);
    // Opened before answering, so a missing blob is null here and not an error mid-stream.
    const handle = await fs.open(target, "r").catch(() => null);
    if (!handle) return null;
    try {
      const { size } = await handle.stat();
      return { size, stream: Readable.toWeb(handle.createReadStream()) as unknown as ReadableStream<Uint8Array> };
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  async read(sha256: string): Promise<Uint8Array> {
    return new Uint8Array(await fs.readFile(blobPath(this.root, sha256)));
  }

  async delete(sha256: string) {
    await fs.rm(blobPath(this.root, sha256), { force: true });
  }
}

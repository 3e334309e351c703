import "server-only";
import { crc32 } from "node:zlib";
import fs from "node:fs/promises";
import yauzl from "yauzl";
import type { Tx } from "@/db/client";
import type { StoreRef } from "@/lib/storage/blob-store";
import { UPLOAD_MESSAGES, UploadError } from "@/lib/storage/errors";
import { nameForType, sanitizeFileName } from "@/lib/storage/names";
import { ZIP_LIMITS, ZIP_OPTIONS } from "@/lib/storage/ooxml";
import { insertFile } from "@/lib/storage/queries";
import { ACCEPTED_EXTS, FILE_TYPES } from "@/lib/storage/sniff";
import { inspectFile, placeBlob, receive, sniffFile } from "@/lib/storage/store";

// Files that arrive by liên thông (the raw package, the attachments) go through the same checks as
// an upload (lib/storage): content-addressed blobs, the type decided by the bytes (polyglots,
// macros, external links refused), PDF risks flagged. A ZIP attachment that is not a DOCX/XLSX is
// unpacked under the storage's zip limits and each entry checked the same way (no nested archives).
// Nothing here has an uploader: uploaded_by is null for what the system received by itself.

export interface PreparedFile {
  tempPath: string;
  sha256: string;
  size: number;
  mime: string;
  name: string;
  pdfRisks: string[] | null;
}

async function* once(b: Buffer): AsyncGenerator<Uint8Array> {
  yield b;
}

const ZIP_MAGIC = Buffer.from("PK\x03\x04", "latin1");
/** An archive carrying the documents holds a handful of files, not thousands. */
const MAX_ARCHIVE_ENTRIES = 50;

/** Writes the bytes to a temporary file in the store's spool and checks them as an upload; throws UploadError. */
export async function prepareFile(root: StoreRef | undefined, data: Buffer, name: string, maxBytes: number): Promise<PreparedFile> {
  const r = await receive(once(data), root, maxBytes);
  try {
    if (r.size === 0) throw new UploadError("empty", UPLOAD_MESSAGES.empty);
    const type = await sniffFile(r.tempPath, r.size);
    const pdfRisks = await inspectFile(r.tempPath, type);
    const { mime, exts } = FILE_TYPES[type];
    return { ...r, mime, name: nameForType(sanitizeFileName(name), exts, ACCEPTED_EXTS), pdfRisks };
  } catch (e) {
    await fs.rm(r.tempPath, { force: true });
    throw e;
  }
}

/** The raw package (evidence): stored as it came, its type not judged (it is XML, never served inline). */
export async function prepareRaw(root: StoreRef | undefined, data: Buffer, name: string): Promise<PreparedFile> {
  const r = await receive(once(data), root, Number.MAX_SAFE_INTEGER);
  return { ...r, mime: "application/xml", name, pdfRisks: null };
}

async function unzip(data: Buffer): Promise<{ name: string; data: Buffer }[]> {
  const tooBig = () => new UploadError("corrupt", UPLOAD_MESSAGES.zipLimits);
  const corrupt = () => new UploadError("corrupt", UPLOAD_MESSAGES.corrupt);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(data, ZIP_OPTIONS);
  } catch {
    throw corrupt();
  }
  const out: { name: string; data: Buffer }[] = [];
  try {
    if (zip.entryCount > MAX_ARCHIVE_ENTRIES) throw tooBig();
    let total = 0;
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith("/")) continue;
      if (entry.isEncrypted() || ![0, 8].includes(entry.compressionMethod)) throw corrupt();
      total += entry.uncompressedSize;
      if (total > ZIP_LIMITS.maxUncompressedBytes) throw tooBig();
      if (entry.uncompressedSize > ZIP_LIMITS.ratioFloorBytes && entry.uncompressedSize > ZIP_LIMITS.maxRatio * entry.compressedSize) throw tooBig();
      const stream = await zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      let crc = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        crc = crc32(chunk, crc);
        chunks.push(chunk);
      }
      if (crc >>> 0 !== entry.crc32 >>> 0) throw corrupt();
      out.push({ name: entry.fileName.split("/").pop() || "tep", data: Buffer.concat(chunks) });
    }
  } catch (e) {
    if (e instanceof UploadError) throw e;
    throw corrupt();
  } finally {
    zip.close();
  }
  return out;
}

/**
 * One attachment → the files to keep: itself, or the entries of a plain ZIP archive. Any file that
 * fails the checks throws (UploadError): the caller refuses the whole message.
 */
export async function prepareAttachment(root: StoreRef | undefined, data: Buffer, name: string, maxBytes: number): Promise<PreparedFile[]> {
  try {
    return [await prepareFile(root, data, name, maxBytes)];
  } catch (e) {
    if (!(e instanceof UploadError) || !data.subarray(0, 4).equals(ZIP_MAGIC)) throw e;
  }
  const entries = await unzip(data);
  if (!entries.length) throw new UploadError("empty", UPLOAD_MESSAGES.empty);
  const files: PreparedFile[] = [];
  try {
    for (const entry of entries) {
      // No archive inside an archive: an entry must be a document itself.
      files.push(await prepareFile(root, entry.data, entry.name, maxBytes));
    }
  } catch (e) {
    await discard(files);
    throw e;
  }
  return files;
}

export async function discard(files: PreparedFile[]) {
  await Promise.all(files.map((f) => fs.rm(f.tempPath, { force: true })));
}

/** Inserts the row and places the blob (inside the caller's transaction, like saveUpload). */
export async function keepFile(tx: Tx, root: StoreRef | undefined, agencyId: string, f: PreparedFile): Promise<string> {
  const id = await insertFile(tx, { agencyId, sha256: f.sha256, size: f.size, mime: f.mime, name: f.name, uploadedBy: null, pdfRisks: f.pdfRisks });
  await placeBlob(root, f.tempPath, f.sha256, f.size);
  return id;
}

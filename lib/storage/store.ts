import "server-only";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import yauzl from "yauzl";
import type { Db } from "@/db/client";
import { appendAudit, type AuditInput } from "@/lib/audit";
import { canUpload, imagesOnly } from "@/lib/access/files";
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/auth/sessions";
import { forbidden } from "@/lib/errors";
import { inspectPdf } from "@/lib/pdf/inspect";
import type { PdfRisk } from "@/lib/pdf/risks";
import type { UploadedFileInfo } from "./client";
import { asStore, type BlobStore, type StoreRef } from "./blob-store";
import { uploadMaxBytes } from "./config";
import { UPLOAD_MESSAGES, UploadError } from "./errors";
import { nameForType, sanitizeFileName } from "./names";
import { ZIP_OPTIONS } from "./ooxml";
import { insertFile } from "./queries";
import { ACCEPTED_EXTS, FILE_TYPES, HEAD_BYTES, sniff, TAIL_BYTES, type FileType } from "./sniff";

// Blobs are content-addressed: <first two hex digits>/<sha256> below the local root or in the bucket
// (lib/storage/blob-store.ts). The address never contains anything the uploader chose (ASVS 5.3.2).
// A blob is written to the store's spool (<root>/.tmp locally, same file system, so the rename is
// atomic) while it is hashed and counted, fsynced, checked, and placed inside the transaction that
// inserts its row, before the commit: a committed row always has its blob, and a refused or failed
// upload leaves neither a row nor a temporary file nor an object. In S3 placing is a network call made
// while only the new row is locked; the audit chain's lock is taken after it.

export type UploadedFile = UploadedFileInfo;

export interface SaveInput {
  body: AsyncIterable<Uint8Array>;
  /** The name the person gave the file (metadata only). */
  name: string;
  /** Content-Length when the client sent one: an oversize body is refused before it is read. */
  declaredLength?: number | null;
}

export interface StoreOptions {
  /** A local folder instead of the configured store (tests). */
  root?: string;
  store?: BlobStore;
  maxBytes?: number;
}

const STALE_TEMP_MS = 24 * 3600_000;

export { blobPath } from "./local-store";

const tooLarge = (max: number) => new UploadError("too_large", UPLOAD_MESSAGES.tooLarge(max));

function diskError(e: unknown): UploadError | null {
  const code = (e as { code?: unknown })?.code;
  return code === "ENOSPC" || code === "EDQUOT" ? new UploadError("disk_full", UPLOAD_MESSAGES.diskFull) : null;
}

async function writeAll(handle: fs.FileHandle, chunk: Uint8Array) {
  for (let off = 0; off < chunk.byteLength; ) off += (await handle.write(chunk, off)).bytesWritten;
}

// Temporary files of a crashed process are removed once per process and root.
const swept = new Set<string>();
async function sweepStaleTemps(dir: string) {
  if (swept.has(dir)) return;
  swept.add(dir);
  for (const name of await fs.readdir(dir).catch(() => [])) {
    const p = path.join(dir, name);
    const st = await fs.stat(p).catch(() => null);
    if (st && Date.now() - st.mtimeMs > STALE_TEMP_MS) await fs.rm(p, { force: true });
  }
}

/** Streams the body to a new temporary file in the store's spool, hashing and counting; stops at maxBytes + 1. */
export async function receive(body: AsyncIterable<Uint8Array>, store: StoreRef | undefined, maxBytes: number) {
  const dir = asStore(store).spoolDir;
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await sweepStaleTemps(dir);
  const tempPath = path.join(dir, `${randomUUID()}.part`);
  const hash = createHash("sha256");
  let size = 0;
  const handle = await fs.open(tempPath, "wx", 0o600);
  try {
    // Leaving the loop early cancels the request stream: the rest of the body is not read.
    for await (const chunk of body) {
      size += chunk.byteLength;
      if (size > maxBytes) throw tooLarge(maxBytes);
      hash.update(chunk);
      await writeAll(handle, chunk);
    }
    await handle.sync();
    await handle.close();
  } catch (e) {
    await handle.close().catch(() => {});
    await fs.rm(tempPath, { force: true });
    throw diskError(e) ?? e;
  }
  return { tempPath, sha256: hash.digest("hex"), size };
}

/** The type of a received file from its first and last bytes (and its zip entries). */
export async function sniffFile(file: string, size: number): Promise<FileType> {
  const handle = await fs.open(file, "r");
  try {
    const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
    const tail = Buffer.alloc(Math.min(TAIL_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    await handle.read(tail, 0, tail.length, size - tail.length);
    return await sniff({ head, tail, size }, () => yauzl.openPromise(file, ZIP_OPTIONS));
  } finally {
    await handle.close();
  }
}

/**
 * What a received PDF would do by itself when opened (lib/pdf/inspect.ts). The file is kept either
 * way (agencies do send such PDFs); the flags go on its row and are shown wherever it is listed.
 */
export async function inspectFile(file: string, type: FileType): Promise<PdfRisk[] | null> {
  return type === "pdf" ? inspectPdf(await fs.readFile(file)) : null;
}

/** Moves a complete, checked temporary file to its content address; an existing blob of the same size is kept. */
export async function placeBlob(store: StoreRef | undefined, tempPath: string, sha256: string, size: number) {
  await asStore(store).place(tempPath, sha256, size);
}

/** A refused or failed upload, in a transaction of its own (ASVS 16.3.2); never hides the refusal itself. */
async function recordAttempt(db: Db, actor: Actor, meta: RequestMeta, entry: Pick<AuditInput, "action" | "outcome" | "objectType" | "payload">) {
  try {
    await db.transaction((tx) =>
      appendAudit(tx, { agencyId: actor.agencyId, actorId: actor.userId, actorName: actor.fullName, objectId: "", ip: meta.ip, ...entry }),
    );
  } catch (err) {
    console.error("[storage] could not record a refused upload", err);
  }
}

/**
 * Saves one upload for the actor: size limit, content type, blob stored once by SHA-256, row and
 * `file.upload` audit entry in one transaction. Throws UploadError (shown to the person) or
 * AppError forbidden; whatever it throws, no row and no temporary file remain.
 */
export async function saveUpload(db: Db, actor: Actor, meta: RequestMeta, input: SaveInput, opts: StoreOptions = {}): Promise<UploadedFile> {
  if (!canUpload(actor)) {
    await recordAttempt(db, actor, meta, { action: "action.refused", outcome: "refused", objectType: "file.upload", payload: { action: "file.upload" } });
    throw forbidden();
  }
  const store = opts.store ?? asStore(opts.root);
  const maxBytes = opts.maxBytes ?? uploadMaxBytes();
  let tempPath: string | undefined;
  try {
    if (input.declaredLength != null && input.declaredLength > maxBytes) throw tooLarge(maxBytes);
    const received = await receive(input.body, store, maxBytes);
    tempPath = received.tempPath;
    const { sha256, size } = received;
    if (size === 0) throw new UploadError("empty", UPLOAD_MESSAGES.empty);
    const type = await sniffFile(tempPath, size);
    // The administrator uploads only the agency's emblem: an image, nothing that could carry a document.
    if (imagesOnly(actor) && type !== "png" && type !== "jpeg") throw new UploadError("type", UPLOAD_MESSAGES.emblemType);
    const pdfRisks = await inspectFile(tempPath, type);
    const { mime, exts } = FILE_TYPES[type];
    const name = nameForType(sanitizeFileName(input.name), exts, ACCEPTED_EXTS);
    const id = await db.transaction(async (tx) => {
      const fileId = await insertFile(tx, { agencyId: actor.agencyId, sha256, size, mime, name, uploadedBy: actor.userId, pdfRisks });
      // Placed before the audit entry takes the chain lock, so the lock is not held across fsync.
      // A later failure (audit, commit) can leave an unreferenced blob, never a row without one.
      await placeBlob(store, tempPath!, sha256, size);
      await appendAudit(tx, {
        agencyId: actor.agencyId, actorId: actor.userId, actorName: actor.fullName, action: "file.upload", outcome: "success",
        objectType: "file", objectId: fileId, ip: meta.ip, payload: { name, size, mime, sha256, ...(pdfRisks?.length ? { pdfRisks } : {}) },
      });
      return fileId;
    });
    return { id, name, size, mime, sha256, pdfRisks };
  } catch (e) {
    const refusal = e instanceof UploadError ? e : diskError(e);
    if (refusal) {
      await recordAttempt(db, actor, meta, {
        action: "file.upload", outcome: refusal.reason === "disk_full" ? "failure" : "refused", objectType: "file",
        payload: { name: sanitizeFileName(input.name), reason: refusal.reason },
      });
      throw refusal;
    }
    throw e;
  } finally {
    if (tempPath) await fs.rm(tempPath, { force: true });
  }
}

import "server-only";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import { Readable } from "node:stream";
import type { Db } from "@/db/client";
import type { StoredFile } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { checkFileAccess } from "@/lib/access/files";
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/auth/sessions";
import { asStore, type StoreRef } from "./blob-store";
import { contentDisposition } from "./names";
import { docxPreview, type PreviewOptions } from "./preview";
import { FILE_TYPES } from "./sniff";

export interface OpenedFile {
  file: StoredFile;
  stream: ReadableStream<Uint8Array>;
}

/**
 * The file for a person allowed to read it, with a `file.download` audit entry; null for a
 * missing file and for one they may not read (recorded as refused), so ids cannot be probed.
 */
export async function openFileFor(db: Db, actor: Actor, meta: RequestMeta, fileId: string, store?: StoreRef): Promise<OpenedFile | null> {
  const access = await checkFileAccess(db, actor, fileId);
  if (!access) return null;
  const { file, allowed } = access;
  const entry = {
    agencyId: actor.agencyId, actorId: actor.userId, actorName: actor.fullName, action: "file.download", objectType: "file",
    objectId: file.id, ip: meta.ip,
  };
  if (!allowed) {
    await db.transaction((tx) => appendAudit(tx, { ...entry, outcome: "refused" }));
    return null;
  }
  const blob = await asStore(store).open(file.sha256);
  if (!blob) throw new Error(`blob ${file.sha256} of row ${file.id} is missing`);
  try {
    // A blob whose size differs from its row was damaged in storage: never serve it as the original.
    if (blob.size !== file.size) throw new Error(`blob ${file.sha256} has ${blob.size} bytes, row ${file.id} says ${file.size}`);
    await db.transaction((tx) => appendAudit(tx, { ...entry, outcome: "success", payload: { sha256: file.sha256 } }));
  } catch (e) {
    // Nobody will read it: release the file or the bucket connection.
    await blob.stream.cancel().catch(() => {});
    throw e;
  }
  return { file, stream: blob.stream };
}

/**
 * Headers of a download: the type we detected (never the uploader's), RFC 6266 name, no sniffing,
 * and a sandbox so that even a PDF opened inline cannot run script against this origin.
 */
export function downloadHeaders(file: StoredFile, inline: boolean): Headers {
  const disposition = inline && file.mime === "application/pdf" ? "inline" : "attachment";
  return new Headers({
    "Content-Type": file.mime,
    "Content-Length": String(file.size),
    "Content-Disposition": contentDisposition(disposition, file.name),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "private, no-store",
    ETag: `"${file.sha256}"`,
    // RFC 9530: the integrity value the clerk sees, also for a client that checks it.
    "Repr-Digest": `sha-256=:${Buffer.from(file.sha256, "hex").toString("base64")}:`,
  });
}

export type OpenedPreview = { kind: "ready"; stream: ReadableStream<Uint8Array>; size: number; name: string; sha256: string } | { kind: "pending" | "failed" | "unavailable" };

/**
 * The PDF preview of a DOCX the person may read (lib/storage/preview.ts), or null exactly where the
 * download would be refused (and for any other type). Access is checked on every request; the
 * audit entry (`file.preview`) is written when the preview is served or refused, not while waiting.
 */
export async function openPreviewFor(db: Db, actor: Actor, meta: RequestMeta, fileId: string, opts: PreviewOptions = {}): Promise<OpenedPreview | null> {
  const access = await checkFileAccess(db, actor, fileId);
  if (!access) return null;
  const { file, allowed } = access;
  const entry = {
    agencyId: actor.agencyId, actorId: actor.userId, actorName: actor.fullName, action: "file.preview", objectType: "file",
    objectId: file.id, ip: meta.ip,
  };
  if (!allowed) {
    await db.transaction((tx) => appendAudit(tx, { ...entry, outcome: "refused" }));
    return null;
  }
  if (file.mime !== FILE_TYPES.docx.mime) return null;
  const preview = await docxPreview(file.sha256, opts);
  if (preview.state !== "ready") return { kind: preview.state };
  const st = await fs.stat(preview.path);
  await db.transaction((tx) => appendAudit(tx, { ...entry, outcome: "success", payload: { sha256: file.sha256 } }));
  const stream = Readable.toWeb(createReadStream(preview.path)) as unknown as ReadableStream<Uint8Array>;
  return { kind: "ready", stream, size: st.size, name: file.name.replace(/\.docx$/i, "") + ".pdf", sha256: file.sha256 };
}

/** Headers of a preview: a PDF we made, shown inline, with the download's protections. */
export function previewHeaders(p: { size: number; name: string; sha256: string }): Headers {
  return new Headers({
    "Content-Type": "application/pdf",
    "Content-Length": String(p.size),
    "Content-Disposition": contentDisposition("inline", p.name),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "private, no-store",
  });
}

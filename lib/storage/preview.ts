import "server-only";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { constants, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { pathToFileURL } from "node:url";
import { asStore, type BlobStore, type StoreRef } from "./blob-store";
import { filesDir } from "./config";
import { blobPath } from "./local-store";

// A DOCX draft is previewed as a PDF made by LibreOffice headless (`soffice` on PATH; the README says
// how to install it). Each stored file is converted once, by its SHA-256, into <FILES_DIR>/.previews
// and served from there afterwards. The process gets only fixed arguments (no shell, no name the
// uploader chose: the blob is copied to a fixed file name in a private work folder), its own empty
// profile and HOME, and a time limit after which its whole process group is killed. One conversion
// runs at a time; a request waits for it only briefly and otherwise answers "not yet" (the viewer
// asks again), so no request is held for the length of a conversion.

export type PreviewState = { state: "ready"; path: string } | { state: "pending" } | { state: "unavailable" } | { state: "failed" };

export interface PreviewOptions {
  /** Where the cache of previews is kept: FILES_DIR by default (a local cache per instance, also with S3). */
  root?: string;
  /** Where the DOCX blobs are read: the configured store by default, else the local `root` when given. */
  store?: StoreRef;
  /** PATH by default: where `soffice` is looked for. */
  pathEnv?: string;
  /** Longest a conversion may run before it is killed. */
  timeoutMs?: number;
  /** Longest a request waits for a conversion before answering "pending". */
  waitMs?: number;
}

export const DEFAULT_PREVIEW_TIMEOUT_MS = 60_000;
const DEFAULT_WAIT_MS = 5_000;
/** A file whose conversion failed is not tried again for this long (it would fail again). */
const RETRY_FAILED_MS = 15 * 60_000;
const PREVIEWS = ".previews";

const FOUND_TTL_MS = 60_000;
const found = new Map<string, { soffice: string | null; at: number }>();

/**
 * The `soffice` executable on PATH (absolute entries only), or null when LibreOffice is not installed. A document's
 * page asks at every view of a DOCX draft: the answer is kept a minute per PATH (looking through a dozen folders of
 * PATH, each miss an error thrown and caught, took 0.6 ms of the server's thread), so LibreOffice installed or
 * removed while the server runs is seen within a minute.
 */
export async function findSoffice(pathEnv = process.env.PATH ?? ""): Promise<string | null> {
  const known = found.get(pathEnv);
  if (known && Date.now() - known.at < FOUND_TTL_MS) return known.soffice;
  const soffice = await lookForSoffice(pathEnv);
  if (found.size > 20) found.clear();
  found.set(pathEnv, { soffice, at: Date.now() });
  return soffice;
}

async function lookForSoffice(pathEnv: string): Promise<string | null> {
  for (const dir of pathEnv.split(path.delimiter)) {
    if (!dir || !path.isAbsolute(dir)) continue;
    const candidate = path.join(dir, "soffice");
    try {
      await fs.access(candidate, constants.X_OK);
      return candidate;
    } catch {
      /* not here */
    }
  }
  return null;
}

export const previewFile = (root: string, sha256: string) => path.join(root, PREVIEWS, `${path.basename(blobPath(root, sha256))}.pdf`);

const inflight = new Map<string, Promise<boolean>>();
const failedAt = new Map<string, number>();
let queue: Promise<unknown> = Promise.resolve();

/** Runs one job after the previous ones (one soffice at a time on a small server). */
function enqueue<T>(job: () => Promise<T>): Promise<T> {
  const next = queue.then(job, job);
  queue = next.catch(() => undefined);
  return next;
}

/** Spawns without a shell, in its own process group; kills the group at the time limit. */
function run(cmd: string, args: string[], env: Record<string, string>, timeoutMs: number): Promise<"ok" | "failed" | "timeout"> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: env as NodeJS.ProcessEnv, stdio: "ignore", detached: true, shell: false });
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    };
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    child.on("error", () => {
      clearTimeout(timer);
      resolve("failed");
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      // soffice.bin may outlive its launcher on a failure: take the group down in every case.
      killGroup();
      resolve(timedOut ? "timeout" : code === 0 ? "ok" : "failed");
    });
  });
}

/** The blob's bytes into a new private file. */
async function copyBlob(store: BlobStore, sha256: string, to: string) {
  const blob = await store.open(sha256);
  if (!blob) throw new Error(`blob ${sha256} is missing`);
  await pipeline(Readable.fromWeb(blob.stream as never), createWriteStream(to, { flags: "wx", mode: 0o600 }));
}

async function convert(soffice: string, store: BlobStore, sha256: string, target: string, timeoutMs: number): Promise<boolean> {
  const work = path.join(path.dirname(target), `.work-${randomUUID()}`);
  await fs.mkdir(work, { recursive: true, mode: 0o700 });
  try {
    const input = path.join(work, "draft.docx");
    await copyBlob(store, sha256, input);
    const outcome = await run(
      soffice,
      [
        "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
        `-env:UserInstallation=${pathToFileURL(path.join(work, "profile")).href}`,
        // The Word 2007+ filter only (the upload was checked as DOCX): no other importer is tried.
        "--infilter=MS Word 2007 XML",
        "--convert-to", "pdf:writer_pdf_Export",
        "--outdir", work,
        input,
      ],
      { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: work, LANG: "C.UTF-8", TMPDIR: work },
      timeoutMs,
    );
    if (outcome !== "ok") {
      console.error(`[docx preview] soffice ${outcome} for ${path.basename(target)}`);
      return false;
    }
    const output = path.join(work, "draft.pdf");
    const head = await fs.readFile(output).then((b) => b.subarray(0, 5).toString("latin1"), () => "");
    if (head !== "%PDF-") return false;
    // Same file system: the rename is atomic, a half-written preview is never served.
    await fs.rename(output, target);
    return true;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

const exists = (p: string) => fs.access(p).then(() => true, () => false);
const sleep = (ms: number) => new Promise<"pending">((r) => setTimeout(() => r("pending"), ms).unref?.());

/** The PDF preview of a stored DOCX: ready (its path), pending (asked again later), unavailable or failed. */
export async function docxPreview(sha256: string, opts: PreviewOptions = {}): Promise<PreviewState> {
  const root = opts.root ?? filesDir();
  const store = asStore(opts.store ?? opts.root);
  const target = previewFile(root, sha256);
  if (await exists(target)) return { state: "ready", path: target };
  const soffice = await findSoffice(opts.pathEnv);
  if (!soffice) return { state: "unavailable" };
  const failed = failedAt.get(target);
  if (failed !== undefined && Date.now() - failed < RETRY_FAILED_MS) return { state: "failed" };
  let job = inflight.get(target);
  if (!job) {
    await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const timeoutMs = opts.timeoutMs ?? DEFAULT_PREVIEW_TIMEOUT_MS;
    job = enqueue(() => convert(soffice, store, sha256, target, timeoutMs))
      .catch((e) => {
        console.error("[docx preview]", e);
        return false;
      })
      .then((ok) => {
        if (ok) failedAt.delete(target);
        else failedAt.set(target, Date.now());
        return ok;
      })
      .finally(() => inflight.delete(target));
    inflight.set(target, job);
  }
  const done = await Promise.race([job, sleep(opts.waitMs ?? DEFAULT_WAIT_MS)]);
  if (done === "pending") return { state: "pending" };
  return done ? { state: "ready", path: target } : { state: "failed" };
}

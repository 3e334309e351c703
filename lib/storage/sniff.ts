import yauzl, { type ZipFile } from "yauzl";
import { UPLOAD_MESSAGES, UploadError } from "./errors";
import { inspectOoxml, ZIP_OPTIONS } from "./ooxml";

// The type of an upload is decided by its bytes, never by its name or the browser's Content-Type
// (ASVS 5.2.2), and a file that is also another format (a polyglot) is refused: a PDF that a zip
// reader also opens, a zip that a PDF reader also opens, an image or PDF a browser sniffs as HTML.

export type FileType = "pdf" | "docx" | "xlsx" | "png" | "jpeg";

export const FILE_TYPES: Readonly<Record<FileType, { mime: string; exts: readonly string[] }>> = {
  pdf: { mime: "application/pdf", exts: ["pdf"] },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", exts: ["docx"] },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exts: ["xlsx"] },
  png: { mime: "image/png", exts: ["png"] },
  jpeg: { mime: "image/jpeg", exts: ["jpg", "jpeg", "jpe", "jfif"] },
};
export const ACCEPTED_EXTS: readonly string[] = Object.values(FILE_TYPES).flatMap((t) => t.exts);

/** The first bytes: magic numbers, and what PDF readers (first 1,024) and browsers (first ~1,445) look at. */
export const HEAD_BYTES = 64 * 1024;
/** The last bytes: a zip reader looks for its end record (22 bytes + a comment of ≤ 65,535) this far back. */
export const TAIL_BYTES = 22 + 65_535 + 20;
/** Images larger than this (in pixels) are refused: a small PNG can ask a viewer for gigabytes. */
export const MAX_IMAGE_PIXELS = 100_000_000;

export interface Sample {
  head: Buffer;
  tail: Buffer;
  size: number;
}

export function sampleOf(buf: Buffer): Sample {
  return { head: buf.subarray(0, HEAD_BYTES), tail: buf.subarray(Math.max(0, buf.length - TAIL_BYTES)), size: buf.length };
}

const corrupt = () => new UploadError("corrupt", UPLOAD_MESSAGES.corrupt);
const wrongType = () => new UploadError("type", UPLOAD_MESSAGES.type);

const PNG_SIGNATURE = Buffer.from("89504e470d0a1a0a", "hex");
const PNG_IEND = Buffer.from("0000000049454e44ae426082", "hex");
const ZIP_LOCAL = Buffer.from("PK\x03\x04", "latin1");
const ZIP_END = Buffer.from("PK\x05\x06", "latin1");

type Magic = "pdf" | "zip" | "png" | "jpeg";

function magicOf(head: Buffer): Magic | null {
  if (head.subarray(0, 5).toString("latin1") === "%PDF-") return "pdf";
  if (head.subarray(0, 4).equals(ZIP_LOCAL)) return "zip";
  if (head.subarray(0, 8).equals(PNG_SIGNATURE)) return "png";
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return "jpeg";
  return null;
}

/** A zip end record a reader would accept (disk numbers 0), anywhere in the tail. */
function hasZipEndRecord(tail: Buffer): boolean {
  for (let i = tail.indexOf(ZIP_END); i >= 0; i = tail.indexOf(ZIP_END, i + 1)) {
    if (i + 8 <= tail.length && tail.readUInt16LE(i + 4) === 0 && tail.readUInt16LE(i + 6) === 0) return true;
  }
  return false;
}

const HTML_MARKERS = /<(?:!doctype\s+html|html|head|body|script|iframe|svg|object|embed)[\s>/]/i;

function refusePolyglot({ head, tail }: Sample, own: Magic) {
  const start = head.subarray(0, 1024);
  if (own !== "zip" && (start.includes(ZIP_LOCAL) || hasZipEndRecord(tail))) throw corrupt();
  // PDF readers accept the %PDF header anywhere in the first 1,024 bytes.
  if (own !== "pdf" && start.includes("%PDF")) throw corrupt();
  if (HTML_MARKERS.test(head.subarray(0, 2048).toString("latin1"))) throw corrupt();
}

function checkPdf({ head, tail }: Sample) {
  if (!/^%PDF-[12]\.\d/.test(head.subarray(0, 8).toString("latin1"))) throw corrupt();
  // A complete PDF ends with its cross-reference pointer; a truncated one does not.
  const end = tail.subarray(Math.max(0, tail.length - 1024)).toString("latin1");
  if (!/startxref\s+\d+\s+%%EOF[\s\0]*$/.test(end)) throw corrupt();
}

function checkPng({ head, tail, size }: Sample) {
  if (size < PNG_SIGNATURE.length + 25 + PNG_IEND.length) throw corrupt();
  if (head.readUInt32BE(8) !== 13 || head.subarray(12, 16).toString("latin1") !== "IHDR") throw corrupt();
  const width = head.readUInt32BE(16);
  const height = head.readUInt32BE(20);
  if (width === 0 || height === 0 || width * height > MAX_IMAGE_PIXELS) throw corrupt();
  // Nothing may follow IEND: appended bytes are where a second format would hide.
  if (!tail.subarray(tail.length - PNG_IEND.length).equals(PNG_IEND)) throw corrupt();
}

function checkJpeg({ tail }: Sample) {
  let end = tail.length;
  // Some cameras and scanners pad after the end marker; tolerate a little padding, nothing else.
  while (end > 0 && tail.length - end < 4096 && [0x00, 0x0a, 0x0d].includes(tail[end - 1])) end--;
  if (end < 2 || tail[end - 2] !== 0xff || tail[end - 1] !== 0xd9) throw corrupt();
}

/**
 * The type of a non-empty file from its first and last bytes, and for a zip from its entries
 * (`openZip` opens the same bytes with yauzl). Throws UploadError (type, corrupt, active_content).
 */
export async function sniff(sample: Sample, openZip: () => Promise<ZipFile>): Promise<FileType> {
  const magic = magicOf(sample.head);
  if (!magic) throw wrongType();
  refusePolyglot(sample, magic);
  if (magic === "pdf") checkPdf(sample);
  if (magic === "png") checkPng(sample);
  if (magic === "jpeg") checkJpeg(sample);
  if (magic !== "zip") return magic;
  let zip: ZipFile;
  try {
    zip = await openZip();
  } catch {
    throw corrupt();
  }
  try {
    return await inspectOoxml(zip);
  } finally {
    zip.close();
  }
}

/** sniff() for bytes already in memory. */
export const sniffBuffer = (buf: Buffer): Promise<FileType> => sniff(sampleOf(buf), () => yauzl.fromBufferPromise(buf, ZIP_OPTIONS));

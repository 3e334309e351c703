import path from "node:path";
import { crc32 } from "node:zlib";
import type { Entry, ZipFile } from "yauzl";
import { UPLOAD_MESSAGES, UploadError } from "./errors";

// A DOCX or XLSX is an OPC package (ECMA-376 Part 2): a zip with [Content_Types].xml, a root
// _rels/.rels naming the main part, and that part's content type. Besides the type, the package
// must not carry macros, ActiveX, or relationships that make Word/Excel fetch something from
// elsewhere (remote templates, OLE links, external workbooks: the classic "template injection").
// Limits (ASVS 5.2.3): entries, total unpacked size and ratio, checked on the declared sizes and
// enforced while every entry is inflated once (yauzl stops an entry that outgrows its declared
// size; the CRC is compared so a damaged file is refused here, not in the clerk's Word).

export const ZIP_LIMITS = {
  maxEntries: 1000,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxRatio: 100,
  /** Entries smaller than this are not judged by ratio: tiny repetitive XML compresses very well. */
  ratioFloorBytes: 1024 * 1024,
  /** [Content_Types].xml and .rels parts are read into memory; they are small in real files. */
  maxXmlPartBytes: 5 * 1024 * 1024,
};

export const ZIP_OPTIONS = { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true } as const;

const MAIN_TYPES: Record<string, "docx" | "xlsx"> = {
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
};

const corrupt = () => new UploadError("corrupt", UPLOAD_MESSAGES.corrupt);
const tooBig = () => new UploadError("corrupt", UPLOAD_MESSAGES.zipLimits);
const active = (kind: "docx" | "xlsx") =>
  new UploadError("active_content", kind === "xlsx" ? UPLOAD_MESSAGES.activeContentXlsx : UPLOAD_MESSAGES.activeContent);

// Parts that hold code or pull content from elsewhere when the document opens.
const ACTIVE_PART = /(^|\/)(vbaproject\.bin|vbadata\.xml)$|(^|\/)activex\/|^xl\/externallinks\//;
const ACTIVE_CONTENT_TYPE = /macroenabled|vbaproject|activex|vnd\.ms-office\.vba/i;

async function readEntry(zip: ZipFile, entry: Entry, keep: boolean): Promise<Buffer | null> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let crc = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    crc = crc32(chunk, crc);
    if (keep) chunks.push(chunk);
  }
  if (crc >>> 0 !== entry.crc32 >>> 0) throw corrupt();
  return keep ? Buffer.concat(chunks) : null;
}

function decodeXml(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString("utf16le");
  return buf.toString("utf8");
}

const unescapeXml = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    if (e[0] !== "#") return named[e.toLowerCase()];
    const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });

/** Attributes of every `<name …>` element, any namespace prefix; quoted values may contain ">". */
export function elements(xml: string, name: string): Record<string, string>[] {
  const re = new RegExp(`<(?:[\\w.-]+:)?${name}\\b((?:[^>"']|"[^"]*"|'[^']*')*)>`, "g");
  return [...xml.matchAll(re)].map((m) => {
    const attrs: Record<string, string> = {};
    for (const a of m[1].matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]] = unescapeXml(a[2] ?? a[3]);
    return attrs;
  });
}

const partKey = (p: string) => path.posix.normalize(p.replace(/^\/+/, "")).toLowerCase();

const isHyperlink = (type: string) => /\/relationships\/hyperlink$/.test(type);
// A hyperlink only opens when clicked; file:// and \\server links would still leak the clerk's
// Windows credentials (NTLM) on that click, so only web and mail links are kept.
const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

// TargetMode is compared as Word reads it: " External " and "EXTERNAL" are External too.
const isExternalMode = (r: Record<string, string>) => (r.TargetMode ?? "").trim().toLowerCase() === "external";
// A target that names a scheme (http:, file:, mhtml:…) or a network share (\\server, //server) points
// outside the package whatever TargetMode says; internal targets are part names like "media/a.png".
const LOOKS_EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|[\\/]{2})/i;

function refuseExternal(relsXml: string[], kind: "docx" | "xlsx") {
  for (const xml of relsXml) {
    for (const r of elements(xml, "Relationship")) {
      const type = r.Type ?? "";
      const target = (r.Target ?? "").trim();
      if (/vbaproject|activex/i.test(type)) throw active(kind);
      if (!isExternalMode(r) && !LOOKS_EXTERNAL.test(target)) continue;
      if (!isHyperlink(type) || !SAFE_LINK.test(target)) throw active(kind);
    }
  }
}

/** DOCX or XLSX, or an UploadError: not OOXML, damaged, over the limits, or with active content. */
export async function inspectOoxml(zip: ZipFile): Promise<"docx" | "xlsx"> {
  if (zip.entryCount > ZIP_LIMITS.maxEntries) throw tooBig();
  const names = new Set<string>();
  const xml = new Map<string, string>();
  let total = 0;
  let compressed = 0;
  let activePart = false;
  try {
    for await (const entry of zip.eachEntry()) {
      const key = entry.fileName.toLowerCase();
      // OPC part names are case-insensitive: two spellings of one name are two readings of one file.
      if (names.has(key)) throw corrupt();
      names.add(key);
      if (entry.isEncrypted() || ![0, 8].includes(entry.compressionMethod)) throw corrupt();
      total += entry.uncompressedSize;
      compressed += entry.compressedSize;
      if (total > ZIP_LIMITS.maxUncompressedBytes) throw tooBig();
      if (entry.uncompressedSize > ZIP_LIMITS.ratioFloorBytes && entry.uncompressedSize > ZIP_LIMITS.maxRatio * entry.compressedSize)
        throw tooBig();
      if (ACTIVE_PART.test(key)) activePart = true;
      const keep = key === "[content_types].xml" || key.endsWith(".rels");
      if (keep && entry.uncompressedSize > ZIP_LIMITS.maxXmlPartBytes) throw tooBig();
      const data = await readEntry(zip, entry, keep);
      if (data) xml.set(key, decodeXml(data));
    }
  } catch (e) {
    if (e instanceof UploadError) throw e;
    throw corrupt(); // yauzl: bad offsets, unsafe names, an entry longer than declared…
  }
  if (total > ZIP_LIMITS.ratioFloorBytes && total > ZIP_LIMITS.maxRatio * compressed) throw tooBig();
  // Untrusted XML with a DOCTYPE is refused outright (security.md §0 rule 4).
  for (const text of xml.values()) if (/<!DOCTYPE/i.test(text)) throw corrupt();

  const contentTypes = xml.get("[content_types].xml");
  const rootRels = xml.get("_rels/.rels");
  if (!contentTypes || !rootRels) throw corrupt();
  const mains = elements(rootRels, "Relationship").filter((r) => /\/officeDocument$/.test(r.Type ?? ""));
  if (mains.length !== 1 || !mains[0].Target || isExternalMode(mains[0]) || LOOKS_EXTERNAL.test(mains[0].Target.trim())) throw corrupt();
  const main = partKey(mains[0].Target);
  if (!names.has(main)) throw corrupt();
  const override = elements(contentTypes, "Override").find((o) => partKey(o.PartName ?? "") === main)?.ContentType;
  const ext = path.posix.extname(main).slice(1);
  const mainType = (override ?? elements(contentTypes, "Default").find((d) => (d.Extension ?? "").toLowerCase() === ext)?.ContentType ?? "")
    .trim()
    .toLowerCase();

  const kind = MAIN_TYPES[mainType] ?? (/wordprocessingml|ms-word/.test(mainType) ? "docx" : /spreadsheetml|ms-excel/.test(mainType) ? "xlsx" : null);
  if (!kind) throw new UploadError("type", UPLOAD_MESSAGES.type);
  const declared = [...elements(contentTypes, "Override"), ...elements(contentTypes, "Default")].map((t) => t.ContentType ?? "");
  if (activePart || declared.some((t) => ACTIVE_CONTENT_TYPE.test(t))) throw active(kind);
  // A .docm/.dotx/.xlsm main part renamed .docx: refused by type (macro-enabled ones above).
  if (!MAIN_TYPES[mainType]) throw new UploadError("type", UPLOAD_MESSAGES.type);
  refuseExternal([...xml].filter(([k]) => k.endsWith(".rels")).map(([, v]) => v), kind);
  return kind;
}

import { UPLOAD_MESSAGES, UploadError } from "./errors";

// The name a person gave a file is metadata only: storage paths come from the SHA-256 (ASVS
// 5.3.2). It is still cleaned, because it comes back in Content-Disposition and lands on the
// clerk's disk (security.md §5 row 10: ../, NUL, RTL override, 300 characters, CON).

export const MAX_NAME_CHARS = 180;
const FALLBACK_STEM = "tep-dinh-kem";

const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;
// Bidirectional overrides and invisible characters: "hoadon\u202Efdp.exe" shows as "hoadonexe.pdf".
const INVISIBLE = /[\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFF9-\uFFFB]/g;
const WINDOWS_FORBIDDEN = /[<>:"/\\|?*]/g;
// Windows device names, also with an extension ("con.pdf" cannot be saved on Windows).
const RESERVED = /^(con|prn|aux|nul|clock\$|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³]) *(\.|$)/i;

const chars = (s: string) => Array.from(s);

function splitExt(name: string): { stem: string; ext: string } {
  const dot = name.lastIndexOf(".");
  if (dot <= 0 || dot === name.length - 1) return { stem: name, ext: "" };
  const ext = name.slice(dot + 1);
  return chars(ext).length > 16 || /\s/.test(ext) ? { stem: name, ext: "" } : { stem: name.slice(0, dot), ext };
}

function join(stem: string, ext: string): string {
  const room = MAX_NAME_CHARS - (ext ? chars(ext).length + 1 : 0);
  const cut = chars(stem).slice(0, room).join("").replace(/[. ]+$/, "");
  return ext ? `${cut || FALLBACK_STEM}.${ext}` : cut || FALLBACK_STEM;
}

/** A display name safe on every desktop: last path segment, no control or bidi characters, no device name, ≤ 180 characters. */
export function sanitizeFileName(raw: string): string {
  let s = String(raw ?? "").normalize("NFC");
  s = s.split(/[/\\]/).pop() ?? "";
  s = s.replace(CONTROL, "").replace(INVISIBLE, "").replace(WINDOWS_FORBIDDEN, "_");
  s = s.replace(/\s+/g, " ").replace(/^[. ]+/, "").replace(/[. ]+$/, "");
  if (RESERVED.test(s)) s = `_${s}`;
  const { stem, ext } = splitExt(s);
  return join(stem, ext);
}

/**
 * The stored name for content of a detected type: an extension of another accepted type is
 * refused (a PNG named .pdf misleads the reader); a missing or unknown one gets the right one.
 */
export function nameForType(name: string, exts: readonly string[], acceptedExts: readonly string[]): string {
  const { stem, ext } = splitExt(name);
  const lower = ext.toLowerCase();
  if (exts.includes(lower)) return name;
  if (acceptedExts.includes(lower)) throw new UploadError("type", UPLOAD_MESSAGES.extensionMismatch(lower));
  return join(ext ? `${stem}.${ext}` : stem, exts[0]);
}

/** Plain ASCII for the legacy `filename=` parameter: "Công văn số 12.pdf" → "Cong van so 12.pdf". */
export function asciiFileName(name: string): string {
  const s = name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7E]|["\\%;]/g, "_");
  return s.trim() || FALLBACK_STEM;
}

// RFC 5987 attr-char: encodeURIComponent leaves ' ( ) * unescaped, which the grammar forbids.
const encodeExtValue = (s: string) =>
  encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name in `filename*`. */
export function contentDisposition(type: "attachment" | "inline", name: string): string {
  return `${type}; filename="${asciiFileName(name)}"; filename*=UTF-8''${encodeExtValue(name)}`;
}

import type { PDFDict, PDFObject } from "pdf-lib";
import type { PdfRisk } from "./risks";

// PDF names may spell any byte as #xx (ISO 32000-1 §7.3.5), in either case: /J#61vaScript and
// /#4aS are /JavaScript and /JS to every reader. pdf-lib decodes only upper-case escapes, so every
// comparison here goes through plainName().

/** A name as readers understand it: #xx escapes decoded, either case. */
export const plainName = (raw: string) => raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

/** Action types (the /S of an action dictionary) that run code, start programs, send data out or open embedded files. */
export const DANGEROUS_ACTIONS: Readonly<Record<string, PdfRisk>> = {
  JavaScript: "javascript",
  Launch: "launch",
  SubmitForm: "submit",
  ImportData: "submit",
  GoToE: "embedded_file",
};

/** Keys whose mere presence carries code or a file, wherever they appear. */
export const RISKY_KEYS: Readonly<Record<string, PdfRisk>> = {
  JS: "javascript", // the script of a JavaScript or Rendition action
  JavaScript: "javascript", // the document-level scripts in the name dictionary
  XFA: "javascript", // XFA forms carry their own scripts
  AA: "auto_action", // additional actions: run on page open/close, focus, keystroke, print, save…
  EmbeddedFiles: "embedded_file", // the name tree of attached files
  EF: "embedded_file", // the embedded file stream of a file specification
};

/** Names that mark a file inside the PDF when they are the value of /Type or /Subtype. */
export const RISKY_TYPES: Readonly<Record<string, PdfRisk>> = {
  EmbeddedFile: "embedded_file",
  FileAttachment: "embedded_file",
};

/** Every name that, seen anywhere in the raw bytes, means one of the flags (the backstop scan). */
export const RISKY_TOKENS: Readonly<Record<string, PdfRisk>> = { ...DANGEROUS_ACTIONS, ...RISKY_KEYS, ...RISKY_TYPES };

/** The plain text of a pdf-lib name (its own decoding, then the lower-case escapes it leaves). */
export const nameText = (n: { decodeText(): string }) => plainName(n.decodeText());

/** The value under a key however the key is spelt (/S, /#53). */
export function entryOf(dict: PDFDict, key: string): PDFObject | undefined {
  for (const [k, v] of dict.entries()) if (nameText(k) === key) return v;
  return undefined;
}

/** The flag of an action type name, or null for a harmless one (GoTo, URI, Named…). */
export const actionTypeRisk = (type: string): PdfRisk | null => (Object.hasOwn(DANGEROUS_ACTIONS, type) ? DANGEROUS_ACTIONS[type] : null);

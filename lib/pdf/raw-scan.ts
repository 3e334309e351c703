import { constants, inflateSync } from "node:zlib";
import { plainName, RISKY_TOKENS } from "./names";
import type { PdfRisk } from "./risks";

// The backstop of the upload inspection: every name token of the file's own bytes, outside stream
// data, and of its object streams (inflated). It needs no parser, so what pdf-lib does not see
// (an object shadowed by a later copy of the same number, a broken object a reader repairs, a
// lower-case #xx escape) is still found. Stream data is skipped: random image bytes would
// otherwise spell /JS or /AA every few megabytes.

export const RAW_LIMITS = {
  /** One object stream inflated beyond this is not read (pdf-lib would inflate it whole). */
  maxObjectStreamBytes: 32 * 1024 * 1024,
  /** All object streams of one file together. */
  maxInflatedBytes: 128 * 1024 * 1024,
};

export interface RawScan {
  risks: Set<PdfRisk>;
  /** An object stream inflates beyond the limits: a parser that reads it whole must not be run. */
  tooBig: boolean;
}

const NAME = /\/([^\x00\t\n\f\r /[\]<>(){}%]+)/g;
const STREAM = Buffer.from("stream", "latin1");
const ENDSTREAM = Buffer.from("endstream", "latin1");

function scanNames(text: string, risks: Set<PdfRisk>) {
  for (const m of text.matchAll(NAME)) {
    const name = plainName(m[1]);
    if (Object.hasOwn(RISKY_TOKENS, name)) risks.add(RISKY_TOKENS[name]);
  }
}

/** The dictionary text before a `stream` keyword, with its names decoded. */
function streamDict(buf: Buffer, from: number, at: number): string {
  const obj = buf.lastIndexOf("obj", at, "latin1");
  const text = buf.toString("latin1", Math.max(from, obj < 0 ? 0 : obj, at - 64 * 1024), at);
  return text.replace(NAME, (_, n: string) => `/${plainName(n)}`);
}

/** Where the stream's data ends: at /Length when that lands on `endstream`, else the next `endstream`. */
function streamEnd(buf: Buffer, dict: string, dataStart: number): number {
  const length = /\/Length\s+(\d{1,12})(?!\s+\d+\s+R)/.exec(dict);
  if (length) {
    let e = dataStart + Number(length[1]);
    while (e < buf.length && [0x0d, 0x0a, 0x20].includes(buf[e])) e++;
    if (e < buf.length && buf.subarray(e, e + ENDSTREAM.length).equals(ENDSTREAM)) return dataStart + Number(length[1]);
  }
  const end = buf.indexOf(ENDSTREAM, dataStart);
  return end < 0 ? buf.length : end;
}

export function rawScan(buf: Buffer, limits = RAW_LIMITS): RawScan {
  const risks = new Set<PdfRisk>();
  let tooBig = false;
  let inflated = 0;
  let pos = 0;
  while (pos < buf.length) {
    const s = buf.indexOf(STREAM, pos);
    if (s < 0) {
      scanNames(buf.toString("latin1", pos), risks);
      break;
    }
    let dataStart = s + STREAM.length;
    const isEnd = s >= 3 && buf.toString("latin1", s - 3, s) === "end";
    if (buf[dataStart] === 0x0d) dataStart++;
    if (buf[dataStart] === 0x0a) dataStart++;
    // "endstream", or a word that merely starts with "stream": not the start of stream data.
    if (isEnd || dataStart === s + STREAM.length) {
      scanNames(buf.toString("latin1", pos, s + STREAM.length), risks);
      pos = s + STREAM.length;
      continue;
    }
    scanNames(buf.toString("latin1", pos, s), risks);
    const dict = streamDict(buf, pos, s);
    const end = streamEnd(buf, dict, dataStart);
    // Objects inside an object stream are what a reader sees: scan them, inflated when compressed.
    if (/\/Type\s*\/ObjStm\b/.test(dict)) {
      const data = buf.subarray(dataStart, end);
      if (!/\/Filter\b/.test(dict)) scanNames(data.toString("latin1"), risks);
      else if (/\/Filter\s*(?:\/FlateDecode|\[\s*\/FlateDecode\s*\])/.test(dict) && !/\/DecodeParms\b/.test(dict)) {
        const room = Math.min(limits.maxObjectStreamBytes, limits.maxInflatedBytes - inflated);
        try {
          const out = inflateSync(data, { maxOutputLength: Math.max(1, room), finishFlush: constants.Z_SYNC_FLUSH });
          inflated += out.length;
          scanNames(out.toString("latin1"), risks);
        } catch (e) {
          if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") tooBig = true;
        }
      }
    }
    pos = end;
  }
  return { risks, tooBig };
}

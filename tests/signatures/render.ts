import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// What a reader sees on page 1, through Debian's poppler-utils: the words with their boxes (pdftotext -bbox,
// points from the top left) and the dark pixels rendered by pdftoppm inside a box (72 dpi: 1 px = 1 pt).

export interface WordBox {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

function withFile<T>(pdf: Uint8Array, run: (file: string, dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "render-"));
  const file = path.join(dir, "f.pdf");
  fs.writeFileSync(file, pdf);
  try {
    return run(file, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

export function wordsOnPage1(pdf: Uint8Array): WordBox[] {
  const html = withFile(pdf, (file) => execFileSync("pdftotext", ["-bbox", "-f", "1", "-l", "1", file, "-"], { encoding: "utf8" }));
  const words: WordBox[] = [];
  for (const m of html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    words.push({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: unescape(m[5]) });
  }
  return words;
}

/** Pixels darker than mid-grey inside the box on page 1 (grey rendering at 72 dpi). */
export function darkPixels(pdf: Uint8Array, box: Pick<WordBox, "xMin" | "yMin" | "xMax" | "yMax">): number {
  return withFile(pdf, (file, dir) => {
    const x = Math.floor(box.xMin);
    const y = Math.floor(box.yMin);
    const w = Math.max(1, Math.ceil(box.xMax) - x);
    const h = Math.max(1, Math.ceil(box.yMax) - y);
    execFileSync("pdftoppm", ["-f", "1", "-l", "1", "-r", "72", "-gray", "-x", String(x), "-y", String(y), "-W", String(w), "-H", String(h), "-singlefile", file, path.join(dir, "p")]);
    const pgm = fs.readFileSync(path.join(dir, "p.pgm"));
    // P5 header: magic, width, height, max value, each followed by whitespace; then one byte per pixel.
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString("latin1"))!;
    const pixels = pgm.subarray(header[0].length);
    let dark = 0;
    for (const p of pixels) if (p < 128) dark++;
    return dark;
  });
}

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { assembleCms, signedAttributes, signWithCryptoKey } from "@/lib/signatures/cms";
import { embedCms, preparePdfSignature, type PrepareOptions } from "@/lib/signatures/pdf/prepare";
import type { TestIdentity } from "./test-ca";

// Helpers for the signature tests: a plain PDF, signing it with a test identity end to end (the same
// steps as deferred signing), and Debian's pdfsig as an independent cross-check.

export async function samplePdf(pages = 2, title = "QUYET DINH"): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`${title} - trang ${i + 1}`, { x: 72, y: 760, size: 14, font });
    page.drawText("GIAM DOC", { x: 380, y: 300, size: 13, font });
    page.drawText("Nguyen Van Hung", { x: 370, y: 200, size: 13, font });
  }
  return doc.save();
}

export async function signPdf(pdf: Uint8Array, who: TestIdentity, opts: Partial<PrepareOptions> = {}): Promise<Uint8Array> {
  const { prepared, digest } = await preparePdfSignature(pdf, { page: 0, rect: null, signedAt: new Date(), name: who.name, ...opts });
  const attrs = await signedAttributes({ digest, certificate: who.certificate });
  const signature = await signWithCryptoKey(attrs, who.key);
  return embedCms(prepared, assembleCms({ signedAttributes: attrs, signature, chain: who.chain, algorithm: "RSASSA-PKCS1-v1_5" }));
}

export const hasTool = (name: string) => {
  try {
    execFileSync("which", [name], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
};

/** Runs a poppler tool on the bytes (written to a temporary file); returns stdout (even on exit code ≠ 0). */
export function poppler(tool: "pdfsig" | "pdftotext", pdf: Uint8Array, args: string[] = []): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pdfsig-"));
  const file = path.join(dir, "f.pdf");
  fs.writeFileSync(file, pdf);
  try {
    const out = tool === "pdftotext" ? [file, "-"] : [file];
    return execFileSync(tool, [...args, ...out], { stdio: "pipe" }).toString("utf8");
  } catch (e) {
    return String((e as { stdout?: Buffer }).stdout ?? "");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A transparent PNG with a coloured ring (a stand-in for a signature image or a seal), made by hand. */
export function ringPng(size = 120, rgb: [number, number, number] = [20, 40, 200]): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const c = size / 2;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c);
      const on = (d < c - 2 && d > c - 10) || (Math.abs(y - c) < 3 && Math.abs(x - c) < c - 14);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw.set(on ? [...rgb, 255] : [0, 0, 0, 0], o);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return new Uint8Array(
    Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]),
  );
}

import "server-only";
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from "pdf-lib";
import type { AgencySigner } from "./agency-key";
import { assembleCms, signedAttributes } from "./cms";
import { embedCms, preparePdfSignature } from "./pdf/prepare";

// The agency's signatures on a PDF (issue 14, NĐ 30/2020 Phụ lục I §8): the deferred-signing steps of
// lib/signatures run in one go with the agency key (prepare → signed attributes → the key signs → CMS →
// embed), timed for the benchmark; and where they go: the red seal beside the signer's image on the
// main document, the top right of page 1 (no image) on attachments and copies.

export type Rect = [number, number, number, number];

export interface AgencySignOptions {
  page: number;
  rect: Rect | null;
  image?: Uint8Array;
  lines?: string[];
  font?: "serif" | "sans";
  fontSize?: number;
  reason: string;
  name: string;
  location?: string;
  fieldName: string;
  signedAt: Date;
}

export interface SignTimings {
  prepareMs: number;
  signMs: number;
  embedMs: number;
}

export async function signWithAgencyKey(signer: AgencySigner, pdf: Uint8Array, opts: AgencySignOptions): Promise<{ pdf: Uint8Array; timings: SignTimings }> {
  const t0 = performance.now();
  const chain = await signer.chain();
  const { prepared, digest } = await preparePdfSignature(pdf, {
    page: opts.page, rect: opts.rect, image: opts.image, lines: opts.lines, font: opts.font, fontSize: opts.fontSize,
    reason: opts.reason, name: opts.name, location: opts.location, fieldName: opts.fieldName, signedAt: opts.signedAt,
  });
  const attrs = await signedAttributes({ digest, certificate: chain[0] });
  const t1 = performance.now();
  const signature = await signer.sign(attrs);
  const t2 = performance.now();
  const cms = assembleCms({ signedAttributes: attrs, signature, chain, algorithm: signer.algorithm });
  const out = embedCms(prepared, cms);
  const t3 = performance.now();
  return { pdf: out, timings: { prepareMs: t1 - t0, signMs: t2 - t1, embedMs: t3 - t2 } };
}

/** 1 mm in PDF points. */
export const MM = 72 / 25.4;

/** ISO 8601 with the Vietnam offset, to the second: 2026-12-02T23:05:09+07:00. */
export function isoVietnam(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3600_000);
  return `${local.toISOString().slice(0, 19)}+07:00`;
}

export interface SignatureWidget {
  page: number;
  rect: Rect;
  fieldName: string;
}

/**
 * The visible signature widgets of a PDF, in page order (read with pdf-lib; the file is never saved
 * again by it, which would break the signatures).
 */
export async function signatureWidgets(pdf: Uint8Array): Promise<SignatureWidget[]> {
  const doc = await PDFDocument.load(pdf, { ignoreEncryption: true, updateMetadata: false });
  const out: SignatureWidget[] = [];
  doc.getPages().forEach((page, index) => {
    const annots = page.node.lookupMaybe(PDFName.of("Annots"), PDFArray);
    if (!annots) return;
    for (let i = 0; i < annots.size(); i++) {
      const a = annots.lookupMaybe(i, PDFDict);
      if (!a || a.lookupMaybe(PDFName.of("Subtype"), PDFName) !== PDFName.of("Widget")) continue;
      const field = a.has(PDFName.of("FT")) ? a : a.lookupMaybe(PDFName.of("Parent"), PDFDict);
      if (field?.lookupMaybe(PDFName.of("FT"), PDFName) !== PDFName.of("Sig")) continue;
      const r = a.lookupMaybe(PDFName.of("Rect"), PDFArray);
      if (!r || r.size() !== 4) continue;
      const n = [0, 1, 2, 3].map((k) => (r.lookup(k, PDFNumber) as PDFNumber).asNumber());
      const rect: Rect = [Math.min(n[0], n[2]), Math.min(n[1], n[3]), Math.max(n[0], n[2]), Math.max(n[1], n[3])];
      if (rect[2] - rect[0] < 1 || rect[3] - rect[1] < 1) continue;
      const t = field.lookupMaybe(PDFName.of("T"), PDFString, PDFHexString);
      out.push({ page: index, rect, fieldName: t ? t.decodeText() : "" });
    }
  });
  return out;
}

/** The page count and the size of a page (points), without saving anything. */
export async function pageSize(pdf: Uint8Array, page: number): Promise<{ pages: number; width: number; height: number }> {
  const doc = await PDFDocument.load(pdf, { ignoreEncryption: true, updateMetadata: false });
  const p = doc.getPage(page);
  const { width, height } = p.getSize();
  return { pages: doc.getPageCount(), width, height };
}

/** Width and height of a PNG from its header. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (png.length < 24 || v.getUint32(0) !== 0x89504e47) throw new Error("not a PNG");
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

/**
 * The seal at real size (`widthMm`), its right third over the left third of the signer's image,
 * centred on it vertically (Phụ lục I §8: "trùm lên khoảng 1/3 hình ảnh chữ ký của người có thẩm quyền
 * về phía bên trái").
 */
export function sealRect(signerRect: Rect, png: Uint8Array, widthMm: number): Rect {
  const { width, height } = pngSize(png);
  const w = widthMm * MM;
  const h = (w * height) / width;
  const sigW = signerRect[2] - signerRect[0];
  const right = signerRect[0] + sigW / 3;
  const cy = (signerRect[1] + signerRect[3]) / 2;
  return [right - w, cy - h / 2, right, cy + h / 2];
}

/** Top right of page 1 for a signature with text only: a box `lines` high in `size` pt, 15 mm from the edges. */
export function topRightRect(page: { width: number; height: number }, lines: string[], size = 10, widthMm = 70): Rect {
  const w = widthMm * MM;
  const h = lines.length * size * 1.25 + 6;
  const right = page.width - 15 * MM;
  const top = page.height - 10 * MM;
  return [right - w, top - h, right, top];
}


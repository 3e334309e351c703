// Checks of the signature image (NĐ 30/2020 Phụ lục I §7: "hình ảnh chữ ký … màu xanh, định dạng .png nền
// trong suốt"). Pure, no node-only imports: the page checks the same rules before sending.

export const SIGNATURE_LIMITS = { minWidth: 120, maxWidth: 2400, minHeight: 40, maxHeight: 1200 } as const;

export interface PngInfo {
  width: number;
  height: number;
  /** An alpha channel (colour types 4 and 6) or a tRNS chunk. */
  transparent: boolean;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Reads the PNG header and chunk list; null when the bytes are not a well-formed PNG. */
export function readPng(bytes: Uint8Array): PngInfo | null {
  if (bytes.length < 33 || SIGNATURE.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = (at: number) => String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
  if (type(12) !== "IHDR") return null;
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const colorType = bytes[25];
  let transparent = colorType === 4 || colorType === 6;
  let at = 8;
  let sawEnd = false;
  while (at + 8 <= bytes.length) {
    const len = view.getUint32(at);
    const t = type(at + 4);
    if (t === "tRNS") transparent = true;
    if (t === "IEND") {
      sawEnd = true;
      break;
    }
    at += 12 + len;
  }
  return sawEnd && width > 0 && height > 0 ? { width, height, transparent } : null;
}

/** The Vietnamese reason an image cannot be the signature image, or null when it can. */
export function signatureImageProblem(info: PngInfo | null): string | null {
  const l = SIGNATURE_LIMITS;
  if (!info) return "Ảnh chữ ký phải là tệp PNG.";
  if (!info.transparent) return "Ảnh chữ ký phải có nền trong suốt (PNG có kênh alpha).";
  if (info.width < l.minWidth || info.height < l.minHeight)
    return `Ảnh chữ ký quá nhỏ (${info.width} × ${info.height} điểm ảnh); tối thiểu ${l.minWidth} × ${l.minHeight}.`;
  if (info.width > l.maxWidth || info.height > l.maxHeight)
    return `Ảnh chữ ký quá lớn (${info.width} × ${info.height} điểm ảnh); tối đa ${l.maxWidth} × ${l.maxHeight}.`;
  return null;
}

export const bytesFromBase64 = (b64: string): Uint8Array => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
export function base64FromBytes(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

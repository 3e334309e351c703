import type { TextHit } from "@/lib/signatures/pdf/locate";

// Where the signer's image goes (NĐ 30/2020 Phụ lục I §7: "hình ảnh chữ ký … ở giữa chức vụ và họ tên người
// ký"): centred on the signer's name, in the gap between the title line above it and the name. Pure.

/** A run of text as lib/signatures/pdf/locate.ts finds it (PDF points, origin bottom left, y = baseline). */
export type TextRun = TextHit;

export const MAX_IMAGE = { width: 180, height: 64 } as const;
const GAP = 3;

/** The signer's name where the signature block is: the lowest occurrence on the last page searched. */
export function pickNameHit(hits: TextRun[]): TextRun | null {
  return [...hits].sort((a, b) => b.page - a.page || a.y - b.y)[0] ?? null;
}

/** Whole lines of text (findText with this matcher gives one hit per line). */
export const LINE = /\S(?:.*\S)?/;

/**
 * The image rectangle [x1, y1, x2, y2] in PDF points: above the name, below the nearest run above it that
 * overlaps the name horizontally (the title line), keeping the image's aspect ratio.
 */
export function signatureRect(runs: TextRun[], name: TextRun, image: { width: number; height: number }): [number, number, number, number] {
  const centre = name.x + name.width / 2;
  const bottom = name.y + name.height + GAP;
  const above = runs
    .filter((r) => r.page === name.page && r !== name && r.y > name.y + name.height / 2 && r.str.trim() && r.x <= centre && r.x + r.width >= centre)
    .sort((a, b) => a.y - b.y)[0];
  // The title's descenders sit about a fifth of its height under its baseline.
  const top = above ? above.y - above.height * 0.2 - GAP : bottom + MAX_IMAGE.height;
  const room = Math.max(24, Math.min(MAX_IMAGE.height, top - bottom));
  const ratio = image.width / Math.max(1, image.height);
  let h = room;
  let w = h * ratio;
  if (w > MAX_IMAGE.width) {
    w = MAX_IMAGE.width;
    h = w / ratio;
  }
  const y1 = bottom + (room - h) / 2;
  return [centre - w / 2, y1, centre + w / 2, y1 + h].map((v) => Math.round(v * 100) / 100) as [number, number, number, number];
}

import { deflateSync } from "node:zlib";

// A stand-in seal image for the demo agency and the tests (issue 14): a red round seal — two outer
// rings, an inner ring and a five-pointed star — on a transparent background, as a PNG made here (no
// image library). A real agency uploads the scan of its own seal (Quản trị → Khóa ký số của cơ quan).

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An RGBA PNG from a coverage function (0..1 per pixel), in the given colour. */
export function pngFromCoverage(width: number, height: number, coverage: (x: number, y: number) => number, rgb: [number, number, number]): Uint8Array {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      const a = Math.round(Math.max(0, Math.min(1, coverage(x, y))) * 255);
      const o = row + 1 + x * 4;
      raw[o] = rgb[0];
      raw[o + 1] = rgb[1];
      raw[o + 2] = rgb[2];
      raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([sig, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]));
}

function inStar(x: number, y: number, r: number) {
  // Five-pointed star centred at 0,0 with outer radius r: inside if inside the pentagon or one of the points.
  const pts: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const rad = i % 2 === 0 ? r : r * 0.382;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push([rad * Math.cos(a), rad * Math.sin(a)]);
  }
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The demo seal, `size` pixels square (about 330 dpi for a 36 mm seal at 472 px). */
export function demoSealPng(size = 472): Uint8Array {
  const c = size / 2;
  const ring = (d: number, from: number, to: number) => d >= from * c && d <= to * c;
  const sample = (x: number, y: number) => {
    const dx = x - c;
    const dy = y - c;
    const d = Math.hypot(dx, dy);
    return ring(d, 0.94, 0.99) || ring(d, 0.86, 0.885) || ring(d, 0.5, 0.525) || inStar(dx, dy, 0.32 * c) ? 1 : 0;
  };
  // 2 × 2 supersampling for smooth edges.
  return pngFromCoverage(size, size, (x, y) => (sample(x + 0.25, y + 0.25) + sample(x + 0.75, y + 0.25) + sample(x + 0.25, y + 0.75) + sample(x + 0.75, y + 0.75)) / 4, [218, 37, 29]);
}

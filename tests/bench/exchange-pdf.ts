import { randomBytes } from "node:crypto";

/**
 * A valid one-page PDF of exactly `bytes` bytes (or a little more when `bytes` is below the bare
 * document): the page says `title`; the bulk is an unreferenced stream object of random bytes (no
 * compression can shrink it), with a correct xref table so any reader opens it.
 */
export function paddedPdf(title: string, bytes: number): Buffer {
  const safe = title.replace(/[^\x20-\x7e]/g, "?").replace(/[()\\]/g, "");
  const content = `BT /F1 12 Tf 20 100 Td (${safe}) Tj ET`;
  const head = Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1");
  const fixed = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  const build = (padLength: number) => {
    const parts: Buffer[] = [head];
    let size = head.length;
    const offsets: number[] = [];
    const push = (b: Buffer) => {
      parts.push(b);
      size += b.length;
    };
    fixed.forEach((o, i) => {
      offsets.push(size);
      push(Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, "latin1"));
    });
    offsets.push(size);
    push(Buffer.from(`6 0 obj\n<< /Length ${padLength} >>\nstream\n`, "latin1"));
    push(randomBytes(padLength));
    push(Buffer.from("\nendstream\nendobj\n", "latin1"));
    const xref = size;
    let tail = `xref\n0 7\n0000000000 65535 f \n`;
    for (const off of offsets) tail += `${String(off).padStart(10, "0")} 00000 n \n`;
    tail += `trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    push(Buffer.from(tail, "latin1"));
    return Buffer.concat(parts, size);
  };
  const bare = build(0).length;
  // The Length digits and the xref offset digits change with the padding: adjust once or twice.
  let pad = Math.max(0, bytes - bare);
  for (let i = 0; i < 3; i++) {
    const got = build(pad).length;
    if (got === bytes || pad === 0) return build(pad);
    pad = Math.max(0, pad + (bytes - got));
  }
  return build(pad);
}

import { crc32, deflateSync } from "node:zlib";
import { ZipFile } from "yazl";

// Small real files for the storage tests, built here so that no binary fixture is committed.

/**
 * A small PDF with a correct cross-reference table: one page by default; `pages` pages, each with
 * the text and its page number; `openActionJs` adds document JavaScript run on open
 * (/OpenAction /S /JavaScript) for the viewer tests.
 */
export function pdf(text = "Cong van so 01", opts: { pages?: number; openActionJs?: string } = {}): Buffer {
  const n = Math.max(1, opts.pages ?? 1);
  // 1 catalog, 2 pages, 3 font, then per page: page + contents; then the action.
  const kids = Array.from({ length: n }, (_, i) => `${4 + 2 * i} 0 R`).join(" ");
  const actionNo = 4 + 2 * n;
  const objects = [
    `<< /Type /Catalog /Pages 2 0 R${opts.openActionJs ? ` /OpenAction ${actionNo} 0 R` : ""} >>`,
    `<< /Type /Pages /Kids [${kids}] /Count ${n} >>`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  for (let i = 0; i < n; i++) {
    const content = `BT /F1 12 Tf 20 100 Td (${n > 1 ? `${text} - trang ${i + 1}` : text}) Tj ET`;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + 2 * i} 0 R >>`,
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    );
  }
  if (opts.openActionJs) objects.push(`<< /Type /Action /S /JavaScript /JS (${opts.openActionJs}) >>`);
  let out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/** A real PNG (8-bit grey) of the given size. */
export function png(width = 2, height = 2): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const rows = Buffer.alloc(Math.min(height, 64) * (width + 1), 0x80);
  return Buffer.concat([
    Buffer.from("89504e470d0a1a0a", "hex"),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", deflateSync(rows)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A decodable 1×1 grey baseline JPEG: DQT, SOF0, two Huffman tables, one scan. */
export function jpeg(): Buffer {
  const seg = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  const oneCode = (cls: number) => seg(0xc4, [cls, 1, ...Array(15).fill(0), 0]);
  return Buffer.from([
    0xff, 0xd8,
    ...seg(0xdb, [0, ...Array(64).fill(1)]),
    ...seg(0xc0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]),
    ...oneCode(0x00),
    ...oneCode(0x10),
    ...seg(0xda, [1, 1, 0, 0, 0x3f, 0]),
    0x3f,
    0xff, 0xd9,
  ]);
}

export type ZipEntries = Record<string, string | Buffer>;

/** A zip made by yazl (deflated unless `store`). */
export function zip(entries: ZipEntries, opts: { store?: boolean } = {}): Promise<Buffer> {
  const z = new ZipFile();
  for (const [name, data] of Object.entries(entries)) {
    z.addBuffer(typeof data === "string" ? Buffer.from(data) : data, name, { compress: !opts.store, mtime: new Date(2026, 0, 1) });
  }
  z.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    z.outputStream.on("data", (c: Buffer) => chunks.push(c));
    z.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    z.outputStream.on("error", reject);
  });
}

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export const rels = (items: { id: string; type: string; target: string; external?: boolean }[]) =>
  `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items
    .map((r) => `<Relationship Id="${r.id}" Type="${REL}/${r.type}" Target="${r.target}"${r.external ? ' TargetMode="External"' : ""}/>`)
    .join("")}</Relationships>`;

const contentTypes = (overrides: Record<string, string>, defaults: Record<string, string> = {}) =>
  `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
  `<Default Extension="xml" ContentType="application/xml"/>` +
  Object.entries(defaults).map(([e, t]) => `<Default Extension="${e}" ContentType="${t}"/>`).join("") +
  Object.entries(overrides).map(([p, t]) => `<Override PartName="${p}" ContentType="${t}"/>`).join("") +
  `</Types>`;

export const DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
export const XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

/** The parts of a minimal Word document; override or add parts to make variants. */
export function docxEntries(extra: ZipEntries = {}, mainType = DOCX_MAIN): ZipEntries {
  return {
    "[Content_Types].xml": contentTypes({ "/word/document.xml": mainType }),
    "_rels/.rels": rels([{ id: "rId1", type: "officeDocument", target: "word/document.xml" }]),
    "word/document.xml":
      `${XML}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
      `<w:body><w:p><w:r><w:t>Công văn số 01/SNV</w:t></w:r></w:p></w:body></w:document>`,
    ...extra,
  };
}

/** The parts of a minimal workbook with one sheet. */
export function xlsxEntries(extra: ZipEntries = {}): ZipEntries {
  const ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  return {
    "[Content_Types].xml": contentTypes({
      "/xl/workbook.xml": XLSX_MAIN,
      "/xl/worksheets/sheet1.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
    }),
    "_rels/.rels": rels([{ id: "rId1", type: "officeDocument", target: "xl/workbook.xml" }]),
    "xl/workbook.xml": `${XML}<workbook xmlns="${ns}" xmlns:r="${REL}"><sheets><sheet name="Sổ" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": rels([{ id: "rId1", type: "worksheet", target: "worksheets/sheet1.xml" }]),
    "xl/worksheets/sheet1.xml": `${XML}<worksheet xmlns="${ns}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>01</t></is></c></row></sheetData></worksheet>`,
    ...extra,
  };
}

export const docx = (extra?: ZipEntries) => zip(docxEntries(extra));
export const xlsx = (extra?: ZipEntries) => zip(xlsxEntries(extra));

/** The EICAR test string (harmless; every antivirus flags it), here as the body of a "pdf". */
export const EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

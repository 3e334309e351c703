import { deflateSync } from "node:zlib";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFStream, PDFString, type PDFObject } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { inspectPdf, risksOfDocument } from "@/lib/pdf/inspect";
import { rawScan } from "@/lib/pdf/raw-scan";
import { pdfWarning, type PdfRisk } from "@/lib/pdf/risks";
import { sanitizePdf, saveSanitized } from "@/lib/pdf/sanitize";
import { sniffBuffer } from "@/lib/storage/sniff";
import { ACTIVE_NAMES, escapedJsPdf, HOSTILE_KINDS, hostilePdf, objectText, shadowedJsPdf, type Hostile } from "./pdf-fixtures";
import { pdf } from "./storage-fixtures";

// PDFs that act by themselves (security.md §5 row 8): flagged at upload however they are spelt or
// packed, and stripped from every PDF the system produces.

const EXPECTED: Record<Hostile, PdfRisk[]> = {
  openActionJs: ["javascript", "auto_action"],
  namesJs: ["javascript"],
  pageAA: ["javascript", "auto_action"],
  launchLink: ["launch"],
  submitForm: ["submit"],
  embeddedFiles: ["embedded_file"],
  fileAttachment: ["embedded_file"],
  fieldAA: ["javascript", "auto_action"],
};

describe("inspection at upload", () => {
  it("finds nothing in clean PDFs, also with a destination to open at and a web link", async () => {
    expect(await inspectPdf(pdf())).toEqual([]);
    const doc = await PDFDocument.create();
    const page = doc.addPage([200, 200]);
    doc.catalog.set(PDFName.of("OpenAction"), doc.context.obj([page.ref, "Fit"]));
    const link = doc.context.obj({ Type: "Annot", Subtype: "Link", Rect: [0, 0, 50, 50], A: { S: "URI", URI: PDFString.of("https://dichvucong.gov.vn") } });
    page.node.set(PDFName.of("Annots"), doc.context.obj([doc.context.register(link)]));
    for (const objectStreams of [false, true]) expect(await inspectPdf(await doc.save({ useObjectStreams: objectStreams }))).toEqual([]);
  });

  it.each(HOSTILE_KINDS)("flags %s, in plain objects and inside compressed object streams", async (kind) => {
    for (const objectStreams of [false, true]) {
      const bytes = await hostilePdf(kind, { objectStreams });
      expect(await sniffBuffer(Buffer.from(bytes)), "still accepted").toBe("pdf");
      const flags = await inspectPdf(bytes);
      for (const r of EXPECTED[kind]) expect(flags, `${kind} objectStreams=${objectStreams}`).toContain(r);
      expect(flags).not.toContain("unchecked");
      // Each layer finds it on its own: the pdf-lib walk, and the raw scan (object streams inflated).
      const walked = risksOfDocument(await PDFDocument.load(bytes));
      for (const r of EXPECTED[kind]) expect(walked.has(r), `walk ${kind}`).toBe(true);
      const raw = rawScan(Buffer.from(bytes)).risks;
      expect([...raw].filter((r) => EXPECTED[kind].includes(r)).length, `raw ${kind}`).toBeGreaterThan(0);
    }
  });

  it("decodes #xx escapes in names, upper and lower case (/J#61vaScript, /#4aS)", async () => {
    const bytes = await escapedJsPdf();
    const text = Buffer.from(bytes).toString("latin1");
    expect(text).toContain("/J#61vaScript");
    expect(text).not.toMatch(/\/JavaScript|\/JS\b/);
    expect(await inspectPdf(bytes)).toEqual(["javascript", "auto_action"]);
    expect([...rawScan(Buffer.from(bytes)).risks]).toContain("javascript");
  });

  it("sees an action hidden from an in-order parser by a later copy of its object (the raw backstop)", async () => {
    const bytes = shadowedJsPdf();
    expect(risksOfDocument(await PDFDocument.load(bytes)).has("javascript")).toBe(false);
    expect(await inspectPdf(bytes)).toContain("javascript");
  });

  it("flags a PDF it cannot read or that is encrypted as unchecked, without refusing it", async () => {
    const garbage = Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R\nthis is not a pdf\nstartxref\n0\n%%EOF\n", "latin1");
    expect(await sniffBuffer(garbage)).toBe("pdf");
    expect(await inspectPdf(garbage)).toContain("unchecked");
    const encrypted = Buffer.from(pdf().toString("latin1").replace("/Root 1 0 R", "/Root 1 0 R /Encrypt << /Filter /Standard /V 1 /R 2 /O (x) /U (y) /P -4 >>"), "latin1");
    expect(await inspectPdf(encrypted)).toContain("unchecked");
  });

  it("does not inflate an object stream beyond its limit (a bomb is flagged, not read)", async () => {
    const bomb = deflateSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    const head = "%PDF-1.5\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length " + bomb.length + " >>\nstream\n";
    const bytes = Buffer.concat([Buffer.from(head, "latin1"), bomb, Buffer.from("\nendstream\nendobj\nstartxref\n0\n%%EOF\n", "latin1")]);
    expect(rawScan(bytes, { maxObjectStreamBytes: 1024 * 1024, maxInflatedBytes: 4 * 1024 * 1024 }).tooBig).toBe(true);
    expect(rawScan(bytes).tooBig).toBe(false);
  });

  it("words the warning in Vietnamese, naming what was found", () => {
    expect(pdfWarning([])).toBeNull();
    expect(pdfWarning(null)).toBeNull();
    expect(pdfWarning(["javascript", "auto_action"])).toMatch(/^Tệp PDF có mã JavaScript, hành động tự chạy: hệ thống đã vô hiệu hoá khi xuất\./);
    expect(pdfWarning(["unchecked"])).toContain("Không kiểm tra được tệp PDF này");
    expect(pdfWarning(["made-up"])).toBeNull();
  });
});

/** References that lead nowhere: a list the sanitizer emptied badly. */
function danglingRefs(doc: PDFDocument): string[] {
  const out: string[] = [];
  const stack: PDFObject[] = doc.context.enumerateIndirectObjects().map(([, o]) => o);
  while (stack.length) {
    const o = stack.pop()!;
    if (o instanceof PDFRef) {
      if (!doc.context.lookup(o)) out.push(o.tag);
    } else if (o instanceof PDFStream) stack.push(o.dict);
    else if (o instanceof PDFArray) stack.push(...o.asArray());
    else if (o instanceof PDFDict) stack.push(...o.values());
  }
  return out;
}

const ON_PAGES: Hostile[] = ["pageAA", "launchLink", "submitForm", "fileAttachment", "fieldAA"];

describe("sanitizer", () => {
  it.each(ON_PAGES)("is needed: copying the pages of %s alone carries its actions along", async (kind) => {
    const src = await PDFDocument.load(await hostilePdf(kind));
    const merged = await PDFDocument.create();
    for (const p of await merged.copyPages(src, src.getPageIndices())) merged.addPage(p);
    expect(await inspectPdf(await merged.save())).toEqual(expect.arrayContaining(EXPECTED[kind]));
  });

  it.each(HOSTILE_KINDS)("removes %s from the document itself and from pages copied into a new one", async (kind) => {
    for (const objectStreams of [false, true]) {
      const bytes = await hostilePdf(kind, { objectStreams, pages: 2 });
      // In place: what the catalog holds (OpenAction, Names, AcroForm) goes too.
      const own = await PDFDocument.load(bytes);
      const ownOut = await saveSanitized(own);
      // Copied as the work-file export does.
      const merged = await PDFDocument.create();
      const src = await PDFDocument.load(bytes);
      for (const p of await merged.copyPages(src, src.getPageIndices())) merged.addPage(p);
      sanitizePdf(merged);
      expect(danglingRefs(merged), kind).toEqual([]);
      expect(danglingRefs(own), kind).toEqual([]);
      const mergedOut = await merged.save();
      for (const out of [ownOut, mergedOut]) {
        expect(await inspectPdf(out), kind).toEqual([]);
        expect(await objectText(out)).not.toMatch(ACTIVE_NAMES);
        expect(Buffer.from(out).toString("latin1")).not.toMatch(ACTIVE_NAMES);
        expect((await PDFDocument.load(out)).getPageCount()).toBe(2);
      }
    }
  });

  it("keeps destinations and web links", async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([200, 200]);
    doc.catalog.set(PDFName.of("OpenAction"), doc.context.obj([page.ref, "Fit"]));
    const link = doc.context.obj({ Type: "Annot", Subtype: "Link", Rect: [0, 0, 50, 50], A: { S: "URI", URI: PDFString.of("https://dichvucong.gov.vn") } });
    page.node.set(PDFName.of("Annots"), doc.context.obj([doc.context.register(link)]));
    const text = await objectText(await saveSanitized(doc));
    expect(text).toContain("/OpenAction");
    expect(text).toContain("/URI (https://dichvucong.gov.vn)");
  });
});

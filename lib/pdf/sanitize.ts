import { PDFArray, PDFDict, PDFName, PDFRef, PDFStream, type PDFDocument, type PDFObject } from "pdf-lib";
import { actionTypeRisk, entryOf, nameText, RISKY_KEYS, RISKY_TYPES } from "./names";

// Every PDF the system produces from uploaded PDFs goes through here just before it is saved
// (security.md §5 row 8: "rejected or neutralized"). Removed, wherever they are (catalog, pages,
// annotations, form fields, outlines, action chains):
// - /AA additional actions, /JS scripts, /XFA forms, the /JavaScript and /EmbeddedFiles name trees,
//   /EF embedded file streams;
// - /OpenAction, /A, /PA and /Next entries that lead to a JavaScript, Launch, SubmitForm,
//   ImportData or GoToE action, and those action dictionaries themselves (emptied);
// - FileAttachment annotations and embedded file streams;
// then every object no longer reachable from the catalog or the info dictionary is dropped, so
// nothing removed is still written out. Destinations, links to pages and web links are kept.

/** Keys holding an action (or a chain of them) that is dropped when the action is dangerous. */
const ACTION_KEYS = new Set(["OpenAction", "A", "PA", "Next"]);

function typeOf(dict: PDFDict): string | null {
  for (const key of ["Subtype", "Type"]) {
    const v = entryOf(dict, key);
    if (v instanceof PDFName && Object.hasOwn(RISKY_TYPES, nameText(v))) return nameText(v);
  }
  return null;
}

function isDangerousAction(dict: PDFDict): boolean {
  const s = entryOf(dict, "S");
  return (s instanceof PDFName && actionTypeRisk(nameText(s)) !== null) || entryOf(dict, "JS") !== undefined;
}

/** Removes everything that runs or carries a file from one document, in place. */
export function sanitizePdf(doc: PDFDocument): void {
  const ctx = doc.context;
  const resolve = (v: PDFObject | undefined) => (v instanceof PDFRef ? ctx.lookup(v) : v);
  const streamDict = (v: PDFObject | undefined) => (v instanceof PDFStream ? v.dict : v);
  const harmful = (v: PDFObject | undefined) => {
    const d = streamDict(resolve(v));
    return d instanceof PDFDict && (isDangerousAction(d) || typeOf(d) !== null);
  };

  const clean = (root: PDFObject) => {
    const stack = [root];
    while (stack.length) {
      const o = stack.pop()!;
      if (o instanceof PDFStream) stack.push(o.dict);
      else if (o instanceof PDFArray) stack.push(...o.asArray());
      else if (o instanceof PDFDict) {
        for (const [k, v] of o.entries()) {
          const key = nameText(k);
          if (Object.hasOwn(RISKY_KEYS, key) || (ACTION_KEYS.has(key) && harmful(v))) {
            o.delete(k);
            continue;
          }
          // Annotation lists and action chains: the harmful members go, the rest stay.
          if ((key === "Annots" || key === "Next") && v instanceof PDFArray) {
            for (let i = v.size() - 1; i >= 0; i--) if (harmful(v.get(i))) v.remove(i);
          }
          stack.push(v);
        }
        // Whatever still points at a dangerous action finds it empty.
        if (isDangerousAction(o)) for (const k of o.keys()) o.delete(k);
      }
    }
  };

  const objects = ctx.enumerateIndirectObjects();
  for (const [, o] of objects) clean(o);
  // Removed from every list above first, so that no list is left pointing at nothing.
  for (const [ref, o] of objects) {
    const d = streamDict(o);
    if (d instanceof PDFDict && typeOf(d)) ctx.delete(ref);
  }
  dropUnreachable(doc);
}

/** Deletes the objects that neither the catalog nor the info dictionary leads to. */
function dropUnreachable(doc: PDFDocument) {
  const ctx = doc.context;
  const seen = new Set<string>();
  const stack: PDFObject[] = [ctx.trailerInfo.Root, ctx.trailerInfo.Info].filter((o): o is PDFObject => !!o);
  while (stack.length) {
    const o = stack.pop()!;
    if (o instanceof PDFRef) {
      if (seen.has(o.tag)) continue;
      seen.add(o.tag);
      const target = ctx.lookup(o);
      if (target) stack.push(target);
    } else if (o instanceof PDFStream) stack.push(o.dict);
    else if (o instanceof PDFArray) stack.push(...o.asArray());
    else if (o instanceof PDFDict) stack.push(...o.values());
  }
  for (const [ref] of ctx.enumerateIndirectObjects()) if (!seen.has(ref.tag)) ctx.delete(ref);
}

/** The document's bytes with sanitizePdf() applied after everything pending was written in. */
export async function saveSanitized(doc: PDFDocument): Promise<Uint8Array> {
  await doc.flush();
  sanitizePdf(doc);
  return doc.save();
}

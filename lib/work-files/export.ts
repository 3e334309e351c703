import "server-only";
import { eq } from "drizzle-orm";
import { XMLBuilder } from "fast-xml-parser";
import { PDFDocument, type PDFPage } from "pdf-lib";
import { getDb, type Db } from "@/db/client";
import { agencies, retentionPeriods, users, workFiles, type WorkFile } from "@/db/schema";
import { readableFileIds } from "@/lib/access/files";
import { canReadWorkFile } from "@/lib/access/work-files";
import type { Actor } from "@/lib/auth/actor";
import { formatDate } from "@/lib/format";
import { saveSanitized } from "@/lib/pdf/sanitize";
import { renderBookPdf } from "@/lib/registers/pdf";
import { asStore, type StoreRef } from "@/lib/storage/blob-store";
import { addFileEvent } from "./access";
import { loadFileIndexBook, slug } from "./books";
import { closingDefaults, loadEntries, type FileEntry } from "./entries";

// Export of a whole work file: the PDF (the Mục lục văn bản first, then each document's PDF files
// in the file's order) and the XML of its metadata (NĐ 30/2020 Phụ lục VI; standards.md §3). An
// archived file is read under the archive's rules: every export is logged as a view.

export interface WorkFileExport {
  body: Uint8Array;
  fileBase: string;
  /** What the Mục lục's Ghi chú says of files left out of the PDF, by entry id. */
  notes?: Map<string, string>;
}

interface Loaded {
  file: WorkFile;
  entries: FileEntry[];
}

async function readable(db: Db, actor: Actor, fileId: string): Promise<Loaded | null> {
  const [file] = await db.select().from(workFiles).where(eq(workFiles.id, fileId));
  if (!file || !canReadWorkFile(actor, file)) return null;
  return { file, entries: await loadEntries(db, file.id) };
}

/** Access to an archived file is logged (product.md §4, NĐ 30/2020 Điều 31: khai thác tài liệu lưu trữ). */
async function logView(db: Db, actor: Actor, file: WorkFile, format: "pdf" | "xml") {
  if (file.status !== "archived") return;
  await db.transaction((tx) =>
    addFileEvent(tx, actor, file.id, { kind: "viewed", text: `Xuất hồ sơ (${format.toUpperCase()})`, payload: { export: format } }),
  );
}

const PDF_MIME = "application/pdf";
export const NOT_READABLE = "Không xuất: bạn không có quyền đọc tệp của văn bản này.";

/**
 * The Mục lục then the documents' PDFs this reader may read, merged; files left out (not readable
 * by this reader, not PDF, unreadable) are noted in the Mục lục's Ghi chú, never fatal.
 */
export async function exportWorkFilePdf(actor: Actor, fileId: string, opts: { db?: Db; root?: StoreRef } = {}): Promise<WorkFileExport | null> {
  const db = opts.db ?? (await getDb());
  const store = asStore(opts.root);
  const loaded = await readable(db, actor, fileId);
  if (!loaded) return null;
  const { file, entries } = loaded;

  const notes = new Map<string, string>();
  // Only the files this reader may read by the download rule (lib/access/files.ts): reading the
  // work file shows its documents' metadata, not every document's pages (the archivist reads a
  // handed-over file's documents under that same rule).
  const mayRead = await readableFileIds(db, actor, entries.flatMap((e) => e.files.map((f) => f.id)));
  const out = await PDFDocument.create();
  // Each document's pages are copied as soon as it is read, so a file pdf-lib cannot walk is found
  // (and noted) before the Mục lục is drawn; they are added after the Mục lục's pages.
  const parts: PDFPage[] = [];
  for (const e of entries) {
    const said: string[] = [];
    // Classified documents never leave on an export path (security.md §0 rule 5).
    if (e.secret && e.files.length) {
      notes.set(e.id, "Văn bản mật: không gộp tệp vào bản PDF.");
      continue;
    }
    const hidden = e.files.filter((f) => !mayRead.has(f.id)).length;
    if (hidden) said.push(hidden === e.files.length ? NOT_READABLE : `Không xuất ${hidden} tệp: bạn không có quyền đọc các tệp này.`);
    for (const f of e.files.filter((x) => mayRead.has(x.id))) {
      if (f.mime !== PDF_MIME) {
        said.push(`Tệp ${f.name} không phải PDF, không gộp vào bản PDF.`);
        continue;
      }
      try {
        const bytes = await store.read(f.sha256);
        const src = await PDFDocument.load(bytes, { updateMetadata: false });
        if (src.getPageCount() < 1) throw new Error("no pages");
        parts.push(...(await out.copyPages(src, src.getPageIndices())));
      } catch {
        said.push(`Tệp ${f.name} không đọc được, không gộp vào bản PDF.`);
      }
    }
    if (said.length) notes.set(e.id, said.join("\n"));
  }

  const index = await loadFileIndexBook(actor, file.id, db, { notes });
  if (!index) return null;
  out.setTitle(`Hồ sơ ${file.code}: ${file.title}`);
  out.setCreator("Văn phòng điện tử");
  const indexPdf = await PDFDocument.load(await renderBookPdf(index));
  for (const p of await out.copyPages(indexPdf, indexPdf.getPageIndices())) out.addPage(p);
  for (const p of parts) out.addPage(p);
  // Copied pages bring their annotations, form fields and actions along: none may run in our export.
  const body = await saveSanitized(out);
  await logView(db, actor, file, "pdf");
  return { body, fileBase: `ho-so-${file.year}-${slug(file.code)}`, notes };
}

// Maximum lengths of NĐ 30/2020 Phụ lục VI (standards.md §1.3, §3).
export const FILE_XML_LIMITS = {
  OrganId: 13, FileCatalog: 4, FileNotation: 20, Title: 500, Maintenance: 30, Rights: 30, Creator: 30, Language: 50,
  StartDate: 10, EndDate: 10, DocTotal: 4, PageTotal: 4, Description: 500,
} as const;
export const DOC_XML_LIMITS = {
  DocOrdinal: 3, TypeName: 100, CodeNumber: 11, CodeNotation: 30, IssuedDate: 10, OrganName: 200, Subject: 500, PageAmount: 3, Description: 500,
} as const;

// Characters XML 1.0 cannot carry at all (escaping does not help): control characters but tab and newlines.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** A value cut to `max` characters (code points, so no half of a surrogate pair remains). */
export const cut = (s: string | null | undefined, max: number) => Array.from((s ?? "").replace(NOT_XML, "").normalize("NFC")).slice(0, max).join("");
/** A whole number of at most `digits` digits (clamped), or "" when unknown. */
const num = (n: number | null | undefined, digits: number) => (n == null || !Number.isFinite(n) ? "" : String(Math.min(Math.max(0, Math.trunc(n)), 10 ** digits - 1)));

/** Số and ký hiệu of "15/QĐ-UBND" (Phụ lục VI: CodeNumber, CodeNotation). */
export function splitSymbol(symbol: string): { number: string; notation: string } {
  const i = symbol.indexOf("/");
  if (i < 0) return /^\d+$/.test(symbol) ? { number: symbol, notation: "" } : { number: "", notation: symbol };
  return { number: symbol.slice(0, i), notation: symbol.slice(i + 1) };
}

/** The metadata of the hồ sơ and its documents as XML; values escaped by the builder and cut to their lengths. */
export async function exportWorkFileXml(actor: Actor, fileId: string, opts: { db?: Db } = {}): Promise<WorkFileExport | null> {
  const db = opts.db ?? (await getDb());
  const loaded = await readable(db, actor, fileId);
  if (!loaded) return null;
  const { file, entries } = loaded;
  const [agency] = await db.select({ organId: agencies.organId }).from(agencies).where(eq(agencies.id, file.agencyId));
  const [ret] = await db.select({ label: retentionPeriods.label }).from(retentionPeriods).where(eq(retentionPeriods.code, file.retentionCode));
  const [owner] = await db.select({ name: users.fullName }).from(users).where(eq(users.id, file.ownerId));
  const d = closingDefaults(entries);
  const L = FILE_XML_LIMITS;
  const D = DOC_XML_LIMITS;
  const doc = {
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    FileInfo: {
      FileCode: {
        OrganId: cut(agency?.organId, L.OrganId),
        FileCatalog: num(file.year, L.FileCatalog),
        FileNotation: cut(file.code, L.FileNotation),
      },
      Title: cut(file.title, L.Title),
      Maintenance: cut(ret?.label, L.Maintenance),
      Rights: cut(file.rights, L.Rights),
      Creator: cut(owner?.name, L.Creator),
      Language: cut(file.language, L.Language),
      StartDate: formatDate(file.startDate ?? d.startDate),
      EndDate: formatDate(file.endDate ?? d.endDate),
      DocTotal: num(entries.length, L.DocTotal),
      PageTotal: num(file.pages ?? d.pages, L.PageTotal),
      Description: cut(file.description, L.Description),
      Documents: {
        Document: entries.map((e) => {
          const s = splitSymbol(e.symbol);
          return {
            DocOrdinal: num(e.no, D.DocOrdinal),
            TypeName: cut(e.docType, D.TypeName),
            CodeNumber: cut(s.number, D.CodeNumber),
            CodeNotation: cut(s.notation, D.CodeNotation),
            IssuedDate: formatDate(e.date),
            OrganName: cut(e.author, D.OrganName),
            Subject: cut(e.subject, D.Subject),
            PageAmount: num(e.pageCount, D.PageAmount),
            Description: cut([e.note, e.draft ? "Dự thảo" : ""].filter(Boolean).join("; "), D.Description),
          };
        }),
      },
    },
  };
  const builder = new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: false, processEntities: true });
  const body = new TextEncoder().encode(builder.build(doc));
  await logView(db, actor, file, "xml");
  return { body, fileBase: `ho-so-${file.year}-${slug(file.code)}` };
}

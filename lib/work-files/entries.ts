import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { oncePerHandle } from "@/db/named";
import { agencies, incomingDocuments, incomingFiles, outgoingDocuments, outgoingFiles, storedFiles, workFileEntries, workFiles } from "@/db/schema";
import { keepsNoFile } from "@/lib/secrecy/rules";

// The documents of a work file as one list, whatever each one is: an incoming document, an
// outgoing one (issued or a draft) or another paper uploaded into the file. The file holds
// references, so each row reads the document's current metadata (one document, several files).

export interface FileEntryFile {
  id: string;
  name: string;
  mime: string;
  sha256: string;
  /** What the PDF does by itself when opened (lib/pdf/risks.ts); null for other types. */
  pdfRisks: string[] | null;
}

export interface FileEntry {
  id: string;
  /** STT trong hồ sơ: 1, 2, 3 … in the file's order. */
  no: number;
  position: number;
  kind: "incoming" | "outgoing" | "upload";
  documentId: string | null;
  docType: string;
  /** Số, ký hiệu ("" for a draft or a paper without one). */
  symbol: string;
  /** Ngày tháng văn bản (ISO), or null when unknown. */
  date: string | null;
  /** Tác giả: the issuing agency. */
  author: string;
  subject: string;
  pageCount: number | null;
  note: string;
  gathered: boolean;
  /** Whether it is still a draft (an outgoing document not issued). */
  draft: boolean;
  /** Is or ever was classified: its files are never merged or exported (lib/secrecy/rules.ts). */
  secret: boolean;
  /** The files that make up the document: the scans, the issued PDF, the latest draft version, the upload. */
  files: FileEntryFile[];
}

// The statements of a file's list, each by the file's id and made once per database handle (db/named.ts; a
// transaction makes its own): the documents are reached through the file's entries, with the columns the list
// shows (not, say, a document's search vector). Read on every visit of the file's page.
const fileIdParam = sql.placeholder("fileId");
const inFile = eq(workFileEntries.fileId, fileIdParam);
const fileCols = { id: storedFiles.id, name: storedFiles.name, mime: storedFiles.mime, sha256: storedFiles.sha256, pdfRisks: storedFiles.pdfRisks };
const docCols = <T extends typeof incomingDocuments | typeof outgoingDocuments>(d: T) => ({
  id: d.id, docType: d.docType, symbol: d.symbol, subject: d.subject, pageCount: d.pageCount, secrecy: d.secrecy, wasSecret: d.wasSecret,
});
const statements = oncePerHandle((db: Db | Tx) => ({
  entries: db
    .select({
      id: workFileEntries.id, position: workFileEntries.position, kind: workFileEntries.kind, incomingId: workFileEntries.incomingId,
      outgoingId: workFileEntries.outgoingId, storedFileId: workFileEntries.storedFileId, docType: workFileEntries.docType,
      symbol: workFileEntries.symbol, docDate: workFileEntries.docDate, author: workFileEntries.author, subject: workFileEntries.subject,
      pageCount: workFileEntries.pageCount, note: workFileEntries.note, gathered: workFileEntries.gathered,
      // The file's agency, the author of its outgoing documents (one sub-select, run once: it names no column of the row).
      agencyName: sql<string>`(select ag.name from ${workFiles} wf join ${agencies} ag on ag.id = wf.agency_id where wf.id = ${fileIdParam})`,
    })
    .from(workFileEntries)
    .where(inFile)
    .orderBy(asc(workFileEntries.position), asc(workFileEntries.addedAt))
    .prepare("work_file_entries_of"),
  inDocs: db
    .select({ ...docCols(incomingDocuments), issuedDate: incomingDocuments.issuedDate, issuerName: incomingDocuments.issuerName })
    .from(workFileEntries)
    .innerJoin(incomingDocuments, eq(incomingDocuments.id, workFileEntries.incomingId))
    .where(inFile)
    .prepare("work_file_incoming"),
  inFiles: db
    .select({ documentId: incomingFiles.documentId, ...fileCols })
    .from(workFileEntries)
    .innerJoin(incomingFiles, eq(incomingFiles.documentId, workFileEntries.incomingId))
    .innerJoin(storedFiles, eq(storedFiles.id, incomingFiles.fileId))
    .where(inFile)
    .orderBy(asc(incomingFiles.sortOrder))
    .prepare("work_file_incoming_files"),
  outDocs: db
    .select({
      ...docCols(outgoingDocuments), status: outgoingDocuments.status, issuedDate: outgoingDocuments.issuedDate, createdAt: outgoingDocuments.createdAt,
      version: outgoingDocuments.version, finalFileId: outgoingDocuments.finalFileId,
    })
    .from(workFileEntries)
    .innerJoin(outgoingDocuments, eq(outgoingDocuments.id, workFileEntries.outgoingId))
    .where(inFile)
    .prepare("work_file_outgoing"),
  outFiles: db
    .select({ documentId: outgoingFiles.documentId, version: outgoingFiles.version, issuedFileId: outgoingFiles.issuedFileId, ...fileCols })
    .from(workFileEntries)
    .innerJoin(outgoingFiles, eq(outgoingFiles.documentId, workFileEntries.outgoingId))
    .innerJoin(storedFiles, eq(storedFiles.id, outgoingFiles.fileId))
    .where(inFile)
    .orderBy(asc(outgoingFiles.version), asc(outgoingFiles.sortOrder))
    .prepare("work_file_outgoing_files"),
  uploads: db
    .select(fileCols)
    .from(workFileEntries)
    .innerJoin(storedFiles, eq(storedFiles.id, workFileEntries.storedFileId))
    .where(inFile)
    .prepare("work_file_uploads"),
  // The issued PDF and the phụ lục as the agency signed them (NĐ 30/2020 Phụ lục I §8) are what the file keeps.
  finals: db
    .select(fileCols)
    .from(storedFiles)
    .where(
      sql`${storedFiles.id} in (select ${outgoingDocuments.finalFileId} from ${workFileEntries} join ${outgoingDocuments} on ${outgoingDocuments.id} = ${workFileEntries.outgoingId} where ${inFile}
        union select ${outgoingFiles.issuedFileId} from ${workFileEntries} join ${outgoingFiles} on ${outgoingFiles.documentId} = ${workFileEntries.outgoingId} where ${inFile})`,
    )
    .prepare("work_file_finals"),
}));

export async function loadEntries(db: Db | Tx, fileId: string): Promise<FileEntry[]> {
  const q = statements(db);
  const args = { fileId };
  const rows = await q.entries.execute(args);
  if (!rows.length) return [];
  const agency = { name: rows[0].agencyName };
  const has = (kind: FileEntry["kind"]) => rows.some((r) => r.kind === kind);
  const [inDocs, inFiles, outDocs, outFiles, ups] = [
    has("incoming") ? await q.inDocs.execute(args) : [],
    has("incoming") ? await q.inFiles.execute(args) : [],
    has("outgoing") ? await q.outDocs.execute(args) : [],
    has("outgoing") ? await q.outFiles.execute(args) : [],
    has("upload") ? await q.uploads.execute(args) : [],
  ];
  const finals = outDocs.some((d) => d.finalFileId) || outFiles.some((f) => f.issuedFileId) ? await q.finals.execute(args) : [];

  const inById = new Map(inDocs.map((d) => [d.id, d]));
  const outById = new Map(outDocs.map((d) => [d.id, d]));
  const upById = new Map(ups.map((f) => [f.id, f]));
  const finalById = new Map(finals.map((f) => [f.id, f]));
  const strip = ({ id, name, mime, sha256, pdfRisks }: FileEntryFile) => ({ id, name, mime, sha256, pdfRisks });

  return rows.map((r, i): FileEntry => {
    const base = { id: r.id, no: i + 1, position: r.position, kind: r.kind, note: r.note, gathered: r.gathered };
    if (r.kind === "incoming") {
      const d = inById.get(r.incomingId!)!;
      const files = inFiles.filter((f) => f.documentId === d.id).map(strip);
      return {
        ...base, documentId: d.id, docType: d.docType, symbol: d.symbol, date: d.issuedDate, author: d.issuerName,
        subject: d.subject, pageCount: d.pageCount, draft: false, secret: keepsNoFile(d), files,
      };
    }
    if (r.kind === "outgoing") {
      const d = outById.get(r.outgoingId!)!;
      const issued = d.status === "issued" || d.status === "withdrawn";
      const versions = outFiles.filter((f) => f.documentId === d.id);
      const latest = versions.filter((f) => f.version === d.version).map(strip);
      const final = d.finalFileId ? finalById.get(d.finalFileId) : undefined;
      const appendixes = versions.filter((f) => f.version === d.version && f.issuedFileId).map((f) => finalById.get(f.issuedFileId!)).filter((f) => !!f);
      return {
        ...base, documentId: d.id, docType: d.docType, symbol: issued ? (d.symbol ?? "") : "",
        date: d.issuedDate ?? d.createdAt.toISOString().slice(0, 10), author: agency.name, subject: d.subject,
        pageCount: d.pageCount, draft: !issued, secret: keepsNoFile(d), files: final ? [final, ...appendixes].map(strip) : latest,
      };
    }
    const f = upById.get(r.storedFileId!);
    return {
      ...base, documentId: null, docType: r.docType, symbol: r.symbol, date: r.docDate, author: r.author,
      subject: r.subject, pageCount: r.pageCount, draft: false, secret: false, files: f ? [strip(f)] : [],
    };
  });
}

/** Likely duplicates inside a file (Quy chế 376 Điều 4.3 Bước 2): the same file content, or the same số, ký hiệu and author. */
export function duplicatesOf(entries: FileEntry[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const mark = (a: FileEntry, b: FileEntry) => {
    out.set(a.id, [...new Set([...(out.get(a.id) ?? []), b.no])]);
    out.set(b.id, [...new Set([...(out.get(b.id) ?? []), a.no])]);
  };
  const key = (e: FileEntry) => (e.symbol ? `${e.symbol.toLowerCase().replace(/\s+/g, "")}|${e.author.toLowerCase().trim()}` : "");
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const a = entries[i], b = entries[j];
      const sameHash = a.files.some((f) => b.files.some((g) => g.sha256 === f.sha256));
      if (sameHash || (key(a) && key(a) === key(b))) mark(a, b);
    }
  }
  return out;
}

/** Dates and pages the closing form starts from: the first and last document dates, the sum of page counts. */
export function closingDefaults(entries: FileEntry[]) {
  const dates = entries.flatMap((e) => (e.date ? [e.date] : [])).sort();
  const pages = entries.reduce((n, e) => n + (e.pageCount ?? 0), 0);
  const d = { startDate: dates[0] ?? null, endDate: dates.at(-1) ?? null, pages: pages || null, docTotal: entries.length };
  // Changes whenever the documents change what the form would prefill: the form is keyed on it.
  return { ...d, version: [d.docTotal, d.startDate, d.endDate, d.pages].join("|") };
}

type ClosingFields = { startDate: string; endDate: string; sheets: number; pages: number };

/**
 * The dates and page counts a file is closed with. A field the person left as the form prefilled it
 * (`prefilled`, what the form showed) is recomputed from the file's documents now: a document added
 * after the form was drawn (another tab, the same page before it refreshed) is counted, never lost
 * from the Mục lục, the XML or the hand-over. A field the person typed is kept as typed.
 */
export function settleClosing(input: ClosingFields & { prefilled?: Partial<Record<keyof ClosingFields, string>> }, now: ReturnType<typeof closingDefaults>) {
  const untouched = (k: keyof ClosingFields) => input.prefilled?.[k] !== undefined && input.prefilled[k] === String(input[k]);
  const startDate = untouched("startDate") && now.startDate ? now.startDate : input.startDate;
  const endDate = untouched("endDate") && now.endDate ? now.endDate : input.endDate;
  const pages = untouched("pages") && now.pages ? now.pages : input.pages;
  // The form prefills Số tờ with the page count (one side per sheet); never more sheets than pages.
  const sheets = untouched("sheets") && now.pages ? Math.min(now.pages, pages) : input.sheets;
  const fieldErrors: Record<string, string[]> = {};
  if (startDate > endDate) fieldErrors.endDate = [`Thời gian kết thúc phải sau hoặc bằng thời gian bắt đầu (văn bản sớm nhất trong hồ sơ: ${startDate.split("-").reverse().join("/")}).`];
  if (sheets > pages) fieldErrors.sheets = [`Số tờ không được lớn hơn số trang (hồ sơ hiện có ${pages} trang).`];
  return { values: { startDate, endDate, sheets, pages }, fieldErrors };
}


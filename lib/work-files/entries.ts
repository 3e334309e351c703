import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
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

export async function loadEntries(db: Db | Tx, fileId: string): Promise<FileEntry[]> {
  const [file] = await db.select({ agencyId: workFiles.agencyId }).from(workFiles).where(eq(workFiles.id, fileId));
  if (!file) return [];
  const [agency] = await db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, file.agencyId));
  const rows = await db
    .select({
      id: workFileEntries.id,
      position: workFileEntries.position,
      kind: workFileEntries.kind,
      incomingId: workFileEntries.incomingId,
      outgoingId: workFileEntries.outgoingId,
      storedFileId: workFileEntries.storedFileId,
      docType: workFileEntries.docType,
      symbol: workFileEntries.symbol,
      docDate: workFileEntries.docDate,
      author: workFileEntries.author,
      subject: workFileEntries.subject,
      pageCount: workFileEntries.pageCount,
      note: workFileEntries.note,
      gathered: workFileEntries.gathered,
    })
    .from(workFileEntries)
    .where(eq(workFileEntries.fileId, fileId))
    .orderBy(asc(workFileEntries.position), asc(workFileEntries.addedAt));

  const inIds = rows.flatMap((r) => (r.incomingId ? [r.incomingId] : []));
  const outIds = rows.flatMap((r) => (r.outgoingId ? [r.outgoingId] : []));
  const upIds = rows.flatMap((r) => (r.storedFileId ? [r.storedFileId] : []));
  const fileCols = { id: storedFiles.id, name: storedFiles.name, mime: storedFiles.mime, sha256: storedFiles.sha256, pdfRisks: storedFiles.pdfRisks };

  const [inDocs, inFiles, outDocs, outFiles, ups] = [
    inIds.length ? await db.select().from(incomingDocuments).where(inArray(incomingDocuments.id, inIds)) : [],
    inIds.length
      ? await db
          .select({ documentId: incomingFiles.documentId, ...fileCols })
          .from(incomingFiles)
          .innerJoin(storedFiles, eq(storedFiles.id, incomingFiles.fileId))
          .where(inArray(incomingFiles.documentId, inIds))
          .orderBy(asc(incomingFiles.sortOrder))
      : [],
    outIds.length ? await db.select().from(outgoingDocuments).where(inArray(outgoingDocuments.id, outIds)) : [],
    outIds.length
      ? await db
          .select({ documentId: outgoingFiles.documentId, version: outgoingFiles.version, issuedFileId: outgoingFiles.issuedFileId, ...fileCols })
          .from(outgoingFiles)
          .innerJoin(storedFiles, eq(storedFiles.id, outgoingFiles.fileId))
          .where(inArray(outgoingFiles.documentId, outIds))
          .orderBy(asc(outgoingFiles.version), asc(outgoingFiles.sortOrder))
      : [],
    upIds.length ? await db.select(fileCols).from(storedFiles).where(inArray(storedFiles.id, upIds)) : [],
  ];
  // The issued PDF and the phụ lục as the agency signed them (NĐ 30/2020 Phụ lục I §8) are what the file keeps.
  const finalIds = [...outDocs.flatMap((d) => (d.finalFileId ? [d.finalFileId] : [])), ...outFiles.flatMap((f) => (f.issuedFileId ? [f.issuedFileId] : []))];
  const finals = finalIds.length ? await db.select(fileCols).from(storedFiles).where(inArray(storedFiles.id, finalIds)) : [];

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
        date: d.issuedDate ?? d.createdAt.toISOString().slice(0, 10), author: agency?.name ?? "", subject: d.subject,
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


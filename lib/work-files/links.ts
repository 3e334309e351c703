// The URLs of the work files' printouts and exports, for the screens that link to them. The print
// view is app/(office)/files/print, the downloads app/api/work-files/books and …/[id]/export.

export type BookFormat = "pdf" | "xlsx";
export type ExportFormat = "pdf" | "xml";

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
const print = (params: Record<string, string>) => `/files/print?${q(params)}`;
const download = (params: Record<string, string>, format: BookFormat) => `/api/work-files/books?${q({ ...params, format })}`;

const plan = (year: number) => ({ book: "plan", year: String(year) });
const batchList = (id: string) => ({ book: "handover-list", batch: id });
const batchRecord = (id: string) => ({ book: "handover-record", batch: id });
const fileIndex = (id: string) => ({ book: "file-index", file: id });

/** Danh mục hồ sơ of the year. */
export const planPrintHref = (year: number) => print(plan(year));
export const planDownloadHref = (year: number, format: BookFormat) => download(plan(year), format);
/** Mục lục hồ sơ, tài liệu nộp lưu of a hand-over batch. */
export const batchListPrintHref = (id: string) => print(batchList(id));
export const batchListDownloadHref = (id: string, format: BookFormat) => download(batchList(id), format);
/** Biên bản giao nhận of a hand-over batch. */
export const batchRecordPrintHref = (id: string) => print(batchRecord(id));
export const batchRecordDownloadHref = (id: string, format: BookFormat) => download(batchRecord(id), format);
/** Mục lục văn bản trong hồ sơ. */
export const fileIndexPrintHref = (id: string) => print(fileIndex(id));
export const fileIndexDownloadHref = (id: string, format: BookFormat) => download(fileIndex(id), format);
/** The whole file: the Mục lục and the documents' PDFs merged, or the metadata as XML. */
export const fileExportHref = (id: string, format: ExportFormat) => `/api/work-files/${encodeURIComponent(id)}/export?${q({ format })}`;

import "server-only";
import ExcelJS from "exceljs";
import { ORGAN_ID_RE } from "@/lib/edxml/validate";
import { isEndpoint, type TransportName } from "./admin-schemas";

// Import of the directory of partner agencies from a CSV or XLSX file (issue 13): columns Tên cơ
// quan, Mã định danh, Cách kết nối (Trực tiếp/Qua trục), Địa chỉ máy chủ, Địa chỉ, found by their
// header in any order. Every row is checked here; the preview shows the errors per row and the
// confirmation imports the valid ones (lib/exchange/admin.ts importDirectory, one transaction).

export const MAX_IMPORT_ROWS = 1000;

export interface ImportRow {
  /** The row number in the file (1 = the header row), as a spreadsheet shows it. */
  line: number;
  name: string;
  organId: string;
  transport: TransportName | null;
  endpoint: string;
  address: string;
  errors: string[];
}

export interface ImportPreview {
  rows: ImportRow[];
  /** A problem with the file as a whole (unreadable, no header, too many rows): nothing can be imported. */
  error?: string;
}

type Column = "name" | "organId" | "transport" | "endpoint" | "address";

/** Header text, lower case, without diacritics or spacing, for matching. */
const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");

const HEADERS: Record<string, Column> = {
  tencoquan: "name", ten: "name", coquan: "name",
  madinhdanh: "organId", organid: "organId", madinhdanhcoquan: "organId",
  cachketnoi: "transport", ketnoi: "transport",
  diachimaychu: "endpoint", maychu: "endpoint", endpoint: "endpoint",
  diachi: "address", diachicoquan: "address",
};

const REQUIRED: Column[] = ["name", "organId", "transport"];

function transportOf(v: string): TransportName | null | undefined {
  const f = fold(v);
  if (f === "") return null;
  if (f === "tructiep" || f === "direct") return "direct";
  if (f === "quatruc" || f === "truc" || f === "axis") return "axis";
  return undefined;
}

/**
 * RFC 4180 CSV: fields separated by `delimiter`, quoted fields with "" for a quote and line breaks
 * inside, CRLF or LF line ends; a UTF-8 BOM is dropped. A quote inside an unquoted field is kept.
 */
export function parseCsv(text: string, delimiter = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let atFieldStart = true;
  const endField = () => {
    row.push(field);
    field = "";
    atFieldStart = true;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
      continue;
    }
    if (c === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (c === delimiter) endField();
    else if (c === "\r" && text[i + 1] === "\n") {
      endRow();
      i++;
    } else if (c === "\n" || c === "\r") endRow();
    else {
      field += c;
      atFieldStart = false;
    }
  }
  if (quoted) throw new Error("unterminated quote");
  if (field !== "" || row.length > 0) endRow();
  return rows;
}

/** Comma, or semicolon (what Excel writes where the decimal separator is a comma), by the header line. */
function delimiterOf(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  return (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
}

async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (r, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= Math.min(r.cellCount, 50); c++) cells.push((r.getCell(c).text ?? "").toString());
    rows[n - 1] = cells;
  });
  return Array.from(rows, (r) => r ?? []);
}

const isXlsx = (bytes: Buffer) => bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** The rows of a CSV or XLSX file (by content: an XLSX is a ZIP), each checked. */
export async function previewDirectoryImport(fileName: string, bytes: Buffer): Promise<ImportPreview> {
  let table: string[][];
  try {
    if (isXlsx(bytes)) table = await xlsxRows(bytes);
    else if (/\.xlsx?$/i.test(fileName)) return { rows: [], error: "Không đọc được tệp Excel (cần tệp .xlsx)." };
    else {
      const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      table = parseCsv(text, delimiterOf(text.replace(/^\uFEFF/, "")));
    }
  } catch {
    return { rows: [], error: "Không đọc được tệp. Cần tệp CSV (UTF-8) hoặc Excel (.xlsx) với các cột Tên cơ quan, Mã định danh, Cách kết nối, Địa chỉ máy chủ, Địa chỉ." };
  }
  const columnsOf = (cells: string[]) => {
    const columns = new Map<Column, number>();
    cells.forEach((h, i) => {
      const col = HEADERS[fold(h)];
      if (col && !columns.has(col)) columns.set(col, i);
    });
    return columns;
  };
  const firstFilled = table.findIndex((r) => r.some((c) => c.trim() !== ""));
  if (firstFilled < 0) return { rows: [], error: "Tệp không có dữ liệu." };
  // The header is the first of the first ten rows naming the required columns (a title may stand above it).
  let headerAt = firstFilled;
  for (let i = firstFilled; i < Math.min(table.length, firstFilled + 10); i++) {
    if (REQUIRED.every((c) => columnsOf(table[i]).has(c))) {
      headerAt = i;
      break;
    }
  }
  const columns = columnsOf(table[headerAt]);
  const missing = REQUIRED.filter((c) => !columns.has(c));
  if (missing.length) {
    const names: Record<Column, string> = { name: "Tên cơ quan", organId: "Mã định danh", transport: "Cách kết nối", endpoint: "Địa chỉ máy chủ", address: "Địa chỉ" };
    return { rows: [], error: `Dòng tiêu đề thiếu cột: ${missing.map((c) => names[c]).join(", ")}.` };
  }
  const body = table.slice(headerAt + 1).map((cells, i) => ({ cells, line: headerAt + i + 2 })).filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (body.length === 0) return { rows: [], error: "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề." };
  if (body.length > MAX_IMPORT_ROWS) return { rows: [], error: `Tệp có ${body.length} dòng; mỗi lần nhập tối đa ${MAX_IMPORT_ROWS} dòng.` };

  const seen = new Map<string, number>();
  const rows = body.map(({ cells, line }): ImportRow => {
    const get = (c: Column) => {
      const i = columns.get(c);
      return i === undefined ? "" : (cells[i] ?? "").normalize("NFC").replace(/[\u0000-\u001f\u007f]/g, " ").trim();
    };
    const errors: string[] = [];
    const name = get("name");
    const organId = get("organId").toUpperCase();
    const rawTransport = get("transport");
    const transport = transportOf(rawTransport);
    const endpoint = get("endpoint");
    const address = get("address");
    if (!name) errors.push("Thiếu tên cơ quan.");
    else if (name.length > 300) errors.push("Tên cơ quan dài quá 300 ký tự.");
    if (!organId) errors.push("Thiếu mã định danh.");
    else if (!ORGAN_ID_RE.test(organId)) errors.push(`Mã định danh "${organId.slice(0, 40)}" không đúng dạng 000.00.00.X00.`);
    else if (seen.has(organId)) errors.push(`Mã định danh ${organId} trùng với dòng ${seen.get(organId)}.`);
    else seen.set(organId, line);
    if (transport === undefined) errors.push(`Cách kết nối "${rawTransport.slice(0, 40)}" không hợp lệ (ghi Trực tiếp hoặc Qua trục).`);
    else if (transport === null) errors.push("Thiếu cách kết nối (Trực tiếp hoặc Qua trục).");
    else if (transport === "direct" && !isEndpoint(endpoint)) errors.push("Kết nối trực tiếp cần địa chỉ máy chủ https:// hoặc http://.");
    if (endpoint && !isEndpoint(endpoint)) {
      if (transport !== "direct") errors.push("Địa chỉ máy chủ phải là một địa chỉ https:// hoặc http://.");
    }
    if (endpoint.length > 500) errors.push("Địa chỉ máy chủ dài quá 500 ký tự.");
    if (address.length > 300) errors.push("Địa chỉ dài quá 300 ký tự.");
    return { line, name, organId, transport: transport ?? null, endpoint, address, errors };
  });
  return { rows };
}

import "server-only";
import ExcelJS from "exceljs";
import { getDb, type Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/auth/sessions";
import { openFileFor } from "@/lib/storage/download";
import { FILE_TYPES } from "@/lib/storage/sniff";

export const MAX_IMPORTED = 500;

/**
 * The names in an uploaded spreadsheet of recipients ("a long list can be imported from XLSX"):
 * the first column of the first sheet, one name per row, a header row such as "Nơi nhận" skipped.
 * The file was checked by content at upload and is read only if the person may read it.
 */
export async function recipientNamesFromXlsx(actor: Actor, meta: RequestMeta, fileId: string, db?: Db): Promise<string[] | null> {
  const opened = await openFileFor(db ?? (await getDb()), actor, meta, fileId);
  if (!opened || opened.file.mime !== FILE_TYPES.xlsx.mime) return null;
  const wb = new ExcelJS.Workbook();
  const chunks: Uint8Array[] = [];
  for await (const c of opened.stream as unknown as AsyncIterable<Uint8Array>) chunks.push(c);
  await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  if (!sheet) return [];
  const names: string[] = [];
  sheet.eachRow((row) => {
    const v = row.getCell(1).text?.trim();
    if (v && names.length < MAX_IMPORTED && !/^(stt|tên|nơi nhận|đơn vị)\b/iu.test(v)) names.push(v.slice(0, 200));
  });
  return names;
}

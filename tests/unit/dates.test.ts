import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { addYears, isoToDisplay, parseDate, todayInVietnam } from "@/lib/dates";
import { FILE_INDEX_COLUMNS } from "@/lib/work-files/books";
import { registerPaperSchema } from "@/lib/incoming/schemas";
import { dateCell, renderBookXlsx } from "@/lib/registers/xlsx";
import { closeFileSchema } from "@/lib/work-files/schemas";

describe("dates typed and shown dd/mm/yyyy", () => {
  it("reads dd/mm/yyyy (and yyyy-mm-dd) as a calendar day, refusing days that do not exist", () => {
    expect(parseDate("05/10/2026")).toBe("2026-10-05");
    expect(parseDate(" 5/1/2026 ")).toBe("2026-01-05");
    expect(parseDate("2026-10-05")).toBe("2026-10-05");
    expect(parseDate("29/02/2028")).toBe("2028-02-29");
    for (const bad of ["29/02/2026", "31/04/2026", "00/01/2026", "12/13/2026", "10/2026", "05/10/26", "abc", ""]) expect(parseDate(bad)).toBeNull();
    expect(isoToDisplay("2026-10-05")).toBe("05/10/2026");
    expect(addYears("2028-02-29", 1)).toBe("2029-02-28");
  });

  it("takes today in Vietnam, not in UTC", () => {
    // 18:30 UTC on 31 December is already 1 January in Hà Nội (UTC+7).
    expect(todayInVietnam(new Date("2026-12-31T18:30:00Z"))).toBe("2027-01-01");
  });
});

const today = todayInVietnam();
const shift = (days: number) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const paper = { symbol: "1/UBND", issuerName: "UBND", docType: "Công văn", subject: "Về việc", issuedDate: "", dueDate: "" };
const errorsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("the date rules of the shared schemas (issue 11 item 2)", () => {
  it("accepts a document dated up to today with a deadline from today, typed either way", () => {
    const r = registerPaperSchema.safeParse({ ...paper, issuedDate: isoToDisplay(today), dueDate: shift(10) });
    expect(r.success).toBe(true);
    expect(r.data?.issuedDate).toBe(today);
    expect(r.data?.dueDate).toBe(shift(10));
  });

  it("refuses a document dated after its arrival, a deadline before it, absurd years and non-dates, with field messages", () => {
    const e = errorsOf(registerPaperSchema.safeParse({ ...paper, issuedDate: "31/12/2099", dueDate: "01/01/2020" }));
    expect(e.issuedDate).toBe(`Ngày văn bản không được sau ngày đến (${isoToDisplay(today)}).`);
    expect(e.dueDate).toBe(`Hạn giải quyết không được trước ngày đến (${isoToDisplay(today)}).`);
    expect(errorsOf(registerPaperSchema.safeParse({ ...paper, issuedDate: "01/01/0026" })).issuedDate).toBe("Ngày văn bản có năm không hợp lệ (26).");
    expect(errorsOf(registerPaperSchema.safeParse({ ...paper, dueDate: isoToDisplay(shift(366 * 6)) })).dueDate).toMatch(/^Hạn giải quyết không được quá 5 năm/);
    expect(errorsOf(registerPaperSchema.safeParse({ ...paper, issuedDate: "31/02/2026" })).issuedDate).toBe(
      "Ngày văn bản không hợp lệ, nhập theo dạng dd/mm/yyyy (ví dụ 05/10/2026).",
    );
  });

  it("requires the closing dates of a work file, not after today", () => {
    const base = { id: "00000000-0000-4000-8000-000000000001", title: "Hồ sơ", retentionCode: "10", sheets: 1, pages: 1 };
    expect(errorsOf(closeFileSchema.safeParse({ ...base, startDate: "", endDate: shift(1) }))).toEqual({
      startDate: "Vui lòng nhập thời gian bắt đầu.",
      endDate: `Thời gian kết thúc không được sau ngày hôm nay (${isoToDisplay(today)}).`,
    });
  });
});

describe("XLSX dates", () => {
  it("writes dd/mm/yyyy cells of a date column as date cells formatted dd/mm/yyyy; other text stays text", async () => {
    expect(dateCell("05/10/2026")).toEqual(new Date(Date.UTC(2026, 9, 5)));
    expect(dateCell("31/02/2026")).toBeNull();
    const book = {
      sheetName: "Muc luc",
      info: { title: "Mục lục", author: "Sở" },
      title: [{ text: "MỤC LỤC VĂN BẢN" }],
      columns: FILE_INDEX_COLUMNS,
      rows: [["1", "15/UBND", "05/10/2026", "Công văn", "UBND", "1-2", ""], ["2", "16/UBND", "", "Tờ trình", "UBND", "3", "không rõ ngày"]],
      headings: [],
      fileBase: "muc-luc",
    };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderBookXlsx(book as never)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const first = ws.getRow(4);
    expect(first.getCell(3).type).toBe(ExcelJS.ValueType.Date);
    expect(first.getCell(3).numFmt).toBe("dd/mm/yyyy");
    expect(first.getCell(3).value).toEqual(new Date(Date.UTC(2026, 9, 5)));
    expect(first.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(ws.getRow(5).getCell(3).value).toBeNull();
  });
});

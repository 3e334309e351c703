import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BookPrint } from "@/components/registers/book-print";
import type { TitledBook } from "@/lib/registers/book";
import { renderBookPdf } from "@/lib/registers/pdf";
import { renderBookXlsx } from "@/lib/registers/xlsx";

// A report's counts (a column marked `count`) are written as Vietnamese writes them in the print view and
// the PDF ("24.874"), and are numbers shown "#,##0" in the spreadsheet; a number that names (the STT, a
// số đến) is left as it is.

const book: TitledBook = {
  kind: "report",
  secret: false,
  info: { title: "Báo cáo", author: "Sở Nội vụ" },
  title: [{ text: "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT VĂN BẢN ĐẾN", bold: true }],
  emptyText: "Không có văn bản nào trong kỳ.",
  columns: [
    { title: "STT", width: 10, numeric: true, centre: true },
    { title: "Chỉ tiêu", width: 60 },
    { title: "Số văn bản", width: 15, count: true, centre: true },
    { title: "Số đến", width: 15, numeric: true, centre: true },
  ],
  rows: [["1012", "Đang xử lý quá hạn", "24874", "31988"], ["2", "Khẩn", "999", "7"]],
  fileBase: "bao-cao",
  sheetName: "Bao cao",
};

describe("counts in a printed book", () => {
  it("the print view groups the count column only", () => {
    const cells = [...renderToStaticMarkup(createElement(BookPrint, { book, pdfHref: "/p", xlsxHref: "/x" })).matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cells).toEqual(["1012", "Đang xử lý quá hạn", "24.874", "31988", "2", "Khẩn", "999", "7"]);
  });

  it("the spreadsheet keeps numbers, the count shown #,##0", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderBookXlsx(book)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const row = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => r.getCell(2).value === "Đang xử lý quá hạn")!;
    expect(row.getCell(3).value).toBe(24874);
    expect(row.getCell(3).numFmt).toBe("#,##0");
    expect(row.getCell(4).value).toBe(31988);
    expect(row.getCell(4).numFmt).toBeFalsy();
  });

  it("the PDF prints the count grouped", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "book-counts-"));
    try {
      const file = path.join(dir, "b.pdf");
      fs.writeFileSync(file, await renderBookPdf(book));
      const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
      expect(text).toMatch(/Đang xử lý quá hạn\s+24\.874\s+31988/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

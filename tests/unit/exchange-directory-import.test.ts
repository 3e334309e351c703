import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { MAX_IMPORT_ROWS, parseCsv, previewDirectoryImport } from "@/lib/exchange/directory-import";

// The directory import's reading (issue 13): RFC 4180 CSV by hand, XLSX with exceljs, each row checked.

const HEADER = "Tên cơ quan,Mã định danh,Cách kết nối,Địa chỉ máy chủ,Địa chỉ";
const csv = (...rows: string[]) => Buffer.from([HEADER, ...rows].join("\r\n"), "utf8");

describe("parseCsv (RFC 4180)", () => {
  it("reads quoted fields with delimiters, doubled quotes and line breaks, CRLF or LF, and drops a BOM", () => {
    expect(parseCsv('\uFEFFa,"b,c","say ""hi"""\r\n"x\r\ny",,z\n1,2,3')).toEqual([
      ["a", "b,c", 'say "hi"'],
      ["x\r\ny", "", "z"],
      ["1", "2", "3"],
    ]);
    expect(parseCsv("a;b\n", ";")).toEqual([["a", "b"]]);
    expect(parseCsv('a,b"c\n')).toEqual([["a", 'b"c']]);
    expect(() => parseCsv('"open')).toThrow();
  });
});

describe("previewDirectoryImport", () => {
  it("checks each row: name, mã định danh format and duplicates, transport, endpoint; keeps Vietnamese text", async () => {
    const p = await previewDirectoryImport(
      "danh-ba.csv",
      csv(
        "Sở Tài chính tỉnh Bình Định,000.00.12.h09,Qua trục,,Số 1 Lê Lợi",
        "Sở Y tế,000.00.13.H08,trực tiếp,https://vpdt.syt.example.vn,",
        ",000.00.14.H08,Qua trục,,",
        "Sở Xây dựng,12.H08,Qua trục,,",
        "Sở Y tế (lặp),000.00.13.H08,Qua trục,,",
        "Sở Công Thương,000.00.15.H08,Trực tiếp,javascript:alert(1),",
        "Sở Nội vụ,000.00.16.H08,,,",
        "Sở Tư pháp,000.00.17.H08,Qua bưu điện,,",
        ",,,,",
      ),
    );
    expect(p.error).toBeUndefined();
    expect(p.rows.map((r) => [r.line, r.errors.length])).toEqual([[2, 0], [3, 0], [4, 1], [5, 1], [6, 1], [7, 1], [8, 1], [9, 1]]);
    expect(p.rows[0]).toMatchObject({ name: "Sở Tài chính tỉnh Bình Định", organId: "000.00.12.H09", transport: "axis", address: "Số 1 Lê Lợi" });
    expect(p.rows[1]).toMatchObject({ transport: "direct", endpoint: "https://vpdt.syt.example.vn" });
    expect(p.rows[2].errors).toEqual(["Thiếu tên cơ quan."]);
    expect(p.rows[3].errors[0]).toMatch(/không đúng dạng 000\.00\.00\.X00/);
    expect(p.rows[4].errors).toEqual(["Mã định danh 000.00.13.H08 trùng với dòng 3."]);
    expect(p.rows[5].errors[0]).toMatch(/cần địa chỉ máy chủ/);
    expect(p.rows[6].errors).toEqual(["Thiếu cách kết nối (Trực tiếp hoặc Qua trục)."]);
    expect(p.rows[7].errors[0]).toMatch(/Cách kết nối "Qua bưu điện" không hợp lệ/);
  });

  it("finds the columns by header in any order, with or without diacritics, and reads semicolon CSV", async () => {
    const p = await previewDirectoryImport("x.csv", Buffer.from("Dia chi;Cach ket noi;Ma dinh danh;Ten co quan\nQuy Nhơn;Qua trục;000.00.20.H08;Sở Xây dựng"));
    expect(p.rows).toEqual([{ line: 2, name: "Sở Xây dựng", organId: "000.00.20.H08", transport: "axis", endpoint: "", address: "Quy Nhơn", errors: [] }]);
  });

  it("reads the first sheet of an XLSX file, its header under a title", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Danh bạ");
    ws.addRow(["Danh bạ cơ quan liên thông"]);
    ws.addRow([]);
    ws.addRow(["Tên cơ quan", "Mã định danh", "Cách kết nối", "Địa chỉ máy chủ", "Địa chỉ"]);
    ws.addRow(["Ủy ban nhân dân tỉnh Bình Định", "000.00.00.H08", "Qua trục", "", "Quy Nhơn"]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    // A title and an empty line above the header.
    const p2 = await previewDirectoryImport("danh-ba.xlsx", bytes);
    expect(p2.rows).toEqual([{ line: 4, name: "Ủy ban nhân dân tỉnh Bình Định", organId: "000.00.00.H08", transport: "axis", endpoint: "", address: "Quy Nhơn", errors: [] }]);
  });

  it("refuses a whole file that cannot be read, has no header or data, or is too long", async () => {
    expect((await previewDirectoryImport("x.csv", Buffer.from([0xff, 0xfe, 0x00, 0x41]))).error).toMatch(/Không đọc được tệp/);
    expect((await previewDirectoryImport("x.xlsx", Buffer.from("abc"))).error).toMatch(/Excel/);
    expect((await previewDirectoryImport("x.csv", Buffer.from(""))).error).toBe("Tệp không có dữ liệu.");
    expect((await previewDirectoryImport("x.csv", Buffer.from(HEADER))).error).toMatch(/không có dòng dữ liệu/);
    const many = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `Cơ quan ${i},000.00.${String(i % 100).padStart(2, "0")}.H08,Qua trục,,`);
    expect((await previewDirectoryImport("x.csv", csv(...many))).error).toMatch(/tối đa 1000 dòng/);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UploadError } from "@/lib/storage/errors";
import { asciiFileName, contentDisposition, MAX_NAME_CHARS, nameForType, sanitizeFileName } from "@/lib/storage/names";
import { ACCEPTED_EXTS, FILE_TYPES } from "@/lib/storage/sniff";

// Names are metadata only (the path is the SHA-256), but they come back in Content-Disposition and
// land on the clerk's disk (security.md §5 row 10, ASVS 5.4.1–2).

describe("sanitizeFileName", () => {
  it.each([
    ["../../etc/passwd", "passwd"],
    ["..\\..\\Windows\\win.ini", "win.ini"],
    ["C:\\Users\\vanthu\\Desktop\\Công văn 12.pdf", "Công văn 12.pdf"],
    ["%2e%2e%2fetc%2fpasswd.pdf", "%2e%2e%2fetc%2fpasswd.pdf"],
    ["bao\u0000cao.pdf", "baocao.pdf"],
    ["hoadon\u202Efdp.exe", "hoadonfdp.exe"],
    ["\u200Ban\u2066toan\u2069.docx", "antoan.docx"],
    ["CON", "_CON"],
    ["con.pdf", "_con.pdf"],
    ["LPT1.docx", "_LPT1.docx"],
    ["aux", "_aux"],
    ["..", "tep-dinh-kem"],
    ["", "tep-dinh-kem"],
    ["  .ẩn.pdf. ", "ẩn.pdf"],
    ['a<b>c:d"e|f?g*.xlsx', "a_b_c_d_e_f_g_.xlsx"],
    ["line\r\nbreak.pdf", "linebreak.pdf"],
  ])("%j → %j", (raw, clean) => {
    expect(sanitizeFileName(raw)).toBe(clean);
  });

  it("composes Vietnamese letters typed decomposed (NFD, as macOS sends them)", () => {
    expect(sanitizeFileName("Quyết định.pdf".normalize("NFD"))).toBe("Quyết định.pdf".normalize("NFC"));
  });

  it("shortens a 300-character name and keeps its extension", () => {
    const s = sanitizeFileName(`${"Công văn ".repeat(34)}.pdf`);
    expect(Array.from(s).length).toBeLessThanOrEqual(MAX_NAME_CHARS);
    expect(s.endsWith(".pdf")).toBe(true);
    expect(s.startsWith("Công văn")).toBe(true);
  });

  it("never returns a path, a control or bidi character, a device name, or an empty name (any input)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (raw) => {
        const s = sanitizeFileName(raw);
        expect(s.length).toBeGreaterThan(0);
        expect(Array.from(s).length).toBeLessThanOrEqual(MAX_NAME_CHARS);
        expect(s).not.toMatch(/[\u0000-\u001f\u007f-\u009f/\\<>:"|?*\u202a-\u202e\u2066-\u2069\u200e\u200f]/);
        expect(s).not.toMatch(/^[. ]|[. ]$/);
        expect(s).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i);
      }),
      { numRuns: 500 },
    );
  });
});

describe("nameForType", () => {
  const pdf = FILE_TYPES.pdf.exts;
  it("keeps a matching extension in any case, adds one when missing or unknown", () => {
    expect(nameForType("Công văn.PDF", pdf, ACCEPTED_EXTS)).toBe("Công văn.PDF");
    expect(nameForType("scan001", pdf, ACCEPTED_EXTS)).toBe("scan001.pdf");
    expect(nameForType("scan.tif", pdf, ACCEPTED_EXTS)).toBe("scan.tif.pdf");
    expect(nameForType("anh.jpeg", FILE_TYPES.jpeg.exts, ACCEPTED_EXTS)).toBe("anh.jpeg");
  });

  it("refuses the extension of another accepted type (an image named .pdf)", () => {
    expect(() => nameForType("to-trinh.pdf", FILE_TYPES.png.exts, ACCEPTED_EXTS)).toThrow(UploadError);
    expect(() => nameForType("bang.xlsx", FILE_TYPES.docx.exts, ACCEPTED_EXTS)).toThrow("không khớp với phần mở rộng .xlsx");
  });
});

describe("contentDisposition (RFC 6266)", () => {
  it("sends the UTF-8 name in filename* and an ASCII fallback", () => {
    expect(contentDisposition("attachment", "Công văn số 12 (bản chính).pdf")).toBe(
      "attachment; filename=\"Cong van so 12 (ban chinh).pdf\"; filename*=UTF-8''C%C3%B4ng%20v%C4%83n%20s%E1%BB%91%2012%20%28b%E1%BA%A3n%20ch%C3%ADnh%29.pdf",
    );
    expect(asciiFileName("Đề án; \"mới\" 100%.docx")).toBe("De an_ _moi_ 100_.docx");
  });

  it("is a single line of printable ASCII for any stored name", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (raw) => {
        const header = contentDisposition("inline", sanitizeFileName(raw));
        expect(header).toMatch(/^inline; filename="[\x20-\x21\x23-\x5b\x5d-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
      }),
      { numRuns: 500 },
    );
  });
});

import { describe, expect, it } from "vitest";
import { bookDownloadHeaders } from "@/lib/registers/download";
import { bookQuerySchema, bookSearch } from "@/lib/registers/schemas";
import { firstValues } from "@/lib/search-params";

describe("register book query and downloads", () => {
  it("reads the book choice from the URL, with defaults and refusals", () => {
    expect(bookQuerySchema.parse({})).toEqual({ book: "incoming", series: "normal" });
    // book=register: the incoming book's name in links made before the outgoing book existed.
    expect(bookQuerySchema.parse({ book: "register" })).toEqual({ book: "incoming", series: "normal" });
    expect(bookQuerySchema.parse({ book: "outgoing", register: "QĐ" })).toEqual({ book: "outgoing", series: "normal", register: "QĐ" });
    expect(bookQuerySchema.parse({ book: "tracking", year: "2026", series: "secret", from: "2026-01-01", to: "", fromNo: "3", toNo: "9" })).toEqual({
      book: "tracking", year: 2026, series: "secret", from: "2026-01-01", fromNo: 3, toNo: 9,
    });
    for (const bad of [{ book: "postal" }, { register: "DI MAT" }, { register: "<b>" }, { register: "x".repeat(31) }, { series: "top" }, { year: "1" }, { from: "31/02/2026" }, { from: "01/02/1026" }, { from: "2026/02/01" }, { fromNo: "-1" }, { fromNo: "1.5" }, { fromNo: "x" }]) {
      expect(bookQuerySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    // A date typed dd/mm/yyyy (issue 11 item 11) is read as that day.
    expect(bookQuerySchema.parse({ from: "01/02/2026" }).from).toBe("2026-02-01");
  });

  it("round-trips through the query string of the print view and its downloads", () => {
    const q = bookQuerySchema.parse({ book: "register", year: "2026", from: "2026-03-01", toNo: "40" });
    const s = bookSearch({ ...q, year: 2026 }, { format: "pdf" });
    expect(s).toBe("book=incoming&year=2026&series=normal&from=2026-03-01&toNo=40&format=pdf");
    expect(bookQuerySchema.parse(firstValues(new URLSearchParams(s)))).toEqual(q);
    const out = bookQuerySchema.parse({ book: "outgoing", year: "2026", register: "DI-MAT", fromNo: "5" });
    const os = bookSearch({ ...out, year: 2026 });
    expect(os).toBe("book=outgoing&year=2026&series=normal&register=DI-MAT&fromNo=5");
    expect(bookQuerySchema.parse(firstValues(new URLSearchParams(os)))).toEqual(out);
    expect(firstValues({ year: ["2025", "2026"], book: undefined })).toEqual({ year: "2025", book: undefined });
  });

  it("sends downloads as attachments with an RFC 6266 filename* and no sniffing", () => {
    const h = bookDownloadHeaders("so-den-mat-2026", "xlsx", 1234);
    expect(h.get("Content-Disposition")).toBe(`attachment; filename="so-den-mat-2026.xlsx"; filename*=UTF-8''so-den-mat-2026.xlsx`);
    expect(h.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(h.get("X-Content-Type-Options")).toBe("nosniff");
    expect(h.get("Content-Length")).toBe("1234");
    expect(bookDownloadHeaders("sổ đến", "pdf", 1).get("Content-Disposition")).toBe(
      `attachment; filename="s____n.pdf"; filename*=UTF-8''s%E1%BB%95%20%C4%91%E1%BA%BFn.pdf`,
    );
  });
});

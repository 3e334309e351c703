import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { securitySearchSchema } from "@/lib/audit/schemas";
import { monitorSearchSchema } from "@/lib/exchange/monitor";
import { loginSearchSchema } from "@/lib/auth/schemas";
import { incomingListSearchSchema, incomingPageSearchSchema, myWorkSearchSchema } from "@/lib/incoming/schemas";
import { usersSearchSchema } from "@/lib/org/schemas";
import { newDraftSearchSchema, outgoingListSearchSchema, outgoingPageSearchSchema } from "@/lib/outgoing/schemas";
import { bookQuerySchema } from "@/lib/registers/schemas";
import {
  badParams, cleanValue, firstValues, idParamsSchema, param, parseParams, parseSearchParams, repairPath, searchRecord,
} from "@/lib/search-params";
import { downloadSearchSchema } from "@/lib/storage/schemas";
import {
  archiveSearchSchema, handoverSearchSchema, planSearchSchema, workFileListSearchSchema, workFilePageSearchSchema,
} from "@/lib/work-files/schemas";

const ID = "0b5e7c1a-3f0e-4c1b-9a55-2d7f3c9e8a10";
const schema = z.object({
  q: param.text(20),
  page: param.int(1, 10_000),
  status: param.enum(["open", "closed"]),
  unit: param.uuid(),
  from: param.date(),
  mine: param.flag(),
});

describe("parseSearchParams", () => {
  it("reads the first value of a repeated key, from Next's record and from a URLSearchParams", () => {
    expect(parseSearchParams({ q: ["a", "b"], page: ["2", "x"] }, schema).data).toMatchObject({ q: "a", page: 2 });
    expect(parseSearchParams(new URLSearchParams("q=a&q=b&page=3&page=4"), schema).data).toMatchObject({ q: "a", page: 3 });
    expect(parseSearchParams({ q: [] }, schema)).toEqual({ data: { mine: false }, ignored: [] });
  });

  it("strips NUL, control and bidi-override characters, and bounds the length of text", () => {
    const { data } = parseSearchParams({ q: "a\u0000b\u0007c\u202Ed\u2066e\u007f" }, schema);
    expect(data.q).toBe("abcde");
    expect(parseSearchParams({ q: `  ${"x".repeat(10_000)}` }, schema).data.q).toBe("x".repeat(20));
    expect(parseSearchParams({ q: "\u0000 \u0000" }, schema).data.q).toBeUndefined();
    expect(cleanValue("\ud800x\udc00")).toBe("x");
    expect(cleanValue("😀")).toBe("😀");
    expect(cleanValue("y".repeat(5000))).toHaveLength(1000);
  });

  it("keeps numbers written in digits within their range and drops the rest, naming them", () => {
    expect(parseSearchParams({ page: "42" }, schema)).toEqual({ data: { page: 42, mine: false }, ignored: [] });
    expect(parseSearchParams({ page: "\u000042" }, schema).data.page).toBe(42);
    for (const bad of ["99999999999999999999", "-1", "0", "1e9", "NaN", "Infinity", "1.5", "0x10", "10001", " 1 2", "+3", "٣"]) {
      expect(parseSearchParams({ page: bad }, schema), bad).toEqual({ data: { mine: false }, ignored: ["page"] });
    }
  });

  it("drops bad enums, uuids, dates and switches; blank values are simply absent", () => {
    const r = parseSearchParams({ status: "foo", unit: "x", from: "2024-02-30", mine: "yes", q: "công văn" }, schema);
    expect(r.data).toEqual({ q: "công văn", mine: false });
    expect(r.ignored.sort()).toEqual(["from", "mine", "status", "unit"]);
    expect(parseSearchParams({ status: "closed", unit: ID.toUpperCase(), from: "2024-02-29", mine: "1" }, schema)).toEqual({
      data: { status: "closed", unit: ID, from: "2024-02-29", mine: true },
      ignored: [],
    });
    expect(parseSearchParams({ status: "", unit: " ", page: "" }, schema)).toEqual({ data: { mine: false }, ignored: [] });
  });

  it("never reads inherited properties as parameters", () => {
    const inherited = z.object({ toString: param.text(10), constructor: param.int(1, 9), __proto__: param.text(5) });
    expect(parseSearchParams({}, inherited)).toEqual({ data: {}, ignored: [] });
    expect(parseSearchParams(JSON.parse('{"__proto__":"x"}'), inherited).data).toEqual({ __proto__: "x" });
  });

  it("drops the fields a rule across fields names, and keeps the others", () => {
    const r = parseSearchParams({ year: "2026", from: "2026-03-01", to: "2026-01-01", fromNo: "5", toNo: "2" }, bookQuerySchema);
    expect(r.data).toEqual({ book: "incoming", series: "normal", year: 2026, from: "2026-03-01", fromNo: 5 });
    expect(r.ignored.sort()).toEqual(["to", "toNo"]);
    const unnamed = z.object({ a: param.text(5), b: param.text(5) }).refine((v) => !v.a || v.a !== v.b);
    expect(parseSearchParams({ a: "x", b: "x" }, unnamed)).toEqual({ data: {}, ignored: ["a", "b"] });
  });

  it("every page's schema accepts no parameters, and never throws on any input (fast-check)", () => {
    const schemas = {
      incomingListSearchSchema, incomingPageSearchSchema, myWorkSearchSchema, outgoingListSearchSchema, outgoingPageSearchSchema,
      newDraftSearchSchema, workFileListSearchSchema, archiveSearchSchema, handoverSearchSchema, planSearchSchema,
      workFilePageSearchSchema, usersSearchSchema, securitySearchSchema, loginSearchSchema, downloadSearchSchema, monitorSearchSchema,
    };
    for (const [name, s] of Object.entries(schemas)) {
      expect(() => s.parse({}), name).not.toThrow();
      const keys = Object.keys(s.shape);
      const value = fc.oneof(fc.string({ unit: "binary", maxLength: 30 }), fc.constantFrom("%00", "1e9", "-1", "NaN", "99999999999999999999", ID, "2024-02-30", "1"));
      const raw = fc.dictionary(fc.constantFrom(...keys, "other"), fc.oneof(value, fc.array(value, { maxLength: 3 })));
      fc.assert(
        fc.property(raw, (r) => {
          const { data, ignored } = parseSearchParams(r, s as z.ZodObject);
          expect(ignored.every((k) => k in r)).toBe(true);
          for (const v of Object.values(data as Record<string, unknown>)) {
            if (typeof v === "string") expect(v).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
            if (typeof v === "number") expect(Number.isSafeInteger(v)).toBe(true);
          }
        }),
        { numRuns: 100 },
      );
    }
  });
});

describe("parseParams, for path segments and whole queries", () => {
  it("accepts a uuid id (any case) and refuses anything else", () => {
    expect(parseParams({ id: ID.toUpperCase() }, idParamsSchema)).toMatchObject({ success: true, data: { id: ID } });
    for (const bad of ["x", "\u0000", `${ID}x`, "%ZZ", "00000000-0000-0000-0000-00000000000g", ""]) {
      expect(parseParams({ id: bad }, idParamsSchema).success, bad).toBe(false);
    }
    expect(parseParams({ id: [ID, "x"] }, idParamsSchema).success).toBe(true);
    expect(parseParams({}, idParamsSchema).success).toBe(false);
  });

  it("reads the first value of each key, cleaned", () => {
    expect(firstValues(new URLSearchParams("a=1&a=2&b=%00x"))).toEqual({ a: "1", b: "x" });
    expect(firstValues({ year: ["2025", "2026"], book: undefined })).toEqual({ year: "2025", book: undefined });
  });
});

describe("the rest of the helper", () => {
  it("writes parsed values back as a query: set values only, switches as 1", () => {
    expect(searchRecord({ q: "a", page: 2, mine: true, overdue: false, unit: undefined, x: "" })).toEqual({ q: "a", page: "2", mine: "1" });
  });

  it("answers a route handler's bad parameters with 400 and a Vietnamese message", async () => {
    const res = badParams(["year", "year", "format"]);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await res.text()).toBe("Yêu cầu không hợp lệ: tham số không đúng (year, format).");
  });

  it("re-escapes the stray % of a path Next could not decode, and leaves good paths alone", () => {
    expect(repairPath("/incoming/abc")).toBeNull();
    expect(repairPath("/incoming/%C3%A2")).toBeNull();
    expect(repairPath("/incoming/%ZZ")).toBe("/incoming/%25ZZ");
    expect(repairPath("/incoming/%")).toBe("/incoming/%25");
    expect(repairPath("/api/files/%E0%A4%A/x")).toBe("/api/files/%25E0%25A4%25A/x");
    expect(repairPath("/a%20b/%ZZ")).toBe("/a%20b/%25ZZ");
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom("%", "%Z", "%E0", "%A4", "%41", "/", "a", "é"), fc.string()), { maxLength: 12 }), (parts) => {
        const p = `/${parts.join("")}`;
        const fixed = repairPath(p);
        expect(() => decodeURIComponent(fixed ?? p)).not.toThrow();
      }),
    );
  });
});

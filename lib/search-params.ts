import { z } from "zod";
import { isUuid } from "@/lib/validation";

// Every search parameter and path segment a page or route handler reads goes through here (house
// rule 4: odd query strings never 500). Next hands pages `Record<string, string | string[] | undefined>`
// (repeated keys become arrays) and route handlers a URLSearchParams; either way a value may hold
// NUL (which PostgreSQL refuses in text), control or bidi-override characters, or be of any length.

/** What Next hands a page (`searchParams`, `params`) or what a route handler reads from its URL. */
export type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

export const IGNORED_NOTICE = "Một số điều kiện lọc không hợp lệ đã được bỏ qua.";

// C0/C1 controls (NUL included) and the bidi embeddings, overrides and isolates (a reversed search
// term or id is never meant): removed from every value before it is parsed.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** No parameter of the app needs more; longer values are cut before any field rule runs. */
const MAX_VALUE = 1000;

/** A value as the field rules see it: without control characters or broken UTF-16, at most MAX_VALUE long. */
export function cleanValue(v: string): string {
  return v.replace(LONE_SURROGATE, "").replace(CONTROLS, "").slice(0, MAX_VALUE);
}

/** The first value of a parameter (a repeated key, `?q=a&q=b`, counts by its first occurrence), cleaned. */
function first(raw: RawParams, key: string): string | undefined {
  const v = raw instanceof URLSearchParams ? raw.get(key) : Object.hasOwn(raw, key) ? raw[key] : undefined;
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === "string" ? cleanValue(one) : undefined;
}

/** The first value of each parameter, cleaned. */
export function firstValues(raw: RawParams): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  const keys = raw instanceof URLSearchParams ? [...new Set(raw.keys())] : Object.keys(raw);
  for (const k of keys) out[k] = first(raw, k);
  return out;
}

// ───────────────────────── field rules (every one optional) ─────────────────────────

const blank = (v: unknown) => (v == null || (typeof v === "string" && v.trim() === "") ? undefined : v);

/** The field rules of search parameters: a value that breaks its rule is dropped (and reported). */
export const param = {
  /** Free text (a search): trimmed and cut to `max` characters, never refused. */
  text: (max: number) =>
    z.preprocess((v) => (typeof v === "string" ? v.trim().slice(0, max).trim() || undefined : v), z.string().optional()),
  /** A whole number written in digits, from `min` to `max` (no sign, exponent, decimals or NaN). */
  int: (min: number, max: number) =>
    z.preprocess(blank, z.string().regex(/^\d{1,16}$/).transform(Number).pipe(z.number().int().min(min).max(max)).optional()),
  /** One of the listed values. */
  enum: <const T extends readonly [string, ...string[]]>(values: T) => z.preprocess(blank, z.enum(values).optional()),
  /** A row id: any other text cannot name a row. */
  uuid: () => z.preprocess(blank, z.string().refine(isUuid).transform((s) => s.toLowerCase()).optional()),
  /** A calendar date yyyy-mm-dd (30 February is refused). */
  date: () => z.preprocess(blank, z.iso.date().optional()),
  /** A "1" switch of a link or checkbox; absent or "0" is off. */
  flag: () => z.preprocess((v) => blank(v) ?? "0", z.enum(["0", "1"]).transform((v) => v === "1")),
};

// ───────────────────────── parsing ─────────────────────────

export interface ParsedSearch<T> {
  data: T;
  /** The parameters that were given but broke their rule, and were left out. */
  ignored: string[];
}

/**
 * A page's search parameters by its schema (an object of `param` rules, optionally refined across
 * fields): each key is read by its first value and cleaned; a value that breaks its rule, or a rule
 * across fields, is dropped and named in `ignored`, and the page shows the rest with a notice.
 * A schema must accept no parameters at all (checked by tests/unit/search-params.test.ts).
 */
export function parseSearchParams<S extends z.ZodObject>(raw: RawParams, schema: S): ParsedSearch<z.output<S>> {
  const keys = Object.keys(schema.shape);
  const input: Record<string, string | undefined> = {};
  const ignored = new Set<string>();
  for (const k of keys) {
    input[k] = first(raw, k);
    if (input[k] !== undefined && !(schema.shape[k] as z.ZodType).safeParse(input[k]).success) {
      ignored.add(k);
      input[k] = undefined;
    }
  }
  // Rules across fields (from ≤ to …): drop the fields they name until the rest holds.
  for (let round = 0; round <= keys.length; round++) {
    const r = schema.safeParse(input);
    if (r.success) return { data: r.data, ignored: [...ignored] };
    const named = r.error.issues.map((i) => String(i.path[0] ?? "")).filter((k) => input[k] !== undefined);
    if (!named.length) break;
    for (const k of named) {
      ignored.add(k);
      input[k] = undefined;
    }
  }
  for (const k of keys) if (input[k] !== undefined) ignored.add(k);
  return { data: schema.parse({}), ignored: [...ignored] };
}

/**
 * All-or-nothing parsing, for path segments (`params`: a bad id is a missing page) and for the
 * queries of downloads and printouts, where one bad value leaves nothing to show: the first value
 * of each key, cleaned, against any schema.
 */
export function parseParams<S extends z.ZodType>(raw: RawParams, schema: S): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(firstValues(raw));
}

/** `[id]` path segments. */
export const idParamsSchema = z.object({ id: z.string().refine(isUuid).transform((s) => s.toLowerCase()) });

/** The answer of a route handler to parameters it cannot use (never a 500). */
export function badParams(names: readonly string[] = []): Response {
  const which = names.length ? ` (${[...new Set(names)].slice(0, 10).join(", ")})` : "";
  return new Response(`Yêu cầu không hợp lệ: tham số không đúng${which}.`, {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** Parsed parameters back into a query (pagination, tabs): set values only, switches as "1". */
export function searchRecord(data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined || v === null || v === false || v === "") continue;
    out[k] = v === true ? "1" : String(v);
  }
  return out;
}

/**
 * A path with a malformed escape (`/incoming/%ZZ`) fails Next's own decoding before any page runs,
 * and an App Router build then answers a bare 500. The proxy re-escapes those stray "%" so the
 * route gets the literal text, which its parameter rules refuse like any other bad id. Null when
 * the path decodes.
 */
export function repairPath(pathname: string): string | null {
  try {
    decodeURIComponent(pathname);
    return null;
  } catch {
    return pathname
      .split("/")
      .map((seg) => {
        try {
          decodeURIComponent(seg);
          return seg;
        } catch {
          return seg.replace(/%(?![0-9a-fA-F]{2})/g, "%25").replace(/%([0-9a-fA-F]{2})/g, (m, hex) => (parseInt(hex, 16) >= 0x80 ? `%25${hex}` : m));
        }
      })
      .join("/");
  }
}

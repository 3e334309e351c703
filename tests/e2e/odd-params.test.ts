import path from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { filePlanItems, filePlans, incomingDocuments, incomingFiles, outgoingDocuments, units, workFiles } from "@/db/schema";
import { pdfBytes, storedBlob } from "../factories/work-files";
import { demoDataDir } from "./demo-data";
import { DEMO, launchBrowser, login, newPage, printServerLogIfFailed, sessionCookie, startApp, type AppServer } from "./harness";

// Odd query strings and path segments never answer 500 (issue 10 item 7, house rule 4): every page
// and route handler that reads `searchParams` or `params` is fuzzed over HTTP as a person who may
// open it, with a fixed corpus (NUL, repeated keys, arrays, huge/negative/exponent numbers, NaN, bad
// uuids, enums and dates, 10 KB strings, malformed escapes, RTL overrides) and with fast-check.

const YEAR = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric" }).format(new Date()));
const NOT_FOUND = "Không tìm thấy trang";
const NOTICE = "Một số điều kiện lọc không hợp lệ đã được bỏ qua.";

/** Values as they appear in a query string (already percent-encoded where they need to be). */
const CORPUS = [
  "%00", "abc%00def", "%01%1F%7F", "%ZZ", "%E0%A4%A", "%", "%ED%A0%80",
  "99999999999999999999", "-1", "1e9", "NaN", "Infinity", "1.5", "0x10", "0",
  "x", "00000000-0000-0000-0000-00000000000g", "foo", "toString", "__proto__",
  "2024-02-30", "2024-13-01", "31%2F12%2F2024", "0000-00-00",
  "x".repeat(10 * 1024), "%E2%80%AEabc%E2%80%AC", "%D8%B9%D8%B1%D8%A8%D9%8A", "%F0%9F%98%80",
  "'%20OR%201%3D1--", "%20%20", "",
];
/** Path segments in place of an id. */
const BAD_IDS = ["x", "%00", "%ZZ", "00000000-0000-0000-0000-00000000000g", "99999999999999999999", "..%2F..%2Fetc", "a".repeat(2000), "%E2%80%AE"];

type Who = "clerk" | "leader" | "staff" | "archivist" | "admin" | "province" | "anonymous";
interface Target {
  who: Who;
  /** Path of a page or route handler (with real ids where it needs one). */
  path: string;
  /** The search parameters it reads. */
  keys: string[];
  /** A valid query kept under each fuzzed key (e.g. the printout's subject). */
  base?: string;
  kind: "page" | "api";
  /** Statuses a fuzzed request may answer besides the clean one's (404: the normal not-found page; 400: the handler's message). */
  also?: number[];
}

let app: AppServer;
const cookies: Partial<Record<Who, string>> = {};
// Placeholders until the data is written (they name the tests).
const ids = { incoming: ":incoming", outgoing: ":outgoing", workFile: ":file", pdf: ":pdf", xlsx: ":xlsx" };

/**
 * The demo agency with one row of each kind a page takes by id, written before the server opens the
 * folder (PGlite allows one process at a time).
 */
function preparedDataDir(): Promise<string> {
  // Without the demo documents: the ids below are its own (a file opened from 01.TH, say).
  return demoDataDir(async ({ db, dataDir, agencyId, person }) => {
    const [clerk, leader, staff] = [await person(DEMO.clerk.username), await person(DEMO.leader.username), await person(DEMO.staff.username)];
    const [tcbc] = await db.select({ id: units.id }).from(units).where(and(eq(units.agencyId, agencyId), eq(units.code, "TCBC")));
    ids.pdf = await storedBlob(db, path.join(dataDir, "files"), agencyId, clerk, await pdfBytes(1, "cong van"), "application/pdf", "cong-van.pdf");
    [{ id: ids.incoming }] = await db
      .insert(incomingDocuments)
      .values({
        agencyId, status: "registered", source: "paper", issuerName: "UBND tỉnh Bình Định", docType: "Công văn",
        subject: "V/v báo cáo công tác cải cách hành chính", symbol: "15/UBND-VX", issuedDate: `${YEAR}-01-10`, pageCount: 1,
      })
      .returning({ id: incomingDocuments.id });
    await db.insert(incomingFiles).values({ documentId: ids.incoming, fileId: ids.pdf, sortOrder: 0 });
    [{ id: ids.outgoing }] = await db
      .insert(outgoingDocuments)
      .values({
        agencyId, status: "issued", draftingUnitId: tcbc.id, drafterId: staff, signerId: leader, docType: "Công văn",
        subject: "V/v cử công chức tham gia lớp bồi dưỡng", symbol: "01/SNV-TCBC", issuedDate: `${YEAR}-01-12`,
      })
      .returning({ id: outgoingDocuments.id });
    const [item] = await db
      .select({ id: filePlanItems.id, code: filePlanItems.code, title: filePlanItems.title, retentionCode: filePlanItems.retentionCode })
      .from(filePlanItems)
      .innerJoin(filePlans, eq(filePlans.id, filePlanItems.planId))
      .where(and(eq(filePlans.agencyId, agencyId), eq(filePlans.year, YEAR)))
      .limit(1);
    [{ id: ids.workFile }] = await db
      .insert(workFiles)
      .values({ agencyId, planItemId: item.id, year: YEAR, code: item.code, title: item.title, ownerId: staff, unitId: tcbc.id, retentionCode: item.retentionCode })
      .returning({ id: workFiles.id });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Nơi nhận").addRows([["Nơi nhận"], ["Sở Tài chính"], ["Sở Nội vụ"]]);
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    ids.xlsx = await storedBlob(db, path.join(dataDir, "files"), agencyId, staff, xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "noi-nhan.xlsx");
  }, { documents: false });
}

const targets = (): Target[] => [
  { who: "anonymous", kind: "page", path: "/login", keys: ["error"] },
  { who: "clerk", kind: "page", path: "/incoming", keys: ["q", "year", "no", "symbol", "issuer", "type", "status", "unit", "overdue", "mine", "page"] },
  { who: "leader", kind: "page", path: "/incoming", keys: ["mine", "status", "page"] },
  { who: "clerk", kind: "page", path: `/incoming/${ids.incoming}`, keys: ["registered", "linked", "xem"] },
  { who: "staff", kind: "page", path: "/outgoing", keys: ["q", "status", "year", "type", "inbox", "mine", "page"] },
  { who: "staff", kind: "page", path: `/outgoing/${ids.outgoing}`, keys: ["saved", "xem"] },
  { who: "staff", kind: "page", path: "/outgoing/new", keys: ["replyTo"], also: [404] },
  { who: "staff", kind: "page", path: "/my-work", keys: ["page", "tab", "q"] },
  { who: "staff", kind: "page", path: "/files", keys: ["q", "year", "status", "scope", "page"] },
  { who: "staff", kind: "page", path: `/files/${ids.workFile}`, keys: ["q"] },
  { who: "staff", kind: "page", path: "/files/plan", keys: ["year", "page", "edit", "add"] },
  { who: "staff", kind: "page", path: "/files/handover", keys: ["year", "page", "reconcile"] },
  { who: "archivist", kind: "page", path: "/files/archive", keys: ["q", "year", "page"] },
  { who: "staff", kind: "page", path: "/files/print", keys: ["book", "year", "batch", "file"], base: `book=file-index&file=${ids.workFile}`, also: [404] },
  { who: "archivist", kind: "page", path: "/files/print", keys: ["book", "year"], base: `book=plan&year=${YEAR}`, also: [404] },
  { who: "clerk", kind: "page", path: "/registers/print", keys: ["book", "year", "series", "register", "from", "to", "fromNo", "toNo"], base: `year=${YEAR}`, also: [404] },
  { who: "clerk", kind: "page", path: "/registers/incoming/print", keys: ["book", "year", "from"], base: `year=${YEAR}`, also: [404] },
  { who: "leader", kind: "page", path: "/monitoring", keys: ["from", "to", "preset", "unit"], also: [404] },
  { who: "leader", kind: "page", path: "/monitoring/reports", keys: ["kind", "from", "to", "preset", "unit"], also: [404] },
  { who: "leader", kind: "page", path: "/incoming", keys: ["from", "to", "progress", "handlingUnit", "within", "handler"], base: "progress=overdue" },
  { who: "admin", kind: "page", path: "/admin/users", keys: ["q", "page"] },
  { who: "admin", kind: "page", path: "/admin/security", keys: ["kind", "before"] },
  { who: "admin", kind: "page", path: "/admin/calendar", keys: ["year", "edit", "day", "kind"] },
  { who: "province", kind: "page", path: "/admin/agencies", keys: ["q", "page"] },
  { who: "province", kind: "page", path: "/admin/agencies/log", keys: ["before"] },
  { who: "clerk", kind: "api", path: "/api/registers", keys: ["format", "book", "year", "series", "register", "from", "to", "fromNo", "toNo"], base: `format=xlsx&year=${YEAR}` },
  { who: "clerk", kind: "api", path: "/api/registers/incoming", keys: ["format", "year"], base: `format=xlsx&year=${YEAR}` },
  { who: "leader", kind: "api", path: "/api/monitoring", keys: ["table", "format", "from", "to", "preset", "unit"], base: "table=units&format=xlsx", also: [404] },
  { who: "clerk", kind: "api", path: "/api/monitoring/reports", keys: ["kind", "format", "from", "to", "preset", "unit"], base: "kind=incoming&format=xlsx", also: [404] },
  { who: "clerk", kind: "api", path: `/api/files/${ids.pdf}`, keys: ["inline"] },
  { who: "staff", kind: "api", path: `/api/work-files/${ids.workFile}/export`, keys: ["format"], base: "format=xml" },
  { who: "staff", kind: "api", path: "/api/work-files/books", keys: ["format", "book", "year", "batch", "file"], base: `format=xlsx&book=file-index&file=${ids.workFile}`, also: [404] },
  { who: "staff", kind: "api", path: "/api/outgoing/recipients", keys: ["fileId"], base: `fileId=${ids.xlsx}`, also: [404, 422] },
];

/** Pages and handlers that take an id in the path (the real id is replaced). */
const idRoutes = (): { who: Who; kind: "page" | "api"; path: (id: string) => string }[] => [
  { who: "clerk", kind: "page", path: (id) => `/incoming/${id}` },
  { who: "staff", kind: "page", path: (id) => `/outgoing/${id}` },
  { who: "staff", kind: "page", path: (id) => `/outgoing/${id}/edit` },
  { who: "staff", kind: "page", path: (id) => `/files/${id}` },
  { who: "staff", kind: "page", path: (id) => `/files/handover/${id}` },
  { who: "admin", kind: "page", path: (id) => `/admin/users/${id}` },
  { who: "admin", kind: "page", path: (id) => `/admin/units/${id}` },
  { who: "province", kind: "page", path: (id) => `/admin/agencies/${id}` },
  { who: "clerk", kind: "api", path: (id) => `/api/files/${id}` },
  { who: "clerk", kind: "api", path: (id) => `/api/files/${id}/preview` },
  { who: "staff", kind: "api", path: (id) => `/api/work-files/${id}/export?format=pdf` },
];

interface Answer {
  status: number;
  /** The page's h1, else its title (a printout has no h1 before its cover). */
  h1: string;
  body: string;
  type: string;
  location: string | null;
}

async function get(who: Who, url: string): Promise<Answer> {
  const res = await fetch(`${app.url}${url}`, {
    redirect: "manual",
    headers: cookies[who] ? { cookie: cookies[who]! } : {},
    signal: AbortSignal.timeout(60_000),
  });
  const type = res.headers.get("content-type") ?? "";
  const body = type.startsWith("text/") || type.includes("json") ? await res.text() : (await res.arrayBuffer(), "");
  const tag = (name: string) => new RegExp(`<${name}[^>]*>([\\s\\S]*?)</${name}>`).exec(body)?.[1]?.replace(/<[^>]+>/g, "").trim();
  const h1 = tag("h1") || tag("title") || "";
  return { status: res.status, h1, body, type, location: res.headers.get("location") };
}

/** A few requests at a time: the server renders each page, on a machine of two cores. */
async function inPool<T>(items: T[], run: (item: T) => Promise<void>, width = 3) {
  const queue = [...items];
  await Promise.all(Array.from({ length: width }, async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) await run(next);
  }));
}

/** The fuzzed query strings of a target: each corpus value under each key, plus repeated keys and arrays. */
function queries(t: Target): string[] {
  const withBase = (q: string) => (t.base ? `${t.base}&${q}` : q);
  const out: string[] = [];
  for (const key of t.keys) for (const v of CORPUS) out.push(withBase(`${key}=${v}`));
  out.push(withBase(t.keys.map((k) => `${k}=1&${k}=foo&${k}=99999999999999999999`).join("&")));
  out.push(withBase(t.keys.map((k) => `${k}[]=1&${k}[]=2`).join("&")));
  out.push(withBase(t.keys.map((k) => `${k}[0]=a&${k}[x][y]=b`).join("&")));
  out.push(withBase(t.keys.map((k) => `${k}=%00`).join("&")));
  out.push(withBase(t.keys.map((k) => `${k}=${"9".repeat(400)}`).join("&")));
  if (t.base) out.push(t.base.replace(/=([^&]*)/g, "=$1&$1=%00"));
  return out;
}

/** A string with lone surrogates replaced, percent-encoded. */
const enc = (s: string) => encodeURIComponent(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"));

function expectNormal(t: Target, clean: Answer, got: Answer, url: string) {
  const what = `${t.who} ${url.slice(0, 300)} → ${got.status} "${got.h1}"`;
  expect(got.status, what).toBeLessThan(500);
  expect(got.body, what).not.toContain("Đã có lỗi xảy ra");
  if (t.kind === "page") {
    // The normal 404 page (streamed: its text may sit in the page's data rather than in an h1).
    if (got.status === 404 && t.also?.includes(404)) return expect(got.body, what).toContain(NOT_FOUND);
    if (got.status === 308 && clean.status === 308) return expect(got.location, what).toMatch(/^\/registers\/print\?/);
    expect(got.status, what).toBe(clean.status);
    // The normal page: a print view may fall back to its form ("Sổ văn bản"), every other page keeps its heading.
    if (t.path === "/registers/print") expect([clean.h1, "Sổ văn bản"], what).toContain(got.h1);
    else expect(got.h1, what).toBe(clean.h1);
  } else {
    if (got.status === clean.status || got.status === 404 && t.also?.includes(404) || t.also?.includes(got.status)) return;
    // Bad parameters: 400 with a Vietnamese message.
    expect(got.status, what).toBe(400);
    expect(got.type, what).toMatch(/^text\/plain/);
    expect(got.body, what).toMatch(/không hợp lệ/);
  }
}

beforeAll(async () => {
  app = await startApp({ dataDir: await preparedDataDir(), env: { LOGIN_IP_MAX_FAILURES: "1000" } });
  const browser = await launchBrowser();
  try {
    const people: [Who, { username: string; fullName: string }][] = [
      ["clerk", DEMO.clerk], ["leader", DEMO.leader], ["staff", DEMO.staff], ["archivist", DEMO.archivist], ["admin", DEMO.admin],
      ["province", DEMO.province],
    ];
    for (const [who, p] of people) {
      const { context, page } = await newPage(browser);
      await login(page, app.url, p.username, p.fullName);
      const c = await sessionCookie(context);
      cookies[who] = `${c!.name}=${c!.value}`;
      await context.close();
    }
  } finally {
    await browser.close();
  }
}, 300_000);

afterEach((ctx) => printServerLogIfFailed(ctx, app));
afterAll(async () => {
  await app?.stop();
});

describe("odd search parameters never answer 500", () => {
  test("each page and route handler answers its clean query normally", async () => {
    for (const t of targets()) {
      const clean = await get(t.who, t.base ? `${t.path}?${t.base}` : t.path);
      expect(clean.status, `${t.who} ${t.path}`).toBeLessThan(400);
      if (t.kind === "page" && clean.status === 200) {
        expect(clean.h1, t.path).not.toBe("");
        expect(clean.body, t.path).not.toContain(NOTICE);
      }
    }
  });

  for (const [i, label] of targets().map((t, n) => [n, `${t.who} ${t.path}${t.base ? `?${t.base}` : ""}`] as const)) {
    test(`${label}: the corpus under each key, repeated keys and arrays`, async () => {
      const t = targets()[i];
      const clean = await get(t.who, t.base ? `${t.path}?${t.base}` : t.path);
      await inPool(queries(t), async (q) => {
        const url = `${t.path}?${q}`;
        expectNormal(t, clean, await get(t.who, url), url);
      });
    }, 240_000);
  }

  test("random query strings (fast-check) on every target", async () => {
    for (const t of targets()) {
      const clean = await get(t.who, t.base ? `${t.path}?${t.base}` : t.path);
      const value = fc.oneof(fc.string({ unit: "binary", maxLength: 40 }).map(enc), fc.constantFrom(...CORPUS));
      const query = fc.array(fc.tuple(fc.constantFrom(...t.keys), value), { minLength: 1, maxLength: 6 });
      await fc.assert(
        fc.asyncProperty(query, async (pairs) => {
          const q = pairs.map(([k, v]) => `${k}=${v}`).join("&");
          const url = `${t.path}?${t.base ? `${t.base}&` : ""}${q}`;
          expectNormal(t, clean, await get(t.who, url), url);
        }),
        { numRuns: 12, seed: 20260710 },
      );
    }
  }, 300_000);

  test("a bad id in the path answers the normal 404 page (route handlers: 400 or 404 with a Vietnamese message)", async () => {
    const cases = idRoutes().flatMap((r) => [...BAD_IDS, `${ids.incoming}%00`, `${ids.incoming.toUpperCase()}x`].map((id) => ({ r, url: r.path(id) })));
    await inPool(cases, async ({ r, url }) => {
      const got = await get(r.who, url);
      const what = `${r.who} ${url.slice(0, 200)} → ${got.status} "${got.h1}"`;
      expect(got.status, what).toBeLessThan(500);
      if (r.kind === "page") {
        expect(got.status, what).toBe(404);
        expect(got.body, what).toContain(NOT_FOUND);
      } else {
        expect([400, 404], what).toContain(got.status);
        expect(got.body, what).toMatch(/không hợp lệ|Không tìm thấy/);
      }
    });
  }, 240_000);

  test("a list page shows the Vietnamese notice for what it left out, and keeps the rest of the filter", async () => {
    const cases: [Who, string][] = [
      ["clerk", "/incoming?status=foo&q=c%C3%B4ng%20v%C4%83n"],
      ["clerk", "/incoming?year=-1"],
      ["clerk", "/incoming?page=99999999999999999999"],
      ["clerk", "/incoming?unit=x"],
      ["staff", "/outgoing?page=1e9"],
      ["staff", "/files?status=foo"],
      ["archivist", "/files/archive?year=NaN"],
      ["staff", "/files/handover?year=99999"],
      ["staff", "/files/plan?year=-1"],
      ["staff", "/my-work?page=-1"],
      ["admin", "/admin/users?page=abc"],
      ["admin", "/admin/security?before=99999999999999999999"],
      ["admin", "/admin/security?kind=toString"],
    ];
    for (const [who, url] of cases) {
      const got = await get(who, url);
      expect(got.status, url).toBe(200);
      expect(got.body, url).toContain(NOTICE);
    }
    const kept = await get("clerk", "/incoming?status=foo&q=c%C3%B4ng%20v%C4%83n");
    expect(kept.body).toMatch(/name="q"[^>]*value="công văn"|value="công văn"[^>]*name="q"/);
    const clean = await get("clerk", "/incoming?status=registered");
    expect(clean.body).not.toContain(NOTICE);
  });

  test("route handlers answer 400 with a Vietnamese message for a bad parameter", async () => {
    const cases: [Who, string][] = [
      ["clerk", `/api/registers?format=xlsx&year=-1`],
      ["clerk", `/api/registers?format=xlsx&year=${YEAR}&from=2024-02-30`],
      ["clerk", `/api/registers?format=xlsx&year=${YEAR}&fromNo=1e9`],
      ["clerk", `/api/files/${ids.pdf}?inline=yes`],
      ["staff", `/api/work-files/${ids.workFile}/export?format=foo`],
      ["staff", `/api/work-files/books?format=xlsx&book=plan&year=99999999999999999999`],
      ["staff", "/api/outgoing/recipients?fileId=x"],
      ["staff", "/api/outgoing/recipients?fileId=%00"],
    ];
    for (const [who, url] of cases) {
      const got = await get(who, url);
      expect(got.status, url).toBe(400);
      expect(got.type, url).toMatch(/^text\/plain/);
      expect(got.body, url).toMatch(/không hợp lệ/);
    }
  });

  test("nothing above reached the database as an error (the server logged no failed query or render error)", () => {
    expect(app.logs()).not.toMatch(/Failed query|⨯|invalid byte sequence|Internal Server Error/);
  });
});

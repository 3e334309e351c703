import { createHash, randomUUID } from "node:crypto";
import http from "node:http";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { pdf, png, EICAR } from "../unit/storage-fixtures";
import { DEMO, launchBrowser, login, newPage, printServerLogIfFailed, sessionCookie, startApp, type AppServer } from "./harness";

// Uploads and downloads over HTTP against a production build (issue 3, security.md §5 rows 4,
// 8–10): the browser's own fetch for the normal path, Node's fetch for what a browser would not send.

const LIMIT = 4096;
let app: AppServer;
let browser: Browser;
let clerk: { context: BrowserContext; page: Page };
let staff: { context: BrowserContext; page: Page };

interface UploadAnswer {
  status: number;
  body: { ok: boolean; formError?: string; file?: { id: string; name: string; size: number; mime: string; sha256: string } };
}

/** POST /api/files from the page, as the app's own client code does (lib/storage/client.ts). */
async function browserUpload(page: Page, bytes: Buffer, name: string, type = "application/octet-stream"): Promise<UploadAnswer> {
  return page.evaluate(
    async ({ b64, name, type }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const res = await fetch("/api/files", { method: "POST", body: new Blob([bytes], { type }), headers: { "X-File-Name": encodeURIComponent(name) } });
      return { status: res.status, body: await res.json() };
    },
    { b64: bytes.toString("base64"), name, type },
  );
}

async function cookieHeader(context: BrowserContext) {
  const c = await sessionCookie(context);
  return `${c!.name}=${c!.value}`;
}

beforeAll(async () => {
  app = await startApp({ env: { UPLOAD_MAX_BYTES: String(LIMIT), LOGIN_IP_MAX_FAILURES: "1000" } });
  browser = await launchBrowser();
  clerk = await newPage(browser);
  staff = await newPage(browser);
  await login(clerk.page, app.url, DEMO.clerk.username, DEMO.clerk.fullName);
  await login(staff.page, app.url, DEMO.staff.username, DEMO.staff.fullName);
});

afterEach((ctx) => printServerLogIfFailed(ctx, app));

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("upload and download", () => {
  test("a clerk uploads a PDF and downloads it with safe headers; another person without access gets 404", async () => {
    const bytes = pdf("Cong van 12");
    const name = "Công văn số 12 (bản chính).pdf";
    const up = await browserUpload(clerk.page, bytes, name, "text/html");
    expect(up.status).toBe(201);
    expect(up.body).toEqual({
      ok: true,
      file: { id: expect.any(String), name, size: bytes.length, mime: "application/pdf", sha256: createHash("sha256").update(bytes).digest("hex"), pdfRisks: [] },
    });
    const url = `${app.url}/api/files/${up.body.file!.id}`;

    const res = await clerk.context.request.get(url, { maxRedirects: 0 });
    expect(res.status()).toBe(200);
    expect(Buffer.from(await res.body()).equals(bytes)).toBe(true);
    expect(res.headers()).toMatchObject({
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="Cong van so 12 (ban chinh).pdf"; filename*=UTF-8''${encodeURIComponent(name).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox",
    });
    const inline = await clerk.context.request.get(`${url}?inline=1`);
    expect(inline.headers()["content-disposition"]).toMatch(/^inline; /);
    expect(inline.headers()["content-security-policy"]).toBe("sandbox");

    // Staff of another unit, with no assignment: the same answer as a file that does not exist.
    const denied = await staff.context.request.get(url, { maxRedirects: 0 });
    const missing = await staff.context.request.get(`${app.url}/api/files/${randomUUID()}`, { maxRedirects: 0 });
    expect([denied.status(), missing.status()]).toEqual([404, 404]);
    expect(await denied.text()).toBe(await missing.text());
  });

  test("an image is served as what it is, whatever type the browser claimed", async () => {
    const up = await browserUpload(clerk.page, png(), "anh", "text/html");
    expect(up.body.file).toMatchObject({ name: "anh.png", mime: "image/png" });
    const res = await clerk.context.request.get(`${app.url}/api/files/${up.body.file!.id}?inline=1`);
    expect(res.headers()["content-type"]).toBe("image/png");
    expect(res.headers()["content-disposition"]).toMatch(/^attachment; /);
  });
});

describe("refusals", () => {
  test("limit + 1 byte is refused with 413, with Content-Length and with a chunked body", async () => {
    const over = Buffer.concat([pdf(), Buffer.alloc(LIMIT + 1 - pdf().length, 0x20)]);
    const viaBrowser = await browserUpload(clerk.page, over, "lon.pdf");
    expect(viaBrowser).toEqual({ status: 413, body: { ok: false, formError: "Tệp vượt quá dung lượng cho phép (tối đa 4 KB)." } });

    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < over.length; i += 1000) controller.enqueue(over.subarray(i, i + 1000));
        controller.close();
      },
    });
    const res = await fetch(`${app.url}/api/files`, {
      method: "POST",
      body: chunked,
      duplex: "half",
      headers: { Origin: app.url, Cookie: await cookieHeader(clerk.context), "X-File-Name": "lon.pdf" },
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual(viaBrowser.body);
  });

  /**
   * Streams up to 200 MB to the upload route with node:http, which reads the answer while it is
   * still sending. The server stops reading at the limit and closes the connection; depending on
   * timing the client sees the 413 or only the closed socket (EPIPE/ECONNRESET), never a server
   * that swallowed the whole body.
   */
  async function hugeUpload(withLength: boolean) {
    const total = 200 * 1024 * 1024;
    const target = new URL(`${app.url}/api/files`);
    const headers: Record<string, string> = { Origin: app.url, Cookie: await cookieHeader(clerk.context), "X-File-Name": "vo-han.pdf" };
    if (withLength) headers["Content-Length"] = String(total);
    return new Promise<{ status: number | string; sent: number }>((resolve) => {
      let sent = 0;
      const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: "POST", headers }, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, sent });
        req.destroy();
      });
      req.on("error", (e: NodeJS.ErrnoException) => resolve({ status: e.code ?? e.message, sent }));
      const chunk = Buffer.alloc(64 * 1024, 0x25);
      const write = () => {
        while (sent < total && !req.destroyed) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", write);
        }
        if (!req.destroyed) req.end();
      };
      write();
    });
  }

  test.each([
    ["without Content-Length (cut at the limit + 1)", false],
    ["with Content-Length (refused before reading)", true],
  ])("a 200 MB body %s is not read to its end", async (_, withLength) => {
    const { status, sent } = await hugeUpload(withLength);
    expect([413, "EPIPE", "ECONNRESET"]).toContain(status);
    expect(sent).toBeLessThan(20 * 1024 * 1024);
    // The server is unharmed: the next upload goes through.
    expect((await browserUpload(clerk.page, pdf("sau do"), "sau-do.pdf")).status).toBe(201);
  });

  test("wrong content is refused with 415, whatever its name", async () => {
    const res = await browserUpload(clerk.page, Buffer.from(EICAR), "eicar.pdf", "application/pdf");
    expect(res).toEqual({ status: 415, body: { ok: false, formError: "Chỉ nhận tệp PDF, DOCX, XLSX, PNG hoặc JPEG." } });
  });

  test("anonymous: upload 401, download sent to the sign-in page", async () => {
    const up = await fetch(`${app.url}/api/files`, { method: "POST", body: new Uint8Array(pdf()), headers: { Origin: app.url, "X-File-Name": "a.pdf" } });
    expect(up.status).toBe(401);
    const down = await fetch(`${app.url}/api/files/${randomUUID()}`, { redirect: "manual" });
    expect(down.status).toBe(303);
    expect(down.headers.get("location")).toBe("/login");
  });

  test("cross-site and Origin-less uploads are refused (CSRF), even with the session cookie", async () => {
    const cookie = await cookieHeader(clerk.context);
    for (const origin of ["http://evil.example", undefined, "null"]) {
      const headers: Record<string, string> = { Cookie: cookie, "X-File-Name": "a.pdf" };
      if (origin) headers.Origin = origin;
      const res = await fetch(`${app.url}/api/files`, { method: "POST", body: new Uint8Array(pdf()), headers });
      expect(res.status, String(origin)).toBe(403);
    }
  });

  // The administrator uploads the agency's emblem (issue 11 item 14), so the person here is the
  // director: a leader registers, drafts, issues and keeps nothing, so attaches no files.
  test("a person whose positions attach no files (the director) is refused with 403", async () => {
    const leader = await newPage(browser);
    await login(leader.page, app.url, DEMO.leader.username, DEMO.leader.fullName);
    expect((await browserUpload(leader.page, pdf(), "a.pdf")).status).toBe(403);
    await leader.context.close();
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { agencies, exchangeMessages, incomingDocuments } from "@/db/schema";
import { handleEdxmlPost, handlePing } from "@/lib/exchange/http";
import { countRows, createTestDb, DB_KINDS, type TestDb } from "../helpers/db";
import { makeParty, setupReceiver, signedDocument, type Setup } from "./exchange-receive-kit";
import { signEdxml } from "@/lib/edxml/signature";
import { buildEdxml } from "@/lib/edxml";
import { documentMessage } from "./exchange-receive-kit";

// The direct transport's receiving route (POST /api/exchange/edxml, GET /api/exchange/ping): the contract
// the sending installation's client relies on — 202 received, 200 duplicate, 4xx refused (do not retry)
// with {code, reason}, 413 for a body over the limit (refused unread by its Content-Length), 415 for a
// wrong Content-Type, never a 500 for bad input.

const post = (body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/xml; charset=utf-8" }) =>
  new Request("http://127.0.0.1/api/exchange/edxml", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe.each(DB_KINDS)("the direct receiving route on %s", (kind) => {
  let t: TestDb;
  let s: Setup;
  let root: string;
  const saved = process.env.FILES_DIR;

  beforeAll(async () => {
    t = await createTestDb(kind);
    root = fs.mkdtempSync(path.join(os.tmpdir(), "xrecv-route-"));
    process.env.FILES_DIR = root;
    s = await setupReceiver(t.db);
  });
  afterAll(async () => {
    process.env.FILES_DIR = saved;
    await t.drop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("202 on a new message, 200 duplicate on its redelivery", async () => {
    const { raw } = signedDocument(s);
    const r1 = await handleEdxmlPost(post(raw));
    expect(r1.status).toBe(202);
    const b1 = await r1.json();
    expect(b1).toEqual({ id: expect.any(String), state: "received" });
    const r2 = await handleEdxmlPost(post(raw, { "content-type": "text/xml" }));
    expect(r2.status).toBe(200);
    expect(await r2.json()).toEqual({ id: b1.id, duplicate: true });
  });

  it("refusals: 403 for who sent it, 400 for what was sent, with a code and a Vietnamese reason", async () => {
    const stranger = await makeParty(`CN=Lạ, OU=${s.them.organId}, O=Lạ, C=VN`);
    const forged = await handleEdxmlPost(post(signEdxml(buildEdxml(documentMessage(s)), stranger)));
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ code: "signature_certificate_unknown", reason: expect.stringContaining("Chứng thư") });
    const doctype = await handleEdxmlPost(post('<?xml version="1.0"?><!DOCTYPE x><edXML/>'));
    expect(doctype.status).toBe(400);
    expect(await doctype.json()).toMatchObject({ code: "doctype" });
    const garbage = await handleEdxmlPost(post("%%% không phải XML"));
    expect(garbage.status).toBe(400);
    expect((await garbage.json()).reason).toBeTruthy();
    const empty = await handleEdxmlPost(post(""));
    expect(empty.status).toBe(400);
  });

  it("415 for another Content-Type; 413 for a declared or streamed body over the limit, unread", async () => {
    const docs = await countRows(t.db, incomingDocuments);
    const json = await handleEdxmlPost(post("{}", { "content-type": "application/json" }));
    expect(json.status).toBe(415);
    expect(await json.json()).toMatchObject({ code: "content_type" });

    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(64 * 1024).fill(60));
        if (pulled > 10_000) c.close();
      },
    });
    const declared = await handleEdxmlPost(post(endless, { "content-type": "application/xml", "content-length": String(10 * 1024 ** 3) }));
    expect(declared.status).toBe(413);
    expect(declared.headers.get("connection")).toBe("close");
    expect(pulled).toBeLessThanOrEqual(1);

    const small = { maxBytes: 256 * 1024 };
    let streamed = 0;
    const big = new ReadableStream<Uint8Array>({
      pull(c) {
        streamed++;
        c.enqueue(new Uint8Array(64 * 1024).fill(60));
        if (streamed > 1000) c.close();
      },
    });
    const over = await handleEdxmlPost(post(big, { "content-type": "application/xml" }), small);
    expect(over.status).toBe(413);
    expect(await over.json()).toMatchObject({ code: "too_large" });
    expect(streamed).toBeLessThan(10);
    expect(await countRows(t.db, incomingDocuments)).toBe(docs);
  });

  it("503 + Retry-After past EXCHANGE_RECEIVE_CONCURRENCY messages at once, unread; the held one still lands", async () => {
    const saved = process.env.EXCHANGE_RECEIVE_CONCURRENCY;
    process.env.EXCHANGE_RECEIVE_CONCURRENCY = "1";
    try {
      const { raw } = signedDocument(s);
      const bytes = new Uint8Array(raw);
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      const slow = new ReadableStream<Uint8Array>({
        async start(c) {
          c.enqueue(bytes.subarray(0, 100));
          await released;
          c.enqueue(bytes.subarray(100));
          c.close();
        },
      });
      const held = handleEdxmlPost(post(slow));
      let pulled = false;
      const second = new ReadableStream<Uint8Array>({ pull() { pulled = true; } }, { highWaterMark: 0 });
      const busy = await handleEdxmlPost(post(second));
      expect(busy.status).toBe(503);
      expect(busy.headers.get("retry-after")).toBe("5");
      expect(await busy.json()).toMatchObject({ code: "busy", reason: expect.stringContaining("gửi lại") });
      expect(pulled).toBe(false);
      release();
      expect((await held).status).toBe(202);
      const after = await handleEdxmlPost(post(signedDocument(s).raw));
      expect(after.status).toBe(202);
    } finally {
      if (saved === undefined) delete process.env.EXCHANGE_RECEIVE_CONCURRENCY;
      else process.env.EXCHANGE_RECEIVE_CONCURRENCY = saved;
    }
  });

  it("a stopped agency: 403 recipient_stopped with the evidence kept under it, no document, not named by ping; let back, the same message lands", async () => {
    const { raw } = signedDocument(s);
    const docs = await countRows(t.db, incomingDocuments);
    await t.db.update(agencies).set({ disabledAt: new Date(), disabledReason: "Sáp nhập" }).where(eq(agencies.id, s.w.agencyId));
    try {
      const refused = await handleEdxmlPost(post(raw));
      expect(refused.status).toBe(403);
      const body = await refused.json();
      expect(body).toMatchObject({ code: "recipient_stopped", reason: expect.stringContaining("đã ngừng hoạt động") });
      const [row] = await t.db.select().from(exchangeMessages).where(eq(exchangeMessages.id, body.id));
      expect(row).toMatchObject({ agencyId: s.w.agencyId, direction: "in", state: "rejected", errorCode: "recipient_stopped" });
      expect(row.rawFileId).toBeTruthy();
      expect(await countRows(t.db, incomingDocuments)).toBe(docs);
      expect((await (await handlePing()).json()).organIds).not.toContain(s.us.organId);
    } finally {
      await t.db.update(agencies).set({ disabledAt: null, disabledReason: "" }).where(eq(agencies.id, s.w.agencyId));
    }
    const again = await handleEdxmlPost(post(raw));
    expect(again.status).toBe(202);
    expect(await countRows(t.db, incomingDocuments)).toBe(docs + 1);
  });

  it("ping names the agencies this installation serves", async () => {
    const r = await handlePing();
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body.organIds).toContain(s.us.organId);
    expect(typeof body.name).toBe("string");
  });
});

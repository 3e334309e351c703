import { spawn } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { openDb, type Db } from "@/db/client";
import { auditChainHeads, auditEvents } from "@/db/schema";
import { executeAction } from "@/lib/actions/define";
import { appendAudit, verifyChain } from "@/lib/audit";
import {
  anchorKeyFromPem, anchorSignatureProblem, checkAgainstAnchor, createAnchor, parseAnchor, readChainHeads, type Anchor,
} from "@/lib/audit/anchor";
import { entryHash } from "@/lib/audit/chain";
import { registerPaper } from "@/lib/incoming/actions";
import { paper } from "../factories/incoming";
import { buildWorld, callerOf, keyed } from "../factories/org";
import { auditRows, createTestDb, DB_KINDS, withAuditTriggersOff, type TestDb } from "../helpers/db";

// Issue 10 item 10 and security.md §4: the chain heads go to an outside record; checking the trail
// against it finds what the chain alone cannot — a deleted tail with the head moved back, or a
// history re-chained from an edited entry on — and the agency's signature shows the record is its own.

const newChain = () => `anchor-${randomBytes(4).toString("hex")}`;

async function append(db: Db, chain: string, n: number) {
  await db.transaction(async (tx) => {
    for (let i = 0; i < n; i++) await appendAudit(tx, { agencyId: chain, action: "test.anchor", objectId: String(i), payload: { i, tên: "Văn bản" } });
  });
}

const tamper = withAuditTriggersOff;

/** Re-chains `chain` from its first entry on (after an edit), so that the chain itself verifies again. */
async function rechain(db: Db, chain: string) {
  const rows = await db.select().from(auditEvents).where(eq(auditEvents.chain, chain)).orderBy(asc(auditEvents.id));
  let prev = "0".repeat(64);
  for (const r of rows) {
    const hash = entryHash(prev, { ...r, payload: r.payload ?? {} });
    await db.update(auditEvents).set({ prevHash: prev, hash }).where(eq(auditEvents.id, r.id));
    prev = hash;
  }
  const last = rows.at(-1)!;
  await db.update(auditChainHeads).set({ lastId: last.id, lastHash: prev }).where(eq(auditChainHeads.chain, chain));
}

const keys = {
  ES256: generateKeyPairSync("ec", { namedCurve: "P-256" }),
  RS256: generateKeyPairSync("rsa", { modulusLength: 2048 }),
};
const pem = (k: (typeof keys)["ES256"]) => k.privateKey.export({ type: "pkcs8", format: "pem" });

describe.each(DB_KINDS)("audit anchors on %s", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => t?.drop());

  it("exports every chain's head with its count and time, and a later trail that only grew still matches", async () => {
    const w = await buildWorld(t.db);
    const r = await executeAction(registerPaper, callerOf(w.people.clerk.id), keyed(paper()), t.db);
    expect(r).toMatchObject({ ok: true });
    const chain = newChain();
    await append(t.db, chain, 5);
    const anchor = await createAnchor(t.db, null);
    expect(anchor.signature).toBeUndefined();
    const rows = await auditRows(t.db, { chain });
    expect(anchor.heads.find((h) => h.chain === chain)).toEqual({
      chain, lastId: rows[4].id, lastHash: rows[4].hash, count: 5, at: rows[4].at.toISOString(),
    });
    const agency = anchor.heads.find((h) => h.chain === w.agencyId)!;
    expect(agency.count).toBe((await auditRows(t.db, { chain: w.agencyId })).length);
    await append(t.db, chain, 3);
    expect(await checkAgainstAnchor(t.db, parseAnchor(JSON.stringify(anchor)).heads)).toEqual([]);
  });

  it.each(Object.keys(keys) as (keyof typeof keys)[])("signs with the agency key (%s) as a detached JWS; any change breaks it", async (alg) => {
    const key = anchorKeyFromPem(pem(keys[alg]));
    expect(key.alg).toBe(alg);
    const anchor = await createAnchor(t.db, key);
    expect(anchor.signature).toMatchObject({ alg });
    expect(anchor.signature!.jws).toMatch(/^[\w-]+\.\.[\w-]+$/);
    expect(await anchorSignatureProblem(anchor, keys[alg].publicKey)).toBeNull();
    // Through the file, as audit:verify reads it.
    expect(await anchorSignatureProblem(parseAnchor(JSON.stringify(anchor)), keys[alg].publicKey)).toBeNull();
    const edited: Anchor = { ...anchor, heads: anchor.heads.map((h, i) => (i === 0 ? { ...h, count: h.count - 1 } : h)) };
    expect(await anchorSignatureProblem(edited, keys[alg].publicKey)).toMatch(/không hợp lệ/);
    const other = alg === "ES256" ? keys.RS256 : keys.ES256;
    expect(await anchorSignatureProblem(anchor, other.publicKey)).toMatch(/không hợp lệ/);
    const { signature: _s, ...unsigned } = anchor;
    expect(await anchorSignatureProblem(unsigned, keys[alg].publicKey)).toMatch(/không có chữ ký/);
  });

  it("finds a deleted tail although the head was moved back and the chain itself verifies", async () => {
    const chain = newChain();
    await append(t.db, chain, 10);
    const anchor = await createAnchor(t.db, null);
    const rows = await auditRows(t.db, { chain });
    await tamper(t.db, async () => {
      await t.db.delete(auditEvents).where(eq(auditEvents.id, rows[9].id));
      await t.db.update(auditChainHeads).set({ lastId: rows[8].id, lastHash: rows[8].hash }).where(eq(auditChainHeads.chain, chain));
    });
    expect(await verifyChain(t.db, chain)).toEqual({ ok: true, checked: 9 });
    const problems = await checkAgainstAnchor(t.db, anchor.heads.filter((h) => h.chain === chain));
    expect(problems).toEqual([{ chain, message: expect.stringMatching(new RegExp(`#${rows[9].id}.*đã bị xóa`)) }]);
  });

  it("finds a history re-chained from an edited entry on", async () => {
    const chain = newChain();
    await append(t.db, chain, 8);
    const anchor = await createAnchor(t.db, null);
    const rows = await auditRows(t.db, { chain });
    await tamper(t.db, async () => {
      await t.db.update(auditEvents).set({ payload: { i: 3, tên: "Đã sửa" } }).where(eq(auditEvents.id, rows[3].id));
      await rechain(t.db, chain);
    });
    expect(await verifyChain(t.db, chain)).toEqual({ ok: true, checked: 8 });
    expect(await checkAgainstAnchor(t.db, anchor.heads)).toContainEqual({ chain, message: expect.stringMatching(/viết lại/) });
    expect(await checkAgainstAnchor(t.db, anchor.heads.filter((h) => h.chain === chain))).toHaveLength(1);
  });

  it("finds an entry deleted in the middle with everything after it re-chained", async () => {
    const chain = newChain();
    await append(t.db, chain, 6);
    const anchor = await createAnchor(t.db, null);
    const rows = await auditRows(t.db, { chain });
    await tamper(t.db, async () => {
      await t.db.delete(auditEvents).where(eq(auditEvents.id, rows[2].id));
      await rechain(t.db, chain);
    });
    expect(await verifyChain(t.db, chain)).toMatchObject({ ok: true });
    expect((await checkAgainstAnchor(t.db, anchor.heads)).map((p) => p.chain)).toContain(chain);
    expect(await checkAgainstAnchor(t.db, anchor.heads.filter((h) => h.chain === chain))).toHaveLength(1);
  });

  it("refuses a file that is not an anchor", () => {
    expect(() => parseAnchor("{")).toThrow(/JSON/);
    expect(() => parseAnchor(JSON.stringify({ format: "khác", heads: [] }))).toThrow(/định dạng/);
  });
});

// The commands themselves, on an embedded database folder (one engine is enough for the wiring).
describe("npm run audit:anchor and audit:verify --anchor", () => {
  const tsx = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");
  let dir: string;
  let keyFile: string;
  let chain: string;
  const received: { body: string; type?: string }[] = [];
  let server: http.Server;
  let url: string;

  const cli = (script: string, args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, [tsx, "--conditions=react-server", script, ...args], {
        env: { NODE_ENV: "production", PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DATA_DIR: dir, AUDIT_ANCHOR_KEY: keyFile, ...env } as NodeJS.ProcessEnv,
      });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d));
      child.stderr.on("data", (d: Buffer) => (out += d));
      child.on("exit", (code) => resolve({ code, out }));
    });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpdt-anchor-"));
    keyFile = path.join(dir, "agency-key.pem");
    fs.writeFileSync(keyFile, pem(keys.ES256), { mode: 0o600 });
    const h = await openDb({ dataDir: path.join(dir, "pglite"), loadDataDir: new Blob([fs.readFileSync(inject("pgliteTemplate"))]), migrate: false });
    chain = newChain();
    await append(h.db, chain, 4);
    await h.close();
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (d: Buffer) => (body += d));
      req.on("end", () => {
        received.push({ body, type: req.headers["content-type"] });
        res.writeHead(req.url === "/refuse" ? 503 : 201).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("writes a signed anchor to a file and posts the same to a URL; verify passes, then finds a deleted tail", async () => {
    const file = path.join(dir, "anchor.json");
    const r = await cli("scripts/audit-anchor.ts", ["--out", file, "--url", `${url}/anchors`]);
    expect(r.out).toMatch(/Đã ghi mốc neo/);
    expect(r.code, r.out).toBe(0);
    const anchor = parseAnchor(fs.readFileSync(file, "utf8"));
    expect(anchor.signature?.alg).toBe("ES256");
    expect(anchor.heads.find((h) => h.chain === chain)?.count).toBe(4);
    expect(received).toHaveLength(1);
    expect(received[0].type).toBe("application/json");
    expect(JSON.parse(received[0].body)).toEqual(anchor);

    const ok = await cli("scripts/audit-verify.ts", ["--anchor", file]);
    expect(ok.out).toMatch(/chữ ký ES256 hợp lệ/);
    expect(ok.code, ok.out).toBe(0);

    // A receiver that refuses: the command fails, so a scheduler notices.
    const refused = await cli("scripts/audit-anchor.ts", ["--url", `${url}/refuse`]);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/503/);

    const h = await openDb({ dataDir: path.join(dir, "pglite"), migrate: false });
    const [last] = (await readChainHeads(h.db)).filter((x) => x.chain === chain);
    const rows = await auditRows(h.db, { chain });
    await tamper(h.db, async () => {
      await h.db.delete(auditEvents).where(eq(auditEvents.id, last.lastId));
      await h.db.update(auditChainHeads).set({ lastId: rows[2].id, lastHash: rows[2].hash }).where(eq(auditChainHeads.chain, chain));
    });
    await h.close();
    const bad = await cli("scripts/audit-verify.ts", ["--anchor", file]);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(new RegExp(`${chain}: bản ghi #${last.lastId}.*đã bị xóa`));
    // Without a key to check it, a signed anchor is not taken on trust.
    const noKey = await cli("scripts/audit-verify.ts", ["--anchor", file], { AUDIT_ANCHOR_KEY: "" });
    expect(noKey.out).toMatch(/chưa cấu hình khóa/);
  }, 120_000);
});

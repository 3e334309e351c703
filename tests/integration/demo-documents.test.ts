import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  agencies, auditEvents, handoverBatches, incomingAssignments, incomingDocuments, incomingEvents, notifications, outgoingDocuments, storedFiles, users, workFiles,
} from "@/db/schema";
import { seedDemo } from "@/lib/seed/demo";
import { seedDemoDocuments } from "@/lib/seed/demo-documents";
import { loadActor } from "@/lib/auth/actor";
import { verifyChain } from "@/lib/audit";
import { listIncoming, myWork } from "@/lib/incoming/queries";
import { listOutgoing } from "@/lib/outgoing/queries";
import { blobPath } from "@/lib/storage/store";
import { todayInVietnam } from "@/lib/dates";
import { countRows, createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Issue 11 item 15 (product.md §9): the demo agency has documents at every stage, made by the
// real workflow steps, so each demo position has something waiting on first sign-in.
const cheapHash = async (pw: string) => `test$${pw.length}`;
const TABLES = { incomingDocuments, incomingAssignments, incomingEvents, outgoingDocuments, workFiles, handoverBatches, storedFiles, notifications, auditEvents };

describe.each(DB_KINDS)("demo documents on %s", (kind) => {
  let t: TestDb;
  let root: string;
  let agencyId: string;
  const today = todayInVietnam();
  const as = async (username: string) => {
    const [u] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, username));
    return (await loadActor(t.db, u.id))!;
  };
  const counts = async () => Object.fromEntries(await Promise.all(Object.entries(TABLES).map(async ([k, tbl]) => [k, await countRows(t.db, tbl)] as const)));

  beforeAll(async () => {
    t = await createTestDb(kind);
    root = fs.mkdtempSync(path.join(os.tmpdir(), "vpdt-demo-files-"));
    await seedDemo(t.db, cheapHash);
    expect(await seedDemoDocuments(t.db, { filesRoot: root })).toMatchObject({ created: true });
    [{ id: agencyId }] = await t.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, "SNV"));
  }, 300_000);
  afterAll(async () => {
    await t?.drop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("about 30 incoming and 15 outgoing documents, a few work files, at every stage", async () => {
    const incoming = await t.db.select().from(incomingDocuments).where(and(eq(incomingDocuments.agencyId, agencyId), eq(incomingDocuments.source, "paper")));
    expect(incoming.length).toBeGreaterThanOrEqual(28);
    expect(new Set(incoming.map((d) => d.status))).toEqual(new Set(["registered", "awaiting_instruction", "in_progress", "done"]));
    const outgoing = await t.db.select().from(outgoingDocuments).where(eq(outgoingDocuments.agencyId, agencyId));
    expect(outgoing.length).toBeGreaterThanOrEqual(15);
    expect(new Set(outgoing.map((d) => d.status))).toEqual(
      new Set(["draft", "awaiting_review", "awaiting_check", "awaiting_signature", "returned", "awaiting_issue", "issued"]),
    );
    const files = await t.db.select().from(workFiles).where(eq(workFiles.agencyId, agencyId));
    expect(new Set(files.map((f) => f.status))).toEqual(new Set(["open", "closed", "archived"]));
    expect(files.some((f) => f.status === "closed" && f.batchId)).toBe(true);
  });

  it("each position finds its work waiting", async () => {
    // The director's inbox: documents waiting for his instruction.
    const director = await listIncoming(await as("giamdoc"), { submittedToMe: true }, t.db);
    expect(director.rows.length).toBeGreaterThanOrEqual(3);
    for (const r of director.rows) expect(r.status).toBe("awaiting_instruction");
    expect((await listIncoming(await as("phogiamdoc1"), { submittedToMe: true }, t.db)).rows.length).toBeGreaterThan(0);
    // The clerk: registered documents to submit, and signed drafts to issue (Chờ phát hành).
    const clerk = await as("vanthu");
    expect((await listIncoming(clerk, { status: "registered" }, t.db)).rows.length).toBeGreaterThan(0);
    const toIssue = (await listOutgoing(clerk, { inbox: true }, t.db)).rows;
    expect(toIssue.filter((r) => r.status === "awaiting_issue").length).toBeGreaterThan(0);
    // A staff member's Việc của tôi has a part past its deadline, and one still in time.
    const staff = (await myWork(await as("cv.tcbc2"), 1, t.db)).rows;
    expect(staff.some((r) => r.deadline && r.deadline < today)).toBe(true);
    expect(staff.some((r) => r.deadline && r.deadline >= today)).toBe(true);
    expect((await myWork(await as("cv.tcbc1"), 1, t.db)).rows.some((r) => r.deadline && r.deadline < today)).toBe(true);
    // A unit head: a unit part to pass on, a draft to review; the Chánh Văn phòng: drafts to check.
    const head = await as("tp.tcbc");
    expect((await myWork(head, 1, t.db)).rows.some((r) => r.unitId && r.status === "pending")).toBe(true);
    expect((await listOutgoing(head, { inbox: true }, t.db)).rows.some((r) => r.status === "awaiting_review")).toBe(true);
    expect((await listOutgoing(await as("chanhvp"), { inbox: true }, t.db)).rows.some((r) => r.status === "awaiting_check")).toBe(true);
    expect((await listOutgoing(await as("giamdoc"), { inbox: true }, t.db)).rows.some((r) => r.status === "awaiting_signature")).toBe(true);
    // A drafter: a draft returned with its reason.
    expect((await listOutgoing(await as("cv.xdcq"), { inbox: true }, t.db)).rows.some((r) => r.status === "returned")).toBe(true);
    // The archivist: a hand-over waiting for Tiếp nhận, and one accepted into the archive.
    const batches = await t.db.select().from(handoverBatches).where(eq(handoverBatches.agencyId, agencyId));
    expect(new Set(batches.map((b) => b.status))).toEqual(new Set(["submitted", "accepted"]));
    const [luutru] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, "luutru"));
    expect((await t.db.select().from(notifications).where(eq(notifications.userId, luutru.id))).some((n) => n.text.includes("chờ tiếp nhận"))).toBe(true);
  });

  it("the story's dates: numbers follow arrival days within this year, deadlines past for overdue parts, nothing dated in the future", async () => {
    const rows = await t.db
      .select({ no: incomingDocuments.arrivalNo, arrival: incomingDocuments.arrivalDate, issued: incomingDocuments.issuedDate, registerId: incomingDocuments.registerId })
      .from(incomingDocuments)
      .where(and(eq(incomingDocuments.agencyId, agencyId), eq(incomingDocuments.source, "paper"), eq(incomingDocuments.secrecy, "normal")))
      .orderBy(asc(incomingDocuments.arrivalNo));
    expect(rows.map((r) => r.no)).toEqual(rows.map((_, i) => i + 1));
    const days = rows.map((r) => todayInVietnam(r.arrival!));
    expect([...days].sort()).toEqual(days);
    expect(new Set(days).size).toBeGreaterThan(10);
    for (const [i, r] of rows.entries()) {
      expect(days[i].slice(0, 4)).toBe(today.slice(0, 4));
      expect(days[i] <= today).toBe(true);
      expect(r.issued! <= days[i]).toBe(true);
    }
    const issued = await t.db.select().from(outgoingDocuments).where(and(eq(outgoingDocuments.agencyId, agencyId), eq(outgoingDocuments.status, "issued"))).orderBy(asc(outgoingDocuments.number));
    expect(issued.map((d) => d.issuedDate)).toEqual(issued.map((d) => d.issuedDate).sort());
    for (const d of issued) {
      expect(d.issuedDate! < today).toBe(true);
      expect(todayInVietnam(d.issuedAt!)).toBe(d.issuedDate);
      expect(todayInVietnam(d.createdAt) <= d.issuedDate!).toBe(true);
    }
    // The trail reads in order of time, as it was written.
    const events = await t.db.select({ documentId: incomingEvents.documentId, at: incomingEvents.at }).from(incomingEvents).orderBy(asc(incomingEvents.id));
    const last = new Map<string, number>();
    for (const e of events) {
      expect(e.at.getTime()).toBeGreaterThanOrEqual(last.get(e.documentId) ?? 0);
      last.set(e.documentId, e.at.getTime());
    }
  });

  it("scans and signed PDFs are real files in the store; the audit chain holds", async () => {
    const stored = await t.db.select().from(storedFiles).where(eq(storedFiles.agencyId, agencyId));
    expect(stored.length).toBeGreaterThanOrEqual(40);
    // The agency's seal image (issue 14) is the one PNG; every other file is a PDF.
    expect(stored.filter((f) => f.mime === "image/png").map((f) => f.name)).toEqual(["con-dau.png"]);
    for (const f of stored) {
      const bytes = fs.readFileSync(blobPath(root, f.sha256));
      expect(bytes.subarray(0, 4).toString("latin1")).toBe(f.mime === "image/png" ? "\x89PNG" : "%PDF");
      expect(bytes.byteLength).toBe(f.size);
    }
    const issued = await t.db.select().from(outgoingDocuments).where(eq(outgoingDocuments.status, "issued"));
    for (const d of issued) expect(d.finalFileId).toBeTruthy();
    expect(await verifyChain(t.db, agencyId)).toMatchObject({ ok: true });
  });

  it("a second run adds nothing", async () => {
    const before = await counts();
    expect(await seedDemoDocuments(t.db, { filesRoot: root })).toMatchObject({ created: false });
    expect(await counts()).toEqual(before);
  });
});

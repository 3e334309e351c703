import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storedFiles } from "@/db/schema";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { getIncoming } from "@/lib/incoming/queries";
import { inspectPdf } from "@/lib/pdf/inspect";
import { renderBookPdf } from "@/lib/registers/pdf";
import { saveUpload } from "@/lib/storage/store";
import { loadFileIndexBook } from "@/lib/work-files/books";
import { exportWorkFilePdf } from "@/lib/work-files/export";
import { buildWorld, type World } from "../factories/org";
import { addEntry, buildPlan, buildWorkFile, incomingEntryDoc } from "../factories/work-files";
import { auditRows, createTestDb, DB_KINDS, type TestDb } from "../helpers/db";
import { ACTIVE_NAMES, escapedJsPdf, hostilePdf, objectText, type Hostile } from "../unit/pdf-fixtures";
import { docx, pdf } from "../unit/storage-fixtures";

// PDFs that act by themselves (issue 10 item 9, security.md §5 row 8): accepted at upload with
// their flags on the file row and in the audit entry, listed with them on the document page, and
// merged into the work-file export with every action and embedded file removed.

const meta = { ip: "10.9.9.9", userAgent: "vitest" };
const YEAR = 2026;

async function* once(buf: Uint8Array) {
  yield buf;
}

describe.each(DB_KINDS)("PDF active content on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let clerk: Actor;
  let staff: Actor;
  let root: string;

  const upload = (bytes: Uint8Array, name: string) =>
    saveUpload(t.db, clerk, meta, { body: once(bytes), name }, { root, maxBytes: 5 * 1024 * 1024 });

  beforeAll(async () => {
    t = await createTestDb(kind);
    root = await fs.mkdtemp(path.join(os.tmpdir(), "pdf-active-"));
    w = await buildWorld(t.db);
    clerk = (await loadActor(t.db, w.people.clerk.id))!;
    staff = (await loadActor(t.db, w.people.staff.id))!;
  });
  afterAll(async () => {
    await t?.drop();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it("accepts such PDFs at upload and keeps their flags on the file row and in the audit entry", async () => {
    const cases: [string, Uint8Array, string[]][] = [
      ["mo-tu-chay.pdf", await hostilePdf("openActionJs"), ["javascript", "auto_action"]],
      ["trong-luong-doi-tuong.pdf", await hostilePdf("namesJs", { objectStreams: true }), ["javascript"]],
      ["trang-tu-chay.pdf", await hostilePdf("pageAA", { objectStreams: true }), ["javascript", "auto_action"]],
      ["mo-chuong-trinh.pdf", await hostilePdf("launchLink"), ["launch"]],
      ["tep-dinh-kem.pdf", await hostilePdf("embeddedFiles", { objectStreams: true }), ["embedded_file"]],
      ["ten-ma-hoa.pdf", await escapedJsPdf(), ["javascript", "auto_action"]],
      ["sach.pdf", pdf("sach se"), []],
    ];
    for (const [name, bytes, flags] of cases) {
      const file = await upload(bytes, name);
      expect(file.pdfRisks, name).toEqual(flags);
      const [row] = await t.db.select().from(storedFiles).where(eq(storedFiles.id, file.id));
      expect(row.pdfRisks, name).toEqual(flags);
      const [audit] = await auditRows(t.db, { action: "file.upload", objectId: file.id });
      expect(audit.payload, name).toMatchObject(flags.length ? { pdfRisks: flags } : {});
      if (!flags.length) expect(audit.payload).not.toHaveProperty("pdfRisks");
    }
    // Other types carry no PDF flags at all.
    expect((await upload(await docx(), "to-trinh.docx")).pdfRisks).toBeNull();
  });

  it("lists the flags with the document's files, and the export keeps none of the actions", async () => {
    const kinds: Hostile[] = ["pageAA", "launchLink", "submitForm", "fileAttachment", "fieldAA"];
    const scans = [];
    for (const k of kinds) scans.push(await upload(await hostilePdf(k, { objectStreams: k === "fieldAA", label: k, pages: 2 }), `${k}.pdf`));
    const clean = await upload(pdf("ban sach"), "ban-sach.pdf");
    const docId = await incomingEntryDoc(t.db, w, [...scans.map((s) => s.id), clean.id]);

    // The document page reads the flags with its files (shown next to each download link).
    const page = (await getIncoming(clerk, docId, t.db))!;
    expect(page.files.map((f) => [f.name, f.pdfRisks])).toEqual([...scans.map((s) => [s.name, s.pdfRisks]), ["ban-sach.pdf", []]]);
    expect(page.files.slice(0, kinds.length).every((f) => f.pdfRisks!.length > 0)).toBe(true);

    const plan = await buildPlan(t.db, w, YEAR);
    const fileId = await buildWorkFile(t.db, w, { itemId: plan.items.person, year: YEAR, code: "09.AT", title: "Hồ sơ tệp có mã tự chạy", status: "open" });
    await addEntry(t.db, fileId, 1, { kind: "incoming", incomingId: docId });
    const attached = await upload(await hostilePdf("openActionJs", { objectStreams: true, label: "tai-len" }), "tai-len.pdf");
    await addEntry(t.db, fileId, 2, {
      kind: "upload", storedFileId: attached.id, docType: "Tờ trình", symbol: "", docDate: "2026-03-05", author: "Phòng Tổ chức", subject: "Tờ trình", pageCount: 1,
    });

    const out = (await exportWorkFilePdf(staff, fileId, { db: t.db, root }))!;
    expect(out.notes?.size ?? 0).toBe(0);
    const merged = await PDFDocument.load(out.body);
    const index = (await loadFileIndexBook(staff, fileId, t.db, { notes: out.notes }))!;
    const indexPages = (await PDFDocument.load(await renderBookPdf(index))).getPageCount();
    expect(merged.getPageCount()).toBe(indexPages + kinds.length * 2 + 1 + 1);
    // None of it is left: not by the inspection, not in any object pdf-lib reads, not in the bytes.
    expect(await inspectPdf(out.body)).toEqual([]);
    expect(await objectText(out.body)).not.toMatch(ACTIVE_NAMES);
    expect(Buffer.from(out.body).toString("latin1")).not.toMatch(ACTIVE_NAMES);
    // The Mục lục drawn by the system itself carries none either.
    expect(await inspectPdf(await renderBookPdf(index))).toEqual([]);
  });
});

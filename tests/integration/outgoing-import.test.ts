import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/actor";
import { recipientNamesFromXlsx } from "@/lib/outgoing/import";
import { saveUpload } from "@/lib/storage/store";
import { buildWorld, type World } from "../factories/org";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";
import { pdf } from "../unit/storage-fixtures";

// Issue 4: "a long list can be imported from XLSX": names from the first column, header skipped,
// only from a spreadsheet the person may read.
const meta = { ip: "10.4.4.4", userAgent: "vitest" };

async function* once(buf: Buffer) {
  yield buf;
}

describe.each(DB_KINDS)("recipients imported from XLSX on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let root: string;
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    root = fs.mkdtempSync(path.join(os.tmpdir(), "vpdt-import-"));
    saved.FILES_DIR = process.env.FILES_DIR;
    process.env.FILES_DIR = root;
  });
  afterAll(async () => {
    process.env.FILES_DIR = saved.FILES_DIR;
    fs.rmSync(root, { recursive: true, force: true });
    await t?.drop();
  });

  it("reads the first column, skips the header and blank rows; refuses another person's file and a PDF", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Noi nhan");
    for (const row of [["Nơi nhận", "Ghi chú"], ["Sở Tài chính tỉnh Bình Định", "x"], [""], ["UBND huyện Tuy Phước"], ['=HYPERLINK("http://x")']]) ws.addRow(row);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const staff = (await loadActor(t.db, w.people.staff.id))!;
    const file = await saveUpload(t.db, staff, meta, { body: once(buf), name: "noi-nhan.xlsx" }, { root, maxBytes: 1 << 20 });
    expect(await recipientNamesFromXlsx(staff, meta, file.id, t.db)).toEqual(["Sở Tài chính tỉnh Bình Định", "UBND huyện Tuy Phước", '=HYPERLINK("http://x")']);

    const colleague = (await loadActor(t.db, w.people.unit_head.id))!;
    expect(await recipientNamesFromXlsx(colleague, meta, file.id, t.db)).toBeNull();
    const scan = await saveUpload(t.db, staff, meta, { body: once(pdf()), name: "scan.pdf" }, { root, maxBytes: 1 << 20 });
    expect(await recipientNamesFromXlsx(staff, meta, scan.id, t.db)).toBeNull();
  });
});

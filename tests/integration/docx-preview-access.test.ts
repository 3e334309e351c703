import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { openPreviewFor, previewHeaders } from "@/lib/storage/download";
import { saveUpload } from "@/lib/storage/store";
import { buildWorld, type World } from "../factories/org";
import { auditRows, createTestDb, DB_KINDS, type TestDb } from "../helpers/db";
import { docx, pdf } from "../unit/storage-fixtures";

// Issue 11 item 10: the PDF preview of a DOCX follows the download's access rule (security.md §5
// row 1): a person who may not read the file gets nothing (null → 404) and the refusal is recorded.

const meta = { ip: "10.5.5.5", userAgent: "vitest" };
async function* once(buf: Buffer) {
  yield buf;
}

describe.each(DB_KINDS)("DOCX preview access on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let other: World;
  let root: string;
  let bin: string;
  const actor = async (userId: string): Promise<Actor> => (await loadActor(t.db, userId))!;

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    other = await buildWorld(t.db);
    root = fs.mkdtempSync(path.join(os.tmpdir(), "vpdt-preview-access-"));
    // A stand-in for soffice: writes a PDF where LibreOffice would.
    bin = fs.mkdtempSync(path.join(os.tmpdir(), "vpdt-preview-bin-"));
    fs.writeFileSync(
      path.join(bin, "soffice"),
      `#!/bin/sh\nout=""; prev=""; for a in "$@"; do if [ "$prev" = "--outdir" ]; then out="$a"; fi; prev="$a"; done\nprintf '%%PDF-1.7 preview' > "$out/draft.pdf"\n`,
      { mode: 0o755 },
    );
  });
  afterAll(async () => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(bin, { recursive: true, force: true });
    await t?.drop();
  });

  it("serves the preview to a reader with a file.preview entry, and to nobody else", async () => {
    const staff = await actor(w.people.staff.id);
    const file = await saveUpload(t.db, staff, meta, { body: once(await docx()), name: "Dự thảo công văn.docx" }, { root });
    const opened = await openPreviewFor(t.db, staff, meta, file.id, { root, pathEnv: bin, waitMs: 10_000 });
    expect(opened?.kind).toBe("ready");
    if (opened?.kind !== "ready") return;
    expect(Buffer.from(await new Response(opened.stream).arrayBuffer()).toString("latin1")).toBe("%PDF-1.7 preview");
    expect(Object.fromEntries(previewHeaders(opened))).toMatchObject({
      "content-type": "application/pdf",
      "content-security-policy": "sandbox",
      "x-content-type-options": "nosniff",
      "content-disposition": `inline; filename="Du thao cong van.pdf"; filename*=UTF-8''D%E1%BB%B1%20th%E1%BA%A3o%20c%C3%B4ng%20v%C4%83n.pdf`,
    });
    expect(await auditRows(t.db, { action: "file.preview", objectId: file.id, outcome: "success" })).toHaveLength(1);

    const outsider = await actor(other.people.clerk.id);
    expect(await openPreviewFor(t.db, outsider, meta, file.id, { root, pathEnv: bin })).toBeNull();
    expect(await openPreviewFor(t.db, outsider, meta, randomUUID(), { root, pathEnv: bin })).toBeNull();
    const refusals = await auditRows(t.db, { action: "file.preview", objectId: file.id, outcome: "refused" });
    expect(refusals.map((r) => r.actorId)).toEqual([outsider.userId]);
  });

  it("says unavailable without LibreOffice, and previews nothing but a DOCX", async () => {
    const staff = await actor(w.people.staff.id);
    // A files folder of its own: no preview made by the test above.
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), "vpdt-preview-fresh-"));
    try {
      const file = await saveUpload(t.db, staff, meta, { body: once(await docx()), name: "khac.docx" }, { root: fresh });
      expect(await openPreviewFor(t.db, staff, meta, file.id, { root: fresh, pathEnv: "/nonexistent" })).toEqual({ kind: "unavailable" });
      expect(fs.existsSync(path.join(fresh, ".previews"))).toBe(false);
      const scan = await saveUpload(t.db, staff, meta, { body: once(pdf("ban quet")), name: "ban-quet.pdf" }, { root: fresh });
      expect(await openPreviewFor(t.db, staff, meta, scan.id, { root: fresh, pathEnv: bin })).toBeNull();
    } finally {
      fs.rmSync(fresh, { recursive: true, force: true });
    }
  });
});

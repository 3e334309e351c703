import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { DRAFT_FILE_EXTS, DRAFT_FILE_MIMES } from "@/lib/outgoing/draft-files";
import { acceptOf, DOCX_MIME, hasExtension, PDF_MIME } from "@/lib/storage/client";
import { docxPreview, findSoffice, previewFile } from "@/lib/storage/preview";
import { FILE_TYPES } from "@/lib/storage/sniff";
import { blobPath } from "@/lib/storage/store";
import { docx } from "./storage-fixtures";

// Issue 11 item 10: a DOCX draft is previewed as the PDF LibreOffice makes of it, converted once per
// stored file, time-limited, without a shell; without LibreOffice the page says to download it.

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A stored blob in a fresh FILES_DIR, as the upload leaves it (content-addressed). */
function storedDocx(bytes: Buffer) {
  const root = tempDir("vpdt-preview-");
  const sha = createHash("sha256").update(bytes).digest("hex");
  fs.mkdirSync(path.dirname(blobPath(root, sha)), { recursive: true });
  fs.writeFileSync(blobPath(root, sha), bytes);
  return { root, sha };
}

/** A folder holding a fake `soffice` (a shell script) and nothing else, for PATH. */
function fakeSoffice(script: string) {
  const bin = tempDir("vpdt-fake-soffice-");
  fs.writeFileSync(path.join(bin, "soffice"), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  return bin;
}

// The fake writes <outdir>/draft.pdf like soffice does, and counts its runs in $COUNT_FILE.
const WRITES_PDF = (countFile: string) => `
echo run >> "${countFile}"
out=""; prev=""; for a in "$@"; do if [ "$prev" = "--outdir" ]; then out="$a"; fi; prev="$a"; done
printf '%%PDF-1.7 fake' > "$out/draft.pdf"`;

describe("DOCX preview (LibreOffice headless)", () => {
  it("finds soffice only on PATH's absolute entries", async () => {
    const bin = fakeSoffice("exit 0");
    expect(await findSoffice(bin)).toBe(path.join(bin, "soffice"));
    expect(await findSoffice(`relative/dir${path.delimiter}/nonexistent`)).toBeNull();
    expect(await findSoffice("")).toBeNull();
  });

  it("keeps the answer a minute per PATH, then looks again", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const bin = tempDir("vpdt-later-soffice-");
      expect(await findSoffice(bin)).toBeNull();
      fs.writeFileSync(path.join(bin, "soffice"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
      vi.advanceTimersByTime(59_000);
      expect(await findSoffice(bin)).toBeNull();
      vi.advanceTimersByTime(2_000);
      expect(await findSoffice(bin)).toBe(path.join(bin, "soffice"));
    } finally {
      vi.useRealTimers();
    }
  });

  it("says unavailable when soffice is not installed, and converts nothing", async () => {
    const { root, sha } = storedDocx(await docx());
    expect(await docxPreview(sha, { root, pathEnv: "/nonexistent" })).toEqual({ state: "unavailable" });
    expect(fs.existsSync(previewFile(root, sha))).toBe(false);
  });

  it("converts a stored file once and serves the cached PDF afterwards, with fixed arguments and no shell", async () => {
    const { root, sha } = storedDocx(Buffer.concat([await docx(), Buffer.from("once")]));
    const count = path.join(tempDir("vpdt-count-"), "runs");
    const args = path.join(path.dirname(count), "args");
    const bin = fakeSoffice(`printf '%s\\n' "$@" > "${args}"${WRITES_PDF(count)}`);
    const first = await docxPreview(sha, { root, pathEnv: bin, waitMs: 10_000 });
    expect(first).toEqual({ state: "ready", path: previewFile(root, sha) });
    expect(fs.readFileSync(previewFile(root, sha), "latin1")).toMatch(/^%PDF-/);
    const second = await docxPreview(sha, { root, pathEnv: bin, waitMs: 10_000 });
    expect(second.state).toBe("ready");
    expect(fs.readFileSync(count, "utf8").trim().split("\n")).toHaveLength(1);
    // The input is a copy under a fixed name in a private folder: nothing the uploader chose.
    const argv = fs.readFileSync(args, "utf8").trim().split("\n");
    expect(argv).toContain("--headless");
    expect(argv).toContain("--infilter=MS Word 2007 XML");
    expect(argv.at(-1)).toMatch(/\/\.previews\/\.work-[0-9a-f-]{36}\/draft\.docx$/);
    // The work folder is gone afterwards.
    expect(fs.readdirSync(path.join(root, ".previews")).filter((n) => n.startsWith(".work-"))).toEqual([]);
  });

  it("kills a conversion that runs too long, and does not retry it on every request", async () => {
    const { root, sha } = storedDocx(Buffer.concat([await docx(), Buffer.from("slow")]));
    const pidFile = path.join(tempDir("vpdt-pid-"), "pid");
    // Like soffice.bin, a child that would outlive its launcher.
    const bin = fakeSoffice(`sleep 30 & echo $! > "${pidFile}"; wait`);
    const started = Date.now();
    expect(await docxPreview(sha, { root, pathEnv: bin, timeoutMs: 800, waitMs: 10_000 })).toEqual({ state: "failed" });
    expect(Date.now() - started).toBeLessThan(8_000);
    const child = Number(fs.readFileSync(pidFile, "utf8"));
    await new Promise((r) => setTimeout(r, 200));
    // Gone, or a zombie waiting for a container's init to reap it: either way no longer running.
    const state = fs.existsSync(`/proc/${child}/stat`) ? fs.readFileSync(`/proc/${child}/stat`, "utf8").replace(/^.*\) /, "")[0] : "gone";
    expect(["gone", "Z", "X"]).toContain(state);
    expect(await docxPreview(sha, { root, pathEnv: bin, timeoutMs: 800 })).toEqual({ state: "failed" });
  });

  it("answers pending instead of holding the request for a long conversion", async () => {
    const { root, sha } = storedDocx(Buffer.concat([await docx(), Buffer.from("pending")]));
    const count = path.join(tempDir("vpdt-count-"), "runs");
    const bin = fakeSoffice(`sleep 1${WRITES_PDF(count)}`);
    expect(await docxPreview(sha, { root, pathEnv: bin, waitMs: 50 })).toEqual({ state: "pending" });
    // A second request joins the same conversion.
    expect((await docxPreview(sha, { root, pathEnv: bin, waitMs: 10_000 })).state).toBe("ready");
    expect(fs.readFileSync(count, "utf8").trim().split("\n")).toHaveLength(1);
  });

  it("refuses output that is not a PDF", async () => {
    const { root, sha } = storedDocx(Buffer.concat([await docx(), Buffer.from("junk")]));
    const bin = fakeSoffice(`out=""; prev=""; for a in "$@"; do if [ "$prev" = "--outdir" ]; then out="$a"; fi; prev="$a"; done; echo '<html>' > "$out/draft.pdf"`);
    expect(await docxPreview(sha, { root, pathEnv: bin, waitMs: 10_000 })).toEqual({ state: "failed" });
    expect(fs.existsSync(previewFile(root, sha))).toBe(false);
  });

  it.runIf(fs.existsSync("/usr/bin/soffice"))("converts a real DOCX with the installed LibreOffice", async () => {
    const { root, sha } = storedDocx(Buffer.concat([await docx()]));
    const got = await docxPreview(sha, { root, waitMs: 60_000 });
    expect(got.state).toBe("ready");
    const pdf = fs.readFileSync(previewFile(root, sha));
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(1000);
  }, 90_000);

  it("the draft field's accept, its label and the server's check name the same types", () => {
    expect(DOCX_MIME).toBe(FILE_TYPES.docx.mime);
    expect(PDF_MIME).toBe(FILE_TYPES.pdf.mime);
    expect([...DRAFT_FILE_MIMES].sort()).toEqual(DRAFT_FILE_EXTS.map((e) => FILE_TYPES[e].mime).sort());
    expect(acceptOf(DRAFT_FILE_EXTS)).toBe(".docx,.pdf");
    expect(hasExtension("Bao-cao.DOCX", DRAFT_FILE_EXTS)).toBe(true);
    expect(hasExtension("bang-tinh.xlsx", DRAFT_FILE_EXTS)).toBe(false);
  });
});

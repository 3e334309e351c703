import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCertificates } from "@/lib/signatures/certificates";
import { verifyPdf } from "@/lib/signatures/verify";

// security.md §5 row 15: the samples of tests/fixtures/pdf-signatures (made by
// scripts/pdf-signature-fixtures.ts) — each attack flagged, the clean original still verifies.

const DIR = path.join(process.cwd(), "tests", "fixtures", "pdf-signatures");
const read = (f: string) => new Uint8Array(fs.readFileSync(path.join(DIR, f)));
const anchors = readCertificates(read("trust-anchor.pem"));
const verify = (f: string) => verifyPdf(read(f), { trustAnchors: anchors });

describe("PDF signature verification samples", () => {
  it("the clean original verifies: intact, trusted, covering the whole file", async () => {
    const r = await verify("clean.pdf");
    expect(r.verdict).toBe("valid");
    expect(r.signatures).toHaveLength(1);
    expect(r.signatures[0]).toMatchObject({ signer: "Nguyễn Văn Hùng", issuer: "Cơ quan chứng thực số chuyên dùng thử nghiệm", coversWholeFile: true, modifiedAfter: false, certificateValid: true, trusted: true, integrity: "intact", reason: "Ký duyệt" });
    expect(r.signatures[0].signedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("two signatures with a stamp between them verify", async () => {
    const r = await verify("two-signatures.pdf");
    expect(r.verdict).toBe("valid");
    expect(r.signatures.map((s) => [s.signer, s.coversWholeFile, s.integrity])).toEqual([
      ["Nguyễn Văn Hùng", false, "intact"],
      ["Sở Nội vụ tỉnh Thử nghiệm", true, "intact"],
    ]);
  });

  it("an unsigned PDF is 'unsigned'", async () => {
    expect(await verify("unsigned.pdf")).toEqual({ signatures: [], verdict: "unsigned" });
  });

  it.each(["incremental-update.pdf", "annotation-added.pdf", "shadow-hide.pdf", "shadow-replace.pdf"])("%s: modified after signing", async (f) => {
    const r = await verify(f);
    expect(r.verdict).toBe("modified");
    expect(r.signatures[0]).toMatchObject({ integrity: "intact", coversWholeFile: false, trusted: true });
    expect(r.signatures[0].modifiedAfter).toBeGreaterThan(0);
  });

  it("signature wrapping is refused: the gap holds more than /Contents", async () => {
    const r = await verify("wrapping.pdf");
    expect(r.verdict).toBe("invalid");
    expect(r.signatures[0]).toMatchObject({ integrity: "broken" });
    expect(r.signatures[0].problem).toMatch(/wrapping/);
  });

  it("a byte changed in the signed range breaks integrity", async () => {
    const r = await verify("changed-byte.pdf");
    expect(r.verdict).toBe("invalid");
    expect(r.signatures[0]).toMatchObject({ integrity: "broken", problem: "the signed bytes were changed (message digest mismatch)" });
  });

  it("an expired certificate and an untrusted CA are flagged; the signatures themselves are intact", async () => {
    const expired = await verify("expired.pdf");
    expect(expired.verdict).toBe("invalid");
    expect(expired.signatures[0]).toMatchObject({ integrity: "intact", certificateValid: false, trusted: true, signer: "Lê Văn Cũ" });
    const untrusted = await verify("untrusted.pdf");
    expect(untrusted.verdict).toBe("invalid");
    expect(untrusted.signatures[0]).toMatchObject({ integrity: "intact", certificateValid: true, trusted: false, signer: "Phạm Giả Mạo" });
    // With no anchors at all nothing is trusted.
    expect((await verifyPdf(read("clean.pdf"), { trustAnchors: [] })).signatures[0].trusted).toBe(false);
  });

  it("npm run pdf:verify prints one JSON line per file and exits 1 when one is not valid", () => {
    const files = Object.keys(JSON.parse(fs.readFileSync(path.join(DIR, "expected.json"), "utf8")) as Record<string, unknown>);
    let out = "";
    let code = 0;
    try {
      out = execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/pdf-verify.ts", "--trust", path.join(DIR, "trust-anchor.pem"), ...files.map((f) => path.join(DIR, f))], { stdio: "pipe" }).toString();
    } catch (e) {
      out = String((e as { stdout: Buffer }).stdout);
      code = (e as { status: number }).status;
    }
    expect(code).toBe(1);
    const lines = out.trim().split("\n").map((l) => JSON.parse(l) as { file: string; verdict: string; signatures: object[] });
    const expected = JSON.parse(fs.readFileSync(path.join(DIR, "expected.json"), "utf8")) as Record<string, { verdict: string }>;
    expect(Object.fromEntries(lines.map((l) => [path.basename(l.file), l.verdict]))).toEqual(Object.fromEntries(Object.entries(expected).map(([f, e]) => [f, e.verdict])));
    expect(Object.keys(lines[0].signatures[0] ?? lines.find((l) => l.signatures.length)!.signatures[0])).toEqual(
      expect.arrayContaining(["signer", "issuer", "signedAt", "coversWholeFile", "modifiedAfter", "certificateValid", "trusted"]),
    );
  }, 60_000);
});

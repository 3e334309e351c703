import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = path.join(__dirname, "../..");
const FIX = path.join(ROOT, "tests/fixtures/edxml");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

async function edxml(...args: string[]): Promise<{ code: number; lines: Record<string, unknown>[]; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, ["--conditions=react-server", "scripts/edxml.ts", ...args], { cwd: ROOT, timeout: 60_000 });
    return { code: 0, lines: stdout.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)), stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, lines: err.stdout.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)), stderr: err.stderr };
  }
}

describe("npm run edxml -- check (subprocess)", () => {
  it("prints one JSON line per fixture and exits 0", async () => {
    const files = ["edoc_new_BussinessDocType0.edxml", "status_01_inbox.edxml", "status_13_cancellation.edxml", "status_15_change-acceptance.edxml"];
    const r = await edxml("check", ...files.map((f) => path.join(FIX, f)));
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(4);
    expect(r.lines[0]).toMatchObject({
      ok: true,
      kind: "document",
      businessDocType: 0,
      statusCode: null,
      from: "000.00.00.G22",
      to: ["000.00.00.H41", "000.00.00.H14", "000.00.00.G17"],
      documentId: "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT",
      subject: "V/v kết nối, liên thông phần mềm quản lý văn bản",
      attachments: [{ name: "1896_QD-TTg_m_294779.doc", bytes: 4151 }],
    });
    // The public sample's <Signature> is not XML-DSig (rsa-sha1, another namespace): reported invalid, with why.
    expect(r.lines[0].signature).toMatchObject({ status: "invalid", code: "not_xmldsig" });
    expect(r.lines[1]).toMatchObject({ kind: "status", statusCode: "01", from: "000.00.00.H41", to: ["000.00.00.G22"], signature: { status: "absent" } });
    expect(r.lines[2]).toMatchObject({ statusCode: "13", to: ["000.00.00.H41"] });
    expect(r.lines[3]).toMatchObject({ statusCode: "15" });
  });

  it("exits 1 when a file is refused or unreadable, still reporting every file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "edxml-cli-"));
    const status = readFileSync(path.join(FIX, "status_01_inbox.edxml"), "utf8");
    const doctype = path.join(dir, "doctype.edxml");
    writeFileSync(doctype, status.replace("<edXML ", '<!DOCTYPE edXML [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<edXML '));
    const r = await edxml("check", path.join(FIX, "status_01_inbox.edxml"), doctype, path.join(dir, "missing.edxml"));
    expect(r.code).toBe(1);
    expect(r.lines).toHaveLength(3);
    expect(r.lines[0]).toMatchObject({ ok: true, statusCode: "01" });
    expect(r.lines[1]).toMatchObject({ ok: false, error: "doctype" });
    expect(r.lines[2]).toMatchObject({ ok: false, error: "unreadable" });
    const usage = await edxml("frobnicate");
    expect(usage.code).not.toBe(0);
    expect(usage.stderr).toContain("npm run edxml -- check");
  });

  it("checks a signature against the certificates given with --trust", { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "edxml-cli-sig-"));
    const key = path.join(dir, "key.pem");
    const cert = path.join(dir, "cert.pem");
    await run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "30", "-subj", "/CN=So Tai chinh thu nghiem/O=STC/C=VN"]);
    const { signEdxml } = await import("@/lib/edxml/signature");
    const status = readFileSync(path.join(FIX, "status_01_inbox.edxml"), "utf8");
    const signed = path.join(dir, "signed.edxml");
    writeFileSync(signed, signEdxml(status, { key: readFileSync(key), cert: readFileSync(cert) }));
    const tampered = path.join(dir, "tampered.edxml");
    writeFileSync(tampered, readFileSync(signed, "utf8").replace("000.00.00.H41", "000.00.00.H42"));

    const trusted = await edxml("check", "--trust", cert, signed, tampered);
    expect(trusted.lines[0]).toMatchObject({ ok: true, statusCode: "01", signature: { status: "valid", code: "valid" } });
    expect(trusted.lines[1]).toMatchObject({ signature: { status: "invalid", code: "signature_mismatch" } });
    // Without the partner's certificate the same signature is not trusted.
    const unknown = await edxml("check", signed);
    expect(unknown.lines[0]).toMatchObject({ signature: { status: "invalid", code: "certificate_unknown" } });
  });
});

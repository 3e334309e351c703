// Writes the PDF signature samples of security.md row 15 into tests/fixtures/pdf-signatures/ (run
// again only to refresh them: `tsx --conditions=react-server scripts/pdf-signature-fixtures.ts`).
// Each sample is signed with a fresh test CA (tests/signatures/test-ca.ts); its root goes to
// trust-anchor.pem beside them, and expected.json says what the verifier must say of each file.
import fs from "node:fs";
import path from "node:path";
import { PDFDocument, PDFName, PDFRef, rgb, StandardFonts } from "pdf-lib";
import { appendIncrementalUpdate } from "@/lib/signatures/pdf/prepare";
import { beginUpdate, finishUpdate, type Update } from "@/lib/signatures/pdf/incremental";
import { pem, testCa } from "@/tests/signatures/test-ca";
import { samplePdf, signPdf as signWith } from "@/tests/signatures/sign";

// A smaller /Contents placeholder keeps the samples small.
const signPdf: typeof signWith = (pdf, who, o = {}) => signWith(pdf, who, { placeholderSize: 6000, ...o });

const OUT = path.join(process.cwd(), "tests", "fixtures", "pdf-signatures");

/** A page's content streams as separate objects: base text, the hidden "shadow" text, and a white cover. */
async function shadowBase(): Promise<Uint8Array> {
  let doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  const page = doc.addPage([595.28, 841.89]);
  page.drawText("CONG VAN - so tien thanh toan:", { x: 72, y: 700, size: 14, font });
  page.drawText("1.000.000.000 dong (shadow)", { x: 72, y: 670, size: 14, font });
  let bytes = await doc.save({ useObjectStreams: false });
  // A second content stream that covers the shadow text with a white box and writes the "visible" amount.
  doc = await PDFDocument.load(bytes);
  const p = doc.getPage(0);
  const f = await doc.embedFont(StandardFonts.TimesRoman);
  p.drawRectangle({ x: 70, y: 660, width: 300, height: 28, color: rgb(1, 1, 1) });
  p.drawText("100.000 dong", { x: 72, y: 670, size: 14, font: f });
  bytes = await doc.save({ useObjectStreams: false });
  return bytes;
}

/** Marks the page (and its indirect resources) as changed so finishUpdate writes them. */
function touchPage(u: Update, index: number) {
  const page = u.doc.getPage(index);
  u.changed.add(page.ref);
  const res = page.node.get(PDFName.of("Resources"));
  if (res instanceof PDFRef) u.changed.add(res);
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const ca = await testCa();
  const write = (name: string, bytes: Uint8Array) => fs.writeFileSync(path.join(OUT, name), bytes);
  const expected: Record<string, { verdict: string; note: string }> = {};
  const add = (name: string, bytes: Uint8Array, verdict: string, note: string) => {
    write(name, bytes);
    expected[name] = { verdict, note };
  };

  const plain = await samplePdf(2, "CONG VAN MAU");
  add("unsigned.pdf", plain, "unsigned", "no signature");
  const clean = await signPdf(plain, ca.leader, { reason: "Ký duyệt", location: "Sở Nội vụ" });
  add("clean.pdf", clean, "valid", "signed once by a trusted certificate, nothing after");
  const stamped = await appendIncrementalUpdate(clean, {
    page: 0,
    drawings: [{ text: "Số: 01/CV-SNV", x: 72, y: 720, font: "serif", size: 13 }],
  });
  add("two-signatures.pdf", await signPdf(stamped, ca.agency, { reason: "Phát hành" }), "valid", "signer, stamp annotation, agency signature covering all");

  // Incremental save after signing: new text drawn on page 1.
  {
    const u = await beginUpdate(clean);
    const font = await u.doc.embedFont(StandardFonts.Helvetica);
    u.doc.getPage(0).drawText("DA THANH TOAN 0 DONG", { x: 72, y: 500, size: 20, font });
    touchPage(u, 0);
    add("incremental-update.pdf", (await finishUpdate(u)).bytes, "modified", "page content changed in an incremental update after signing");
  }
  add(
    "annotation-added.pdf",
    await appendIncrementalUpdate(clean, { page: 0, drawings: [{ text: "Đã hủy", x: 200, y: 400, font: "sans", size: 40, color: "red" }] }),
    "modified",
    "a stamp annotation added after signing",
  );

  // Shadow attack, hide: the signed page covers the real amount with a white box; the update drops the cover.
  {
    const signed = await signPdf(await shadowBase(), ca.leader);
    const u = await beginUpdate(signed);
    const page = u.doc.getPage(0);
    const contents = page.node.Contents();
    const arr = contents && "asArray" in contents ? contents.asArray() : [];
    page.node.set(PDFName.of("Contents"), u.doc.context.obj(arr.slice(0, 1)));
    touchPage(u, 0);
    add("shadow-hide.pdf", (await finishUpdate(u)).bytes, "modified", "shadow attack (hide): the covering content removed after signing");
  }
  // Shadow attack, replace: the object holding the visible amount is redefined after signing.
  {
    const signed = await signPdf(await shadowBase(), ca.leader);
    const u = await beginUpdate(signed);
    const page = u.doc.getPage(0);
    const contents = page.node.Contents();
    const last = contents && "asArray" in contents ? contents.asArray().at(-1) : undefined;
    if (!(last instanceof PDFRef)) throw new Error("expected content streams by reference");
    const font = page.node.Resources()?.lookup(PDFName.of("Font"));
    const fontName = font && "keys" in font ? String((font as { keys(): PDFName[] }).keys().at(-1)) : "/F1";
    const stream = u.doc.context.flateStream(`BT ${fontName} 14 Tf 72 670 Td (9.999.999 dong) Tj ET`);
    u.doc.context.assign(last, stream);
    u.changed.add(last);
    add("shadow-replace.pdf", (await finishUpdate(u)).bytes, "modified", "shadow attack (replace): a signed content stream redefined after signing");
  }

  // Signature wrapping: the original signed bytes kept, the second range moved; the gap now holds a
  // new version of the signature dictionary pointing at the moved bytes, and injected content.
  {
    const text = Buffer.from(clean).toString("latin1");
    const m = /\/ByteRange \[0 (\d+) (\d+) (\d+)\s*\]/.exec(text.slice(text.lastIndexOf("/ByteRange")));
    if (!m) throw new Error("no ByteRange");
    const [a, b] = [Number(m[1]), Number(m[2])];
    const before = text.slice(0, a);
    const objNo = /(\d+) 0 obj\n<< \/Type \/Sig[^]*$/.exec(before.slice(before.lastIndexOf("obj\n<< /Type /Sig") - 12))?.[1] ?? "999";
    const gap = text.slice(a, b);
    const bPrime = b + 4096;
    const body = `\n${objNo} 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 ${a} ${bPrime} ${clean.length - b}] /Contents ${gap} >>\nendobj\n% injected content\n`;
    const wrapped = Buffer.concat([
      Buffer.from(before, "latin1"),
      Buffer.from(gap, "latin1"),
      Buffer.from(body.padEnd(4096, " "), "latin1"),
      Buffer.from(clean.subarray(b)),
    ]);
    add("wrapping.pdf", new Uint8Array(wrapped), "invalid", "signature wrapping: /ByteRange redefined in the unsigned gap, signed bytes moved");
  }

  // A changed byte inside the signed range (page 1's MediaBox height).
  {
    const bytes = new Uint8Array(clean);
    const at = Buffer.from(bytes).indexOf("841.89");
    if (at < 0) throw new Error("MediaBox not found");
    bytes[at + 4] = "9".charCodeAt(0);
    add("changed-byte.pdf", bytes, "invalid", "one byte changed inside the signed range");
  }
  add("expired.pdf", await signPdf(plain, ca.expired), "invalid", "signed with a certificate that expired in 2021");
  add("untrusted.pdf", await signPdf(plain, ca.untrusted), "invalid", "signed with a certificate from a CA that is not a trust anchor");

  fs.writeFileSync(path.join(OUT, "trust-anchor.pem"), pem("CERTIFICATE", ca.root.certificate));
  fs.writeFileSync(path.join(OUT, "untrusted-ca.pem"), pem("CERTIFICATE", ca.untrustedRoot.certificate));
  fs.writeFileSync(path.join(OUT, "expected.json"), JSON.stringify(expected, null, 2) + "\n");
  console.log(`wrote ${Object.keys(expected).length} samples to ${path.relative(process.cwd(), OUT)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

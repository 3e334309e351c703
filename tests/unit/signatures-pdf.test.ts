import { describe, expect, it } from "vitest";
import { Pkcs12Error, readPkcs12 } from "@/lib/signatures/cms";
import { findText } from "@/lib/signatures/pdf/locate";
import { appendIncrementalUpdate } from "@/lib/signatures/pdf/prepare";
import { verifyPdf } from "@/lib/signatures/verify";
import { hasTool, poppler, ringPng, samplePdf, signPdf } from "../signatures/sign";
import { testCa } from "../signatures/test-ca";

const pdfsig = hasTool("pdfsig");
const signatureImage = ringPng();

describe("PDF signatures: prepare, embed, incremental", () => {
  it("signs twice (the second as an incremental update) and pdfsig reports both valid", async () => {
    const ca = await testCa();
    const plain = await samplePdf();
    const once = await signPdf(plain, ca.leader, {
      rect: [360, 220, 520, 300],
      image: signatureImage,
      lines: ["Nguyễn Văn Hùng"],
      reason: "Ký duyệt văn bản",
      location: "Sở Nội vụ tỉnh Thử nghiệm",
    });
    const twice = await signPdf(once, ca.agency, { rect: [300, 220, 400, 320], image: signatureImage, reason: "Chữ ký số của cơ quan" });
    // Earlier bytes byte-identical.
    expect(Buffer.from(twice.subarray(0, once.length)).equals(Buffer.from(once))).toBe(true);
    const text = Buffer.from(twice).toString("latin1");
    // Both fields kept, two distinct names.
    expect(text.match(/\/FT \/Sig/g)?.length).toBe(2);
    const result = await verifyPdf(twice, { trustAnchors: [ca.root.certificate] });
    expect(result.verdict).toBe("valid");
    expect(result.signatures.map((s) => [s.signer, s.coversWholeFile, s.integrity, s.trusted, s.fieldName])).toEqual([
      ["Nguyễn Văn Hùng", false, "intact", true, "Chữ ký số 1"],
      ["Sở Nội vụ tỉnh Thử nghiệm", true, "intact", true, "Chữ ký số 2"],
    ]);
    if (!pdfsig) return;
    const report = poppler("pdfsig", twice);
    expect(report).toContain("Signature #1");
    expect(report).toContain("Signature #2");
    expect(report.match(/Signature Validation: Signature is Valid\./g)?.length).toBe(2);
    expect(report).toContain("Total document signed");
    expect(report).toContain("Nguyễn Văn Hùng");
  });
});

describe("PDF signatures: PKCS#12, locate, verify", () => {
  it("reads legacy (3DES) and AES PKCS#12 files and signs with them; a wrong password is refused", async () => {
    const ca = await testCa();
    for (const kind of ["legacy", "aes"] as const) {
      const p12 = ca.deputy.p12(kind, "mật-khẩu 1");
      const { key, chain } = await readPkcs12(p12, "mật-khẩu 1");
      expect(Buffer.from(chain[0]).equals(Buffer.from(ca.deputy.certificate))).toBe(true);
      expect(chain).toHaveLength(2);
      const signed = await signPdf(await samplePdf(1), { ...ca.deputy, key, chain });
      const result = await verifyPdf(signed, { trustAnchors: [ca.root.certificate] });
      expect(result.verdict).toBe("valid");
      expect(result.signatures[0].signer).toBe("Trần Thị Thu Hà");
      await expect(readPkcs12(p12, "sai")).rejects.toBeInstanceOf(Pkcs12Error);
    }
  });

  it("finds the title line and the signer's name on the last page", async () => {
    const pdf = await samplePdf(2);
    const hits = await findText(pdf, "GIAM DOC", { page: "last" });
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ page: 1, str: "GIAM DOC" });
    expect(hits[0].x).toBeCloseTo(380, 0);
    expect(hits[0].y).toBeCloseTo(300, 0);
    expect(await findText(pdf, /trang \d/)).toHaveLength(2);
  });
});

describe("PDF signatures: stamping after the signer's signature", () => {
  it("adds số/ký hiệu/ngày as an annotation without breaking the signature, then the agency signs", async () => {
    const ca = await testCa();
    const signed = await signPdf(await samplePdf(1), ca.leader, { rect: [360, 220, 520, 300], image: signatureImage });
    const stamped = await appendIncrementalUpdate(signed, {
      page: 0,
      drawings: [
        { text: "Số: 123/QĐ-SNV", x: 72, y: 700, font: "serif", size: 13 },
        { text: "Thử nghiệm, ngày 02 tháng 12 năm 2026", x: 300, y: 700, font: "serif", size: 13 },
      ],
    });
    expect(Buffer.from(stamped.subarray(0, signed.length)).equals(Buffer.from(signed))).toBe(true);
    const afterStamp = await verifyPdf(stamped, { trustAnchors: [ca.root.certificate] });
    expect(afterStamp.verdict).toBe("modified");
    expect(afterStamp.signatures[0]).toMatchObject({ integrity: "intact", coversWholeFile: false, modifiedAfter: stamped.length - signed.length });
    const issued = await signPdf(stamped, ca.agency, { page: 0, rect: [330, 230, 420, 320], image: ringPng(120, [200, 20, 20]) });
    const final = await verifyPdf(issued, { trustAnchors: [ca.root.certificate] });
    expect(final.verdict).toBe("valid");
    expect(final.signatures.map((s) => s.integrity)).toEqual(["intact", "intact"]);
    if (!pdfsig) return;
    expect(poppler("pdfsig", issued).match(/Signature is Valid\./g)?.length).toBe(2);
    const text = poppler("pdftotext", issued);
    expect(text).toContain("Số: 123/QĐ-SNV");
    expect(text).toContain("ngày 02 tháng 12 năm 2026");
  });
});

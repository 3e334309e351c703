import path from "node:path";
import PDFDocument from "pdfkit";
import { signerOf } from "@/lib/signatures/agency-key";
import { signWithAgencyKey, type Rect } from "@/lib/signatures/agency-sign";
import { pngFromCoverage } from "@/lib/signatures/seal-image";
import type { AgencyKeyFixture } from "./agency-fixtures";

// A document as the drafter's template lays it out (NĐ 30/2020 Phụ lục I): "Số:      /QĐ-SNV" and
// "Bình Định, ngày      tháng      năm 2026" on page 1 with their blanks, the title and the signer's
// name on the last page with room between them for the signature image; and its signature by the
// competent person (the signer's side done here with the person's PKCS#12, as the browser would).

const SERIF = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf", "DejaVuSerif.ttf");
const MM = 72 / 25.4;

export interface DraftPdf {
  pdf: Uint8Array;
  /** Where the signer's image goes (last page, between the title and the name). */
  signatureRect: Rect;
  pages: number;
}

export function draftPdf(opts: { pages?: number; notation?: string; year?: number } = {}): Promise<DraftPdf> {
  const pages = opts.pages ?? 1;
  const doc = new PDFDocument({ size: "A4", margin: 20 * MM, font: SERIF, info: { Title: "Dự thảo", Author: "Sở Nội vụ" } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  const height = doc.page.height;
  let rect: Rect = [0, 0, 0, 0];
  for (let p = 0; p < pages; p++) {
    if (p > 0) doc.addPage();
    if (p === 0) {
      doc.fontSize(13).text("UBND TỈNH BÌNH ĐỊNH", 30 * MM, 20 * MM);
      doc.text("SỞ NỘI VỤ", 40 * MM, 26 * MM);
      doc.text(`Số:          /${opts.notation ?? "QĐ-SNV"}`, 30 * MM, 34 * MM);
      doc.text(`Bình Định, ngày        tháng        năm ${opts.year ?? new Date().getFullYear()}`, 100 * MM, 34 * MM);
      doc.fontSize(14).text("QUYẾT ĐỊNH", 90 * MM, 50 * MM);
    }
    doc.fontSize(13).text(`Nội dung trang ${p + 1}. `.repeat(40), 30 * MM, (p === 0 ? 70 : 30) * MM, { width: 150 * MM });
    if (p === pages - 1) {
      const titleY = 200 * MM;
      doc.text("GIÁM ĐỐC", 130 * MM, titleY);
      doc.text("Nguyễn Văn Hùng", 125 * MM, titleY + 32 * MM);
      // PDF coordinates (origin bottom left): between the title and the name.
      rect = [120 * MM, height - (titleY + 30 * MM), 170 * MM, height - (titleY + 8 * MM)];
    }
  }
  doc.end();
  return done.then((b) => ({ pdf: new Uint8Array(b), signatureRect: rect, pages }));
}

/** A blue handwritten-looking signature (a sine stroke), transparent. */
export function signatureImage(): Uint8Array {
  const w = 300;
  const h = 120;
  return pngFromCoverage(w, h, (x, y) => {
    const cy = h / 2 + Math.sin(x / 18) * 30 * Math.sin((x / w) * Math.PI);
    return Math.abs(y - cy) < 3 ? 1 : 0;
  }, [20, 40, 180]);
}

/** The competent person's signature with their PKCS#12 (as the browser makes it). */
export async function signAsPerson(draft: DraftPdf, person: AgencyKeyFixture, name = "Nguyễn Văn Hùng", at = new Date()) {
  const signer = signerOf({ backend: "pkcs12", p12: person.p12, password: person.password });
  const { pdf } = await signWithAgencyKey(signer, draft.pdf, {
    page: draft.pages - 1, rect: draft.signatureRect, image: signatureImage(), reason: "Ký duyệt", name, fieldName: "ChuKyNguoiCoThamQuyen", signedAt: at,
  });
  return pdf;
}

import path from "node:path";
import PDFDocument from "pdfkit";

// A one-page draft ending with the signature block of NĐ 30/2020 Phụ lục I (the right column: the authority
// and title lines, room for the signature, the signer's name; the left column: Nơi nhận), in DejaVu Serif so
// the Vietnamese letters are real text a viewer (and pdf.js) reads back.
const FONT_DIR = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");

export function draftPdf(opts: { signerName: string; titles?: string[]; subject?: string }): Promise<Uint8Array> {
  const titles = opts.titles ?? ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"];
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4", margins: { top: 57, bottom: 57, left: 85, right: 57 }, info: { Title: "Dự thảo" } });
    doc.registerFont("regular", path.join(FONT_DIR, "DejaVuSerif.ttf"));
    doc.registerFont("bold", path.join(FONT_DIR, "DejaVuSerif-Bold.ttf"));
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
    doc.font("bold").fontSize(12).text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 250, 60, { width: 300, align: "center" });
    doc.font("bold").fontSize(13).text(opts.subject ?? "QUYẾT ĐỊNH", 85, 160, { width: 450, align: "center" });
    doc.font("regular").fontSize(13).text("Về việc cử công chức tham gia lớp bồi dưỡng nghiệp vụ văn thư, lưu trữ năm 2027.", 85, 200, { width: 450 });
    // The signature block: Nơi nhận on the left, on the same line as the first title line.
    const top = 420;
    doc.font("bold").fontSize(12).text("Nơi nhận:", 85, top);
    doc.font("regular").fontSize(11).text("- Như Điều 3;", 85, top + 16).text("- Lưu: VT, VP.", 85, top + 30);
    titles.forEach((t, i) => doc.font("bold").fontSize(13).text(t, 300, top + i * 17, { width: 240, align: "center" }));
    doc.font("bold").fontSize(13).text(opts.signerName, 300, top + titles.length * 17 + 80, { width: 240, align: "center" });
    doc.end();
  });
}

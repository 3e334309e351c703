import { describe, expect, it } from "vitest";
import { DEMO, waitForHydration } from "./harness";
import { openFromInbox, submitForm, upload } from "./flows";
import { useBrowserSuite } from "./suite";
import { startApp } from "./harness";
import { hasTool, poppler, ringPng } from "../signatures/sign";
import { testCa } from "../signatures/test-ca";
import { draftPdf } from "../signatures/draft-pdf";
import { darkPixels, wordsOnPage1 } from "../signatures/render";
import { PDFDocument, StandardFonts } from "pdf-lib";

// Issue 14 in real Chromium: the director registers the signature image and certificate on "Tài khoản của
// tôi", then signs a draft with a .p12 chosen in the page (unlocked there; the file and password never leave
// it): the server places the image, the page previews it, WebCrypto signs, the signed PDF is verified on the
// page and by Debian's pdfsig. Then the administrator sets the agency key and seal, the clerk issues
// (Phát hành), and the issued PDF carries two valid signatures (pdfsig) with số and ngày visible where the
// template left them blank (pdftotext's word boxes, pixels rendered by pdftoppm).
/** An A4 page with one line of ASCII text (a phụ lục as the drafter makes it). */
async function a4Pdf(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText(text, { x: 60, y: 700, size: 12, font });
  return Buffer.from(await doc.save());
}

const SUBJECT = "V/v cử công chức tham gia lớp bồi dưỡng nghiệp vụ ký số";

describe("Ký số in the browser", () => {
  const suite = useBrowserSuite(() => startApp());
  const as = (p: { username: string; fullName: string }) => suite.as(p.username, p.fullName);

  it("the director signs with a .p12 chosen in the page; the clerk issues with the agency signature; two signatures verify", async () => {
    const ca = await testCa();
    const base = suite.app.url;

    // Tài khoản của tôi: the image (preview before saving) and the certificate (public part).
    const director = await as(DEMO.leader);
    await director.goto(`${base}/account`);
    await waitForHydration(director, "main h1");
    await director.setInputFiles("input[type=file][accept='.png,image/png']", { name: "chu-ky.png", mimeType: "image/png", buffer: Buffer.from(ringPng(200)) });
    await expect.poll(() => director.getByText("Ảnh vừa chọn (chưa lưu)").count()).toBe(1);
    await director.getByRole("form", { name: "Tải lên ảnh chữ ký" }).getByRole("button", { name: "Lưu" }).click();
    await expect.poll(() => director.getByRole("img", { name: "Ảnh chữ ký" }).count()).toBe(1);
    await expect.poll(() => director.getByText("Ảnh chữ ký hiện tại").count()).toBe(1);
    await director.setInputFiles("input[type=file][accept='.cer,.crt,.pem,.der']", { name: "giamdoc.cer", mimeType: "application/pkix-cert", buffer: Buffer.from(ca.leader.certificate) });
    await director.getByRole("form", { name: "Tải lên chứng thư số" }).getByRole("button", { name: "Lưu" }).click();
    await expect.poll(() => director.getByText("Còn hiệu lực").count()).toBe(1);

    // A draft whose PDF ends with the director's signature block, through the review chain.
    const staff = await as(DEMO.staff);
    await staff.goto(`${base}/outgoing/new`);
    await waitForHydration(staff, "main h1");
    await staff.selectOption("#docType", "Công văn");
    await staff.fill("#subject", SUBJECT);
    await staff.selectOption("#signerId", { label: `${DEMO.leader.fullName} – Giám đốc` });
    await staff.getByRole("button", { name: "Thêm nơi nhận" }).click();
    await staff.getByLabel("Nơi nhận 1", { exact: true }).selectOption({ label: "Bộ Nội vụ (bản giấy)" });
    // The drafter's template: "Số:   /…" and "ngày … tháng … năm" left blank, the signer's title and name at the end.
    const pdf = Buffer.from((await draftPdf()).pdf);
    await upload(staff, "#draft-files", "du-thao-ky-so.pdf", pdf, "application/pdf");
    // A phụ lục in its own file (NĐ 30/2020 Phụ lục I §8): the director signs only the first file; the agency signs it at Phát hành.
    await upload(staff, "#draft-files", "phu-luc-danh-sach.pdf", await a4Pdf("Phu luc danh sach"), "application/pdf");
    await staff.getByLabel("Phụ lục kèm theo (phát hành cùng văn bản): phu-luc-danh-sach.pdf").check();
    await staff.getByRole("button", { name: "Tạo dự thảo" }).click();
    await staff.waitForURL(/\/outgoing\/[0-9a-f-]{36}\?saved=1$/);
    await staff.getByRole("button", { name: "Trình duyệt" }).click();
    await expect.poll(() => staff.getByText("Chờ duyệt").count()).toBeGreaterThan(0);
    const head = await as(DEMO.unitHead);
    await openFromInbox(head, base, SUBJECT);
    await submitForm(head, "Duyệt");
    await expect.poll(() => head.getByText("Chờ kiểm tra thể thức").count()).toBeGreaterThan(0);
    const chief = await as(DEMO.officeChief);
    await openFromInbox(chief, base, SUBJECT);
    await chief.getByLabel("Nội dung phù hợp quy định pháp luật, đúng thẩm quyền ban hành").check();
    await chief.getByLabel("Thể thức, kỹ thuật trình bày đúng Phụ lục I Nghị định 30/2020/NĐ-CP").check();
    await submitForm(chief, "Duyệt");
    await expect.poll(() => chief.getByText("Chờ ký").count()).toBeGreaterThan(0);

    // Ký số: choose the .p12, unlock it with a wrong then the right password, prepare, preview, sign.
    await openFromInbox(director, base, SUBJECT);
    await waitForHydration(director, "main h1");
    await director.setInputFiles("input[type=file][accept^='.p12']", { name: "giamdoc.p12", mimeType: "application/x-pkcs12", buffer: Buffer.from(ca.leader.p12("legacy", "mật khẩu 123")) });
    await director.getByLabel("Mật khẩu của tệp").fill("sai");
    await director.getByRole("button", { name: "Mở tệp" }).click();
    await expect.poll(() => director.getByText("Không mở được tệp: sai mật khẩu hoặc tệp không phải PKCS#12.").count()).toBe(1);
    await director.getByLabel("Mật khẩu của tệp").fill("mật khẩu 123");
    await director.getByRole("button", { name: "Mở tệp" }).click();
    await director.getByRole("button", { name: "Chuẩn bị bản ký" }).click();
    await expect.poll(() => director.getByText(/Bản ký: chữ ký đặt giữa chức vụ và họ tên người ký/).count(), { timeout: 30_000 }).toBe(1);
    await director.getByRole("button", { name: "Ký số", exact: true }).click();
    await expect.poll(() => director.getByText("Chờ phát hành").count(), { timeout: 30_000 }).toBeGreaterThan(0);

    // The signed PDF: on the page, verified with sigcore's panel (intact; the test CA is not a trust anchor here).
    const panel = director.locator("section[aria-label='Chữ ký số']").first();
    await expect.poll(() => panel.textContent()).toContain("Toàn vẹn");
    expect(await panel.textContent()).toContain(DEMO.leader.fullName);
    // Downloaded, pdfsig agrees.
    const link = director.getByText("Bản đã ký số:").locator("..").getByRole("link").first();
    const href = await link.getAttribute("href");
    const res = await director.request.get(`${base}${href}`);
    expect(res.status()).toBe(200);
    const signed = new Uint8Array(await res.body());
    if (hasTool("pdfsig")) {
      const report = poppler("pdfsig", signed);
      expect(report).toMatch(/Signature Validation: Signature is Valid/);
      expect(report).toMatch(/Total document signed/);
      expect(poppler("pdftotext", signed)).not.toContain("Phu luc danh sach");
    }

    // The administrator: the CA as a trust anchor (Phát hành needs a trusted signature of the signer), the
    // agency key (PKCS#12) and the seal image.
    const admin = await as(DEMO.admin);
    await admin.goto(`${base}/admin/signatures`);
    await waitForHydration(admin, "#trust-file");
    await admin.setInputFiles("#trust-file", { name: "ca.pem", mimeType: "application/x-pem-file", buffer: Buffer.from(ca.root.certPem) });
    await admin.getByRole("button", { name: "Nhập chứng thư" }).click();
    await admin.getByRole("form", { name: "Nhập chứng thư tin cậy" }).getByText("Đã thêm 1 chứng thư tin cậy.").waitFor();
    await admin.goto(`${base}/admin/signing`);
    await waitForHydration(admin, "#agency-p12");
    await admin.setInputFiles("#agency-p12", { name: "so-noi-vu.p12", mimeType: "application/x-pkcs12", buffer: Buffer.from(ca.agency.p12("aes", "KhoaCoQuan@2026")) });
    await admin.fill("#agency-p12-password", "KhoaCoQuan@2026");
    await admin.getByRole("button", { name: "Lưu khóa" }).click();
    await admin.getByRole("form", { name: "Nhập tệp PKCS#12 của cơ quan" }).getByText("Đã lưu khóa ký số của cơ quan (tệp PKCS#12).").waitFor();
    await upload(admin, "#seal-file", "con-dau.png", Buffer.from(ringPng(300, [220, 20, 20])), "image/png");
    await admin.getByRole("button", { name: "Lưu con dấu" }).click();
    await admin.getByRole("form", { name: "Hình ảnh con dấu" }).getByText("Đã lưu hình ảnh con dấu.").waitFor();

    // The clerk issues: no upload, the confirmation names the agency signature.
    const clerk = await as(DEMO.clerk);
    await clerk.goto(`${base}/outgoing?status=awaiting_issue`);
    await clerk.getByRole("link", { name: new RegExp(SUBJECT) }).click();
    await clerk.waitForURL(/\/outgoing\/[0-9a-f-]{36}/);
    await waitForHydration(clerk, "main h1");
    await clerk.getByText("Văn bản đã có chữ ký số của người có thẩm quyền.", { exact: false }).waitFor();
    await clerk.getByText("Hệ thống cũng ký số của cơ quan lên 1 phụ lục", { exact: false }).waitFor();
    await clerk.fill("#issuedAmount", "1");
    await submitForm(clerk, "Phát hành");
    const issuedNote = clerk.getByRole("status").filter({ hasText: "Đã phát hành: số" });
    await expect.poll(() => issuedNote.count(), { timeout: 60_000 }).toBe(1);
    const [, symbol, day, month] = /số (\d+)\/\S+ ngày (\d{2})\/(\d{2})\//.exec((await issuedNote.textContent()) ?? "")!;
    const issuedPanel = clerk.locator("section[aria-label='Chữ ký số']").first();
    await expect.poll(() => issuedPanel.textContent()).toContain("Sở Nội vụ tỉnh Thử nghiệm");
    const issuedHref = await clerk.getByText("Văn bản phát hành:").locator("..").getByRole("link").first().getAttribute("href");
    const issuedRes = await clerk.request.get(`${base}${issuedHref}`);
    expect(issuedRes.status()).toBe(200);
    const issued = new Uint8Array(await issuedRes.body());
    if (hasTool("pdfsig") && hasTool("pdftoppm")) {
      // Two signatures, both valid: the director's (kept intact by the stamping) and the agency's.
      const report = poppler("pdfsig", issued);
      expect(report.match(/Signature Validation: Signature is Valid/g)).toHaveLength(2);
      expect(report).toContain(DEMO.leader.fullName);
      expect(report).toContain("Sở Nội vụ tỉnh Thử nghiệm");
      // Số and ngày: the words are where the blanks were, and they are ink on the rendered page, which the
      // signed (unstamped) PDF does not have there.
      const words = wordsOnPage1(issued);
      const so = words.find((w) => w.text === "Số:")!;
      const ngay = words.find((w) => w.text === "ngày")!;
      const sameLine = (ref: typeof so, text: string) => words.find((w) => w.text === text && Math.abs(w.yMin - ref.yMin) < 4 && w.xMin > ref.xMax);
      const stamped = [sameLine(so, symbol.padStart(2, "0")), sameLine(ngay, day), sameLine(ngay, month)];
      for (const box of stamped) {
        expect(box, `stamped word on page 1 of ${JSON.stringify(words.slice(0, 20).map((w) => w.text))}`).toBeDefined();
        expect(darkPixels(issued, box!)).toBeGreaterThan(10);
        expect(darkPixels(signed, box!)).toBe(0);
      }
    }

    // The phụ lục as the agency signed it: listed with its own signature panel, one valid signature, the số, ký
    // hiệu and the ISO 8601 time at the top right of page 1.
    const appendixLine = clerk.getByText("Phụ lục 1:").locator("..");
    await expect.poll(() => appendixLine.locator("section[aria-label='Chữ ký số']").textContent()).toContain("Sở Nội vụ tỉnh Thử nghiệm");
    const appendixHref = await appendixLine.getByRole("link").first().getAttribute("href");
    const appendixRes = await clerk.request.get(`${base}${appendixHref}`);
    expect(appendixRes.status()).toBe(200);
    const appendix = new Uint8Array(await appendixRes.body());
    if (hasTool("pdfsig")) {
      expect(poppler("pdfsig", appendix).match(/Signature Validation: Signature is Valid/g)).toHaveLength(1);
      const corner = poppler("pdftotext", appendix, ["-f", "1", "-l", "1", "-x", "297", "-y", "0", "-W", "298", "-H", "70"]);
      expect(corner).toContain(`${symbol.padStart(2, "0")}/`);
      expect(corner).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00/);
    }
  });
});

import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { upload } from "./flows";
import { DEMO, ROOT, startApp, waitForHydration } from "./harness";
import { useBrowserSuite } from "./suite";

// Ký số in the browser (issue 14): the administrator trusts the test CA (Quản trị → Chứng thư tin
// cậy); the clerk registers an incoming document with a signed PDF and sees its signature verified;
// a PDF modified after signing is flagged.

const suite = useBrowserSuite(() => startApp());
const FIXTURES = path.join(ROOT, "tests", "fixtures", "pdf-signatures");
const fixture = (f: string) => fs.readFileSync(path.join(FIXTURES, f));

describe("PDF signatures", () => {
  test("trust anchors are imported by the admin; incoming PDFs show who signed and whether they were changed", async () => {
    const base = suite.app.url;
    const admin = await suite.as(DEMO.admin.username, DEMO.admin.fullName);
    await admin.goto(`${base}/admin`);
    await admin.getByRole("link", { name: /Chứng thư tin cậy/ }).click();
    await admin.waitForURL((u) => u.pathname === "/admin/signatures");
    await admin.getByText("Chưa có chứng thư tin cậy nào").waitFor();
    await waitForHydration(admin, "#trust-file");
    // A leaf certificate is refused with its reason; the root is accepted.
    await admin.getByRole("button", { name: "Nhập chứng thư" }).click();
    await admin.getByText("Vui lòng chọn tệp chứng thư số.").waitFor();
    await admin.setInputFiles("#trust-file", { name: "ca.pem", mimeType: "application/x-pem-file", buffer: fixture("trust-anchor.pem") });
    await admin.getByRole("button", { name: "Nhập chứng thư" }).click();
    await admin.getByRole("form", { name: "Nhập chứng thư tin cậy" }).getByText("Đã thêm 1 chứng thư tin cậy.").waitFor();
    await admin.getByText("CN=Cơ quan chứng thực số chuyên dùng thử nghiệm", { exact: false }).first().waitFor();
    await admin.getByRole("button", { name: "Gỡ khỏi danh sách" }).waitFor();

    const clerk = await suite.as(DEMO.clerk.username, DEMO.clerk.fullName);
    await clerk.goto(`${base}/incoming/new`);
    await waitForHydration(clerk, "#symbol");
    await clerk.fill("#symbol", "21/SNV-KS");
    await clerk.fill("#issuerName", "Sở Nội vụ tỉnh Thử nghiệm");
    await clerk.selectOption("#docType", "Công văn");
    await clerk.fill("#subject", "Về việc thử nghiệm chữ ký số");
    await clerk.fill("#pageCount", "2");
    await clerk.fill("#issuedDate", new Date(Date.now() - 86_400_000).toLocaleDateString("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }));
    await upload(clerk, "#files", "cong-van-da-ky.pdf", fixture("two-signatures.pdf"), "application/pdf");
    await upload(clerk, "#files", "cong-van-bi-sua.pdf", fixture("annotation-added.pdf"), "application/pdf");
    await clerk.getByRole("button", { name: "Vào sổ" }).click();
    await clerk.waitForURL(/registered=1$/);

    const signed = clerk.locator("li", { hasText: "cong-van-da-ky.pdf" }).getByRole("region", { name: "Chữ ký số" });
    await signed.getByText("Chữ ký số hợp lệ, văn bản toàn vẹn").waitFor();
    await signed.getByText(/2 chữ ký số/).click();
    await signed.getByText("Nguyễn Văn Hùng").waitFor();
    await signed.getByText("Sở Nội vụ tỉnh Thử nghiệm").waitFor();
    expect(await signed.getByText("Tin cậy", { exact: true }).count()).toBe(2);

    const changed = clerk.locator("li", { hasText: "cong-van-bi-sua.pdf" }).getByRole("region", { name: "Chữ ký số" });
    expect(await changed.getAttribute("data-signature-verdict")).toBe("modified");
    // Details open by themselves when something is wrong.
    await changed.locator("li").getByText("Đã bị sửa sau khi ký").waitFor();
  });
});

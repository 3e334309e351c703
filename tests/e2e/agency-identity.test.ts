import { describe, expect, test } from "vitest";
import { DEMO, startApp, waitForHydration } from "./harness";
import { useBrowserSuite } from "./suite";

// Issue 11 item 14: the header shows the agency (and its parent) with its emblem; the administrator
// changes them on Quản trị → Thông tin cơ quan; a favicon and the default emblem come from public/.

const suite = useBrowserSuite(() => startApp());

// A 2×2 red PNG (valid: the upload route sniffs and decodes images).
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4IScHRAwQCgAfJgQRoo8irwAAAABJRU5ErkJggg==",
  "base64",
);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

describe("agency identity", () => {
  test("the header shows the agency, its parent and the default emblem; the favicon is served", async () => {
    const base = suite.app.url;
    const staff = await suite.as(DEMO.staff.username, DEMO.staff.fullName);
    const banner = staff.getByRole("banner");
    await banner.getByText("Sở Nội vụ tỉnh Bình Định", { exact: true }).waitFor();
    await banner.getByText("UBND tỉnh Bình Định", { exact: true }).waitFor();
    const src = await banner.locator("img").getAttribute("src");
    expect(src).toBe("/api/agency/emblem");
    const emblem = await staff.request.get(`${base}${src}`);
    expect(emblem.status()).toBe(200);
    expect(emblem.url()).toMatch(/\/emblem\.svg$/);
    expect(emblem.headers()["content-type"]).toContain("image/svg+xml");
    const icon = await staff.request.get(`${base}/favicon.ico`);
    expect(icon.status()).toBe(200);
    expect((await icon.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    expect(await staff.locator("link[rel='icon']").count()).toBeGreaterThan(0);
    // Not the administrator's screen.
    expect((await staff.goto(`${base}/admin/agency`))?.status()).toBe(404);
  });

  test("the administrator sets name, parent, place name and a PNG emblem; SVG is refused; everyone sees it", async () => {
    const base = suite.app.url;
    const admin = await suite.as(DEMO.admin.username, DEMO.admin.fullName);
    await admin.goto(`${base}/admin`);
    await admin.getByRole("link", { name: /Thông tin cơ quan/ }).click();
    await admin.waitForURL(/\/admin\/agency$/);
    await waitForHydration(admin, "#agency-emblem");
    expect(await admin.title()).toBe("Thông tin cơ quan · Sở Nội vụ tỉnh Bình Định");

    // SVG can carry script: refused at upload, the message linked to the field.
    await admin.setInputFiles("#agency-emblem", { name: "logo.svg", mimeType: "image/svg+xml", buffer: SVG });
    const input = admin.locator("#agency-emblem");
    await expect.poll(() => input.getAttribute("aria-invalid")).toBe("true");
    expect(await admin.locator("#agency-emblem-error").innerText()).not.toBe("");

    await admin.setInputFiles("#agency-emblem", { name: "logo.png", mimeType: "image/png", buffer: PNG });
    await expect.poll(() => input.getAttribute("aria-invalid")).toBe(null);
    await admin.fill("#agency-name", "Sở Nội vụ tỉnh Gia Lai");
    await admin.fill("#agency-parent", "UBND tỉnh Gia Lai");
    await admin.fill("#agency-place", "Gia Lai");
    await admin.getByRole("button", { name: "Lưu thông tin cơ quan" }).click();
    await admin.getByText("Đã lưu thông tin cơ quan.").waitFor();
    // After the step the focus is on the announced result.
    expect(await admin.evaluate(() => document.activeElement?.textContent)).toBe("Đã lưu thông tin cơ quan.");

    const staff = await suite.as(DEMO.staff.username, DEMO.staff.fullName);
    const banner = staff.getByRole("banner");
    await banner.getByText("Sở Nội vụ tỉnh Gia Lai", { exact: true }).waitFor();
    await banner.getByText("UBND tỉnh Gia Lai", { exact: true }).waitFor();
    expect(await staff.title()).toBe("Tổng quan · Sở Nội vụ tỉnh Gia Lai");
    const src = (await banner.locator("img").getAttribute("src"))!;
    expect(src).toMatch(/^\/api\/agency\/emblem\?v=[0-9a-f-]{36}$/);
    const res = await staff.request.get(`${base}${src}`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("image/png");
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    expect(res.headers()["content-security-policy"]).toContain("sandbox");
    expect(Buffer.from(await res.body()).equals(PNG)).toBe(true);
    // The image is drawn (decoded by the browser).
    await expect.poll(() => banner.locator("img").evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(2);
    // Signed out: no emblem of the agency, the default one.
    const anon = await suite.open();
    const out = await anon.request.get(`${base}/api/agency/emblem`, { maxRedirects: 0 });
    expect(out.status()).toBe(307);
    expect(out.headers()["location"]).toBe("/emblem.svg");
  });
});

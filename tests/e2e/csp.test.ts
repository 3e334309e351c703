import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { pdf } from "../unit/storage-fixtures";
import { DEMO, ROOT, adminFindUserId, launchBrowser, login, newPage, printServerLogIfFailed, startApp, waitForHydration, type AppServer } from "./harness";
import { submitForm, TCBC, upload } from "./flows";

// Issue 10 item 8, security.md §5 row 11: a nonce-based Content-Security-Policy on every page, and
// not one violation on any screen of the app: every page route under app/ is visited as a person
// who may see it, with the browser's securitypolicyviolation events and its console watched. The
// PDF viewer (pdf.js and its worker) renders under the policy.

let app: AppServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const violations: string[] = [];
const year = new Date().getFullYear();

beforeAll(async () => {
  app = await startApp({ env: { LOGIN_IP_MAX_FAILURES: "1000", BENCH_FLOOR: "1" } });
  browser = await launchBrowser();
});
afterEach((ctx) => printServerLogIfFailed(ctx, app));
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await app?.stop();
});

/** A fresh context whose pages report every CSP violation (events and console) into `violations`. */
async function watched(who: string): Promise<Page> {
  const { context, page } = await newPage(browser);
  contexts.push(context);
  await context.exposeBinding("__cspViolation", (_source, text: string) => void violations.push(`${who}: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener(
      "securitypolicyviolation",
      (e) => {
        const report = (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation;
        void report(`${location.pathname}${location.search} ${e.violatedDirective} blocked=${e.blockedURI} sample=${e.sample}`);
      },
      true,
    );
  });
  page.on("console", (m) => {
    if (/content security policy|content-security-policy|refused to (load|execute|apply|connect|create|frame)/i.test(m.text())) {
      violations.push(`${who}: console ${page.url()}: ${m.text()}`);
    }
  });
  return page;
}

async function signedIn(person: { username: string; fullName: string }): Promise<Page> {
  const page = await watched(person.username);
  await login(page, app.url, person.username, person.fullName);
  return page;
}

/** The page route of every page.tsx under app/, e.g. "/files/[id]" (route groups left out). */
function pageRoutes(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "page.tsx") {
        const segs = path.relative(path.join(ROOT, "app"), dir).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
        out.push(`/${segs.join("/")}`);
      }
    }
  };
  walk(path.join(ROOT, "app"));
  return out.sort();
}

/** Waits for this text on the page; a failure shows the form messages on it instead. */
async function shows(page: Page, text: string) {
  await expect
    .poll(async () => ((await page.getByText(text).count()) > 0 ? text : await page.locator("[role=alert], [id$=-error]").allTextContents()), { timeout: 20_000 })
    .toBe(text);
}

/** Opens a page and waits until Next's runtime has run (it cannot when the policy blocks its scripts). */
async function visit(page: Page, url: string, status = 200) {
  const res = await page.goto(`${app.url}${url}`);
  expect(res?.status(), url).toBe(status);
  const csp = res!.headers()["content-security-policy"] ?? "";
  expect(csp, url).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
  await page.waitForFunction(() => !!(window as unknown as { next?: { version?: string } }).next?.version, undefined, { timeout: 20_000 });
  await page.waitForLoadState("load");
  await page.waitForTimeout(300);
}

describe("Content-Security-Policy", () => {
  test("every page answers with a nonce policy, a new nonce each time, on the scripts Next.js sends", async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${app.url}/login`);
      const csp = res.headers.get("content-security-policy") ?? "";
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      nonces.add(nonce!);
      for (const d of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "default-src 'self'", "img-src 'self' data: blob:", "worker-src 'self'"]) {
        expect(csp).toContain(d);
      }
      const html = await res.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const s of scripts) expect(s, s).toContain(`nonce="${nonce}"`);
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
      expect(res.headers.get("permissions-policy")).toContain("camera=()");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      // Plain http here: no HSTS (https-proxy.test.ts checks it on https).
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
    expect(nonces.size).toBe(3);
    // The 404 page too (it was prerendered without a nonce before every page became dynamic).
    const missing = await fetch(`${app.url}/khong-co-trang-nay`);
    expect(missing.status).toBe(404);
    const nonce = /'nonce-([^']+)'/.exec(missing.headers.get("content-security-policy") ?? "")?.[1];
    for (const s of (await missing.text()).match(/<script\b[^>]*>/g) ?? []) expect(s).toContain(`nonce="${nonce}"`);
  });

  test("no screen of the app violates the policy, each visited as someone who may see it; the PDF viewer renders", async () => {
    const clerk = await signedIn(DEMO.clerk);
    const director = await signedIn(DEMO.leader);
    const staff = await signedIn(DEMO.staff);
    const admin = await signedIn(DEMO.admin);
    const archivist = await signedIn(DEMO.archivist);
    const province = await signedIn(DEMO.province);
    const anonymous = await watched("anonymous");

    // The rows behind the pages with an id: an incoming document with a PDF, assigned to cv.tcbc1;
    // his reply draft; his work file with it, closed and handed over.
    await clerk.goto(`${app.url}/incoming/new`);
    await clerk.fill("#symbol", "15/UBND-CSP");
    await clerk.fill("#issuerName", "UBND tỉnh Bình Định");
    await clerk.selectOption("#docType", "Công văn");
    await clerk.fill("#subject", "Về chính sách bảo mật nội dung");
    await clerk.fill("#pageCount", "2");
    await clerk.fill("#issuedDate", new Date(Date.now() - 3 * 86_400_000).toLocaleDateString("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }));
    await upload(clerk, "#files", "cong-van-csp.pdf", pdf("Cong van CSP", { pages: 2 }), "application/pdf");
    await clerk.getByRole("button", { name: "Vào sổ" }).click();
    await clerk.waitForURL(/registered=1$/);
    const incomingPath = new URL(clerk.url()).pathname;
    await clerk.selectOption("#submit-leader", { label: `${DEMO.leader.fullName} – Giám đốc` });
    await submitForm(clerk, "Trình lãnh đạo");
    await shows(clerk, "Chờ ý kiến chỉ đạo");
    await director.goto(`${app.url}${incomingPath}`);
    await director.fill("#instruction", "Giao đồng chí Khoa xử lý.");
    await director.getByLabel("Người hoặc đơn vị nhận 1").selectOption({ label: `${DEMO.staff.fullName} – Chuyên viên, ${TCBC}` });
    await submitForm(director, "Chuyển xử lý");
    await shows(director, "Đang xử lý");

    await staff.goto(`${app.url}${incomingPath}`);
    await staff.getByRole("link", { name: "Tạo dự thảo" }).click();
    await staff.waitForURL(/\/outgoing\/new\?replyTo=/);
    await waitForHydration(staff, "#subject");
    await staff.selectOption("#docType", "Báo cáo");
    await staff.fill("#subject", "Báo cáo về chính sách bảo mật nội dung");
    await staff.selectOption("#signerId", { label: `${DEMO.leader.fullName} – Giám đốc` });
    await upload(staff, "#draft-files", "bao-cao-csp.pdf", pdf("Bao cao CSP"), "application/pdf");
    await staff.getByRole("button", { name: "Tạo dự thảo" }).click();
    await staff.waitForURL(/\/outgoing\/[0-9a-f-]{36}\?saved=1$/);
    const outgoingPath = new URL(staff.url()).pathname;

    await staff.goto(`${app.url}/files/plan`);
    await waitForHydration(staff, "main h1");
    await staff.getByRole("row").filter({ hasText: "03.TCBC" }).getByRole("button", { name: "Mở hồ sơ" }).click();
    await staff.waitForURL(/\/files\/[0-9a-f-]{36}$/);
    const filePath = new URL(staff.url()).pathname;
    await staff.goto(`${app.url}${incomingPath}`);
    await waitForHydration(staff, "main h1");
    await submitForm(staff, "Thêm vào hồ sơ");
    await expect.poll(() => staff.getByRole("list", { name: "Hồ sơ chứa văn bản" }).textContent().catch(() => "")).toContain("03.TCBC");
    await staff.goto(`${app.url}${filePath}`);
    await waitForHydration(staff, "main h1");
    await staff.getByText("Mở biểu mẫu đóng hồ sơ").click();
    await staff.fill("#close-sheets", await staff.inputValue("#close-pages"));
    await staff.fill("#close-description", "Hồ sơ gồm công văn về chính sách bảo mật nội dung.");
    await submitForm(staff, "Đóng hồ sơ");
    await expect
      .poll(async () => ((await staff.getByText("Hồ sơ đã đóng, chỉ được xem.").count()) === 1 ? "closed" : await staff.locator("form [role=alert], [id$=-error]").allTextContents()))
      .toBe("closed");
    await staff.goto(`${app.url}/files/handover`);
    await waitForHydration(staff, "main h1");
    const closedRow = staff.getByRole("row").filter({ hasText: "03.TCBC" });
    await closedRow.getByRole("button", { name: "Đánh dấu đã đối chiếu" }).click();
    const handoverForm = staff.getByRole("form", { name: `Nộp lưu hồ sơ của ${TCBC}` });
    await handoverForm.waitFor();
    await handoverForm.getByLabel("Số hộp").fill("1");
    await handoverForm.getByLabel("Số mét giá").fill("0,1");
    await handoverForm.getByRole("button", { name: "Nộp lưu", exact: true }).click();
    await staff.waitForURL(/\/files\/handover\/[0-9a-f-]{36}$/);
    const batchPath = new URL(staff.url()).pathname;

    await admin.goto(`${app.url}/admin/units`);
    const unitPath = await admin.locator("a[href^='/admin/units/']").first().getAttribute("href");
    const userId = await adminFindUserId(admin, app.url, DEMO.staff.username);
    await province.goto(`${app.url}/admin/agencies`);
    const agencyPath = await province.locator("tbody a[href^='/admin/agencies/']").first().getAttribute("href");
    await admin.goto(`${app.url}/admin/exchange/directory`);
    const partnerPath = await admin.locator("tbody a[href^='/admin/exchange/directory/']").first().getAttribute("href");

    // Every page route, as whom and at which address (a query string where the page needs one).
    const visits: Record<string, [Page, string][]> = {
      "/": [[staff, "/"], [admin, "/"], [archivist, "/"]],
      "/login": [[anonymous, "/login"]],
      "/floor": [[anonymous, "/floor"]],
      "/floor-shell": [[staff, "/floor-shell"]],
      "/account": [[staff, "/account"]],
      "/admin": [[admin, "/admin"]],
      "/admin/agency": [[admin, "/admin/agency"]],
      "/admin/agencies": [[province, "/admin/agencies"]],
      "/admin/agencies/new": [[province, "/admin/agencies/new"]],
      "/admin/agencies/[id]": [[province, agencyPath!]],
      "/admin/agencies/log": [[province, "/admin/agencies/log"]],
      "/admin/calendar": [[admin, "/admin/calendar"]],
      "/admin/exchange": [[admin, "/admin/exchange"]],
      "/admin/exchange/directory": [[admin, "/admin/exchange/directory"]],
      "/admin/exchange/directory/[id]": [[admin, partnerPath!]],
      "/admin/exchange/directory/new": [[admin, "/admin/exchange/directory/new"]],
      "/admin/security": [[admin, "/admin/security"]],
      "/admin/signatures": [[admin, "/admin/signatures"]],
      "/admin/signing": [[admin, "/admin/signing"]],
      "/delegations": [[director, "/delegations"]],
      "/notifications": [[staff, "/notifications"]],
      "/monitoring/reports": [[clerk, "/monitoring/reports"]],
      "/admin/units": [[admin, "/admin/units"]],
      "/admin/units/[id]": [[admin, unitPath!]],
      "/admin/users": [[admin, "/admin/users"]],
      "/admin/users/[id]": [[admin, `/admin/users/${userId}`]],
      "/admin/users/new": [[admin, "/admin/users/new"]],
      "/exchange": [[clerk, "/exchange"]],
      "/monitoring": [[director, "/monitoring"]],
      "/my-work": [[staff, "/my-work"]],
      "/incoming": [[clerk, "/incoming"], [director, "/incoming"]],
      "/incoming/new": [[clerk, "/incoming/new"]],
      "/incoming/[id]": [[clerk, incomingPath], [staff, incomingPath]],
      "/outgoing": [[staff, "/outgoing"]],
      "/outgoing/new": [[staff, "/outgoing/new"]],
      "/outgoing/[id]": [[staff, outgoingPath]],
      "/outgoing/[id]/edit": [[staff, `${outgoingPath}/edit`]],
      "/files": [[staff, "/files"]],
      "/files/[id]": [[staff, filePath]],
      "/files/plan": [[archivist, "/files/plan"]],
      "/files/archive": [[archivist, "/files/archive"]],
      "/files/handover": [[staff, "/files/handover"]],
      "/files/handover/[id]": [[staff, batchPath], [archivist, batchPath]],
      "/files/print": [[archivist, `/files/print?book=plan&year=${year}`], [staff, `/files/print?book=handover-record&batch=${batchPath.split("/").pop()}`]],
      "/registers": [[clerk, "/registers"]],
      "/registers/print": [[clerk, `/registers/print?book=incoming&year=${year}&series=normal`], [clerk, `/registers/print?book=outgoing&year=${year}&register=DI`]],
      "/registers/incoming/print": [[clerk, `/registers/incoming/print?year=${year}`]],
    };
    expect(Object.keys(visits).sort(), "a page route without a visit here").toEqual(pageRoutes());

    for (const [route, list] of Object.entries(visits)) {
      for (const [page, url] of list) {
        await visit(page, url);
        // Not sent to the sign-in page or elsewhere: the screen itself was shown.
        expect(new URL(page.url()).pathname, route).toBe(new URL(url, app.url).pathname.replace("/registers/incoming/print", "/registers/print"));
      }
    }
    // The 404 page, signed in and not.
    await visit(staff, "/khong-co-trang-nay", 404);
    await visit(anonymous, "/khong-co-trang-nay", 404);

    // The PDF viewer draws the document under the policy (pdf.js, its worker and fonts).
    await visit(clerk, incomingPath);
    const viewer = clerk.getByRole("region", { name: "Xem văn bản: cong-van-csp.pdf" });
    await expect.poll(() => viewer.locator("canvas").getAttribute("data-rendered-page"), { timeout: 20_000 }).toBe("1");
    await viewer.getByRole("button", { name: "Trang sau" }).click();
    await expect.poll(() => viewer.locator("canvas").getAttribute("data-rendered-page"), { timeout: 20_000 }).toBe("2");
    // A client-side navigation (RSC, new nonce on the server) and a print view with its stylesheet.
    await clerk.goto(`${app.url}/registers`);
    await clerk.getByRole("navigation", { name: "Chức năng" }).getByRole("link", { name: "Văn bản đến" }).click();
    await clerk.waitForURL((u) => u.pathname === "/incoming");
    await clerk.waitForTimeout(500);

    expect(violations).toEqual([]);
  }, 900_000);
});

import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO, MESSAGES, startApp, submitLogin, waitForHydration } from "./harness";
import { submitForm } from "./flows";
import { useBrowserSuite } from "./suite";

// Issue 11, item 6 (dead ends) and item 9 (the assignment form), on the demo agency:
// - every same-origin link a person is shown leads somewhere they may go (no 404/403), in each role;
// - back links go where the person came from or can go (staff have no /incoming);
// - the archivist opens the documents of an archived file, and the view is on the file's trail;
// - a signed-out deep link returns to its target after sign-in (same-origin paths only);
// - the leader's assignment form: grouped, searchable without accents, labelled, errors linked.


interface CrawlResult {
  visited: string[];
  bad: string[];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** A page's kind: its path with ids replaced and its query's keys (two documents' pages are one kind). */
const shapeOf = (u: URL) => `${u.pathname.replace(UUID, ":id")}?${[...new Set(u.searchParams.keys())].sort().join("&")}`;

/** The kinds of page (shapeOf) this file has opened in the browser so far: each is audited there once (a11y.ts). */
const OPENED = new Set<string>();

const ENTITIES: Record<string, string> = { amp: "&", quot: '"', apos: "'", lt: "<", gt: ">", "#39": "'", "#x27": "'" };
/** The links of a server-rendered page: every <a href> with whether it has `download` (React writes attributes in double quotes). */
function linksIn(html: string): { href: string; download: boolean }[] {
  return [...html.matchAll(/<a\s[^>]*>/g)].flatMap(([tag]) => {
    const href = /\shref="([^"]*)"/.exec(tag)?.[1];
    return href === undefined ? [] : [{ href: href.replace(/&(amp|quot|apos|lt|gt|#39|#x27);/g, (_, e: string) => ENTITIES[e]), download: /\sdownload(=|\s|>|\/)/.test(tag) }];
  });
}

/**
 * From the home page, follows every same-origin link the person is shown (each kind of link up to
 * `perShape` times, at most `max` pages): pages by their server-rendered HTML, with the same cookies
 * (the links a person is shown are in it, as at the browser's `domcontentloaded`), downloads without
 * reading them. The first page of each kind this file reaches is opened in the browser instead, where it is
 * audited (axe-core, once per kind). Any 4xx/5xx, or the not-found page, is reported.
 */
async function crawl(page: Page, base: string, { perShape = 2, max = 36 } = {}): Promise<CrawlResult> {
  const origin = new URL(base).origin;
  // Each kind of link (shapeOf: ids replaced, query keys) is followed a few times, not every row.
  const shapes = new Map<string, number>();
  const queue: string[] = ["/"];
  const queued = new Set(queue);
  const visited: string[] = [];
  const bad: string[] = [];
  while (queue.length && visited.length < max) {
    const path = queue.shift()!;
    visited.push(path);
    const kind = shapeOf(new URL(path, base));
    let status: number, notFound: boolean, at: string, links: { href: string; download: boolean }[];
    if (!OPENED.has(kind)) {
      OPENED.add(kind);
      const res = await page.goto(`${base}${path}`, { waitUntil: "domcontentloaded", timeout: 60_000 });
      status = res?.status() ?? 0;
      notFound = (await page.getByRole("heading", { name: MESSAGES.notFound }).count()) > 0;
      at = page.url();
      links = await page.$$eval("a[href]", (as) => as.map((a) => ({ href: a.getAttribute("href") ?? "", download: a.hasAttribute("download") })));
    } else {
      const res = await page.request.get(`${base}${path}`, { timeout: 60_000 });
      const html = await res.text();
      status = res.status();
      notFound = new RegExp(`<h1[^>]*>${MESSAGES.notFound}</h1>`).test(html);
      at = res.url();
      links = linksIn(html);
    }
    if (status >= 400 || notFound) {
      bad.push(`${path} → ${status}`);
      continue;
    }
    for (const { href, download } of links) {
      let u: URL;
      try {
        u = new URL(href, at);
      } catch {
        continue;
      }
      if (u.origin !== origin || u.pathname.startsWith("/login")) continue;
      u.hash = "";
      const target = `${u.pathname}${u.search}`;
      if (queued.has(target)) continue;
      const shape = shapeOf(u);
      const seen = shapes.get(shape) ?? 0;
      if (seen >= perShape) continue;
      shapes.set(shape, seen + 1);
      queued.add(target);
      if (download || u.pathname.startsWith("/api/")) {
        // A download (file, PDF, XLSX, XML): asked with the person's cookies, not rendered.
        const r = await page.request.get(`${base}${target}`, { maxRedirects: 0, timeout: 60_000 });
        if (r.status() >= 400) bad.push(`${target} → ${r.status()} (tải về)`);
        continue;
      }
      queue.push(target);
    }
  }
  return { visited, bad };
}

describe("navigation: no dead ends, back links, deep links after sign-in, the assignment form", () => {
  const suite = useBrowserSuite(() => startApp());

  const ROLES = [DEMO.staff, DEMO.archivist, DEMO.unitHead, DEMO.leader, DEMO.clerk, DEMO.officeChief, DEMO.admin, DEMO.province];
  for (const person of ROLES) {
    it(`${person.username}: every link shown leads to a page they may open (no 404/403)`, { timeout: 420_000 }, async () => {
      const page = await suite.as(person.username, person.fullName);
      const { visited, bad } = await crawl(page, suite.app.url);
      console.log("CRAWL", person.username, visited.length, visited.join(" "));
      expect(bad).toEqual([]);
      // The crawl did reach past the home page.
      expect(visited.length).toBeGreaterThan(3);
    });
  }

  it("staff: a document's back link goes where they came from (Việc của tôi), else to the list they may open", { timeout: 180_000 }, async () => {
    const page = await suite.as(DEMO.staff.username, DEMO.staff.fullName);
    // Staff read Văn bản đến (what the read rule lets them read, issue 11 item 7); the checker-only
    // position has no list at all (tests/unit/local-path.test.ts).
    expect((await page.goto(`${suite.app.url}/incoming`))?.status()).toBe(200);
    await page.goto(`${suite.app.url}/my-work`);
    const first = page.locator("main table a[href^='/incoming/']").first();
    const href = (await first.getAttribute("href"))!;
    expect(href).toMatch(/\?from=%2Fmy-work$/);
    await first.click();
    await page.waitForURL(/\/incoming\/[0-9a-f-]{36}/);
    const back = page.getByTestId("back-link");
    expect((await back.innerText()).trim()).toBe("← Việc của tôi");
    // Opened directly (a bookmark, a notice), the target comes from the person's permissions.
    await page.goto(`${suite.app.url}${href.replace(/\?.*$/, "")}`);
    expect(await back.getAttribute("href")).toBe("/incoming");
    // A forged `from` to another site or to a page they cannot open is not followed.
    await page.goto(`${suite.app.url}${href.replace(/\?.*$/, "")}?from=${encodeURIComponent("//evil.example/")}`);
    expect(await back.getAttribute("href")).toBe("/incoming");
    await page.goto(`${suite.app.url}${href.replace(/\?.*$/, "")}?from=%2Fadmin%2Fusers`);
    expect(await back.getAttribute("href")).toBe("/incoming");
    await back.click();
    await page.waitForURL((u) => u.pathname === "/incoming");
    expect(await page.getByRole("heading", { name: "Văn bản đến" }).count()).toBeGreaterThan(0);
  });

  it("the archivist opens a document inside an archived file; the view is written on the file's trail", { timeout: 180_000 }, async () => {
    const page = await suite.as(DEMO.archivist.username, DEMO.archivist.fullName);
    await page.goto(`${suite.app.url}/files/archive`);
    const fileLink = page.locator("main table a[href^='/files/']").first();
    const filePath = (await fileLink.getAttribute("href"))!;
    await fileLink.click();
    await page.waitForURL((u) => u.pathname === filePath);
    const docLink = page.locator("main table a[href^='/incoming/'], main table a[href^='/outgoing/']").first();
    const docHref = (await docLink.getAttribute("href"))!;
    expect(docHref).toContain(`from=${encodeURIComponent(filePath)}`);
    const res = await page.goto(`${suite.app.url}${docHref}`);
    expect(res?.status()).toBe(200);
    expect(await page.getByRole("heading", { name: MESSAGES.notFound }).count()).toBe(0);
    const back = page.getByTestId("back-link");
    expect((await back.innerText()).trim()).toBe("← Hồ sơ");
    await back.click();
    await page.waitForURL((u) => u.pathname === filePath);
    await expect.poll(() => page.getByRole("list", { name: "Quá trình lập hồ sơ" }).textContent().catch(() => "")).toMatch(/Xem văn bản (đến|đi)/);
  });

  it("a signed-out deep link returns to its page after sign-in; another origin never", { timeout: 180_000 }, async () => {
    const page = await suite.open();
    await page.goto(`${suite.app.url}/my-work?page=1`);
    await page.waitForURL((u) => u.pathname === "/login");
    expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe("/my-work?page=1");
    await submitLogin(page, suite.app.url, DEMO.staff.username);
    await page.waitForURL((u) => u.pathname === "/my-work" && u.search === "?page=1", { timeout: 30_000 });

    for (const evil of ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"]) {
      const other = await suite.open();
      await other.goto(`${suite.app.url}/login?callbackUrl=${encodeURIComponent(evil)}`);
      await submitLogin(other, suite.app.url, DEMO.clerk.username);
      await other.waitForURL((u) => u.pathname === "/" && u.origin === new URL(suite.app.url).origin, { timeout: 30_000 });
      await other.getByRole("banner").getByText(DEMO.clerk.fullName, { exact: true }).waitFor();
    }
  });

  it("the assignment form: grouped, searched without accents, labelled, errors linked to their fields, never admin/clerks/himself", { timeout: 240_000 }, async () => {
    const clerk = await suite.as(DEMO.clerk.username, DEMO.clerk.fullName);
    await clerk.goto(`${suite.app.url}/incoming/new`);
    await clerk.fill("#symbol", `${Math.floor(Math.random() * 1e5)}/UBND-NAV`);
    await clerk.fill("#issuerName", "UBND tỉnh Bình Định");
    await clerk.fill("#subject", "Về việc rà soát vị trí việc làm năm 2027");
    await clerk.getByRole("button", { name: "Vào sổ" }).click();
    await clerk.waitForURL(/registered=1$/);
    const url = clerk.url().replace(/\?.*$/, "");
    await clerk.selectOption("#submit-leader", { label: `${DEMO.leader.fullName} – Giám đốc` });
    await submitForm(clerk, "Trình lãnh đạo");
    await expect.poll(() => clerk.getByText("Chờ ý kiến chỉ đạo").count()).toBeGreaterThan(0);

    const director = await suite.as(DEMO.leader.username, DEMO.leader.fullName);
    await director.goto(url);
    const target = director.getByLabel("Người hoặc đơn vị nhận 1");
    await waitForHydration(director, "#instruction");
    // The leaders and units come with the page; the units' people when the form has asked for them.
    const groups = () => target.locator("optgroup").evaluateAll((gs) => gs.map((g) => g.getAttribute("label")));
    await expect.poll(groups).toContain("Cá nhân – Văn phòng Sở");
    expect((await groups()).slice(0, 3)).toEqual(["Lãnh đạo Sở", "Phòng/đơn vị", "Đơn vị trực thuộc"]);
    const labels = await target.locator("option").allInnerTexts();
    expect(labels).toContain("Đặng Thị Thu Hà – Chánh Văn phòng, Văn phòng Sở");
    expect(labels.some((l) => l.includes("Kiểm tra thể thức"))).toBe(false);
    for (const never of [DEMO.admin.fullName, DEMO.clerk.fullName, DEMO.clerk2.fullName, DEMO.leader.fullName, DEMO.archivist.fullName]) {
      expect(labels.some((l) => l.startsWith(never))).toBe(false);
    }
    // The people come from a handler that answers those who assign only, with the agency's people.
    const answer = await director.request.get(`${suite.app.url}/api/incoming/assign-people`);
    expect(answer.status()).toBe(200);
    expect(answer.headers()["cache-control"]).toBe("private, no-store");
    const { people } = (await answer.json()) as { people: { kind: string; label: string }[] };
    expect(people.map((p) => p.label)).toContain("Đặng Thị Thu Hà – Chánh Văn phòng, Văn phòng Sở");
    expect(people.every((p) => p.kind === "user")).toBe(true);
    const staff = await suite.as(DEMO.staff.username, DEMO.staff.fullName);
    expect((await staff.request.get(`${suite.app.url}/api/incoming/assign-people`)).status()).toBe(404);
    expect((await fetch(`${suite.app.url}/api/incoming/assign-people`)).status).toBe(401);
    // Each field of the row has its label.
    for (const name of ["Vai trò 1", "Hạn xử lý 1", "Số ngày làm việc 1", "Tìm theo tên (dòng 1)"]) {
      expect(await director.getByLabel(name).count(), name).toBe(1);
    }

    // Submitting without a recipient: the message says what is missing and is linked to the field.
    await director.fill("#instruction", "Giao đồng chí Khoa chủ trì rà soát.");
    await submitForm(director, "Chuyển xử lý");
    await expect.poll(() => target.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await target.getAttribute("aria-describedby"))!;
    expect(await director.locator(`[id="${describedBy}"]`).innerText()).toBe("Vui lòng chọn người hoặc đơn vị nhận.");
    expect(await director.getByText("Mã không hợp lệ.").count()).toBe(0);

    // Search without accents, by keyboard: "khoa" narrows the list, Enter picks the first match.
    const search = director.getByLabel("Tìm theo tên (dòng 1)");
    await search.focus();
    await director.keyboard.type("do minh khoa");
    await expect.poll(async () => (await target.locator("option").allInnerTexts()).filter((l) => l !== "— Chọn —")).toEqual([
      `${DEMO.staff.fullName} – Chuyên viên, Phòng Tổ chức, biên chế và Tổ chức phi chính phủ`,
    ]);
    await director.keyboard.press("Enter");
    await expect.poll(() => target.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toContain(DEMO.staff.fullName);
    await search.fill("thi dua");
    await expect.poll(async () => (await target.locator("option").allInnerTexts()).some((l) => l.startsWith("Ban Thi đua"))).toBe(true);
    await search.fill("");
    // The role and the deadline by keyboard: Tab from the list to Vai trò, then Hạn xử lý.
    await target.focus();
    await director.keyboard.press("Tab");
    expect(await director.evaluate(() => document.activeElement?.id ?? "")).toMatch(/-role$/);
    await director.getByLabel("Số ngày làm việc 1").fill("5");
    await submitForm(director, "Chuyển xử lý");
    await expect.poll(() => director.getByText("Đang xử lý").count()).toBeGreaterThan(0);
  });
});

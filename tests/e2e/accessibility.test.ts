import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { auditManually, axeViolations, collectAudits, describeViolations, type Violation } from "./a11y";
import { DEMO, startApp } from "./harness";
import { useBrowserSuite } from "./suite";

// Issue 11 item 17: every screen of every demo position, audited with axe-core (WCAG 2.1 A/AA),
// with its own <title>, a skip link to the content, and focus on the result after a step.

const suite = useBrowserSuite(() => startApp());
const AGENCY = "Sở Nội vụ tỉnh Bình Định";
const ROLES = ["admin", "leader", "clerk", "officeChief", "unitHead", "staff", "archivist"] as const;

interface Audited {
  status: number | undefined;
  title: string;
}

/**
 * Opens a screen once and audits it there: its status, its axe-core violations and its title. A
 * list opened to find its detail pages is audited on the same load (not opened a second time).
 */
async function audit(page: Page, base: string, path: string, found: Violation[], audited: Map<string, Audited>) {
  const res = await page.goto(`${base}${path}`);
  const status = res?.status();
  if (status === 200) found.push(...(await axeViolations(page)));
  audited.set(path, { status, title: await page.title() });
  return status;
}

/** The screens a person can reach: the menu, then one detail page from each list, and the forms; each audited once. */
async function auditScreensOf(page: Page, base: string, found: Violation[]): Promise<Map<string, Audited>> {
  const hrefs = async (selector: string) =>
    page.locator(selector).evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""));
  const menu = (await hrefs("nav[aria-label='Chức năng'] a")).filter((h) => h.startsWith("/"));
  const out = new Set<string>(menu);
  const audited = new Map<string, Audited>();
  const follow: [string, RegExp][] = [
    ["/incoming", /^\/incoming\/[0-9a-f-]{36}$/],
    ["/outgoing", /^\/outgoing\/[0-9a-f-]{36}$/],
    ["/my-work", /^\/(incoming|outgoing)\/[0-9a-f-]{36}$/],
    ["/files", /^\/files\/[0-9a-f-]{36}$/],
    ["/files/archive", /^\/files\/[0-9a-f-]{36}$/],
    ["/files/handover", /^\/files\/handover\/[0-9a-f-]{36}$/],
    ["/registers", /^\/registers\/(incoming\/)?print/],
    ["/monitoring", /^\/monitoring\/reports\?/],
    ["/admin", /^\/admin\/[a-z]+$/],
    ["/admin/users", /^\/admin\/users\/([0-9a-f-]{36}|new)$/],
    ["/admin/units", /^\/admin\/units\/[0-9a-f-]{36}$/],
  ];
  for (const [list, detail] of follow) {
    if (![...out].some((h) => list === h || list.startsWith(`${h}/`))) continue;
    // A list the person may not open is not one of their screens (as before: it is left out, not failed).
    if ((await audit(page, base, list, found, audited)) !== 200) {
      if (!menu.includes(list)) audited.delete(list);
      continue;
    }
    out.add(list);
    const links = (await hrefs("main a")).filter((h) => detail.test(h));
    for (const h of [...new Set(links)].slice(0, 2)) out.add(h);
  }
  for (const form of ["/incoming/new", "/outgoing/new"]) {
    if (out.has(form)) continue;
    if ((await audit(page, base, form, found, audited)) === 200) out.add(form);
    else audited.delete(form);
  }
  // Thông báo (from the bell and Tổng quan, not the menu): every person has it, with its tabs.
  out.add("/notifications");
  for (const path of out) if (!audited.has(path)) await audit(page, base, path, found, audited);
  return audited;
}

describe.each(ROLES)("every screen of %s", (role) => {
  test("has no WCAG 2.1 A/AA violation, its own title and a skip link to the content", { timeout: 600_000 }, async () => {
    const person = DEMO[role];
    const page = await suite.as(person.username, person.fullName);
    auditManually(page);
    const base = suite.app.url;
    const found: Violation[] = [];
    const screens = await auditScreensOf(page, base, found);
    expect(screens.size).toBeGreaterThan(3);
    for (const [path, { status }] of screens) expect(status, path).toBe(200);
    const titles = new Map([...screens].map(([path, { title }]) => [path, title]));
    expect(found, describeViolations(found)).toEqual([]);
    const untitled = [...titles].filter(([, t]) => !t.endsWith(` · ${AGENCY}`) || t.startsWith(AGENCY));
    expect(untitled, "every screen is titled '<Màn hình> · <cơ quan>'").toEqual([]);
    // Distinct titles: a list and its detail pages, the forms… (two detail pages of one kind share theirs).
    const byTitle = new Map<string, string[]>();
    for (const [path, title] of titles) byTitle.set(title, [...(byTitle.get(title) ?? []), path.replace(/[0-9a-f-]{36}/g, ":id")]);
    for (const [title, paths] of byTitle) expect(new Set(paths).size, `${title}: ${paths.join(", ")}`).toBe(1);

    // The first Tab reaches "Bỏ qua đến nội dung"; following it puts the focus on the content.
    await page.goto(`${base}/`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Bỏ qua đến nội dung");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("noi-dung");
  });
});

describe("after a step", () => {
  test("focus moves to the announced result; a field error is linked to its field", { timeout: 240_000 }, async () => {
    const base = suite.app.url;
    const clerk = await suite.as(DEMO.clerk.username, DEMO.clerk.fullName);
    // A field error: the registration form sent empty names its fields invalid and points at the message.
    await clerk.goto(`${base}/incoming/new`);
    await clerk.getByRole("button", { name: "Vào sổ" }).click();
    const symbol = clerk.locator("#symbol");
    await expect.poll(() => symbol.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await symbol.getAttribute("aria-describedby"))!;
    expect((await clerk.locator(`#${describedBy}`).innerText()).trim().length).toBeGreaterThan(0);

    // A step: the clerk registers a paper document and submits it to the director.
    await clerk.fill("#symbol", "77/UBND-KT");
    await clerk.fill("#issuerName", "UBND tỉnh Bình Định");
    await clerk.selectOption("#docType", "Công văn");
    await clerk.fill("#subject", "Về việc kiểm tra khả năng tiếp cận");
    await clerk.getByRole("button", { name: "Vào sổ" }).click();
    await clerk.waitForURL(/registered=1$/);
    // The result of the registration, shown after the redirect, has the focus.
    await expect.poll(() => clerk.evaluate(() => document.activeElement?.textContent ?? "")).toMatch(/^Đã vào sổ, số đến \d+\.$/);
    await clerk.selectOption("#submit-leader", { label: `${DEMO.leader.fullName} – Giám đốc` });
    await clerk.getByRole("form", { name: "Trình lãnh đạo" }).getByRole("button", { name: "Trình lãnh đạo", exact: true }).click();
    const result = clerk.locator("#ket-qua");
    await expect.poll(() => result.innerText()).toContain("Trình lãnh đạo");
    await expect.poll(() => clerk.evaluate(() => document.activeElement?.id)).toBe("ket-qua");
    expect(await result.getAttribute("role")).toBe("status");
  });
});

describe("the audit on every page load", () => {
  test("finds a violation on a page a test merely opens (the hook every browser test gets)", async () => {
    const page = await suite.open();
    const probe = `${suite.app.url}/__a11y-probe`;
    // A page of the app's origin without a language, a title or an image's alternative text.
    await page.context().route(probe, (route) => route.fulfill({ contentType: "text/html", body: '<html><body><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></body></html>' }));
    await page.goto(probe);
    const found = await collectAudits(page.context());
    expect(found.map((v) => v.rule)).toEqual(expect.arrayContaining(["html-has-lang", "document-title", "image-alt"]));
  });
});

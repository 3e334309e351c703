import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO, startApp, waitForHydration } from "./harness";
import { useBrowserSuite } from "./suite";

// Issue 10 item 4: a replayed "Vào sổ" (with "vẫn vào sổ" confirmed) took a new số đến each time.
// The registration form sends the key it minted when it was rendered; a double click or a request
// sent twice registers the document once.

describe("a creating form submitted twice in the browser", () => {
  const suite = useBrowserSuite(() => startApp());

  /** The form filled for a paper document; `token` makes its trích yếu findable. */
  async function fillPaper(page: Page, symbol: string, token: string) {
    await page.goto(`${suite.app.url}/incoming/new`);
    await waitForHydration(page, "#symbol");
    await page.fill("#symbol", symbol);
    await page.fill("#issuerName", "UBND tỉnh Bình Định");
    await page.fill("#issuedDate", "2026-11-20");
    await page.fill("#pageCount", "2");
    await page.fill("#subject", `Kế hoạch kiểm tra công tác văn thư ${token}`);
  }

  /**
   * The clerk's form for a second document with the số, ký hiệu of one already registered: flagged as
   * a likely duplicate, then confirmed ("vẫn vào sổ"); the form stays, with its key. Returns the
   * token that finds the new document in the list.
   */
  async function confirmedDuplicateForm(prefix: string) {
    const page = await suite.as(DEMO.clerk.username, DEMO.clerk.fullName);
    const symbol = `${Math.floor(Math.random() * 1e6)}/UBND-VX`;
    await fillPaper(page, symbol, `lan dau ${randomBytes(3).toString("hex")}`);
    await page.getByRole("button", { name: "Vào sổ" }).click();
    await page.waitForURL(/registered=1$/);
    const token = `${prefix}${randomBytes(3).toString("hex")}`;
    await fillPaper(page, symbol, token);
    await page.getByRole("button", { name: "Vào sổ" }).click();
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "Có thể trùng" }).count()).toBe(1);
    await page.getByLabel("Tôi đã kiểm tra, vẫn vào sổ văn bản này").check();
    return { page, token };
  }

  async function rowsFor(page: Page, token: string) {
    await page.goto(`${suite.app.url}/incoming?q=${encodeURIComponent(token)}`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    return page.locator("table tbody tr").filter({ hasText: token }).count();
  }

  it("a double click on Vào sổ after confirming a likely duplicate registers it once", async () => {
    const { page, token } = await confirmedDuplicateForm("nhapdup");
    // Two clicks in the same instant: the second lands before the button can show it is busy.
    const answered: number[] = [];
    page.on("response", (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/incoming/new" && answered.push(r.status()));
    await page.getByRole("button", { name: "Vào sổ" }).evaluate((b: HTMLButtonElement) => {
      b.click();
      b.click();
    });
    await page.waitForURL(/\/incoming\/[0-9a-f-]{36}\?registered=1$/);
    // Both reached the server and were answered before the list is counted.
    await expect.poll(() => answered).toEqual([200, 200]);
    await expect.poll(() => rowsFor(page, token)).toBe(1);
  });

  it("the same submission sent twice (a retry on the network) registers once, and both answers name that document", async () => {
    const { page, token } = await confirmedDuplicateForm("guilai");
    // The request leaves the browser twice, byte for byte, as a retrying proxy or a resent form would send it.
    const answers: string[] = [];
    await page.route(`${suite.app.url}/incoming/new`, async (route) => {
      if (route.request().method() !== "POST") return route.fallback();
      const [first, second] = await Promise.all([route.fetch(), route.fetch()]);
      answers.push(await first.text(), await second.text());
      await route.fulfill({ response: first });
    });
    await page.getByRole("button", { name: "Vào sổ" }).click();
    await page.waitForURL(/\/incoming\/[0-9a-f-]{36}\?registered=1$/);
    const id = new URL(page.url()).pathname.split("/").pop()!;
    await page.unroute(`${suite.app.url}/incoming/new`);
    expect(answers).toHaveLength(2);
    for (const a of answers) expect(a).toContain(id);
    await expect.poll(() => rowsFor(page, token)).toBe(1);
  });
});

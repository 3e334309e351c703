import { and, eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { incomingDocuments } from "@/db/schema";
import { actorsOn, type Actors } from "../exchange/act";
import { NAME_A, ORGAN_A, ORGAN_B, postgresAnswers, startInstallations, type TwoInstallations } from "../exchange/installations";
import { collectAudits, describeViolations } from "./a11y";
import { DEMO, launchBrowser, login, newPage } from "./harness";

// Issue 13, Tests: the clerk's view of liên thông in real Chromium, on two installations (A: Sở Nội vụ on
// PGlite, B: Sở Tài chính on PostgreSQL; tests/exchange/installations.ts). A document A issued arrives on B
// with A's valid signature, B's clerk sees "Chữ ký hợp lệ — Sở Nội vụ tỉnh Bình Định" and presses Vào sổ,
// and A's clerk sees on the document page that B registered it (03).

const withPg = await postgresAnswers();
const engines = withPg ? "A on PGlite, B on PostgreSQL" : "A and B both on PGlite (PostgreSQL did not answer)";
const SUBJECT = "Về việc đề nghị thẩm định kinh phí đào tạo công chức";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!withPg)(`liên thông in the clerk's browser (${engines})`, () => {
  let two: TwoInstallations;
  let b: Actors;
  let browser: Browser;
  let outgoingId = "";
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    two = await startInstallations({
      beforeStart: (a) => {
        // Signed and issued on A before its server starts: the outbox sends it once A runs.
        const r = a.script("tests/exchange/prepare-drafts.ts", [ORGAN_A, ORGAN_B, `${SUBJECT}!`]);
        if (r.status !== 0) throw new Error(`prepare-drafts failed:\n${r.stdout}\n${r.stderr}`);
        outgoingId = (JSON.parse(r.stdout.trim().split("\n").pop()!) as { id: string }[])[0].id;
      },
    });
    b = await actorsOn({ url: two.b.databaseUrl, organId: ORGAN_B });
    browser = await launchBrowser();
  }, 600_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === "fail") {
      console.log(`[two] A's output:\n${two?.a.logs().slice(-3000)}`);
      console.log(`[two] B's output:\n${two?.b.logs().slice(-3000)}`);
    }
    const open = contexts.splice(0);
    const found = (await Promise.all(open.map((c) => collectAudits(c)))).flat();
    await Promise.all(open.map((c) => c.close()));
    if (found.length) throw new Error(`Accessibility (axe-core, WCAG 2.1 A/AA) on the pages this test opened:\n${describeViolations(found)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await b?.close();
    await two?.stop();
  });

  async function as(url: string, username: string, fullName: string): Promise<Page> {
    const { context, page } = await newPage(browser);
    contexts.push(context);
    await login(page, url, username, fullName);
    return page;
  }

  it("arrival with a valid signature shown to B's clerk → Vào sổ → A's document page shows 03", async () => {
    // B's clerk: the document waits in "Chờ tiếp nhận" with the signature checked against the directory.
    const deadline = Date.now() + 90_000;
    let incomingId = "";
    while (!incomingId) {
      const [doc] = await b.db
        .select({ id: incomingDocuments.id })
        .from(incomingDocuments)
        .where(and(eq(incomingDocuments.agencyId, b.agencyId), eq(incomingDocuments.subject, SUBJECT)));
      if (doc) incomingId = doc.id;
      else if (Date.now() > deadline) throw new Error("the document never arrived on B");
      else await sleep(500);
    }
    // B's clerk's people have other names than A's (lib/seed/demo-data.ts stcPeople); same login names.
    const clerkB = await as(two.b.url, DEMO.clerk.username, "Võ Thị Thu Trang");
    await clerkB.goto(`${two.b.url}/incoming?status=awaiting_reception`);
    await clerkB.getByRole("link", { name: new RegExp(SUBJECT) }).click();
    await clerkB.waitForURL(/\/incoming\/[0-9a-f-]{36}/);
    expect(new URL(clerkB.url()).pathname).toBe(`/incoming/${incomingId}`);
    await expect.poll(() => clerkB.getByText(`Chữ ký hợp lệ — ${NAME_A}`).count()).toBeGreaterThan(0);
    await expect.poll(() => clerkB.getByText("Chờ tiếp nhận").count()).toBeGreaterThan(0);

    await clerkB.getByRole("button", { name: "Vào sổ" }).click();
    await expect.poll(() => clerkB.getByText("Đã vào sổ").count()).toBeGreaterThan(0);

    // A's clerk: the document page shows that B registered it (03).
    const clerkA = await as(two.a.url, DEMO.clerk.username, DEMO.clerk.fullName);
    const until = Date.now() + 90_000;
    for (;;) {
      await clerkA.goto(`${two.a.url}/outgoing/${outgoingId}`);
      const page = await clerkA.locator("main").innerText();
      // The liên thông panel: "<label> (03) lúc dd/mm/yyyy HH:mm" under Sở Tài chính.
      if (/\(03\) lúc \d{2}\/\d{2}\/\d{4}/.test(page) && page.includes("Sở Tài chính tỉnh Bình Định")) break;
      if (Date.now() > until) throw new Error(`A's page never showed 03:\n${page.slice(0, 3000)}`);
      await sleep(1000);
    }
    await expect.poll(() => clerkA.getByRole("list", { name: "Trạng thái do Sở Tài chính tỉnh Bình Định gửi về" }).getByText("(03)").count()).toBe(1);
    await expect.poll(() => clerkA.getByRole("list", { name: "Luồng xử lý" }).getByText(/Đã tiếp nhận|Đã vào sổ/).count()).toBeGreaterThan(0);
  }, 300_000);
});

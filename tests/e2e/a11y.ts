import fs from "node:fs";
import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";

// axe-core in the browser suite (issue 11 item 17): WCAG 2.1 A and AA rules on every screen a test
// opens. The source is evaluated through the DevTools protocol (page.evaluate), which the page's
// Content-Security-Policy does not govern: no <script> is added to the page, so the nonce policy
// of proxy.ts stays exactly as users get it and the audit needs no bypassCSP.

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export interface Violation {
  url: string;
  rule: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** The WCAG 2.1 A/AA violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  const url = new URL(page.url());
  const has = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === "object");
  if (!has) await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe?: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    // A new document came between the injection and this call (the page navigated): nothing to audit here.
    if (!axe) throw new Error("page navigated before the audit ran");
    const r = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      rule: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, " ").slice(0, 200)}` : ""}`),
    }));
  }, WCAG_TAGS);
  // A 404 that Next.js streams from its error shell gets the root layout's <html lang="vi"> when React
  // takes over, a moment after "load": html-has-lang counts only if the page still has no lang 3 s later.
  const settled = found.some((v) => v.rule === "html-has-lang")
    ? await page.waitForFunction(() => document.documentElement.lang !== "", undefined, { timeout: 3_000 }).then(() => true, () => false)
    : false;
  return found.filter((v) => !(settled && v.rule === "html-has-lang")).map((v) => ({ url: url.pathname + url.search, ...v }));
}

export const describeViolations = (vs: Violation[]) =>
  vs.map((v) => `${v.url}: ${v.rule} (${v.impact}) ${v.help}\n    ${v.nodes.join("\n    ")}`).join("\n");

/** Fails unless the page has no WCAG 2.1 A/AA violation. */
export async function expectAccessible(page: Page) {
  const vs = await axeViolations(page);
  expect(vs, describeViolations(vs)).toEqual([]);
}

// ───────────── the audit on every page load, checked after each test (tests/e2e/suite.ts) ─────────────

interface Audits {
  pending: Set<Promise<void>>;
  violations: Violation[];
  seen: Set<string>;
}
const AUDITS = new WeakMap<BrowserContext, Audits>();
const MANUAL = new WeakSet<Page>();

/** For a test that audits this page itself (accessibility.test.ts): no second audit on each load. */
export const auditManually = (page: Page) => void MANUAL.add(page);

/** Origins on loopback that are not this app (the test's OpenID provider and its login pages). */
const OTHER_ORIGINS = new Set<string>();
export const notTheApp = (origin: string) => void OTHER_ORIGINS.add(new URL(origin).origin);

const isAppPage = (u: string) =>
  /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(u) && !OTHER_ORIGINS.has(new URL(u).origin) && !/\/api\//.test(new URL(u).pathname);

/**
 * Audits each page of the context once per address when it has loaded (E2E_AXE=0 turns it off).
 * A page that navigates away during its audit is skipped (its next page is audited on its load).
 */
export function auditOnLoad(context: BrowserContext, page: Page) {
  if (process.env.E2E_AXE === "0") return;
  let audits = AUDITS.get(context);
  if (!audits) AUDITS.set(context, (audits = { pending: new Set(), violations: [], seen: new Set() }));
  const a = audits;
  page.on("load", () => {
    const url = page.url();
    if (MANUAL.has(page) || !isAppPage(url) || a.seen.has(url)) return;
    a.seen.add(url);
    const run: Promise<void> = axeViolations(page)
      .then((vs) => void a.violations.push(...vs))
      .catch((e: unknown) => {
        const m = String((e as Error)?.message ?? e);
        // Gone or navigated while auditing: not a finding; nor a second load event of a document whose audit is
        // still running (axe refuses a second run; the first one audits that document). Anything else is reported.
        if (!/Execution context was destroyed|Target (page, context or browser )?(has been )?closed|navigat|Frame was detached|Cannot find context|Axe is already running/i.test(m)) {
          a.violations.push({ url, rule: "audit-error", impact: null, help: m.slice(0, 300), nodes: [] });
        }
      })
      .finally(() => a.pending.delete(run));
    a.pending.add(run);
  });
}

/** Waits for the context's running audits and returns what they found (and forgets it). */
export async function collectAudits(context: BrowserContext): Promise<Violation[]> {
  const a = AUDITS.get(context);
  if (!a) return [];
  while (a.pending.size) await Promise.allSettled([...a.pending]);
  return a.violations.splice(0);
}

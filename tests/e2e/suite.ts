import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { collectAudits, describeViolations } from "./a11y";
import { launchBrowser, login, newPage, printServerLogIfFailed, type AppServer, type StorageState } from "./harness";

/**
 * The set-up every browser test file shares: one server (from `start`) and one Chromium for the
 * file, contexts opened by a test closed after it, the server's output printed when a test fails.
 */
export function useBrowserSuite(start: () => Promise<AppServer>) {
  const state = {} as { app: AppServer; browser: Browser };
  const contexts: BrowserContext[] = [];
  // as(): one sign-in per person per file; later tests open a new context with that session's cookie (a
  // sign-in costs a login page, an argon2id check and Tổng quan). E2E_FRESH_LOGIN=1 signs in every time.
  const signedIn = new Map<string, StorageState>();
  beforeAll(async () => {
    state.app = await start();
    state.browser = await launchBrowser();
  });
  afterEach(async (ctx) => {
    printServerLogIfFailed(ctx, state.app);
    const open = contexts.splice(0);
    // Every page the test loaded was audited (a11y.ts): WCAG 2.1 A/AA violations fail the test.
    const found = (await Promise.all(open.map((c) => collectAudits(c)))).flat();
    await Promise.all(open.map((c) => c.close()));
    if (found.length) throw new Error(`Accessibility (axe-core, WCAG 2.1 A/AA) on the pages this test opened:\n${describeViolations(found)}`);
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.app?.stop();
  });
  return {
    get app() {
      return state.app;
    },
    get browser() {
      return state.browser;
    },
    /** A page in a fresh context (no cookies), closed after the test. */
    async open(): Promise<Page> {
      const { context, page } = await newPage(state.browser);
      contexts.push(context);
      return page;
    },
    /**
     * A page in a fresh context, signed in as this person, on Tổng quan (closed after the test). The session
     * of this person's first sign-in in the file is reused while it lasts; one that has ended (signed out,
     * disabled) is replaced by a new sign-in.
     */
    async as(username: string, fullName: string): Promise<Page> {
      const known = process.env.E2E_FRESH_LOGIN === "1" ? undefined : signedIn.get(username);
      const { context, page } = await newPage(state.browser, { storageState: known });
      contexts.push(context);
      if (known) {
        await page.goto(`${state.app.url}/`);
        if (new URL(page.url()).pathname === "/") {
          await page.getByRole("banner").getByText(fullName, { exact: true }).waitFor();
          return page;
        }
      }
      await login(page, state.app.url, username, fullName);
      signedIn.set(username, await context.storageState());
      return page;
    },
  };
}

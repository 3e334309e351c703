import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { launchBrowser, login, newPage, printServerLogIfFailed, type AppServer } from "./harness";

/**
 * The set-up every browser test file shares: one server (from `start`) and one Chromium for the
 * file, contexts opened by a test closed after it, the server's output printed when a test fails.
 */
export function useBrowserSuite(start: () => Promise<AppServer>) {
  const state = {} as { app: AppServer; browser: Browser };
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    state.app = await start();
    state.browser = await launchBrowser();
  });
  afterEach(async (ctx) => {
    printServerLogIfFailed(ctx, state.app);
    await Promise.all(contexts.splice(0).map((c) => c.close()));
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
    /** A page in a fresh context, signed in as this person (closed after the test). */
    async as(username: string, fullName: string): Promise<Page> {
      const page = await this.open();
      await login(page, state.app.url, username, fullName);
      return page;
    },
  };
}

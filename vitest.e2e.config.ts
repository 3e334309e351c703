import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);

// Browser tests: real Chromium (Debian's /usr/bin/chromium) against a production build.
// Two files at a time (E2E_WORKERS): each starts its own server on a free port and data directory and
// its own Chromium, and one file keeps less than one core busy (it waits on renders, polls and
// round trips), so two use the two cores of the CI machine. E2E_WORKERS=1 runs them one by one.
const workers = Math.max(1, Number(process.env.E2E_WORKERS ?? 2) || 1);
export default defineConfig({
  resolve: { alias: { "@": root, "server-only": path.join(root, "node_modules/server-only/empty.js") } },
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/e2e/global-setup.ts"],
    environment: "node",
    pool: "forks",
    fileParallelism: workers > 1,
    maxWorkers: workers,
    testTimeout: 90_000,
    hookTimeout: 180_000,
    // A step's page can take more than expect.poll's default second on a busy machine (two cores shared).
    expect: { poll: { timeout: 8_000 } },
  },
});

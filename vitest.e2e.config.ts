import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);

// Browser tests: real Chromium (Debian's /usr/bin/chromium) against a production build.
// One file at a time: each starts its own server, and the machine has two cores.
export default defineConfig({
  resolve: { alias: { "@": root, "server-only": path.join(root, "node_modules/server-only/empty.js") } },
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/e2e/global-setup.ts"],
    environment: "node",
    pool: "forks",
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
    // A step's page can take more than expect.poll's default second on a busy machine (two cores shared).
    expect: { poll: { timeout: 8_000 } },
  },
});

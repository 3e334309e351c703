import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // lib/ and db/ mark themselves server-only; tests run them directly in Node.
      "server-only": path.join(root, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    // Vitest's default in a run is one worker fewer than the cores: a single file at a time on the
    // two-core CI machine. Each file waits on its database much of the time, so two keep both cores busy.
    // TEST_WORKERS=1 runs one file at a time again (a machine shared with other loads).
    maxWorkers: Number(process.env.TEST_WORKERS) || Math.max(2, os.availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 120_000,
    globalSetup: ["tests/helpers/global-setup.ts"],
  },
});

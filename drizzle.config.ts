import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` uses this file; migrations are applied by db/migrate.ts at start-up
// (drizzle-kit cannot load PGlite's extensions, see stack-notes gotcha 6).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
});

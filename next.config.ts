import type { NextConfig } from "next";
// @ts-expect-error a plain ES module without types, shared with `npm run postinstall`.
import { copyPdfjsAssets } from "./scripts/pdfjs-assets.mjs";

// Every build (also `npx next build`), start and dev serves the pinned pdf.js worker from public/.
copyPdfjsAssets();

const nextConfig: NextConfig = {
  // A second build folder lets a benchmark or a developer build run beside the test build.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // PGlite loads its wasm and extension bundles relative to its own files; bundling breaks that.
  // elkjs: one large precompiled file, loaded as it is rather than bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pdfkit", "exceljs", "elkjs"],
  poweredByHeader: false,
  // `npm test` runs tsc on the whole tree first, so its build may skip the second type check.
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === "1" },
  images: { unoptimized: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;

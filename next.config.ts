import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";
// @ts-expect-error a plain ES module without types, shared with `npm run postinstall`.
import { copyPdfjsAssets } from "./scripts/pdfjs-assets.mjs";

// Every build (also `npx next build`), start and dev serves the pinned pdf.js worker from public/.
copyPdfjsAssets();

const nextConfig: NextConfig = {
  // A second build folder lets a benchmark or a developer build run beside the test build.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // PGlite loads its wasm and extension bundles relative to its own files; bundling breaks that.
  // elkjs: one large precompiled file, loaded as it is rather than bundled.
  // pdfjs-dist on the server (lib/signatures/pdf/locate.ts) loads its worker module next to its own files.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pdfkit", "exceljs", "elkjs", "pkcs11js", "pdfjs-dist"],
  poweredByHeader: false,
  // `npm test` runs tsc on the whole tree first, so its build may skip the second type check.
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === "1" },
  images: { unoptimized: true },
  async headers() {
    return [
      {
        source: "/:path*",
        // The nonce CSP and HSTS of the pages are set per request in proxy.ts.
        headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default nextConfig;

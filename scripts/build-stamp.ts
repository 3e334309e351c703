import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// `npm start` rebuilds only when the sources changed since the last build: the build carries a
// stamp (a SHA-256 over every source file's path and content) next to Next's BUILD_ID.
const SOURCES = ["app", "components", "lib", "db", "public", "proxy.ts", "instrumentation.ts", "instrumentation-client.ts", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const SKIP = new Set(["node_modules", ".next", "migrations", "pdfjs"]); // pdfjs: copied from package-lock's pdfjs-dist
export const STAMP_FILE = "vpdt-source-hash";

function walk(root: string, rel: string, out: string[]) {
  const full = path.join(root, rel);
  if (!fs.existsSync(full)) return;
  const stat = fs.statSync(full);
  if (stat.isFile()) return void out.push(rel);
  for (const name of fs.readdirSync(full).sort()) if (!SKIP.has(name)) walk(root, path.join(rel, name), out);
}

export function sourceHash(root: string = process.cwd()): string {
  const files: string[] = [];
  for (const s of SOURCES) walk(root, s, files);
  const h = createHash("sha256");
  for (const f of files) {
    h.update(f.split(path.sep).join("/"));
    h.update("\0");
    h.update(fs.readFileSync(path.join(root, f)));
    h.update("\0");
  }
  return h.digest("hex");
}

/** True when the build in `distDir` was made from the current sources. */
export function buildIsCurrent(distDir: string, hash: string): boolean {
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) return false;
  try {
    return fs.readFileSync(path.join(distDir, STAMP_FILE), "utf8").trim() === hash;
  } catch {
    return false;
  }
}

export function writeStamp(distDir: string, hash: string) {
  fs.writeFileSync(path.join(distDir, STAMP_FILE), `${hash}\n`);
}

// The PDF viewer's worker and data files, served by our own build so the viewer works offline and
// no script comes from another origin. Copied from the pinned pdfjs-dist into
// public/pdfjs/<version>/ whenever next.config.ts loads (every build, start and dev) and on
// postinstall; the versioned folder keeps a browser from pairing a cached worker with a newer API.
import fs from "node:fs";
import path from "node:path";

const FILES = [["build", "pdf.worker.min.mjs"], ["wasm"], ["standard_fonts"]];

export function copyPdfjsAssets(root = process.cwd()) {
  const src = path.join(root, "node_modules", "pdfjs-dist");
  const pkg = path.join(src, "package.json");
  if (!fs.existsSync(pkg)) return null;
  const { version } = JSON.parse(fs.readFileSync(pkg, "utf8"));
  const dest = path.join(root, "public", "pdfjs", version);
  for (const parts of FILES) {
    const from = path.join(src, ...parts);
    const to = path.join(dest, parts[parts.length - 1]);
    if (fs.existsSync(to) && fs.statSync(from).isFile() && fs.statSync(to).size === fs.statSync(from).size) continue;
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.cpSync(from, to, { recursive: true });
  }
  // Older versions' folders are removed: only the installed worker may be served.
  for (const old of fs.readdirSync(path.dirname(dest))) {
    if (old !== version) fs.rmSync(path.join(path.dirname(dest), old), { recursive: true, force: true });
  }
  return dest;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dest = copyPdfjsAssets();
  console.log(dest ? `pdf.js: ${path.relative(process.cwd(), dest)}` : "pdf.js: pdfjs-dist chưa được cài");
}

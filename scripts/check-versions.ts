import fs from "node:fs";
import path from "node:path";
import semver from "semver";

// security.md §2: the minimum safe versions. The suite fails when an installed package is below
// its floor (security.md §5 row 22). `npm audit` is run too where the registry offers it.
export const FLOORS: Record<string, string> = {
  next: "16.3.3",
  react: "19.2.8",
  "react-dom": "19.2.8",
  "next-auth": "5.0.0-beta.32",
  "@auth/core": "0.41.3",
  "drizzle-orm": "0.45.2",
  sharp: "0.35.5",
  pg: "8.0.0",
  // CVE-2024-4367 (script via FontMatrix); from 5.7 pdf.js compiles no glyphs with eval at all.
  "pdfjs-dist": "4.2.67",
  // Entity DoS (CVE-2026-26278/33036/33349) and builder injection (CVE-2026-41650); parse with processEntities: false.
  "fast-xml-parser": "5.7.0",
  // Signature bypass by a comment in DigestValue and by several references (CVE-2025-29774/29775); 6.1.x preferred.
  "xml-crypto": "6.1.0",
  // Prototype pollution and CDATA/processing-instruction injection (CVE-2023-0842, CVE-2026-34601/41675/83605).
  "@xmldom/xmldom": "0.9.10",
};

function installed(name: string): string | null {
  const file = path.join(process.cwd(), "node_modules", name, "package.json");
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version : null;
}

let failed = false;
for (const [name, floor] of Object.entries(FLOORS)) {
  const version = installed(name);
  if (!version) {
    console.log(`  – ${name}: không cài (bỏ qua)`);
    continue;
  }
  const ok = semver.gte(version, floor);
  console.log(`  ${ok ? "✔" : "✘"} ${name} ${version} (tối thiểu ${floor})`);
  failed ||= !ok;
}
if (failed) {
  console.error("Có gói phụ thuộc thấp hơn phiên bản an toàn tối thiểu (security.md §2).");
  process.exit(1);
}

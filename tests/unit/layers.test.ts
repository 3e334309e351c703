import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// House rule 8 and the README's Architecture: which top-level folder may import which. Pages (app/) and
// components never reach the database; components and lib never reach up into app/ (the server actions they
// call are in lib/server-actions); lib never imports a component; db/ (schema, migrations, client) imports
// nothing from lib/, components/ or app/.

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts|mjs)$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

/** The top-level folder each import of `file` names ("@/x/…", a relative path or a dynamic import). */
function importedFolders(file: string): { spec: string; folder: string }[] {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  const out: { spec: string; folder: string }[] = [];
  for (const [, spec] of text.matchAll(/(?:\bfrom|\bimport|\bimport\()\s*["']([^"']+)["']/g)) {
    let target: string | undefined;
    if (spec.startsWith("@/")) target = spec.slice(2);
    else if (spec.startsWith(".")) target = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec));
    if (target) out.push({ spec, folder: target.split(/[\\/]/)[0] });
  }
  return out;
}

const FORBIDDEN: Record<string, string[]> = {
  app: ["db"],
  components: ["db", "app"],
  lib: ["app", "components"],
  db: ["lib", "components", "app"],
};

describe("layers", () => {
  for (const [from, banned] of Object.entries(FORBIDDEN)) {
    it(`${from}/ imports nothing from ${banned.map((b) => `${b}/`).join(", ")}`, () => {
      const files = sources(from);
      expect(files.length).toBeGreaterThan(5);
      const wrong = files.flatMap((f) => importedFolders(f).filter((i) => banned.includes(i.folder)).map((i) => `${f} → ${i.spec}`));
      expect(wrong).toEqual([]);
    });
  }

  it("inside lib/, the areas import each other one way, but for incoming, outgoing and liên thông", () => {
    // An area: a folder under lib/ or a file beside them. Its imports of other areas, as a graph.
    const areaOf = (file: string) => file.split(/[\\/]/)[1].replace(/\.(ts|tsx|mts|mjs)$/, "");
    const graph = new Map<string, Set<string>>();
    for (const file of sources("lib")) {
      for (const { spec } of importedFolders(file)) {
        const target = spec.startsWith("@/") ? spec.slice(2) : path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec));
        if (!target.startsWith("lib/")) continue;
        const [from, to] = [areaOf(file), areaOf(target)];
        if (from !== to) graph.set(from, (graph.get(from) ?? new Set()).add(to));
      }
    }
    // The areas that reach each other (strongly connected, found by depth-first search from each area).
    const reach = (start: string) => {
      const seen = new Set<string>();
      const stack = [start];
      while (stack.length) for (const next of graph.get(stack.pop()!) ?? []) if (!seen.has(next)) seen.add(next), stack.push(next);
      return seen;
    };
    const circles = new Set<string>();
    for (const area of graph.keys()) {
      const mutual = [...reach(area)].filter((other) => other !== area && reach(other).has(area));
      if (mutual.length) circles.add([area, ...mutual].sort().join(", "));
    }
    expect([...circles]).toEqual(["exchange, incoming, outgoing"]);
    expect(graph.get("monitoring")).toContain("incoming");
  });

  it("reads imports as they are written (the check itself)", () => {
    const found = importedFolders("app/(office)/layout.tsx").map((i) => i.folder);
    expect(found).toContain("components");
    expect(found).toContain("lib");
  });
});

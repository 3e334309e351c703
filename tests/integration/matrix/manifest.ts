import fs from "node:fs";
import path from "node:path";
import { agenciesMatrix } from "./agencies";
import { calendarMatrix } from "./calendar";
import { delegationsMatrix } from "./delegations";
import { exchangeMatrix } from "./exchange";
import { incomingMatrix } from "./incoming";
import { monitoringMatrix } from "./monitoring";
import { orgMatrix } from "./org";
import { outgoingMatrix } from "./outgoing";
import { agencySigningMatrix } from "./agency-signing";
import { signingMatrix } from "./signing";
import { signaturesMatrix } from "./signatures";
import { workFilesMatrix } from "./work-files";
import type { ActionCases, AnyDef } from "./world";

// The action manifest (security.md §5 row 1): every action the code defines, found without a list
// to keep up to date, and the matrix of cases each must have.

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../..");

export const MATRIX: ActionCases[] = [
  ...incomingMatrix, ...outgoingMatrix, ...workFilesMatrix, ...orgMatrix, ...exchangeMatrix, ...calendarMatrix, ...signaturesMatrix,
  ...agencySigningMatrix, ...delegationsMatrix, ...signingMatrix, ...monitoringMatrix, ...agenciesMatrix,
];

function sources(dir: string, keep: (file: string) => boolean): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && keep(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

const isActionDef = (v: unknown): v is AnyDef =>
  !!v && typeof v === "object" && typeof (v as AnyDef).name === "string" && typeof (v as AnyDef).load === "function" &&
  typeof (v as AnyDef).authorize === "function" && typeof (v as AnyDef).run === "function" && "schema" in v && "verb" in v;

/** Every module under lib/ that defines actions, and every action definition it exports. */
export async function collectActions(): Promise<{ modules: string[]; defs: AnyDef[] }> {
  const modules = sources("lib", (f) => f.endsWith(".ts") && !f.endsWith(".d.ts")).filter((f) =>
    f !== path.join("lib", "actions", "define.ts") && /\bdefineAction\(/.test(fs.readFileSync(path.join(ROOT, f), "utf8")),
  );
  const defs = new Set<AnyDef>();
  for (const m of modules) for (const v of Object.values(await import(path.join(ROOT, m)))) if (isActionDef(v)) defs.add(v);
  return { modules, defs: [...defs] };
}

/** What the server-action files (lib/server-actions) run: `runAction(ns.member` or `runAction(member`, resolved to the exported value. */
export async function actionEntryPoints(): Promise<{ file: string; call: string; value: unknown }[]> {
  const out: { file: string; call: string; value: unknown }[] = [];
  for (const file of sources(path.join("lib", "server-actions"), (f) => f.endsWith(".ts"))) {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    const imports = new Map<string, { from: string; member?: string }>();
    for (const [, ns, from] of text.matchAll(/import \* as (\w+) from "@\/([^"]+)"/g)) imports.set(ns, { from });
    for (const [, names, from] of text.matchAll(/import \{([^}]+)\} from "@\/([^"]+)"/g)) {
      for (const n of names.split(",").map((x) => x.trim()).filter(Boolean)) imports.set(n, { from, member: n });
    }
    for (const [call, a, b] of text.matchAll(/runAction\((\w+)(?:\.(\w+))?/g)) {
      const imp = imports.get(a);
      const mod = imp ? await import(path.join(ROOT, imp.from)) : {};
      out.push({ file, call, value: imp ? mod[b ?? imp.member ?? ""] : undefined });
    }
  }
  return out;
}

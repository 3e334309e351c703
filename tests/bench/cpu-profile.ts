import fs from "node:fs";
import path from "node:path";

// BENCH_PROFILE=1 (issue 15): the server runs under `node --cpu-prof`; after the run, the largest profile (the
// server's; the launcher's is tiny) is summed up by self time: the top functions, and the same time by where the
// code lives (a package in node_modules, node's internals, or the app's own files).

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  functions: { name: string; where: string; selfMs: number; share: number }[];
  places: { where: string; selfMs: number; share: number }[];
}

/** Where a frame's code lives: "next", "react-dom", "(node)", "(wasm)", "(app) lib/…", "(idle)", "(gc)", "(program)". */
export function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "(node)";
  // WebAssembly frames (PGlite's PostgreSQL) carry a module hash as their url.
  if (url.startsWith("wasm:") || /^[0-9a-f]{8}$/.test(url)) return "(wasm)";
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  const own = /\/(app|lib|components|db|\.next)\/(.*)$/.exec(url);
  return own ? `(app) ${own[1]}/${own[2].split("/")[0]}` : "(other)";
}

export function summarizeProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    self.set(id, (self.get(id) ?? 0) + dt);
  });
  const fns = new Map<string, { name: string; where: string; selfMs: number }>();
  const places = new Map<string, number>();
  for (const [id, ms] of self) {
    const f = byId.get(id)!.callFrame;
    const where = placeOf(f.url, f.functionName);
    const name = f.functionName || "(anonymous)";
    const key = `${name}@${f.url}:${f.lineNumber}`;
    const at = f.url ? `${where} ${path.basename(f.url)}:${f.lineNumber + 1}` : where;
    const cur = fns.get(key) ?? { name, where: at, selfMs: 0 };
    cur.selfMs += ms;
    fns.set(key, cur);
    places.set(where, (places.get(where) ?? 0) + ms);
  }
  const share = (ms: number) => (total ? ms / total : 0);
  return {
    file,
    totalMs: total,
    functions: [...fns.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, top).map((f) => ({ ...f, share: share(f.selfMs) })),
    places: [...places.entries()].map(([where, selfMs]) => ({ where, selfMs, share: share(selfMs) })).sort((a, b) => b.selfMs - a.selfMs).slice(0, top),
  };
}

/** The largest .cpuprofile in the folder (the server's), or null. */
export function serverProfile(dir: string): string | null {
  if (!fs.existsSync(dir)) return null;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(dir, f));
  return files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0] ?? null;
}

export function printProfile(s: ProfileSummary) {
  const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)} %`;
  console.log(`\nHồ sơ CPU của máy chủ (${path.basename(s.file)}): ${(s.totalMs / 1000).toFixed(1)} s lấy mẫu.`);
  console.log("Theo nơi chứa mã (thời gian tự thân):");
  for (const p of s.places) console.log(`  ${pct(p.share)}  ${(p.selfMs / 1000).toFixed(2).padStart(7)} s  ${p.where}`);
  console.log("Các hàm tốn nhiều nhất (thời gian tự thân):");
  for (const f of s.functions) console.log(`  ${pct(f.share)}  ${(f.selfMs / 1000).toFixed(2).padStart(7)} s  ${f.name}  [${f.where}]`);
}

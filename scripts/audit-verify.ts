import fs from "node:fs";
import { parseArgs } from "node:util";
import { configuredDbOptions, openDb } from "../db/client";
import { listChains, verifyChain } from "../lib/audit";
import { anchorSignatureProblem, checkAgainstAnchor, configuredAnchorPublicKey, parseAnchor } from "../lib/audit/anchor";

// Recomputes every audit chain; exits 1 and names the first broken entry when one does not verify.
// With --anchor <file>: also checks the trail against chain heads exported earlier (audit:anchor).
const { values } = parseArgs({ options: { anchor: { type: "string" } } });
const handle = await openDb({ ...configuredDbOptions(), migrate: false });
let failed = false;
try {
  for (const chain of await listChains(handle.db)) {
    const r = await verifyChain(handle.db, chain);
    console.log(r.ok ? `✔ ${chain}: ${r.checked} bản ghi hợp lệ` : `✘ ${chain}: bản ghi #${r.firstBrokenId} — ${r.reason}`);
    failed ||= !r.ok;
  }
  if (values.anchor) {
    const anchor = parseAnchor(fs.readFileSync(values.anchor, "utf8"));
    const signature = await anchorSignatureProblem(anchor, configuredAnchorPublicKey());
    if (signature) console.log(`✘ mốc neo: ${signature}`);
    else console.log(`✔ mốc neo ${anchor.createdAt}${anchor.signature ? `: chữ ký ${anchor.signature.alg} hợp lệ` : " (không ký)"}`);
    const problems = await checkAgainstAnchor(handle.db, anchor.heads);
    for (const p of problems) console.log(`✘ ${p.chain}: ${p.message}`);
    if (!problems.length) console.log(`✔ ${anchor.heads.length} chuỗi khớp mốc neo`);
    failed ||= !!signature || problems.length > 0;
  }
} catch (e) {
  console.error(`✘ ${(e as Error).message}`);
  failed = true;
} finally {
  await handle.close();
}
process.exit(failed ? 1 : 0);

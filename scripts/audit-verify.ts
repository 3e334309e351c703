import { configuredDbOptions, openDb } from "../db/client";
import { listChains, verifyChain } from "../lib/audit";

// Recomputes every audit chain; exits 1 and names the first broken entry when one does not verify.
const handle = await openDb(configuredDbOptions());
let failed = false;
for (const chain of await listChains(handle.db)) {
  const r = await verifyChain(handle.db, chain);
  console.log(r.ok ? `✔ ${chain}: ${r.checked} bản ghi hợp lệ` : `✘ ${chain}: bản ghi #${r.firstBrokenId} — ${r.reason}`);
  failed ||= !r.ok;
}
await handle.close();
process.exit(failed ? 1 : 0);

import "server-only";
import { registerExchangeWorkers } from "@/lib/exchange/workers";
import { registerMailWorker } from "@/lib/notifications/mail-worker";
import { registerSweepWorker, scheduleSweeps } from "@/lib/monitoring/sweep";
import { startJobs, stopJobs } from "@/lib/jobs";

/** Starts the job runner in the server process, once, and stops it cleanly on SIGTERM/SIGINT. */
export async function startServerJobs() {
  await registerExchangeWorkers();
  // JOBS_POLL_MS: a shorter idle poll (tests of two installations use 200 ms); 1 s by default.
  const pollMs = Number(process.env.JOBS_POLL_MS) || undefined;
  // Theo dõi, đôn đốc: the daily reminder sweep of each agency and the e-mails of notices.
  registerSweepWorker();
  registerMailWorker();
  const runner = await startJobs({ onError: (e) => console.error("[jobs]", e), ...(pollMs ? { pollMs } : {}) });
  await scheduleSweeps(runner.db).catch((e) => console.error("[jobs] scheduling the reminder sweeps", e));
  const stop = () => void stopJobs({ timeoutMs: 10_000 });
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

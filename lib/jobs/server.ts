import "server-only";
import { registerExchangeWorkers } from "@/lib/exchange/workers";
import { startJobs, stopJobs } from "./index";

/** Starts the job runner in the server process, once, and stops it cleanly on SIGTERM/SIGINT. */
export async function startServerJobs() {
  await registerExchangeWorkers();
  await startJobs({ onError: (e) => console.error("[jobs]", e) });
  const stop = () => void stopJobs({ timeoutMs: 10_000 });
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

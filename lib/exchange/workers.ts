import "server-only";
import { registerAxisPoller, startAxisPolling, type AxisReceive } from "./axis-poll";
import { receiveMessage } from "./receive";
import { registerSendWorker } from "./send";

// The job runner's workers of liên thông, registered once per process (instrumentation.ts).
// Each part adds its own registration here: the outbox sender (send.ts), the axis poller (axis-poll.ts).
export async function registerExchangeWorkers() {
  // The outbox sender (send.ts): builds, signs and sends each queued message.
  registerSendWorker();

  // The transports register themselves with lib/exchange/transports (transportFor).
  await import("./transports/direct");
  await import("./transports/axis");

  // The axis poller hands each package to the same pipeline as the direct route (receive.ts).
  const receive: AxisReceive = (db, raw, meta) => receiveMessage(db, raw, meta);
  registerAxisPoller(receive);
  const { getDb } = await import("@/db/client");
  await startAxisPolling(await getDb());
}

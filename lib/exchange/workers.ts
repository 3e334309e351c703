import "server-only";
import { registerAxisPoller, startAxisPolling, type AxisReceive } from "./axis-poll";
import { registerSendWorker } from "./send";

// The job runner's workers of liên thông, registered once per process (instrumentation.ts).
// Each part adds its own registration here: the outbox sender (send.ts), the axis poller (axis-poll.ts).
export async function registerExchangeWorkers() {
  // The outbox sender (send.ts): builds, signs and sends each queued message.
  registerSendWorker();

  // The transports register themselves with lib/exchange/transports (transportFor).
  await import("./transports/direct");
  await import("./transports/axis");

  // The axis poller hands each package to the receive part (lib/exchange/receive.ts receiveMessage),
  // loaded when the first package arrives.
  const receive: AxisReceive = async (db, raw, meta) => {
    // @ts-ignore -- lib/exchange/receive.ts comes with the receive part (merged separately)
    const { receiveMessage } = await import("./receive");
    return receiveMessage(db, raw, meta);
  };
  registerAxisPoller(receive);
  const { getDb } = await import("@/db/client");
  await startAxisPolling(await getDb());
}

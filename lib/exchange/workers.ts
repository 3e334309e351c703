import "server-only";
import { registerSendWorker } from "./send";
// The transports register themselves when imported (lib/exchange/transports/index.ts).
import "./transports/direct";

// The job runner's workers of liên thông, registered once per process (instrumentation.ts).
// Each part adds its own registration here: the outbox sender (send.ts), the axis poller (axis-poll.ts).
export async function registerExchangeWorkers() {
  registerSendWorker();
}

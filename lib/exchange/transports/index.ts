import "server-only";
import type { Transport } from "../transport";

// The transports by name. The direct and axis transports register themselves here
// (lib/exchange/transports/direct.ts, axis.ts, imported by lib/exchange/workers.ts); tests may
// register a transport of their own under the same name.
const registry = new Map<Transport["name"], Transport>();

export function registerTransport(t: Transport) {
  registry.set(t.name, t);
}

export function transportFor(name: Transport["name"]): Transport {
  const t = registry.get(name);
  if (!t) throw new Error(`transport ${name} is not registered`);
  return t;
}

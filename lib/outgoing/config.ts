// INTERNAL_DELIVERY: how an issued document reaches the agency's own units and people.
// "direct" (default): straight into their inboxes, for information, since the Văn thư has already
// registered it in the outgoing register; "queue": as an arrival in the Văn thư's "Chờ tiếp nhận",
// registered and routed like any incoming document.
export type InternalDelivery = "direct" | "queue";

export function internalDelivery(): InternalDelivery {
  return process.env.INTERNAL_DELIVERY === "queue" ? "queue" : "direct";
}

import "server-only";
import type { Tx } from "@/db/client";
import type { ExchangeMessage } from "@/db/schema";
import type { EdxmlStatusMessage } from "@/lib/edxml";

/**
 * A status (01–06, 15, 16) that a receiving agency sent about a document we issued: called by the
 * receive pipeline (lib/exchange/receive.ts) in the transaction that stored `msg` (direction "in",
 * kind "status", state "received"). Links it to our outgoing document and recipient, writes the
 * trail, and reacts (15: sends the recall/update/replacement; 02 and 16: tells the clerk).
 * Owned by the send part (issue 13); the receive part only calls it.
 */
export async function applyInboundStatus(tx: Tx, msg: ExchangeMessage, status: EdxmlStatusMessage): Promise<void> {
  void tx;
  void msg;
  void status;
  throw new Error("applyInboundStatus: not built yet (send part of issue 13)");
}

import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

export const GENESIS_HASH = "0".repeat(64);

export interface ChainedFields {
  chain: string;
  at: Date;
  actorId: string | null;
  actorName: string;
  action: string;
  outcome: string;
  objectType: string;
  objectId: string;
  ip: string;
  payload: Record<string, unknown>;
}

/** Normalises a payload the way jsonb will give it back, so the hash survives the round trip. */
export function normalizePayload(payload: Record<string, unknown> | undefined): Record<string, unknown> {
  return payload ? (JSON.parse(JSON.stringify(payload)) as Record<string, unknown>) : {};
}

// hash = sha256(prev_hash ‖ RFC 8785 canonical JSON of the entry) (security.md §4).
export function entryHash(prevHash: string, e: ChainedFields): string {
  const body = canonicalize({
    chain: e.chain,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    outcome: e.outcome,
    objectType: e.objectType,
    objectId: e.objectId,
    ip: e.ip,
    payload: e.payload,
  });
  return createHash("sha256").update(prevHash).update("\n").update(body ?? "").digest("hex");
}

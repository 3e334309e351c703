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

/** The RFC 8785 canonical JSON of an entry: what is hashed after the previous hash. */
export function entryBody(e: ChainedFields): string {
  return canonicalize({
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
  }) ?? "";
}

// hash = sha256(prev_hash ‖ "\n" ‖ RFC 8785 canonical JSON of the entry) (security.md §4). appendAudit
// computes the same in SQL (sha256 of the UTF-8 bytes), under the chain head's lock.
export function entryHash(prevHash: string, e: ChainedFields): string {
  return createHash("sha256").update(prevHash).update("\n").update(entryBody(e)).digest("hex");
}

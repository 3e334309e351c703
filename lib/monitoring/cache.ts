import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";

// Issue 12: the dashboard's figures and the overseers' Quá hạn counts are kept under the agency's data version
// (lib/cache/data-version.ts) per reader: `readerKey` names what a reader's readable set depends on.

/**
 * What the readable set of incoming documents depends on, as a cache key part: the agency (and the kinds
 * of position held) for its clerks and leaders, else the person and their positions; null (do not keep) for a reader whose set also
 * depends on the archive's hand-overs, which do not move the version.
 */
export function readerKey(actor: Actor): string | null {
  // The kinds of position held are part of the key: a rule that narrows a reader by a kind they also hold
  // (whatever it is) never hands them figures computed for another combination.
  const kinds = [...new Set(actor.positions.map((p) => p.kind))].sort().join(",");
  if (can(actor, "documents.readAgency")) return `agency:${actor.agencyId}:${kinds}`;
  if (can(actor, "files.accept")) return null;
  return `user:${actor.agencyId}:${actor.userId}:${actor.positions.map((p) => p.id).sort().join(",")}`;
}

